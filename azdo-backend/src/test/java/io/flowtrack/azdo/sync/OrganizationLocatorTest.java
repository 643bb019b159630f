package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.TestDatabases;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A renamed organization keeps working: its URL is looked up by its host id and the stored one replaced. */
class OrganizationLocatorTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    FakeAzureDevOps azdo;
    OrganizationStore organizations;
    AuditLog audit;
    OrgId org;
    FakeTime time = new FakeTime();
    URI base;

    @BeforeEach
    void start() throws Exception {
        // A fresh organization id per test: the database is shared by the class.
        azdo = FakeAzureDevOps.start().instanceId(java.util.UUID.randomUUID().toString());
        Database db = DBS.get(TestDatabases.Kind.H2);
        organizations = new OrganizationStore(db);
        audit = new AuditLog(db);
        org = new OrgId(azdo.instanceId());
        base = URI.create(azdo.organizationUrl().toString().replace("/" + FakeAzureDevOps.ORGANIZATION, ""));
        // Connected as "oldname"; the organization has since been renamed to fabrikam.
        organizations.upsert(org, "oldname", base + "/oldname");
        organizations.updateStatus(org, Organization.Status.CONNECTED, null);
    }

    @AfterEach
    void stop() {
        azdo.close();
    }

    OrganizationLocator locator() {
        return new OrganizationLocator(base, AzdoClient.defaultHttpClient(), organizations, audit, time);
    }

    @Test
    void aRenamedOrganizationsUrlAndNameAreUpdatedFromItsHostIdAndTheMoveAudited() {
        OrganizationLocator locator = locator();
        locator.refresh(organizations.get(org).orElseThrow());
        Organization moved = organizations.get(org).orElseThrow();
        assertThat(moved.name()).isEqualTo("fabrikam");
        assertThat(moved.baseUrl()).isEqualTo(azdo.organizationUrl().toString());
        assertThat(moved.status()).isEqualTo(Organization.Status.CONNECTED);
        assertThat(audit.list(org, 10, null)).extracting(AuditEntry::action).containsExactly("organization.moved");
        assertThat(azdo.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/_apis/resourceAreas/" + OrganizationLocator.CORE_AREA_ID);
            assertThat(r.query()).containsEntry("hostId", org.value());
            assertThat(r.header("Authorization")).isNull(); // no credential leaves for this lookup
        });
        // Looked up at most once per interval.
        int asked = azdo.requests().size();
        locator.refresh(organizations.get(org).orElseThrow());
        assertThat(azdo.requests()).hasSize(asked);
        time.advance(OrganizationLocator.MIN_INTERVAL.plus(Duration.ofSeconds(1)));
        locator.refresh(organizations.get(org).orElseThrow());
        assertThat(azdo.requests()).hasSize(asked + 1);
        assertThat(audit.list(org, 10, null)).hasSize(1); // unchanged: no second move
    }

    @Test
    void aLocationOnAnotherHostOrAFailedLookupKeepsTheStoredUrl() {
        azdo.locationUrl("https://evil.example/fabrikam/");
        locator().refresh(organizations.get(org).orElseThrow());
        assertThat(organizations.get(org).orElseThrow().baseUrl()).isEqualTo(base + "/oldname");
        azdo.locationUrl(base + "/not a name/");
        locator().refresh(organizations.get(org).orElseThrow());
        azdo.instanceId("00000000-0000-4000-8000-0000000000ff"); // the lookup answers 404 for our host id
        locator().refresh(organizations.get(org).orElseThrow());
        assertThat(organizations.get(org).orElseThrow().baseUrl()).isEqualTo(base + "/oldname");
        assertThat(audit.list(org, 10, null)).isEmpty();
        OrganizationLocator.off().refresh(organizations.get(org).orElseThrow());
    }
}
