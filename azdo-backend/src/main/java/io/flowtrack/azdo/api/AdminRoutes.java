package io.flowtrack.azdo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.AppTokenClaims;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.report.HistoryAssembler;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.ExtendedFieldStore;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationEraser;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.Watermark;
import io.flowtrack.azdo.sync.ProjectSync;
import io.flowtrack.azdo.sync.SyncNow;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an organization administrator may do: connect (or re-connect) the organization, sync a project now, write
 * a project's flow configuration, read the connection and the audit log. Each route declares its {@link Access}
 * where it is listed ({@link #routes()}); the {@link AccessGate} checks it before the handler runs and hands the
 * handler the verified admin. Requests are read by {@link AdminRequests} and {@link ConnectRequest}, answers are
 * {@link AdminResponses}; every handler writes who did what to the audit log. Secrets never appear in an answer,
 * a log line or the audit log.
 */
public final class AdminRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    /** One admin route and the access it declares. */
    public record Route(HandlerType method, String path, Access access, Handler handler) {
        public Route {
            Objects.requireNonNull(access, "a route declares its access");
        }

        /** A route for a verified administrator of the path's connected organization. */
        static Route admin(HandlerType method, String path, AdminHandler handler) {
            return new Route(method, path, Access.ADMIN, ctx -> handler.handle(ctx, AccessGate.admin(ctx)));
        }
    }

    /** A handler that runs only for a verified administrator, and is given the grant. */
    @FunctionalInterface
    interface AdminHandler {
        void handle(Context ctx, AdminVerifier.Grant admin) throws Exception;
    }

    /**
     * What the routes need besides the stores and the checks.
     *
     * @param azdoBaseUrl  where organizations live ({@code https://dev.azure.com}); an organization's URL is this plus
     *                     its validated name, never a URL from the browser
     * @param json         the API's JSON mapper
     * @param clock        "now" of the sync status
     * @param pollInterval the schedulers' poll interval, shown in the sync status (null in demo mode: none runs)
     */
    public record Settings(URI azdoBaseUrl, ObjectMapper json, Clock clock, Duration pollInterval) {
        public Settings {
            Objects.requireNonNull(azdoBaseUrl, "azdoBaseUrl");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final AdminStores stores;
    private final AdminCheck check;
    private final ProjectSync sync;
    private final SyncNow syncNow;
    private final Settings settings;
    private final Consumer<OrgId> onErase;

    /**
     * @param check   the admin check (the gate's, and the connect route's with the body's credential)
     * @param syncNow runs "sync now" (its pool is closed with these routes)
     * @param onErase told after an organization was disconnected or switched its titles and assignees off (to drop
     *                what is cached of it)
     */
    public AdminRoutes(AdminStores stores, AdminCheck check, ProjectSync sync, SyncNow syncNow, Settings settings,
                       Consumer<OrgId> onErase) {
        this.stores = Objects.requireNonNull(stores);
        this.check = Objects.requireNonNull(check);
        this.sync = Objects.requireNonNull(sync);
        this.syncNow = Objects.requireNonNull(syncNow);
        this.settings = Objects.requireNonNull(settings);
        this.onErase = Objects.requireNonNull(onErase);
    }

    /** The admin check the {@link AccessGate} asks for {@link Access#ADMIN} routes. */
    public AdminCheck check() {
        return check;
    }

    /** Every admin route with its access, in the order App registers them (a test walks them all as a non-admin). */
    public List<Route> routes() {
        String org = "/api/v1/orgs/{org}";
        String project = org + "/projects/{project}";
        return List.of(
                new Route(HandlerType.PUT, org + "/connection", Access.CONNECTING_ADMIN,
                        ctx -> putConnection(ctx, AccessGate.caller(ctx))),
                Route.admin(HandlerType.GET, org + "/connection", this::getConnection),
                Route.admin(HandlerType.DELETE, org + "/connection", this::deleteConnection),
                Route.admin(HandlerType.PUT, org + "/personal-fields", this::putPersonalFields),
                Route.admin(HandlerType.GET, org + "/sync-status", this::syncStatus),
                Route.admin(HandlerType.POST, project + "/sync", this::syncNow),
                Route.admin(HandlerType.GET, project + "/workflow-draft", this::workflowDraft),
                Route.admin(HandlerType.PUT, project + "/config", this::putConfig),
                Route.admin(HandlerType.GET, org + "/audit", this::audit),
                Route.admin(HandlerType.GET, org + "/fields", this::getFields),
                Route.admin(HandlerType.PUT, org + "/fields", this::putFields));
    }

    /**
     * {@code PUT /api/v1/orgs/{org}/connection}: connect or re-connect the organization. The caller's app token is
     * verified by the gate; that the caller administers the organization is asked with the body's credential.
     */
    void putConnection(Context ctx, AppTokenClaims claims) {
        OrgId org = ApiAuth.orgId(ctx);
        ConnectRequest request = ConnectRequest.parse(AdminRequests.body(ctx));
        URI orgUrl = AdminRequests.organizationUrl(settings.azdoBaseUrl(), request.organizationName());
        AdminVerifier.Grant admin = check.authorizeConnecting(ctx, claims, org, orgUrl, request);
        List<Project> enabled = new ArrayList<>();
        for (int i = 0; i < request.projectIds().size(); i++) {
            String id = request.projectIds().get(i);
            int index = i;
            enabled.add(new Project(id, check.projectName(ctx, orgUrl, id).orElseThrow(() -> ApiException.badRequest(
                    "projects[" + index + "]: no such project in this organization, or you cannot read it")), true));
        }
        if (!enabled.isEmpty()) {
            probe(orgUrl, request, enabled.get(0).projectId());
        }
        // Everything is validated: now write, all or nothing.
        stores.database().inTransaction(c -> {
            stores.organizations().upsert(org, request.organizationName(), orgUrl.toString());
            stores.credentials().save(org, request.credential(), admin.userId());
            stores.organizations().updateStatus(org, Organization.Status.CONNECTED, null);
            stores.organizations().setPersonalFields(org, request.includeTitleAndAssignee());
            if (!request.includeTitleAndAssignee()) {
                stores.revisions().forgetPersonalFields(org);
            }
            for (Project p : enabled) {
                stores.projects().upsert(org, p);
            }
            stores.audit().append(org, admin.userId(), "connection.write", "organization", "name="
                    + request.organizationName() + " kind=" + request.credential().kind() + " projects="
                    + request.projectIds() + " titleAndAssignee=" + request.includeTitleAndAssignee());
            return null;
        });
        if (!request.includeTitleAndAssignee()) {
            titlesErased(org);
        }
        ctx.json(connection(org));
    }

    /** Tries the credential on the first project, so a wrong token is refused now rather than at the first sync. */
    private void probe(URI orgUrl, ConnectRequest request, String projectId) {
        try {
            sync.probe(orgUrl, request.credential(), projectId);
        } catch (CredentialRejectedException e) {
            throw new ApiException(400, "credential_rejected", "Azure DevOps rejected this credential (HTTP "
                    + e.status() + "): check that it is valid, belongs to this organization and can read work items");
        } catch (AzdoException e) {
            throw new ApiException(502, "azure_devops_unavailable", "Azure DevOps could not check the credential"
                    + " right now (HTTP " + e.status() + "); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "the service is shutting down; try again");
        }
    }

    /**
     * {@code DELETE /api/v1/orgs/{org}/connection[?purge=true]}: disconnect the organization. Syncing stops and its
     * credential, revisions, watermarks, projects, configurations and state categories are deleted in one
     * transaction; the audit log keeps its entries (the organization's record) unless {@code purge=true}, and gets
     * one more: who disconnected, when, and what was deleted.
     */
    void deleteConnection(Context ctx, AdminVerifier.Grant admin) {
        boolean purge = AdminRequests.purge(ctx);
        OrganizationEraser.Erased erased = stores.database().inTransaction(c -> {
            OrganizationEraser.Erased done = stores.eraser().erase(admin.orgId(), purge).orElseThrow(() ->
                    new ApiException(404, "organization_not_connected", "this organization is not connected to"
                            + " FlowTrack"));
            stores.audit().append(admin.orgId(), admin.userId(), "connection.delete", "organization", "purge=" + purge
                    + " revisions=" + done.rows("revision") + " projects=" + done.rows("project")
                    + " auditEntries=" + done.rows(OrganizationEraser.AUDIT_TABLE));
            return done;
        });
        onErase.accept(admin.orgId());
        stores.database().reclaim(OrganizationEraser.TABLES); // the deleted rows' bytes too
        LOG.info("organization {} disconnected by an admin (purge={})", admin.orgId(), purge);
        ctx.json(new AdminResponses.Disconnected(admin.orgId().value(), "disconnected", purge,
                new AdminResponses.Deleted(erased.rows("revision"), erased.rows("project"),
                        erased.rows("project_config"), erased.rows("credential") > 0,
                        erased.rows(OrganizationEraser.AUDIT_TABLE))));
    }

    /** {@code GET /api/v1/orgs/{org}/connection}: kind, key id, who updated it when, status; never the secret. */
    void getConnection(Context ctx, AdminVerifier.Grant admin) {
        stores.audit().append(admin.orgId(), admin.userId(), "connection.read", "organization", null);
        ctx.json(connection(admin.orgId()));
    }

    /** {@code POST /api/v1/orgs/{org}/projects/{project}/sync}: sync the project now. */
    void syncNow(Context ctx, AdminVerifier.Grant admin) throws InterruptedException {
        String project = AdminRequests.projectId(ctx);
        Project known = stores.projects().get(admin.orgId(), project).filter(Project::enabled).orElseThrow(() ->
                ApiException.notFound("the project is not enabled in FlowTrack; enable it when connecting the"
                        + " organization or by writing its configuration"));
        SyncNow.Answer answer = syncNow.run(admin.orgId(), known.projectId());
        Object body;
        String outcome;
        if (answer instanceof SyncNow.Finished finished) {
            ProjectSync.Result result = finished.result();
            outcome = result.outcome().name().toLowerCase(Locale.ROOT);
            body = new AdminResponses.SyncFinished(outcome, result.pages(), result.revisions(), result.detail());
            // BUSY and LEASE_LOST: another run has (or took) the project; SOURCE_CHANGED: a configuration change
            // restarted it; anything else is Azure DevOps' side.
            ctx.status(result.outcome() == ProjectSync.Outcome.SYNCED ? 200
                    : result.outcome() == ProjectSync.Outcome.BUSY || result.outcome() == ProjectSync.Outcome.LEASE_LOST
                    || result.outcome() == ProjectSync.Outcome.SOURCE_CHANGED ? 409 : 502);
        } else if (answer instanceof SyncNow.StillRunning) {
            outcome = "running";
            body = new AdminResponses.SyncPending(outcome, "the sync goes on in the background; its status shows"
                    + " when it is done");
            ctx.status(202);
        } else {
            Throwable cause = ((SyncNow.Failed) answer).cause();
            LOG.error("sync now of organization {} project {} failed: {}", admin.orgId(), project,
                    cause == null ? "?" : cause.getClass().getName());
            outcome = "failed";
            body = new AdminResponses.SyncPending(outcome, "the sync failed on our side; the next scheduled sync"
                    + " tries again");
            ctx.status(500);
        }
        stores.audit().append(admin.orgId(), admin.userId(), "sync.run", project, "outcome=" + outcome);
        ctx.json(body);
    }

    /** {@code PUT /api/v1/orgs/{org}/projects/{project}/config}: store a validated flow configuration. */
    void putConfig(Context ctx, AdminVerifier.Grant admin) {
        String project = AdminRequests.projectId(ctx);
        ProjectFlowConfig config = AdminRequests.flowConfig(ctx);
        io.flowtrack.azdo.model.BlockedSource blocked = config.blocked();
        // Stored as read: the blocked source written out (none, field, or tag with its name), which the sync reads;
        // the calendar as the engine reads it (full weekday names in week order, dates ascending).
        Map<String, Object> written = FlowConfigJson.write(config);
        Project known = stores.projects().get(admin.orgId(), project).orElse(null);
        if (known == null) {
            Organization organization = stores.organizations().get(admin.orgId()).orElseThrow();
            String name = check.projectName(ctx, URI.create(organization.baseUrl()), project).orElseThrow(() ->
                    ApiException.notFound("no such project in this organization, or you cannot read it"));
            known = new Project(project, name, true);
        }
        String stored;
        try {
            stored = settings.json().writeValueAsString(written);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the flow configuration cannot be written as JSON", e);
        }
        Project enabled = new Project(known.projectId(), known.name(), true);
        stores.database().inTransaction(c -> { // the config write locks the organization: no project row after a disconnect
            // A changed blocked source forgets the stored blocked flags and resets the watermark (a full re-read).
            stores.configs().put(admin.orgId(), project, stored, admin.userId(), blocked);
            stores.projects().upsert(admin.orgId(), enabled);
            stores.audit().append(admin.orgId(), admin.userId(), "config.write", project, stored);
            return null;
        });
        ctx.json(written);
    }

    /**
     * {@code PUT /api/v1/orgs/{org}/personal-fields} {@code {"includeTitleAndAssignee": bool}}: switch extracting
     * titles and assignees on or off. Off forgets the ones stored, in the same transaction.
     */
    void putPersonalFields(Context ctx, AdminVerifier.Grant admin) {
        boolean on = AdminRequests.personalFields(settings.json(), ctx);
        stores.database().inTransaction(c -> {
            stores.organizations().setPersonalFields(admin.orgId(), on);
            if (!on) {
                stores.revisions().forgetPersonalFields(admin.orgId());
            }
            stores.audit().append(admin.orgId(), admin.userId(), "personal-fields.write", "organization",
                    "titleAndAssignee=" + on);
            return null;
        });
        if (!on) {
            titlesErased(admin.orgId());
        }
        ctx.json(new AdminResponses.PersonalFields(on));
    }

    /**
     * {@code GET /api/v1/orgs/{org}/sync-status}: per enabled project, the last sync (when, how, what went wrong in
     * words), revisions loaded so far, whether a sync runs now (another read during a first sync shows its
     * progress), and when the scheduler runs it next.
     */
    void syncStatus(Context ctx, AdminVerifier.Grant admin) {
        OrgId org = admin.orgId();
        Organization organization = stores.organizations().get(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization was disconnected from FlowTrack"));
        Instant now = settings.clock().instant();
        Duration poll = settings.pollInterval();
        List<AdminResponses.ProjectSyncStatus> rows = new ArrayList<>();
        for (Project p : stores.projects().list(org)) {
            Watermark w = stores.revisions().watermark(org, p.projectId());
            boolean running = stores.leases().holder(org, p.projectId())
                    .filter(l -> l.expiresAt().isAfter(now)).isPresent();
            rows.add(new AdminResponses.ProjectSyncStatus(p.projectId(), p.name(), p.enabled(), running,
                    w.lastSyncAt() == null ? null : w.lastSyncAt().toString(), w.lastSyncStatus(), w.lastSyncDetail(),
                    w.rowsLoaded(), stores.revisions().count(org, p.projectId()), poll == null || !p.enabled() ? null
                    : (w.lastSyncAt() == null ? now : w.lastSyncAt().plus(poll)).toString()));
        }
        ctx.json(new AdminResponses.SyncStatus(new AdminResponses.OrganizationStatus(organization.name(),
                organization.status().name().toLowerCase(Locale.ROOT),
                organization.statusDetail() == null ? "" : organization.statusDetail()),
                stores.organizations().personalFields(org), poll == null ? null : poll.toString(), rows,
                now.toString()));
    }

    /**
     * {@code GET /api/v1/orgs/{org}/projects/{project}/workflow-draft}: the project's work item types with their
     * states and categories, read now with the organization's credential, a configuration drafted from them (one
     * stage per category, in the categories' order), whether the process has the CMMI Blocked field (null when
     * Azure DevOps' type list did not say), and the stored configuration, if any.
     */
    void workflowDraft(Context ctx, AdminVerifier.Grant admin) throws InterruptedException {
        String project = AdminRequests.projectId(ctx);
        Organization organization = stores.organizations().get(admin.orgId()).orElseThrow();
        List<StateCategory> states;
        Boolean blockedField;
        try {
            AzdoClient.ProjectTypes read = sync.projectTypes(URI.create(organization.baseUrl()),
                    stores.credentials().load(admin.orgId()).orElseThrow(), project, BlockedSource.FIELD);
            states = read.states();
            blockedField = read.anyHasField();
        } catch (CredentialRejectedException e) {
            throw new ApiException(502, "credential_rejected", "Azure DevOps rejected the stored credential (HTTP "
                    + e.status() + "); connect the organization again");
        } catch (AzdoException e) {
            throw new ApiException(e.status() == 404 ? 404 : 502, "azure_devops_unavailable",
                    "the work item types of this project could not be read (HTTP " + e.status() + ")");
        }
        Map<String, List<AdminResponses.StateInfo>> types = new LinkedHashMap<>();
        for (StateCategory sc : states) {
            types.computeIfAbsent(sc.workItemType(), t -> new ArrayList<>())
                    .add(new AdminResponses.StateInfo(sc.state(), sc.category()));
        }
        List<AdminResponses.TypeStates> typeList = new ArrayList<>();
        types.forEach((name, list) -> typeList.add(new AdminResponses.TypeStates(name, list)));
        AdminResponses.WorkflowDraft body = new AdminResponses.WorkflowDraft(typeList, blockedField,
                states.isEmpty() ? null : FlowConfigJson.of(HistoryAssembler.defaultWorkflow(states), null),
                stores.configs().get(admin.orgId(), project).map(stored -> {
                    try {
                        return settings.json().readTree(stored.json());
                    } catch (JsonProcessingException e) {
                        return null;
                    }
                }).orElse(null));
        stores.audit().append(admin.orgId(), admin.userId(), "workflow.read", project, null);
        ctx.json(body);
    }

    /**
     * {@code GET /api/v1/orgs/{org}/fields}: the extended fields (System.Tags, fields such as Custom.Risk) turned on
     * for the organization, and whether titles are kept.
     */
    void getFields(Context ctx, AdminVerifier.Grant admin) {
        stores.audit().append(admin.orgId(), admin.userId(), "fields.read", "organization", null);
        ctx.json(fields(admin.orgId(), null));
    }

    /**
     * {@code PUT /api/v1/orgs/{org}/fields} with {@code {"fields": ["System.Tags", "Custom.Risk"]}}: the organization's
     * extended fields from now on. A new one is extracted from the next sync on; one left out is turned off and every
     * stored value of it is deleted (and its bytes reclaimed). Audited with the field names.
     */
    void putFields(Context ctx, AdminVerifier.Grant admin) {
        List<String> names = AdminRequests.extendedFields(settings.json(), ctx);
        ExtendedFieldStore.Change change = stores.database().inTransaction(c -> {
            ExtendedFieldStore.Change done = stores.extendedFields().replace(admin.orgId(), names, admin.userId());
            stores.audit().append(admin.orgId(), admin.userId(), "fields.write", "organization", "fields="
                    + new TreeSet<>(names) + " added=" + new TreeSet<>(done.added()) + " removed="
                    + new TreeSet<>(done.removed()) + " valuesDeleted=" + done.valuesDeleted());
            return done;
        });
        if (!change.removed().isEmpty()) {
            stores.database().reclaim(List.of("revision_field"));
        }
        ctx.json(fields(admin.orgId(), change));
    }

    /** {@code GET /api/v1/orgs/{org}/audit?limit=&before=}: the organization's audit log, newest first. */
    void audit(Context ctx, AdminVerifier.Grant admin) {
        AdminRequests.AuditQuery query = AdminRequests.auditQuery(ctx);
        List<AuditEntry> entries = stores.audit().list(admin.orgId(), query.limit(), query.before());
        List<AdminResponses.AuditRow> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            rows.add(new AdminResponses.AuditRow(e.id(), e.at().toString(), e.actor(), e.action(), e.target(),
                    e.detail()));
        }
        stores.audit().append(admin.orgId(), admin.userId(), "audit.read", null, ctx.queryString());
        ctx.json(new AdminResponses.AuditPage(rows, entries.size() == query.limit()
                ? entries.get(entries.size() - 1).at().toString() : null));
    }

    @Override
    public void close() {
        syncNow.close();
    }

    /** After titles were erased in the database: their bytes too, and no cached report or warm history keeps one. */
    private void titlesErased(OrgId org) {
        stores.database().reclaim(List.of("revision"));
        onErase.accept(org);
    }

    private AdminResponses.Connection connection(OrgId org) {
        Organization organization = stores.organizations().get(org).orElseThrow();
        AdminResponses.CredentialInfo credential = stores.credentials().info(org).map(info ->
                new AdminResponses.CredentialInfo(info.kind(), info.keyId(), info.entraTenantId(),
                        info.entraTenantId() == null ? null : info.entraClientId(),
                        info.updatedAt() == null ? null : info.updatedAt().toString(), info.updatedBy())).orElse(null);
        List<AdminResponses.ProjectInfo> list = new ArrayList<>();
        for (Project p : stores.projects().list(org)) {
            list.add(new AdminResponses.ProjectInfo(p.projectId(), p.name(), p.enabled()));
        }
        return new AdminResponses.Connection(org.value(), organization.name(), organization.baseUrl(),
                organization.status().name().toLowerCase(Locale.ROOT), organization.statusDetail(), credential, list);
    }

    private AdminResponses.Fields fields(OrgId org, ExtendedFieldStore.Change change) {
        return new AdminResponses.Fields(List.copyOf(stores.extendedFields().enabled(org)),
                stores.organizations().personalFields(org), FieldSelection.MAX_EXTENDED,
                change == null ? null : List.copyOf(new TreeSet<>(change.added())),
                change == null ? null : List.copyOf(new TreeSet<>(change.removed())),
                change == null ? null : change.valuesDeleted());
    }
}
