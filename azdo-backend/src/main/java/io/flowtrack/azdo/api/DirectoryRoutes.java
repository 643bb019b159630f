package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.Membership;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.extract.DirectoryClient;
import io.flowtrack.azdo.extract.DirectoryClient.Entry;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.sync.ProjectSync;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pages list with the organization's stored credential, so the extension keeps its one scope
 * ({@code vso.work}): both lists come from APIs that declare {@code vso.project} (docs/security.md, "Listing projects
 * and teams").
 * <ul>
 * <li>{@code GET /api/v1/orgs/{org}/projects/{project}/teams}: the project's teams (id and name), for any member
 * who may read the project (the same check as the report: app token, then the user's own access token asked of the
 * organization);</li>
 * <li>{@code GET /api/v1/orgs/{org}/projects}: the organization's projects (id and name), for organization
 * administrators only (the admin routes' check).</li>
 * </ul>
 * Both are audited; neither answers anything but ids and names.
 */
public final class DirectoryRoutes {
    /** The organization's projects and teams, as its stored credential may read them. */
    public interface Directory {
        List<Entry> projects(Organization organization) throws AzdoException, InterruptedException;

        List<Entry> teams(Organization organization, String projectId) throws AzdoException, InterruptedException;
    }

    private final OrganizationStore organizations;
    private final Directory directory;
    private final AuditLog audit;

    /** The routes' checks are declared with them ({@link Access}) and made by the {@link AccessGate}. */
    public DirectoryRoutes(OrganizationStore organizations, Directory directory, AuditLog audit) {
        this.organizations = Objects.requireNonNull(organizations);
        this.directory = Objects.requireNonNull(directory);
        this.audit = Objects.requireNonNull(audit);
    }

    /**
     * The directory of the stored credentials: each call loads the organization's credential and asks
     * {@link DirectoryClient} with it, at the organization's stored URL.
     */
    public static Directory withStoredCredential(CredentialStore credentials, ProjectSync.CredentialAdapter adapter,
                                                 RetryPolicy retries, HttpClient http, Duration timeout) {
        Objects.requireNonNull(credentials);
        Objects.requireNonNull(adapter);
        Objects.requireNonNull(retries);
        Objects.requireNonNull(http);
        Objects.requireNonNull(timeout);
        return new Directory() {
            private DirectoryClient client(Organization organization) {
                Credential credential = credentials.load(organization.id()).orElseThrow(() -> new ApiException(404,
                        "organization_not_connected", "this organization has no credential; an administrator connects"
                        + " it"));
                return new DirectoryClient(URI.create(organization.baseUrl()), adapter.adapt(credential), retries, http,
                        timeout);
            }

            @Override
            public List<Entry> projects(Organization organization) throws AzdoException, InterruptedException {
                return client(organization).projects();
            }

            @Override
            public List<Entry> teams(Organization organization, String projectId)
                    throws AzdoException, InterruptedException {
                return client(organization).teams(projectId);
            }
        };
    }

    /** The routes, registered by App next to the admin routes. */
    public List<AdminRoutes.Route> routes() {
        return List.of(
                new AdminRoutes.Route(HandlerType.GET, "/api/v1/orgs/{org}/projects/{project}/teams", Access.MEMBER,
                        this::teams),
                new AdminRoutes.Route(HandlerType.GET, "/api/v1/orgs/{org}/projects", Access.ADMIN, this::projects));
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/teams}: {@code {"teams": [{"id", "name"}]}}. */
    public void teams(Context ctx) throws InterruptedException {
        ApiAuth.Authorized authorized = AccessGate.member(ctx);
        Membership member = authorized.membership();
        List<Entry> teams;
        try {
            teams = directory.teams(authorized.organization(), member.projectId());
        } catch (AzdoException e) {
            throw failure(e, "the project's teams");
        }
        audit.append(member.orgId(), member.userId(), "teams.read", member.projectId(), "teams=" + teams.size());
        ctx.json(Map.of("teams", entries(teams)));
    }

    /** {@code GET /api/v1/orgs/{org}/projects} (organization administrators): {@code {"projects": [{"id", "name"}]}}. */
    public void projects(Context ctx) throws InterruptedException {
        AdminVerifier.Grant grant = AccessGate.admin(ctx);
        if (!ctx.queryParamMap().isEmpty()) {
            throw ApiException.badRequest("this route takes no query parameters");
        }
        Organization organization = organizations.get(grant.orgId()).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization was disconnected from FlowTrack"));
        List<Entry> projects;
        try {
            projects = directory.projects(organization);
        } catch (AzdoException e) {
            throw failure(e, "the organization's projects");
        }
        audit.append(grant.orgId(), grant.userId(), "projects.read", "organization", "projects=" + projects.size());
        ctx.json(Map.of("projects", entries(projects)));
    }

    private static List<Map<String, String>> entries(List<Entry> list) {
        List<Map<String, String>> out = new ArrayList<>(list.size());
        for (Entry e : list) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("name", e.name());
            out.add(row);
        }
        return out;
    }

    private static ApiException failure(AzdoException e, String what) {
        if (e instanceof CredentialRejectedException) {
            return new ApiException(502, "credential_rejected", "Azure DevOps rejected the organization's stored"
                    + " credential (HTTP " + e.status() + ") when FlowTrack asked for " + what
                    + "; an administrator connects the organization again");
        }
        if (e.status() == 404) {
            return ApiException.notFound(what + ": no such project in this organization");
        }
        return new ApiException(502, "azure_devops_unavailable", "Azure DevOps did not give " + what + " right now"
                + " (HTTP " + e.status() + "); try again");
    }
}
