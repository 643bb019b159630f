package io.flowtrack.azdo.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The service's configuration: read once at start-up by {@link ConfigLoader}, validated, then passed in.
 * Nothing deeper in the code reads the environment.
 *
 * @param bindHost          the interface to listen on
 * @param port              the port to listen on
 * @param databaseUrl       JDBC URL (embedded H2 file by default, PostgreSQL for shared deployments)
 * @param databaseUser      database user
 * @param databasePassword  database password (a secret: never logged)
 * @param dataKeys          keys that encrypt stored credentials, newest first; the first encrypts, all decrypt
 * @param extensionSecrets  the extension's app-token secrets (one or two, for rotation)
 * @param extensionAudience the app token's expected audience, or null to accept any
 * @param allowedOrigins    browser origins allowed by CORS (the extension's marketplace origins)
 * @param pollInterval      how often each connected project is synchronised
 * @param batchSize         revisions asked for per page
 * @param reportCacheMb     memory for computed reports, in MiB (0: no report cache)
 * @param azdoBaseUrl       where organizations live (https://dev.azure.com, or a test server)
 * @param entraTokenEndpoint the Microsoft Entra token endpoint template for service principals
 * @param demo              demo mode: generated organization and a local sign-in; never on by default
 * @param load              bounds under load: report computations at once, their queue, warm histories' memory
 * @param managementHost    the interface the management server (liveness, readiness, metrics) listens on
 * @param managementPort    the management server's port, never the service's (0: any free port)
 * @param timings           timeouts, leases, retry delays and cache lifetimes ({@link Timings#defaults()})
 */
public record BackendConfig(String bindHost, int port, String databaseUrl, String databaseUser,
                            Secret databasePassword, List<DataKey> dataKeys, List<Secret> extensionSecrets,
                            String extensionAudience, List<String> allowedOrigins, Duration pollInterval,
                            int batchSize, int reportCacheMb, URI azdoBaseUrl, String entraTokenEndpoint, boolean demo,
                            Load load, String managementHost, int managementPort, Timings timings) {
    public BackendConfig {
        load = load == null ? Load.defaults() : load;
        timings = timings == null ? Timings.defaults() : timings;
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(managementHost, "managementHost");
        dataKeys = List.copyOf(dataKeys);
        extensionSecrets = List.copyOf(extensionSecrets);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** This configuration with other timings (tests shorten or lengthen them; the loader reads them). */
    public BackendConfig withTimings(Timings other) {
        return new BackendConfig(bindHost, port, databaseUrl, databaseUser, databasePassword, dataKeys,
                extensionSecrets, extensionAudience, allowedOrigins, pollInterval, batchSize, reportCacheMb,
                azdoBaseUrl, entraTokenEndpoint, demo, load, managementHost, managementPort, other);
    }

    /**
     * Every duration the service waits for, holds or keeps something: one named setting each, read by
     * {@link ConfigLoader} as ISO-8601 durations (docs/operations.md lists them with their bounds).
     *
     * @param syncLeaseTtl           how long a project's sync lease lives; its heartbeat renews it every third of
     *                               it, and a crashed instance blocks the project this long
     * @param azdoRequestTimeout     each Azure DevOps REST request of a sync (work item revisions, state categories)
     * @param identityRequestTimeout each request that reads an organization's administrators (Identities API)
     * @param userCheckTimeout       each membership and admin check a request makes with the user's access token
     * @param membershipCacheTtl     how long a confirmed membership is believed (never past the app token's expiry)
     * @param membershipDenialTtl    how long a refused membership is remembered
     * @param adminCacheTtl          how long a confirmed organization admin is believed (never past the token)
     * @param adminDenialTtl         how long a refused admin check is remembered
     * @param tokenClockSkew         the clock skew allowed on the app token's exp and nbf
     * @param syncNowWait            how long "sync now" waits for the sync before answering that it still runs
     * @param reportCacheIdle        a computed report unused for this long leaves the report cache
     * @param historyCacheIdle       a warm project history unused for this long leaves memory
     * @param retryBaseDelay         the first backoff step of a retried Azure DevOps or Entra call
     * @param retryMaxDelay          the cap of that backoff
     * @param readinessTimeout       the readiness probe's database check
     * @param metricsRefresh         the database gauges are re-read at most this often
     */
    public record Timings(Duration syncLeaseTtl, Duration azdoRequestTimeout, Duration identityRequestTimeout,
                          Duration userCheckTimeout, Duration membershipCacheTtl, Duration membershipDenialTtl,
                          Duration adminCacheTtl, Duration adminDenialTtl, Duration tokenClockSkew,
                          Duration syncNowWait, Duration reportCacheIdle, Duration historyCacheIdle,
                          Duration retryBaseDelay, Duration retryMaxDelay, Duration readinessTimeout,
                          Duration metricsRefresh) {
        public Timings {
            for (Duration d : new Duration[] {syncLeaseTtl, azdoRequestTimeout, identityRequestTimeout,
                    userCheckTimeout, membershipCacheTtl, membershipDenialTtl, adminCacheTtl, adminDenialTtl,
                    tokenClockSkew, syncNowWait, reportCacheIdle, historyCacheIdle, retryBaseDelay, retryMaxDelay,
                    readinessTimeout, metricsRefresh}) {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("every timing is a duration of 0 or more");
                }
            }
            if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
                throw new IllegalArgumentException("retryMaxDelay must not be shorter than retryBaseDelay");
            }
        }

        /**
         * Lease 60 s (heartbeat 20 s), Azure DevOps requests 60 s, Identities 15 s, user checks 5 s, memberships
         * believed 10 min and admins 2 min, denials 5 s, token skew 60 s, sync now waits 20 s, reports cached
         * 30 min and histories 2 h unused, retries from 1 s up to 60 s, readiness 5 s, gauges every 30 s.
         */
        public static Timings defaults() {
            return new Timings(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(15),
                    Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(2),
                    Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofMinutes(30),
                    Duration.ofHours(2), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        }
    }

    /**
     * How much report work the service takes on at once.
     *
     * @param reportConcurrency report computations running at once
     * @param reportQueue       computations waiting beyond those; more get 503 with Retry-After
     * @param reportMaxWait     the longest a computation waits for its turn before 503
     * @param historyCacheMb    memory for the warm, in-memory form of synced projects' histories, in MiB (0: none)
     */
    public record Load(int reportConcurrency, int reportQueue, Duration reportMaxWait, int historyCacheMb) {
        public Load {
            if (reportConcurrency < 1 || reportQueue < 0 || historyCacheMb < 0) {
                throw new IllegalArgumentException("report concurrency at least 1, queue and history cache 0 or more");
            }
            Objects.requireNonNull(reportMaxWait, "reportMaxWait");
        }

        /** As many computations as cores (at least 2), 64 waiting up to 20 s, 256 MiB of warm histories. */
        public static Load defaults() {
            return new Load(Math.max(2, Runtime.getRuntime().availableProcessors()), 64, Duration.ofSeconds(20), 256);
        }
    }

    /**
     * A secret value that never shows itself: {@code toString()} is redacted, so a secret cannot reach a
     * log line or an error message by accident.
     */
    public static final class Secret {
        private final String value;

        public Secret(String value) {
            this.value = Objects.requireNonNull(value, "secret");
        }

        /** The secret itself, for the one place that must use it. */
        public String reveal() {
            return value;
        }

        @Override
        public String toString() {
            return "[redacted]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secret s && java.security.MessageDigest.isEqual(
                    s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public int hashCode() {
            return 0; // equal secrets need equal hashes; no information about the value leaks
        }
    }

    /**
     * One data-encryption key (AES-256) with the id stored beside everything it encrypted, so keys can
     * rotate: new data uses the first key, old data is still read with its own.
     */
    public record DataKey(String id, Secret key) {
        public DataKey {
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a data key id is 1 to 32 letters, digits, '-' or '_'");
            }
        }

        /** The 32 key bytes. */
        public byte[] bytes() {
            return java.util.Base64.getDecoder().decode(key.reveal());
        }
    }
}
