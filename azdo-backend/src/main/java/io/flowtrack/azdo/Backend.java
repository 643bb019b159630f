package io.flowtrack.azdo;

import io.flowtrack.azdo.api.AccessGate;
import io.flowtrack.azdo.api.AdminCheck;
import io.flowtrack.azdo.api.AdminRoutes;
import io.flowtrack.azdo.api.DirectoryRoutes;
import io.flowtrack.azdo.api.AdminStores;
import io.flowtrack.azdo.api.ApiAuth;
import io.flowtrack.azdo.api.ApiJson;
import io.flowtrack.azdo.api.IdentityAdmins;
import io.flowtrack.azdo.api.ProjectHistories;
import io.flowtrack.azdo.api.ProjectRoutes;
import io.flowtrack.azdo.api.ReportCache;
import io.flowtrack.azdo.api.ReportGate;
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
import io.flowtrack.azdo.store.ExtendedFieldStore;
import io.flowtrack.azdo.store.OrganizationEraser;
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
import io.flowtrack.azdo.sync.SyncNow;
import io.flowtrack.azdo.sync.SyncScheduler;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The running service: database, stores, extraction scheduler, HTTP API and management server, wired from one
 * validated configuration. {@link Main} starts it with {@link #start}; tests start the same wiring through
 * {@link #builder} and override only what a test must own (the clock, the HTTP client and retry policy, a shared
 * database, the lease name, no scheduler, a report gate).
 */
public final class Backend implements AutoCloseable {
    private final Parts parts;

    /**
     * What one start wired, kept to serve and to stop.
     *
     * @param ownsDatabase whether the backend opened the database (and closes it), not a caller's
     */
    private record Parts(Database database, boolean ownsDatabase, SyncScheduler scheduler, Javalin app, DemoMode demo,
                         AdminRoutes admin, ManagementServer management, ProjectSync sync, ReportCache reportCache) {
    }

    private Backend(Parts parts) {
        this.parts = parts;
    }

    /** Opens the database (migrating it), starts the API, the management server and the scheduler. */
    public static Backend start(BackendConfig config) {
        return builder(config).start();
    }

    /** The production wiring of {@code config}, with what a test may override. */
    public static Builder builder(BackendConfig config) {
        return new Builder(config);
    }

    /** What {@link Backend#start} uses unless told otherwise; each override is for tests and tools. */
    public static final class Builder {
        private final BackendConfig config;
        private Clock clock = Clock.systemUTC();
        private HttpClient http;
        private Supplier<RetryPolicy> retries;
        private Database database;
        private String leaseName;
        private boolean scheduler = true;
        private ReportGate reportGate;

        private Builder(BackendConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The clock of app-token expiry, verdict caches, leases, reports' "now" (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The HTTP client for Azure DevOps, Entra and the organization lookups (default: {@link AzdoClient#defaultHttpClient()}). */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** Makes the retry policies of Azure DevOps and Entra calls (default: real sleeping, the configured delays). */
        public Builder retries(Supplier<RetryPolicy> retries) {
            this.retries = Objects.requireNonNull(retries, "retries");
            return this;
        }

        /**
         * An open database to use instead of opening {@code config}'s; the caller keeps it (closing the backend leaves
         * it open), so several instances can share it as separate processes share one server.
         */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** This instance's name in sync leases (default: {@code instance-<random UUID>}). */
        public Builder leaseName(String leaseName) {
            this.leaseName = Objects.requireNonNull(leaseName, "leaseName");
            return this;
        }

        /** No scheduler: projects sync only when asked ("sync now", or a test calling {@link #sync()}). */
        public Builder withoutScheduler() {
            this.scheduler = false;
            return this;
        }

        /** The gate of report computations (default: {@code config.load()}'s bounds). */
        public Builder reportGate(ReportGate reportGate) {
            this.reportGate = Objects.requireNonNull(reportGate, "reportGate");
            return this;
        }

        /** Wires and starts everything; on a failure, what was started is stopped again. */
        public Backend start() {
            return Backend.wire(this);
        }
    }

    private static Backend wire(Builder built) {
        BackendConfig config = built.config;
        BackendConfig.Timings timings = config.timings();
        BackendConfig.Load load = config.load();
        Clock clock = built.clock;
        HttpClient http = built.http != null ? built.http : AzdoClient.defaultHttpClient();
        RetryPolicy.Settings retrySettings = retrySettings(timings);
        Supplier<RetryPolicy> policies = built.retries != null ? built.retries
                : () -> RetryPolicy.standard(retrySettings);
        Database database = built.database != null ? built.database : Database.open(config);
        Metrics metrics = new Metrics();
        metrics.bindDatabase(database, clock, timings.metricsRefresh());
        ManagementServer management = null;
        try {
            OrganizationStore organizations = new OrganizationStore(database);
            CredentialStore credentials = new CredentialStore(database, new CredentialCipher(config.dataKeys()));
            RevisionStore revisions = new RevisionStore(database);
            StateCategoryStore categories = new StateCategoryStore(database);
            ProjectStore projects = new ProjectStore(database);
            ProjectConfigStore configs = new ProjectConfigStore(database);
            AuditLog audit = new AuditLog(database);
            SyncLease leases = new SyncLease(database);
            RetryPolicy retries = policies.get();
            StoredCredentials storedCredentials = new StoredCredentials(config.entraTokenEndpoint(), http, retries,
                    clock);
            ProjectSync sync = new ProjectSync(new ProjectSync.Stores(organizations, credentials, revisions,
                    categories, leases, audit, configs),
                    new OrganizationClients(policies, http, timings.azdoRequestTimeout()), storedCredentials,
                    new ProjectSync.Settings(Math.min(config.batchSize(), AzdoClient.MAX_PAGE_SIZE),
                            built.leaseName != null ? built.leaseName : "instance-" + UUID.randomUUID(),
                            timings.syncLeaseTtl(), clock));
            SyncScheduler.RunListener runs = (outcome, received, took) ->
                    metrics.syncFinished(outcome == null ? "failed" : outcome.name(), received, took);
            DemoMode demo = config.demo() ? new DemoMode() : null;
            AppTokenVerifier tokens = demo != null ? new AppTokenVerifier(List.of(demo.secret()), null, clock,
                    timings.tokenClockSkew()) : AppTokenVerifier.fromConfig(config, clock);
            HttpClient userChecks = MembershipVerifier.httpClient(Duration.ofSeconds(3));
            ApiAuth auth = new ApiAuth(tokens, new MembershipVerifier(userChecks, clock, new MembershipVerifier.Settings(
                    timings.userCheckTimeout(), timings.membershipDenialTtl(), timings.membershipCacheTtl(), 10_000)),
                    organizations);
            AdminVerifier adminVerifier = new AdminVerifier(userChecks, clock, new AdminVerifier.Settings(
                    timings.userCheckTimeout(), timings.adminDenialTtl(), timings.adminCacheTtl(), 1_000));
            ProjectHistories histories = new ProjectHistories(load.historyCacheMb() * 1024L * 1024L,
                    timings.historyCacheIdle());
            ReportService reports = new ReportService(revisions, categories, configs, histories);
            ReportCache cache = new ReportCache(config.reportCacheMb() * 1024L * 1024L, timings.reportCacheIdle());
            OrganizationLocator locator = demo == null
                    ? new OrganizationLocator(config.azdoBaseUrl(), http, organizations, audit, clock)
                    : OrganizationLocator.off();
            AdminCheck adminCheck = new AdminCheck(auth, adminVerifier, organizations, credentials,
                    new IdentityAdmins(storedCredentials, retries, http, timings.identityRequestTimeout()), locator);
            AdminRoutes admin = new AdminRoutes(new AdminStores(database, organizations, credentials, projects, configs,
                    revisions, new ExtendedFieldStore(database, clock), audit, leases, new OrganizationEraser(database)),
                    adminCheck, sync, new SyncNow(sync, timings.syncNowWait(), runs), new AdminRoutes.Settings(
                    config.azdoBaseUrl(), ApiJson.mapper(), clock, demo == null ? config.pollInterval() : null), org -> {
                        cache.forget(org); // disconnected or personal fields switched off: nothing stays in memory
                        histories.forget(org);
                    });
            DirectoryRoutes.Directory directory = DirectoryRoutes.withStoredCredential(credentials,
                    storedCredentials, retries, http, timings.identityRequestTimeout());
            DirectoryRoutes directoryRoutes = new DirectoryRoutes(organizations,
                    demo == null ? directory : demo.directory(directory), audit);
            ReportGate gate = built.reportGate != null ? built.reportGate
                    : new ReportGate(load.reportConcurrency(), load.reportQueue(), load.reportMaxWait());
            Javalin app = App.create(config, new ProjectRoutes(reports, revisions, audit,
                    new DataVersions(database), cache, clock, gate), admin, demo, metrics, new AccessGate(auth,
                    adminCheck), directoryRoutes.routes());
            try {
                app.start();
                management = ManagementServer.start(config.managementHost(), config.managementPort(), metrics,
                        new Readiness(database, (int) Math.max(1, timings.readinessTimeout().toSeconds())));
            } catch (RuntimeException e) {
                app.stop();
                admin.close();
                throw e;
            }
            if (demo != null) {
                demo.seed(organizations, projects, revisions, categories, configs,
                        "http://127.0.0.1:" + app.port() + "/demo-azdo");
            }
            SyncScheduler scheduler = null;
            if (demo == null && built.scheduler) {
                scheduler = new SyncScheduler(organizations, projects, sync, locator, runs);
                scheduler.start(config.pollInterval());
            }
            return new Backend(new Parts(database, built.database == null, scheduler, app, demo, admin, management,
                    sync, cache));
        } catch (RuntimeException e) {
            if (management != null) {
                management.close();
            }
            if (built.database == null) {
                database.close();
            }
            throw e;
        }
    }

    /** The default retry settings with the configured backoff. */
    private static RetryPolicy.Settings retrySettings(BackendConfig.Timings timings) {
        RetryPolicy.Settings d = RetryPolicy.Settings.defaults();
        return new RetryPolicy.Settings(d.maxAttempts(), d.maxMalformedAttempts(), timings.retryBaseDelay(),
                timings.retryMaxDelay(), d.maxWait(), d.lowRemainingFraction(), d.slowDown());
    }

    public int port() {
        return parts.app().port();
    }

    /** The management server's port (liveness, readiness, metrics). */
    public int managementPort() {
        return parts.management().port();
    }

    /** The demo mode's sign-in and data, or null outside demo mode. */
    public DemoMode demo() {
        return parts.demo();
    }

    /** This instance's project sync (what the scheduler and "sync now" run). */
    public ProjectSync sync() {
        return parts.sync();
    }

    /** This instance's cache of computed reports. */
    public ReportCache reportCache() {
        return parts.reportCache();
    }

    /** The HTTP service itself (its routes, for tests that check what is registered). */
    Javalin app() {
        return parts.app();
    }

    /** This instance's organization administrators' routes. */
    public AdminRoutes adminRoutes() {
        return parts.admin();
    }

    @Override
    public void close() {
        if (parts.scheduler() != null) {
            parts.scheduler().close();
        }
        parts.app().stop();
        parts.management().close();
        parts.admin().close();
        if (parts.ownsDatabase()) {
            parts.database().close();
        }
    }
}
