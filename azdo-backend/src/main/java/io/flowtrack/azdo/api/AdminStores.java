package io.flowtrack.azdo.api;

import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.ExtendedFieldStore;
import io.flowtrack.azdo.store.OrganizationEraser;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.SyncLease;
import java.util.Objects;

/**
 * The stores the admin routes read and write, all on one database (whose transactions make a route's writes all or
 * nothing). Passed in, so the routes make none of their own.
 */
public record AdminStores(Database database, OrganizationStore organizations, CredentialStore credentials,
                          ProjectStore projects, ProjectConfigStore configs, RevisionStore revisions,
                          ExtendedFieldStore extendedFields, AuditLog audit, SyncLease leases,
                          OrganizationEraser eraser) {
    public AdminStores {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(revisions, "revisions");
        Objects.requireNonNull(extendedFields, "extendedFields");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(eraser, "eraser");
    }
}
