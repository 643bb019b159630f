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
 */
public record BackendConfig(String bindHost, int port, String databaseUrl, String databaseUser,
                            Secret databasePassword, List<DataKey> dataKeys, List<Secret> extensionSecrets,
                            String extensionAudience, List<String> allowedOrigins, Duration pollInterval,
                            int batchSize, int reportCacheMb, URI azdoBaseUrl, String entraTokenEndpoint, boolean demo,
                            Load load, String managementHost, int managementPort) {
    public BackendConfig {
        load = load == null ? Load.defaults() : load;
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(managementHost, "managementHost");
        dataKeys = List.copyOf(dataKeys);
        extensionSecrets = List.copyOf(extensionSecrets);
        allowedOrigins = List.copyOf(allowedOrigins);
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
