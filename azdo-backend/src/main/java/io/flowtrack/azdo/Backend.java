package io.flowtrack.azdo;

import io.flowtrack.azdo.api.AdminRoutes;
import io.flowtrack.azdo.api.DirectoryRoutes;
import io.flowtrack.azdo.api.ApiAuth;
import io.flowtrack.azdo.api.IdentityAdmins;
import io.flowtrack.azdo.api.ProjectHistories;
import io.flowtrack.azdo.api.ProjectRoutes;
import io.flowtrack.azdo.api.ReportGate;
import io.flowtrack.azdo.api.ReportCache;
import io.flowtrack.azdo.api.ReportService;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.MembershipVerifier;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.demo.DemoMode;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.ops.ManagementServer;
import io.flowtrack.azdo.ops.Metrics;
import io.flowtrack.azdo.ops.Readiness;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.DataVersions;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.sync.OrganizationClients;
import io.flowtrack.azdo.sync.OrganizationLocator;
import io.flowtrack.azdo.sync.ProjectSync;
import io.flowtrack.azdo.sync.StoredCredentials;
import io.flowtrack.azdo.sync.SyncScheduler;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The running service: database, stores, extraction scheduler and HTTP API, wired from one validated
 * configuration. Used by {@link Main} and by tests that start the whole service.
 */
public final class Backend implements AutoCloseable {
    private final Database database;
    private final SyncScheduler scheduler;
    private final Javalin app;
    private final DemoMode demo;
    private final AdminRoutes admin;
    private final ManagementServer management;

    private Backend(Database database, SyncScheduler scheduler, Javalin app, DemoMode demo, AdminRoutes admin,
                    ManagementServer management) {
        this.management = management;
        this.admin = admin;
        this.database = database;
        this.scheduler = scheduler;
        this.app = app;
        this.demo = demo;
    }

    /** Opens the database (migrating it), starts the API and the scheduler. */
    public static Backend start(BackendConfig config) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config);
        Metrics metrics = new Metrics();
        metrics.bindDatabase(database, clock, Duration.ofSeconds(30));
        ManagementServer management = null;
        try {
            OrganizationStore organizations = new OrganizationStore(database);
            CredentialStore credentials = new CredentialStore(database, new CredentialCipher(config.dataKeys()));
            RevisionStore revisions = new RevisionStore(database);
            StateCategoryStore categories = new StateCategoryStore(database);
            ProjectStore projects = new ProjectStore(database);
            AuditLog audit = new AuditLog(database);
            HttpClient http = AzdoClient.defaultHttpClient();
            RetryPolicy retries = RetryPolicy.standard();
            ProjectSync sync = new ProjectSync(organizations, credentials, revisions, categories, new SyncLease(database),
                    audit, new OrganizationClients(RetryPolicy::standard, http, Duration.ofSeconds(60)),
                    new StoredCredentials(config.entraTokenEndpoint(), http, retries, clock), Math.min(config.batchSize(),
                    AzdoClient.MAX_PAGE_SIZE), "instance-" + UUID.randomUUID(), ProjectSync.DEFAULT_LEASE_TTL, clock);
            DemoMode demo = config.demo() ? new DemoMode() : null;
            AppTokenVerifier tokens = demo != null ? new AppTokenVerifier(List.of(demo.secret()), null, clock,
                    AppTokenVerifier.DEFAULT_CLOCK_SKEW) : AppTokenVerifier.fromConfig(config, clock);
            ApiAuth auth = new ApiAuth(tokens, new MembershipVerifier(clock), organizations);
            ProjectConfigStore configs = new ProjectConfigStore(database);
            BackendConfig.Load load = config.load();
            ProjectHistories histories = new ProjectHistories(load.historyCacheMb() * 1024L * 1024L,
                    Duration.ofHours(2));
            ReportService reports = new ReportService(revisions, categories, configs, App.objectMapper(), histories);
            ReportCache cache = new ReportCache(config.reportCacheMb() * 1024L * 1024L, Duration.ofMinutes(30));
            SyncLease leases = new SyncLease(database);
            OrganizationLocator locator = demo == null
                    ? new OrganizationLocator(config.azdoBaseUrl(), http, organizations, audit, clock)
                    : OrganizationLocator.off();
            AdminRoutes.Wiring wiring = new AdminRoutes.Wiring(new IdentityAdmins(new StoredCredentials(
                    config.entraTokenEndpoint(), http, retries, clock), retries, http, Duration.ofSeconds(15)), leases,
                    demo == null ? config.pollInterval() : null, locator);
            AdminRoutes admin = new AdminRoutes(database, auth, new AdminVerifier(clock), organizations, credentials, projects,
                    configs, audit, sync, config.azdoBaseUrl(), App.objectMapper(), Duration.ofSeconds(20), org -> {
                        cache.forget(org); // disconnected or personal fields switched off: nothing stays in memory
                        histories.forget(org);
                    }, wiring);
            DirectoryRoutes.Directory directory = DirectoryRoutes.withStoredCredential(credentials,
                    new StoredCredentials(config.entraTokenEndpoint(), http, retries, clock), retries, http,
                    Duration.ofSeconds(15));
            DirectoryRoutes directoryRoutes = new DirectoryRoutes(auth, admin, organizations,
                    demo == null ? directory : demo.directory(directory), audit);
            Javalin app = App.create(config, new ProjectRoutes(auth, reports, revisions, audit,
                    new DataVersions(database), cache, clock, new ReportGate(load.reportConcurrency(),
                    load.reportQueue(), load.reportMaxWait())), admin, demo, metrics, directoryRoutes.routes());
            try {
                app.start();
                management = ManagementServer.start(config.managementHost(), config.managementPort(), metrics,
                        new Readiness(database, 5));
            } catch (RuntimeException e) {
                app.stop();
                admin.close();
                throw e;
            }
            if (demo != null) {
                demo.seed(organizations, projects, revisions, categories, configs, "http://127.0.0.1:" + app.port() + "/demo-azdo");
            }
            SyncScheduler scheduler = new SyncScheduler(organizations, projects, sync, locator, (outcome, received, took) ->
                    metrics.syncFinished(outcome == null ? "failed" : outcome.name(), received, took));
            if (demo == null) {
                scheduler.start(config.pollInterval());
            }
            return new Backend(database, scheduler, app, demo, admin, management);
        } catch (RuntimeException e) {
            if (management != null) {
                management.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The management server's port (liveness, readiness, metrics). */
    public int managementPort() {
        return management.port();
    }

    /** The demo mode's sign-in and data, or null outside demo mode. */
    public DemoMode demo() {
        return demo;
    }

    @Override
    public void close() {
        scheduler.close();
        app.stop();
        management.close();
        admin.close();
        database.close();
    }
}
