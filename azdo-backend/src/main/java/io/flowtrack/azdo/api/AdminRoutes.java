package io.flowtrack.azdo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.auth.AccessDeniedException;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.auth.AppTokenClaims;
import io.flowtrack.azdo.auth.Guids;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.HistoryAssembler;
import io.flowtrack.azdo.extract.ProjectFlowConfig;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationEraser;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.sync.ProjectSync;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.Watermark;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an organization administrator may do: connect (or re-connect) the organization, sync a project now, write
 * a project's flow configuration, read the connection and the audit log. Every handler checks the app token, then
 * asks the organization whether the caller administers it ({@link AdminVerifier}), and writes who did what to the
 * audit log. Secrets never appear in an answer, a log line or the audit log.
 */
public final class AdminRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    /** Azure DevOps organization names: letters, digits and hyphens, not starting or ending with a hyphen. */
    static final Pattern ORGANIZATION_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?");
    /** Personal access tokens and client secrets: printable ASCII without spaces, bounded. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{1,1024}");
    /** Entra tenant: a GUID or a domain name. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,126}[A-Za-z0-9])?");
    static final int MAX_PROJECTS = 200;
    static final int MAX_BODY_CHARS = 64 * 1024;
    static final int MAX_PEM_CHARS = 16 * 1024;

    private final Database database;
    private final RevisionStore revisions;
    private final ApiAuth auth;
    private final AdminVerifier admins;
    private final OrganizationStore organizations;
    private final CredentialStore credentials;
    private final ProjectStore projects;
    private final ProjectConfigStore configs;
    private final AuditLog audit;
    private final ProjectSync sync;
    private final URI azdoBaseUrl;
    private final ObjectMapper json;
    private final Duration syncTimeout;
    private final ExecutorService syncs;
    private final OrganizationEraser eraser;
    private final io.flowtrack.azdo.store.ExtendedFieldStore extendedFields;
    private final Consumer<OrgId> onDisconnect;
    private final AdminDirectory directory;
    private final SyncLease leases;
    private final Duration pollInterval;
    private final io.flowtrack.azdo.sync.OrganizationLocator locator;

    /** Turns an organization credential into the organization's answer to "is this identity an admin?". */
    @FunctionalInterface
    public interface AdminDirectory {
        AdminVerifier.CollectionAdmins of(URI organizationUrl, String organizationName, Credential credential);
    }

    /** One admin route: every one of them goes through {@link #authorizeStored} or the connect check. */
    public record Route(HandlerType method, String path, Handler handler) {
    }

    /** What the admin routes need besides the stores. */
    public record Wiring(AdminDirectory directory, SyncLease leases, Duration pollInterval,
                         io.flowtrack.azdo.sync.OrganizationLocator locator) {
        public Wiring(AdminDirectory directory, SyncLease leases, Duration pollInterval) {
            this(directory, leases, pollInterval, io.flowtrack.azdo.sync.OrganizationLocator.off());
        }
    }

    /**
     * @param azdoBaseUrl where organizations live ({@code https://dev.azure.com}); an organization's URL is this
     *                    plus its validated name, never a URL from the browser
     * @param syncTimeout how long "sync now" waits for the sync before answering that it is still running
     */
    /**
     * @param onDisconnect told after an organization was disconnected or switched its titles and assignees off
     *                     (to drop what is cached of it)
     * @param wiring       the organization's admin directory, the sync leases (a project being synced shows as
     *                     running) and the scheduler's poll interval (null when no scheduler runs)
     */
    public AdminRoutes(Database database, ApiAuth auth, AdminVerifier admins, OrganizationStore organizations,
                       CredentialStore credentials, ProjectStore projects, ProjectConfigStore configs, AuditLog audit,
                       ProjectSync sync, URI azdoBaseUrl, ObjectMapper json, Duration syncTimeout,
                       Consumer<OrgId> onDisconnect, Wiring wiring) {
        this.directory = Objects.requireNonNull(wiring.directory());
        this.leases = Objects.requireNonNull(wiring.leases());
        this.pollInterval = wiring.pollInterval();
        this.locator = Objects.requireNonNull(wiring.locator());

        this.database = Objects.requireNonNull(database);
        this.eraser = new OrganizationEraser(database);
        this.extendedFields = new io.flowtrack.azdo.store.ExtendedFieldStore(database, java.time.Clock.systemUTC());
        this.onDisconnect = Objects.requireNonNull(onDisconnect);
        this.revisions = new RevisionStore(database);
        this.auth = Objects.requireNonNull(auth);
        this.admins = Objects.requireNonNull(admins);
        this.organizations = Objects.requireNonNull(organizations);
        this.credentials = Objects.requireNonNull(credentials);
        this.projects = Objects.requireNonNull(projects);
        this.configs = Objects.requireNonNull(configs);
        this.audit = Objects.requireNonNull(audit);
        this.sync = Objects.requireNonNull(sync);
        this.azdoBaseUrl = Objects.requireNonNull(azdoBaseUrl);
        this.json = Objects.requireNonNull(json);
        this.syncTimeout = Objects.requireNonNull(syncTimeout);
        this.syncs = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "flowtrack-sync-now");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- routes ----

    /** Every admin route, in the order App registers them (and a test walks them all as a non-admin). */
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.PUT, "/api/v1/orgs/{org}/connection", this::putConnection),
                new Route(HandlerType.GET, "/api/v1/orgs/{org}/connection", this::getConnection),
                new Route(HandlerType.DELETE, "/api/v1/orgs/{org}/connection", this::deleteConnection),
                new Route(HandlerType.PUT, "/api/v1/orgs/{org}/personal-fields", this::putPersonalFields),
                new Route(HandlerType.GET, "/api/v1/orgs/{org}/sync-status", this::syncStatus),
                new Route(HandlerType.POST, "/api/v1/orgs/{org}/projects/{project}/sync", this::syncNow),
                new Route(HandlerType.GET, "/api/v1/orgs/{org}/projects/{project}/workflow-draft", this::workflowDraft),
                new Route(HandlerType.PUT, "/api/v1/orgs/{org}/projects/{project}/config", this::putConfig),
                new Route(HandlerType.GET, "/api/v1/orgs/{org}/audit", this::audit),
                new Route(HandlerType.GET, "/api/v1/orgs/{org}/fields", this::getFields),
                new Route(HandlerType.PUT, "/api/v1/orgs/{org}/fields", this::putFields));
    }

    /** {@code PUT /api/v1/orgs/{org}/connection}: connect or re-connect the organization. */
    public void putConnection(Context ctx) {
        AppTokenClaims claims = auth.authenticate(ctx);
        OrgId org = ApiAuth.orgId(ctx);
        ConnectRequest request = ConnectRequest.parse(body(ctx));
        URI orgUrl = organizationUrl(request.organizationName());
        String accessToken = ctx.header(ApiAuth.ACCESS_TOKEN_HEADER);
        AdminVerifier.Grant admin;
        try {
            admin = admins.verify(claims, orgUrl, org, accessToken, "connect:" + request.fingerprint(),
                    directory.of(orgUrl, request.organizationName(), request.credential()));
        } catch (AccessDeniedException e) {
            if (e.reason() == AccessDeniedException.Reason.ADMIN_CHECK_REFUSED) {
                throw new ApiException(400, "credential_rejected", "Azure DevOps did not let this credential read"
                        + " the organization's administrators: " + e.getMessage());
            }
            throw denied(e);
        }
        List<Project> enabled = new ArrayList<>();
        for (int i = 0; i < request.projectIds().size(); i++) {
            String id = request.projectIds().get(i);
            Optional<String> name;
            try {
                name = admins.projectName(orgUrl, accessToken, id);
            } catch (AccessDeniedException e) {
                throw new ApiException(503, "membership_unavailable", e.getMessage());
            }
            int index = i;
            enabled.add(new Project(id, name.orElseThrow(() -> ApiException.badRequest("projects[" + index
                    + "]: no such project in this organization, or you cannot read it")), true));
        }
        if (!enabled.isEmpty()) {
            probe(orgUrl, request, enabled.get(0).projectId());
        }
        // Everything is validated: now write, all or nothing.
        database.inTransaction(c -> {
            organizations.upsert(org, request.organizationName(), orgUrl.toString());
            credentials.save(org, request.credential(), admin.userId());
            organizations.updateStatus(org, Organization.Status.CONNECTED, null);
            organizations.setPersonalFields(org, request.includeTitleAndAssignee());
            if (!request.includeTitleAndAssignee()) {
                revisions.forgetPersonalFields(org);
            }
            for (Project p : enabled) {
                projects.upsert(org, p);
            }
            audit.append(org, admin.userId(), "connection.write", "organization", "name=" + request.organizationName()
                    + " kind=" + request.credential().kind() + " projects=" + request.projectIds()
                    + " titleAndAssignee=" + request.includeTitleAndAssignee());
            return null;
        });
        if (!request.includeTitleAndAssignee()) {
            titlesErased(org);
        }
        ctx.json(connectionBody(org));
    }

    /**
     * {@code DELETE /api/v1/orgs/{org}/connection[?purge=true]}: disconnect the organization. Syncing stops and its
     * credential, revisions, watermarks, projects, configurations and state categories are deleted in one
     * transaction; the audit log keeps its entries (the organization's record) unless {@code purge=true}, and gets
     * one more: who disconnected, when, and what was deleted.
     */
    public void deleteConnection(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("purge")) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; only purge=true|false");
            }
        }
        String purgeText = ctx.queryParam("purge");
        if (purgeText != null && !purgeText.equals("true") && !purgeText.equals("false")) {
            throw ApiException.badRequest("purge must be true or false");
        }
        boolean purge = "true".equals(purgeText);
        OrganizationEraser.Erased erased = database.inTransaction(c -> {
            OrganizationEraser.Erased done = eraser.erase(admin.orgId(), purge).orElseThrow(() -> new ApiException(404,
                    "organization_not_connected", "this organization is not connected to FlowTrack"));
            audit.append(admin.orgId(), admin.userId(), "connection.delete", "organization", "purge=" + purge
                    + " revisions=" + done.rows("revision") + " projects=" + done.rows("project")
                    + " auditEntries=" + done.rows(OrganizationEraser.AUDIT_TABLE));
            return done;
        });
        onDisconnect.accept(admin.orgId());
        database.reclaim(OrganizationEraser.TABLES); // the deleted rows' bytes too
        LOG.info("organization {} disconnected by an admin (purge={})", admin.orgId(), purge);
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("revisions", erased.rows("revision"));
        deleted.put("projects", erased.rows("project"));
        deleted.put("configurations", erased.rows("project_config"));
        deleted.put("credential", erased.rows("credential") > 0);
        deleted.put("auditEntries", erased.rows(OrganizationEraser.AUDIT_TABLE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", admin.orgId().value());
        body.put("status", "disconnected");
        body.put("purged", purge);
        body.put("deleted", deleted);
        ctx.json(body);
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

    /** {@code GET /api/v1/orgs/{org}/connection}: kind, key id, who updated it when, status; never the secret. */
    public void getConnection(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        audit.append(admin.orgId(), admin.userId(), "connection.read", "organization", null);
        ctx.json(connectionBody(admin.orgId()));
    }

    /** {@code POST /api/v1/orgs/{org}/projects/{project}/sync}: sync the project now. */
    public void syncNow(Context ctx) throws InterruptedException {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        String project = projectId(ctx);
        Project known = projects.get(admin.orgId(), project).filter(Project::enabled).orElseThrow(() ->
                ApiException.notFound("the project is not enabled in FlowTrack; enable it when connecting the"
                        + " organization or by writing its configuration"));
        Future<ProjectSync.Result> running = syncs.submit(() -> sync.sync(admin.orgId(), known.projectId()));
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            ProjectSync.Result result = running.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
            body.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
            body.put("pages", result.pages());
            body.put("revisions", result.revisions());
            body.put("detail", result.detail());
            // BUSY and LEASE_LOST: another run has (or took) the project; anything else is Azure DevOps' side.
            ctx.status(result.outcome() == ProjectSync.Outcome.SYNCED ? 200
                    : result.outcome() == ProjectSync.Outcome.BUSY || result.outcome() == ProjectSync.Outcome.LEASE_LOST
                    ? 409 : 502);
        } catch (TimeoutException e) {
            body.put("outcome", "running");
            body.put("detail", "the sync goes on in the background; its status shows when it is done");
            ctx.status(202);
        } catch (ExecutionException e) {
            LOG.error("sync now of organization {} project {} failed: {}", admin.orgId(), project,
                    e.getCause() == null ? "?" : e.getCause().getClass().getName());
            body.put("outcome", "failed");
            body.put("detail", "the sync failed on our side; the next scheduled sync tries again");
            ctx.status(500);
        }
        audit.append(admin.orgId(), admin.userId(), "sync.run", project, "outcome=" + body.get("outcome"));
        ctx.json(body);
    }

    /** {@code PUT /api/v1/orgs/{org}/projects/{project}/config}: store a validated flow configuration. */
    public void putConfig(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        String project = projectId(ctx);
        String text = body(ctx);
        FlowConfigJson config;
        try {
            config = json.readValue(text, FlowConfigJson.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be a flow configuration: {\"stages\": [{\"name\","
                    + " \"category\", \"states\"}], \"commitmentStage\", \"startPolicy\", \"sleDays\", \"slePercentile\"}"
                    + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unrecognized field")
                    ? "; unknown field" : ""));
        }
        if (config == null) {
            throw ApiException.badRequest("the body must be a flow configuration object");
        }
        ProjectFlowConfig engineConfig = config.toConfig();
        if (config.calendar() != null) {
            config.calendar().validate();
        }
        if (config.sleDays() != null && (config.sleDays() < 1 || config.sleDays() > 3650)) {
            throw ApiException.badRequest("sleDays must be between 1 and 3650");
        }
        if (config.slePercentile() != null && (config.slePercentile() < 1 || config.slePercentile() > 99)) {
            throw ApiException.badRequest("slePercentile must be between 1 and 99");
        }
        if ((config.sleDays() == null) != (config.slePercentile() == null)) {
            throw ApiException.badRequest("sleDays and slePercentile go together: set both or neither");
        }
        try {
            HistoryAssembler.workflow(engineConfig);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(e.getMessage() == null ? "the workflow is not valid" : e.getMessage());
        }
        Project known = projects.get(admin.orgId(), project).orElse(null);
        if (known == null) {
            Organization organization = organizations.get(admin.orgId()).orElseThrow();
            String name;
            try {
                name = admins.projectName(URI.create(organization.baseUrl()), ctx.header(ApiAuth.ACCESS_TOKEN_HEADER),
                        project).orElseThrow(() -> ApiException.notFound("no such project in this organization,"
                        + " or you cannot read it"));
            } catch (AccessDeniedException e) {
                throw new ApiException(503, "membership_unavailable", e.getMessage());
            }
            known = new Project(project, name, true);
        }
        String stored;
        try {
            stored = json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the flow configuration cannot be written as JSON", e);
        }
        Project enabled = new Project(known.projectId(), known.name(), true);
        database.inTransaction(c -> { // the config write locks the organization: no project row after a disconnect
            configs.put(admin.orgId(), project, stored, admin.userId());
            projects.upsert(admin.orgId(), enabled);
            audit.append(admin.orgId(), admin.userId(), "config.write", project, stored);
            return null;
        });
        ctx.json(config);
    }

    /**
     * {@code PUT /api/v1/orgs/{org}/personal-fields} {@code {"includeTitleAndAssignee": bool}}: switch extracting
     * titles and assignees on or off. Off forgets the ones stored, in the same transaction.
     */
    public void putPersonalFields(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        boolean on = singleField(ctx, "includeTitleAndAssignee", JsonNode::isBoolean,
                "{\"includeTitleAndAssignee\": true|false}").booleanValue();
        database.inTransaction(c -> {
            organizations.setPersonalFields(admin.orgId(), on);
            if (!on) {
                revisions.forgetPersonalFields(admin.orgId());
            }
            audit.append(admin.orgId(), admin.userId(), "personal-fields.write", "organization",
                    "titleAndAssignee=" + on);
            return null;
        });
        if (!on) {
            titlesErased(admin.orgId());
        }
        ctx.json(Map.of("includeTitleAndAssignee", on));
    }

    /**
     * {@code GET /api/v1/orgs/{org}/sync-status}: per enabled project, the last sync (when, how, what went wrong in
     * words), revisions loaded so far, whether a sync runs now (another read during a first sync shows its
     * progress), and when the scheduler runs it next.
     */
    public void syncStatus(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        Organization organization = organizations.get(admin.orgId()).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization was disconnected from FlowTrack"));
        Instant now = Instant.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Project p : projects.list(admin.orgId())) {
            Watermark w = revisions.watermark(admin.orgId(), p.projectId());
            boolean running = leases.holder(admin.orgId(), p.projectId())
                    .filter(l -> l.expiresAt().isAfter(now)).isPresent();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.projectId());
            row.put("name", p.name());
            row.put("enabled", p.enabled());
            row.put("running", running);
            row.put("lastSyncAt", w.lastSyncAt() == null ? null : w.lastSyncAt().toString());
            row.put("lastSyncStatus", w.lastSyncStatus());
            row.put("lastSyncDetail", w.lastSyncDetail());
            row.put("revisionsLoaded", w.rowsLoaded());
            row.put("revisions", revisions.count(admin.orgId(), p.projectId()));
            row.put("nextRunAt", pollInterval == null || !p.enabled() ? null
                    : (w.lastSyncAt() == null ? now : w.lastSyncAt().plus(pollInterval)).toString());
            out.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organization", Map.of("name", organization.name(), "status",
                organization.status().name().toLowerCase(Locale.ROOT), "detail",
                organization.statusDetail() == null ? "" : organization.statusDetail()));
        body.put("includeTitleAndAssignee", organizations.personalFields(admin.orgId()));
        body.put("pollInterval", pollInterval == null ? null : pollInterval.toString());
        body.put("projects", out);
        body.put("checkedAt", now.toString());
        ctx.json(body);
    }

    /**
     * {@code GET /api/v1/orgs/{org}/projects/{project}/workflow-draft}: the project's work item types with their
     * states and categories, read now with the organization's credential, a configuration drafted from them (one
     * stage per category, in the categories' order) and the stored configuration, if any.
     */
    public void workflowDraft(Context ctx) throws InterruptedException {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        String project = projectId(ctx);
        Organization organization = organizations.get(admin.orgId()).orElseThrow();
        List<StateCategory> states;
        try {
            states = sync.stateCategories(URI.create(organization.baseUrl()), credentials.load(admin.orgId())
                    .orElseThrow(), project);
        } catch (CredentialRejectedException e) {
            throw new ApiException(502, "credential_rejected", "Azure DevOps rejected the stored credential (HTTP "
                    + e.status() + "); connect the organization again");
        } catch (AzdoException e) {
            throw new ApiException(e.status() == 404 ? 404 : 502, "azure_devops_unavailable",
                    "the work item types of this project could not be read (HTTP " + e.status() + ")");
        }
        Map<String, List<Map<String, String>>> types = new LinkedHashMap<>();
        for (StateCategory sc : states) {
            types.computeIfAbsent(sc.workItemType(), t -> new ArrayList<>()).add(Map.of("name", sc.state(),
                    "category", sc.category()));
        }
        List<Map<String, Object>> typeList = new ArrayList<>();
        types.forEach((name, list) -> typeList.add(Map.of("name", name, "states", list)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("types", typeList);
        body.put("draft", states.isEmpty() ? null : FlowConfigJson.of(HistoryAssembler.defaultWorkflow(states), null));
        body.put("current", configs.get(admin.orgId(), project).map(stored -> {
            try {
                return json.readTree(stored.json());
            } catch (JsonProcessingException e) {
                return null;
            }
        }).orElse(null));
        audit.append(admin.orgId(), admin.userId(), "workflow.read", project, null);
        ctx.json(body);
    }

    /**
     * {@code GET /api/v1/orgs/{org}/fields}: the extended fields (System.Tags, fields such as Custom.Risk) turned on
     * for the organization, and whether titles are kept.
     */
    public void getFields(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        audit.append(admin.orgId(), admin.userId(), "fields.read", "organization", null);
        ctx.json(fieldsBody(admin.orgId(), null));
    }

    /**
     * {@code PUT /api/v1/orgs/{org}/fields} with {@code {"fields": ["System.Tags", "Custom.Risk"]}}: the organization's
     * extended fields from now on. A new one is extracted from the next sync on; one left out is turned off and every
     * stored value of it is deleted (and its bytes reclaimed). Audited with the field names.
     */
    public void putFields(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        JsonNode list = singleField(ctx, "fields", JsonNode::isArray, "{\"fields\": [\"Reference.Name\", ...]}");
        if (list.size() > io.flowtrack.azdo.model.FieldSelection.MAX_EXTENDED) {
            throw ApiException.badRequest("fields: at most " + io.flowtrack.azdo.model.FieldSelection.MAX_EXTENDED);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).isTextual() ? list.get(i).asText() : null;
            String refusal = io.flowtrack.azdo.model.FieldSelection.refusal(name);
            if (refusal != null) {
                throw ApiException.badRequest("fields[" + i + "] must be " + (name == null ? "a field reference name"
                        : "an extended field: " + refusal));
            }
            names.add(name);
        }
        io.flowtrack.azdo.store.ExtendedFieldStore.Change change = database.inTransaction(c -> {
            io.flowtrack.azdo.store.ExtendedFieldStore.Change done = extendedFields.replace(admin.orgId(), names,
                    admin.userId());
            audit.append(admin.orgId(), admin.userId(), "fields.write", "organization", "fields="
                    + new java.util.TreeSet<>(names) + " added=" + new java.util.TreeSet<>(done.added()) + " removed="
                    + new java.util.TreeSet<>(done.removed()) + " valuesDeleted=" + done.valuesDeleted());
            return done;
        });
        if (!change.removed().isEmpty()) {
            database.reclaim(List.of("revision_field"));
        }
        ctx.json(fieldsBody(admin.orgId(), change));
    }

    /** After titles were erased in the database: their bytes too, and no cached report or warm history keeps one. */
    private void titlesErased(OrgId org) {
        database.reclaim(List.of("revision"));
        onDisconnect.accept(org);
    }

    /**
     * The one field of a body that must be exactly {@code {"name": value}} with a value of the given shape; anything
     * else is a 400 that shows the expected body.
     */
    private JsonNode singleField(Context ctx, String name, java.util.function.Predicate<JsonNode> shape, String usage) {
        JsonNode root;
        try {
            root = json.readTree(body(ctx));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be " + usage);
        }
        if (root == null || !root.isObject() || root.size() != 1 || !shape.test(root.path(name))) {
            throw ApiException.badRequest("the body must be " + usage);
        }
        return root.get(name);
    }

    private Map<String, Object> fieldsBody(OrgId org, io.flowtrack.azdo.store.ExtendedFieldStore.Change change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fields", List.copyOf(extendedFields.enabled(org)));
        body.put("titles", organizations.personalFields(org));
        body.put("maxFields", io.flowtrack.azdo.model.FieldSelection.MAX_EXTENDED);
        if (change != null) {
            body.put("added", List.copyOf(new java.util.TreeSet<>(change.added())));
            body.put("removed", List.copyOf(new java.util.TreeSet<>(change.removed())));
            body.put("valuesDeleted", change.valuesDeleted());
        }
        return body;
    }

    /** {@code GET /api/v1/orgs/{org}/audit?limit=&before=}: the organization's audit log, newest first. */
    public void audit(Context ctx) {
        AdminVerifier.Grant admin = authorizeStored(ctx);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("limit") && !name.equals("before")) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; use limit and before");
            }
        }
        int limit = 100;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
                throw ApiException.badRequest("limit must be a whole number from 1 to " + AuditLog.MAX_LIMIT);
            }
        }
        Instant before = null;
        String beforeText = ctx.queryParam("before");
        if (beforeText != null) {
            try {
                before = Instant.parse(beforeText);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("before must be an instant such as 2025-03-01T12:00:00Z");
            }
        }
        List<AuditEntry> entries = audit.list(admin.orgId(), limit, before);
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditEntry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("at", e.at().toString());
            row.put("actor", e.actor());
            row.put("action", e.action());
            row.put("target", e.target());
            row.put("detail", e.detail());
            out.add(row);
        }
        audit.append(admin.orgId(), admin.userId(), "audit.read", null, ctx.queryString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", out);
        body.put("nextBefore", entries.size() == limit ? entries.get(entries.size() - 1).at().toString() : null);
        ctx.json(body);
    }

    @Override
    public void close() {
        syncs.shutdownNow();
    }

    // ---- helpers ----

    /** App token, connected organization, admin check against its stored URL (DirectoryRoutes uses it too). */
    AdminVerifier.Grant authorizeStored(Context ctx) {
        AppTokenClaims claims = auth.authenticate(ctx);
        OrgId org = ApiAuth.orgId(ctx);
        Organization found = organizations.get(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization is not connected to FlowTrack yet;"
                + " an organization administrator connects it"));
        locator.refresh(found); // renamed since it was connected? then its new URL and name
        Organization organization = organizations.get(org).orElse(found);
        Credential credential = credentials.load(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization has no credential; an administrator connects it"));
        String tag = credentials.info(org).map(i -> "stored:" + i.keyId() + ":" + i.updatedAt()).orElse("stored");
        URI orgUrl = URI.create(organization.baseUrl());
        try {
            return admins.verify(claims, orgUrl, org, ctx.header(ApiAuth.ACCESS_TOKEN_HEADER), tag,
                    directory.of(orgUrl, organization.name(), credential));
        } catch (AccessDeniedException e) {
            throw denied(e);
        }
    }

    private static ApiException denied(AccessDeniedException e) {
        if (e.reason().transientFailure()) {
            return new ApiException(503, "membership_unavailable", e.getMessage());
        }
        return new ApiException(403, "forbidden", e.getMessage());
    }

    /** The configured base URL plus the validated organization name. */
    URI organizationUrl(String organizationName) {
        if (organizationName == null || !ORGANIZATION_NAME.matcher(organizationName).matches()) {
            throw ApiException.badRequest("organizationName must be an Azure DevOps organization name: 1 to 50"
                    + " letters, digits and hyphens");
        }
        String base = azdoBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + organizationName);
    }

    private static String projectId(Context ctx) {
        String id = Guids.canonical(ctx.pathParam("project"));
        if (id == null) {
            throw ApiException.badRequest("the project id in the path must be a GUID");
        }
        return id;
    }

    private static String body(Context ctx) {
        String text = ctx.body();
        if (text.length() > MAX_BODY_CHARS) {
            throw ApiException.badRequest("the body is larger than " + MAX_BODY_CHARS + " characters");
        }
        return text;
    }

    private Map<String, Object> connectionBody(OrgId org) {
        Organization organization = organizations.get(org).orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", org.value());
        body.put("organizationName", organization.name());
        body.put("url", organization.baseUrl());
        body.put("status", organization.status().name().toLowerCase(Locale.ROOT));
        body.put("statusDetail", organization.statusDetail());
        body.put("credential", credentials.info(org).map(info -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", info.kind());
            c.put("keyId", info.keyId());
            if (info.entraTenantId() != null) {
                c.put("tenantId", info.entraTenantId());
                c.put("clientId", info.entraClientId());
            }
            c.put("updatedAt", info.updatedAt() == null ? null : info.updatedAt().toString());
            c.put("updatedBy", info.updatedBy());
            return c;
        }).orElse(null));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Project p : projects.list(org)) {
            list.add(Map.of("id", p.projectId(), "name", p.name(), "enabled", p.enabled()));
        }
        body.put("projects", list);
        return body;
    }

    /** The connect body, validated field by field before anything is written. Its toString() shows no secret. */
    record ConnectRequest(String organizationName, Credential credential, List<String> projectIds,
                          boolean includeTitleAndAssignee) {
        private static final ObjectMapper PARSER = new ObjectMapper();

        static ConnectRequest parse(String text) {
            JsonNode root;
            try {
                root = PARSER.readTree(text);
            } catch (JsonProcessingException e) {
                // The parser's message may quote the body (and so a secret): never pass it on.
                throw ApiException.badRequest("the body must be a JSON object");
            }
            if (root == null || !root.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            onlyFields(root, "", Set.of("organizationName", "credential", "projects", "includeTitleAndAssignee"));
            JsonNode personal = root.get("includeTitleAndAssignee");
            if (personal != null && !personal.isNull() && !personal.isBoolean()) {
                throw ApiException.badRequest("includeTitleAndAssignee must be true or false");
            }
            JsonNode name = root.get("organizationName");
            if (name == null || !name.isTextual()) {
                throw ApiException.badRequest("organizationName is required");
            }
            if (!ORGANIZATION_NAME.matcher(name.asText()).matches()) {
                throw ApiException.badRequest("organizationName must be an Azure DevOps organization name: 1 to 50"
                        + " letters, digits and hyphens");
            }
            Credential credential = credential(root.get("credential"));
            List<String> ids = new ArrayList<>();
            JsonNode list = root.get("projects");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw ApiException.badRequest("projects must be an array of project ids");
                }
                if (list.size() > MAX_PROJECTS) {
                    throw ApiException.badRequest("projects: at most " + MAX_PROJECTS);
                }
                Set<String> seen = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    String id = list.get(i).isTextual() ? Guids.canonical(list.get(i).asText()) : null;
                    if (id == null) {
                        throw ApiException.badRequest("projects[" + i + "] must be a project id (a GUID)");
                    }
                    if (seen.add(id)) {
                        ids.add(id);
                    }
                }
            }
            return new ConnectRequest(name.asText(), credential, List.copyOf(ids),
                    personal != null && personal.asBoolean(false));
        }

        private static Credential credential(JsonNode node) {
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("credential is required: {\"kind\": \"pat\", \"token\"},"
                        + " {\"kind\": \"entra\", \"tenantId\", \"clientId\", \"clientSecret\"} or"
                        + " {\"kind\": \"entra_cert\", \"tenantId\", \"clientId\", \"certificate\"}");
            }
            String kind = node.path("kind").isTextual() ? node.path("kind").asText() : "";
            switch (kind) {
                case "pat" -> {
                    onlyFields(node, "credential.", Set.of("kind", "token"));
                    return new Credential.Pat(new Secret(secret(node, "token")));
                }
                case "entra" -> {
                    onlyFields(node, "credential.", Set.of("kind", "tenantId", "clientId", "clientSecret"));
                    String tenant = node.path("tenantId").isTextual() ? node.path("tenantId").asText() : "";
                    if (!TENANT.matcher(tenant).matches()) {
                        throw ApiException.badRequest("credential.tenantId must be a tenant id (GUID) or domain");
                    }
                    String client = Guids.canonical(node.path("clientId").isTextual()
                            ? node.path("clientId").asText() : null);
                    if (client == null) {
                        throw ApiException.badRequest("credential.clientId must be the application (client) id, a GUID");
                    }
                    return new Credential.Entra(tenant, client, new Secret(secret(node, "clientSecret")));
                }
                case "entra_cert" -> {
                    onlyFields(node, "credential.", Set.of("kind", "tenantId", "clientId", "certificate"));
                    String tenant = node.path("tenantId").isTextual() ? node.path("tenantId").asText() : "";
                    if (!TENANT.matcher(tenant).matches()) {
                        throw ApiException.badRequest("credential.tenantId must be a tenant id (GUID) or domain");
                    }
                    String client = Guids.canonical(node.path("clientId").isTextual()
                            ? node.path("clientId").asText() : null);
                    if (client == null) {
                        throw ApiException.badRequest("credential.clientId must be the application (client) id, a GUID");
                    }
                    JsonNode pem = node.get("certificate");
                    if (pem == null || !pem.isTextual() || pem.asText().length() > MAX_PEM_CHARS) {
                        throw ApiException.badRequest("credential.certificate is required: the certificate and its"
                                + " unencrypted PKCS#8 private key as PEM, at most " + MAX_PEM_CHARS + " characters");
                    }
                    try {
                        AzdoCredentials.ClientAuthentication.Certificate.parse(pem.asText());
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest("credential.certificate: " + e.getMessage());
                    }
                    return new Credential.EntraCertificate(tenant, client, new Secret(pem.asText()));
                }
                default -> throw ApiException.badRequest("credential.kind must be pat, entra or entra_cert");
            }
        }

        private static String secret(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || !SECRET.matcher(value.asText()).matches()) {
                throw ApiException.badRequest("credential." + field + " is required: 1 to 1024 printable characters"
                        + " without spaces");
            }
            return value.asText();
        }

        private static void onlyFields(JsonNode node, String prefix, Set<String> allowed) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw ApiException.badRequest("unknown field " + prefix + (name.length() > 64
                            ? name.substring(0, 64) : name));
                }
            }
        }

        /** SHA-256 of the credential's kind, ids and secret: names this credential in the admin verdict cache. */
        String fingerprint() {
            String secret = credential instanceof Credential.Pat p ? p.token().reveal()
                    : credential instanceof Credential.Entra e ? e.tenantId() + "/" + e.clientId() + "/"
                    + e.clientSecret().reveal()
                    : ((Credential.EntraCertificate) credential).tenantId() + "/"
                    + ((Credential.EntraCertificate) credential).clientId() + "/"
                    + ((Credential.EntraCertificate) credential).certificateAndKeyPem().reveal();
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                        (credential.kind() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "ConnectRequest[organizationName=" + organizationName + ", credential=" + credential
                    + ", projects=" + projectIds + "]";
        }
    }
}
