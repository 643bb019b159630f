package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What the sync tests share: a fresh organization on a test database (H2 or PostgreSQL), connected to a fake Azure
 * DevOps with a personal access token stored encrypted, and the stores a sync reads and writes. Each test adds its
 * own lease, audit log, configuration store and settings when it builds a sync ({@link #sync}).
 */
class ConnectedOrganization {
    static final String PROJECT = "Fabrikam Fiber";
    static final List<DataKey> KEYS = List.of(new DataKey("k1",
            new Secret(Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes()))));

    final OrgId org = new OrgId(UUID.randomUUID().toString());
    final Database db;
    final OrganizationStore organizations;
    final CredentialStore credentials;
    final RevisionStore revisions;
    final StateCategoryStore categories;

    /** Connects a new organization at {@code azdo}'s URL with {@code pat} (which the fake must accept). */
    ConnectedOrganization(Database db, FakeAzureDevOps azdo, String pat) throws Exception {
        this.db = db;
        organizations = new OrganizationStore(db);
        credentials = new CredentialStore(db, new CredentialCipher(KEYS));
        revisions = new RevisionStore(db);
        categories = new StateCategoryStore(db);
        organizations.upsert(org, "fabrikam", azdo.organizationUrl().toString());
        organizations.updateStatus(org, Organization.Status.CONNECTED, null);
        credentials.save(org, new Credential.Pat(new Secret(pat)), "admin@fabrikam");
    }

    /**
     * A sync of these stores against the fake, its requests retried by {@code policy} (5 s each), the stored PAT
     * used as it is.
     *
     * @param configs the projects' configurations (their blocked sources), or null for none
     */
    ProjectSync sync(SyncLease lease, AuditLog audit, ProjectConfigStore configs, RetryPolicy policy,
                     ProjectSync.Settings settings) {
        return new ProjectSync(new ProjectSync.Stores(organizations, credentials, revisions, categories, lease, audit,
                configs),
                (url, creds, allowed) -> new AzdoClient(url, creds, policy, AzdoClient.defaultHttpClient(), allowed,
                        Duration.ofSeconds(5)),
                stored -> AzdoCredentials.pat(((Credential.Pat) stored).token().reveal()), settings);
    }
}
