package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One scheduler round syncs every enabled project of every working connection, and skips the rest. */
class SyncSchedulerTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    @Test
    void aRoundSyncsEnabledProjectsOfWorkingConnectionsOnly() throws Exception {
        Database db = DBS.get(TestDatabases.Kind.H2);
        OrganizationStore organizations = new OrganizationStore(db);
        CredentialStore credentials = new CredentialStore(db, new CredentialCipher(List.of(new DataKey("k1",
                new Secret(Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes()))))));
        RevisionStore revisions = new RevisionStore(db);
        ProjectStore projects = new ProjectStore(db);
        FakeTime time = new FakeTime();
        Instant created = Instant.parse("2025-03-01T09:00:00Z");
        try (FakeAzureDevOps azdo = FakeAzureDevOps.start().acceptPat("pat-0001")) {
            azdo.setStates("p-on", "Bug", Map.of("New", "Proposed", "Active", "InProgress"));
            azdo.setStates("p-off", "Bug", Map.of("New", "Proposed", "Active", "InProgress"));
            azdo.addRevisions("p-on", List.of(new WorkItemRevision(1, 1, "Bug", "New", "On", created, created, null, Map.of(), false)));
            azdo.addRevisions("p-off", List.of(new WorkItemRevision(2, 1, "Bug", "New", "Off", created, created, null, Map.of(), false)));
            OrgId working = new OrgId(UUID.randomUUID().toString());
            OrgId rejected = new OrgId(UUID.randomUUID().toString());
            for (OrgId org : List.of(working, rejected)) {
                organizations.upsert(org, "fabrikam", azdo.organizationUrl().toString());
                credentials.save(org, new Credential.Pat(new Secret("pat-0001")), "admin");
                projects.upsert(org, new Project("p-on", "On", true));
                projects.upsert(org, new Project("p-off", "Off", false));
            }
            organizations.updateStatus(working, Organization.Status.CONNECTED, null);
            organizations.updateStatus(rejected, Organization.Status.CREDENTIAL_REJECTED, "revoked");
            ProjectSync sync = new ProjectSync(new ProjectSync.Stores(organizations, credentials, revisions,
                    new StateCategoryStore(db), new SyncLease(db), new AuditLog(db), null),
                    (url, creds, personal) -> new AzdoClient(url, creds, time.policy(), AzdoClient.defaultHttpClient(),
                            personal, Duration.ofSeconds(5)),
                    stored -> AzdoCredentials.pat(((Credential.Pat) stored).token().reveal()),
                    new ProjectSync.Settings(100, "instance-a", Duration.ofMinutes(5), time));
            try (SyncScheduler scheduler = new SyncScheduler(organizations, projects, sync)) {
                scheduler.runOnce();
            }
            assertThat(revisions.count(working, "p-on")).isEqualTo(1);
            assertThat(revisions.count(working, "p-off")).as("disabled project").isZero();
            assertThat(revisions.count(rejected, "p-on")).as("stopped connection").isZero();
            assertThat(azdo.revisionRequests()).hasSize(1);
        }
    }
}
