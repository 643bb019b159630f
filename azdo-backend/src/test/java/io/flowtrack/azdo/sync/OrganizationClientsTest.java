package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeAzureDevOps.Fault;
import io.flowtrack.azdo.fake.FakeTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One throttled organization must not slow another one down: each organization has a retry policy of its own. */
class OrganizationClientsTest {
    private static final String PAT = "pat-for-clients-test-0001";

    @Test
    void aRetryAfterSentToOneOrganizationDelaysOnlyThatOrganizationsNextCall() throws Exception {
        FakeTime time = new FakeTime();
        try (FakeAzureDevOps throttled = FakeAzureDevOps.start().acceptPat(PAT);
             FakeAzureDevOps calm = FakeAzureDevOps.start().acceptPat(PAT)) {
            OrganizationClients clients = new OrganizationClients(time::policy, AzdoClient.defaultHttpClient(),
                    Duration.ofSeconds(5));
            throttled.enqueueFault(Fault.retryAfterOnOk("30"));
            clients.create(throttled.organizationUrl(), AzdoCredentials.pat(PAT), FieldSelection.NONE).revisions("P", null, 10);
            assertThat(time.sleeps()).isEmpty();

            clients.create(calm.organizationUrl(), AzdoCredentials.pat(PAT), FieldSelection.NONE).revisions("P", null, 10);
            assertThat(time.sleeps()).as("the calm organization does not wait for the throttled one").isEmpty();

            // The throttled organization's next client (its next sync) still honours the Retry-After.
            clients.create(throttled.organizationUrl(), AzdoCredentials.pat(PAT), FieldSelection.NONE).revisions("P", null, 10);
            assertThat(time.sleeps()).isEqualTo(List.of(Duration.ofSeconds(30)));
        }
    }

    @Test
    void oneOrganizationKeepsOnePolicyWhateverTheSpellingOfItsUrl() {
        OrganizationClients clients = new OrganizationClients(() -> new FakeTime().policy(),
                AzdoClient.defaultHttpClient(), Duration.ofSeconds(5));
        assertThat(clients.policyOf(URI.create("https://dev.azure.com/Fabrikam/")))
                .isSameAs(clients.policyOf(URI.create("https://dev.azure.com/fabrikam")))
                .isNotSameAs(clients.policyOf(URI.create("https://dev.azure.com/contoso")));
    }
}
