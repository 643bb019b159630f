package io.flowtrack.azdo.config;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link BackendConfig} from environment variables and, optionally, a properties file (the
 * environment wins). Refuses to start, naming every problem at once, when something required is
 * missing or weak. Secrets are never echoed in a message.
 *
 * <table>
 * <caption>Settings (environment variable / properties key)</caption>
 * <tr><td>FLOWTRACK_BIND_HOST / bind.host</td><td>default 127.0.0.1</td></tr>
 * <tr><td>FLOWTRACK_PORT / port</td><td>default 8080</td></tr>
 * <tr><td>FLOWTRACK_DATABASE_URL / database.url</td><td>default jdbc:h2:file:./data/flowtrack</td></tr>
 * <tr><td>FLOWTRACK_DATABASE_USER / database.user</td><td>default flowtrack</td></tr>
 * <tr><td>FLOWTRACK_DATABASE_PASSWORD / database.password</td><td>default empty (H2 only)</td></tr>
 * <tr><td>FLOWTRACK_DATA_KEYS / data.keys</td><td>required: id:base64key[,id:base64key] — 32-byte keys, newest first</td></tr>
 * <tr><td>FLOWTRACK_EXTENSION_SECRETS / extension.secrets</td><td>required: one or two secrets, comma separated</td></tr>
 * <tr><td>FLOWTRACK_EXTENSION_AUDIENCE / extension.audience</td><td>optional</td></tr>
 * <tr><td>FLOWTRACK_ALLOWED_ORIGINS / allowed.origins</td><td>required outside demo mode: comma separated https origins</td></tr>
 * <tr><td>FLOWTRACK_POLL_INTERVAL / poll.interval</td><td>ISO-8601 duration, default PT5M, at least PT1M</td></tr>
 * <tr><td>FLOWTRACK_BATCH_SIZE / batch.size</td><td>default 500, 1 to 20000</td></tr>
 * <tr><td>FLOWTRACK_REPORT_CACHE_MB / report.cache.mb</td><td>default 64, 0 (off) to 4096</td></tr>
 * <tr><td>FLOWTRACK_REPORT_CONCURRENCY / report.concurrency</td><td>report computations at once, default the cores (at least 2), 1 to 256</td></tr>
 * <tr><td>FLOWTRACK_REPORT_QUEUE / report.queue</td><td>computations waiting beyond those (more get 503), default 64, 0 to 10000</td></tr>
 * <tr><td>FLOWTRACK_REPORT_MAX_WAIT_SECONDS / report.max.wait.seconds</td><td>longest wait for a turn before 503, default 20, 1 to 300</td></tr>
 * <tr><td>FLOWTRACK_HISTORY_CACHE_MB / history.cache.mb</td><td>warm in-memory histories of synced projects, default 256, 0 (off) to 16384</td></tr>
 * <tr><td>FLOWTRACK_AZDO_BASE_URL / azdo.base.url</td><td>default https://dev.azure.com</td></tr>
 * <tr><td>FLOWTRACK_MANAGEMENT_BIND_HOST / management.bind.host</td><td>default: the service's bind host</td></tr>
 * <tr><td>FLOWTRACK_MANAGEMENT_PORT / management.port</td><td>default 9090 (0 when the service's port is 0); never the service's port</td></tr>
 * <tr><td>FLOWTRACK_ENTRA_TOKEN_ENDPOINT / entra.token.endpoint</td><td>default https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token</td></tr>
 * <tr><td>the timings of {@link #TIMINGS}</td><td>ISO-8601 durations within their bounds ({@link BackendConfig.Timings})</td></tr>
 * </table>
 */
public final class ConfigLoader {
    /** Extension secrets shorter than this are refused as weak. */
    static final int MIN_SECRET_LENGTH = 32;

    private ConfigLoader() {
    }

    /** One duration setting: its names and bounds (its default is {@link BackendConfig.Timings#defaults()}'). */
    record TimingSetting(String env, String key, Duration min, Duration max) {
    }

    /** The {@link BackendConfig.Timings} settings, in the order of the record's components. */
    static final List<TimingSetting> TIMINGS = List.of(
            new TimingSetting("FLOWTRACK_SYNC_LEASE_TTL", "sync.lease.ttl", Duration.ofSeconds(10), Duration.ofHours(1)),
            new TimingSetting("FLOWTRACK_AZDO_REQUEST_TIMEOUT", "azdo.request.timeout", Duration.ofSeconds(1),
                    Duration.ofMinutes(10)),
            new TimingSetting("FLOWTRACK_IDENTITY_REQUEST_TIMEOUT", "identity.request.timeout", Duration.ofSeconds(1),
                    Duration.ofMinutes(5)),
            new TimingSetting("FLOWTRACK_USER_CHECK_TIMEOUT", "user.check.timeout", Duration.ofSeconds(1),
                    Duration.ofMinutes(1)),
            new TimingSetting("FLOWTRACK_MEMBERSHIP_CACHE_TTL", "membership.cache.ttl", Duration.ZERO, Duration.ofHours(1)),
            new TimingSetting("FLOWTRACK_MEMBERSHIP_DENIAL_TTL", "membership.denial.ttl", Duration.ZERO,
                    Duration.ofSeconds(10)),
            new TimingSetting("FLOWTRACK_ADMIN_CACHE_TTL", "admin.cache.ttl", Duration.ZERO, Duration.ofMinutes(5)),
            new TimingSetting("FLOWTRACK_ADMIN_DENIAL_TTL", "admin.denial.ttl", Duration.ZERO, Duration.ofSeconds(10)),
            new TimingSetting("FLOWTRACK_TOKEN_CLOCK_SKEW", "token.clock.skew", Duration.ZERO, Duration.ofMinutes(5)),
            new TimingSetting("FLOWTRACK_SYNC_NOW_WAIT", "sync.now.wait", Duration.ofSeconds(1), Duration.ofMinutes(5)),
            new TimingSetting("FLOWTRACK_REPORT_CACHE_IDLE", "report.cache.idle", Duration.ofMinutes(1),
                    Duration.ofDays(1)),
            new TimingSetting("FLOWTRACK_HISTORY_CACHE_IDLE", "history.cache.idle", Duration.ofMinutes(1),
                    Duration.ofDays(7)),
            new TimingSetting("FLOWTRACK_RETRY_BASE_DELAY", "retry.base.delay", Duration.ofMillis(100),
                    Duration.ofMinutes(1)),
            new TimingSetting("FLOWTRACK_RETRY_MAX_DELAY", "retry.max.delay", Duration.ofSeconds(1),
                    Duration.ofMinutes(10)),
            new TimingSetting("FLOWTRACK_READINESS_TIMEOUT", "readiness.timeout", Duration.ofSeconds(1),
                    Duration.ofMinutes(1)),
            new TimingSetting("FLOWTRACK_METRICS_REFRESH", "metrics.refresh", Duration.ofSeconds(1), Duration.ofHours(1)));

    /** Thrown when the configuration cannot start the service; the message lists every problem. */
    public static final class InvalidConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidConfigException(List<String> problems) {
            super("FlowTrack cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * @param env        the environment (System.getenv() in production)
     * @param configFile a properties file, or null
     * @param demo       whether demo mode was asked for on the command line
     */
    public static BackendConfig load(Map<String, String> env, Path configFile, boolean demo) {
        Properties file = new Properties();
        List<String> problems = new ArrayList<>();
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                problems.add("config file " + configFile + " cannot be read: " + e.getMessage());
            }
        }
        Source source = new Source(env, file);
        String bindHost = source.get("FLOWTRACK_BIND_HOST", "bind.host", "127.0.0.1");
        int port = source.integer("FLOWTRACK_PORT", "port", 8080, 0, 65535, problems);
        Database database = database(source, demo, problems);
        List<DataKey> keys = dataKeys(source.get("FLOWTRACK_DATA_KEYS", "data.keys", null), demo, problems);
        List<Secret> secrets = extensionSecrets(source, demo, problems);
        String audience = source.get("FLOWTRACK_EXTENSION_AUDIENCE", "extension.audience", null);
        List<String> origins = allowedOrigins(source, demo, problems);
        Duration poll = pollInterval(source, problems);
        int batch = source.integer("FLOWTRACK_BATCH_SIZE", "batch.size", 500, 1, 20_000, problems);
        int cacheMb = source.integer("FLOWTRACK_REPORT_CACHE_MB", "report.cache.mb", 64, 0, 4096, problems);
        BackendConfig.Load load = load(source, problems);
        URI azdo = azdoBaseUrl(source, problems);
        String entra = source.get("FLOWTRACK_ENTRA_TOKEN_ENDPOINT", "entra.token.endpoint",
                "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token");
        if (!entra.contains("{tenant}")) {
            problems.add("FLOWTRACK_ENTRA_TOKEN_ENDPOINT must contain {tenant}");
        }
        String managementHost = source.get("FLOWTRACK_MANAGEMENT_BIND_HOST", "management.bind.host", bindHost);
        int managementPort = managementPort(source, port, problems);
        BackendConfig.Timings timings = timings(source, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new BackendConfig(bindHost, port, database.url(), database.user(), database.password(), keys, secrets,
                audience, origins, poll, batch, cacheMb, azdo, entra, demo, load, managementHost, managementPort,
                timings);
    }

    /** The database settings as read (checked together: a PostgreSQL URL needs a password). */
    private record Database(String url, String user, Secret password) {
    }

    private static Database database(Source source, boolean demo, List<String> problems) {
        String url = source.get("FLOWTRACK_DATABASE_URL", "database.url",
                demo ? "jdbc:h2:mem:flowtrack-demo;DB_CLOSE_DELAY=-1" : "jdbc:h2:file:./data/flowtrack");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            problems.add("FLOWTRACK_DATABASE_URL must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) URL");
        }
        String user = source.get("FLOWTRACK_DATABASE_USER", "database.user", "flowtrack");
        String password = source.get("FLOWTRACK_DATABASE_PASSWORD", "database.password", "");
        if (url.startsWith("jdbc:postgresql:") && password.isEmpty()) {
            problems.add("FLOWTRACK_DATABASE_PASSWORD is required for PostgreSQL");
        }
        return new Database(url, user, new Secret(password));
    }

    /** One or two app-token secrets, each at least {@link #MIN_SECRET_LENGTH} characters; none only in demo mode. */
    private static List<Secret> extensionSecrets(Source source, boolean demo, List<String> problems) {
        List<Secret> secrets = new ArrayList<>();
        String secretList = source.get("FLOWTRACK_EXTENSION_SECRETS", "extension.secrets", null);
        if (secretList == null || secretList.isBlank()) {
            if (!demo) {
                problems.add("FLOWTRACK_EXTENSION_SECRETS is required: the extension's secret from its Marketplace"
                        + " certificate (two, comma separated, while rotating)");
            }
            return secrets;
        }
        String[] parts = secretList.split(",");
        if (parts.length > 2) {
            problems.add("FLOWTRACK_EXTENSION_SECRETS takes at most two secrets (current and next)");
        }
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i].trim();
            if (s.length() < MIN_SECRET_LENGTH) {
                problems.add("FLOWTRACK_EXTENSION_SECRETS: secret " + (i + 1) + " is weak (shorter than "
                        + MIN_SECRET_LENGTH + " characters)");
            }
            secrets.add(new Secret(s));
        }
        return secrets;
    }

    /** Named https origins (never '*'); http on loopback only in demo mode; required outside demo mode. */
    private static List<String> allowedOrigins(Source source, boolean demo, List<String> problems) {
        List<String> origins = new ArrayList<>();
        String originList = source.get("FLOWTRACK_ALLOWED_ORIGINS", "allowed.origins", null);
        if (originList == null || originList.isBlank()) {
            if (!demo) {
                problems.add("FLOWTRACK_ALLOWED_ORIGINS is required: the extension's marketplace origins,"
                        + " e.g. https://<publisher>.gallerycdn.vsassets.io,https://<publisher>.gallery.vsassets.io");
            }
            return origins;
        }
        for (String o : originList.split(",")) {
            String origin = o.trim();
            if (origin.equals("*")) {
                problems.add("FLOWTRACK_ALLOWED_ORIGINS must name origins; '*' is never allowed");
            } else if (!origin.matches("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
                    && !(demo && origin.matches("http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?"))) {
                problems.add("FLOWTRACK_ALLOWED_ORIGINS: '" + origin + "' is not an https origin"
                        + " (such as https://flowtrack.gallerycdn.vsassets.io)");
            } else {
                origins.add(origin);
            }
        }
        return origins;
    }

    private static Duration pollInterval(Source source, List<String> problems) {
        Duration poll = Duration.ofMinutes(5);
        String pollText = source.get("FLOWTRACK_POLL_INTERVAL", "poll.interval", null);
        if (pollText == null) {
            return poll;
        }
        try {
            poll = Duration.parse(pollText);
            if (poll.compareTo(Duration.ofMinutes(1)) < 0) {
                problems.add("FLOWTRACK_POLL_INTERVAL must be at least PT1M, was " + pollText);
            }
        } catch (DateTimeParseException e) {
            problems.add("FLOWTRACK_POLL_INTERVAL must be an ISO-8601 duration such as PT5M, was '" + pollText
                    + "'");
        }
        return poll;
    }

    private static BackendConfig.Load load(Source source, List<String> problems) {
        BackendConfig.Load defaults = BackendConfig.Load.defaults();
        int concurrency = source.integer("FLOWTRACK_REPORT_CONCURRENCY", "report.concurrency",
                Math.min(256, defaults.reportConcurrency()), 1, 256, problems);
        int queue = source.integer("FLOWTRACK_REPORT_QUEUE", "report.queue", defaults.reportQueue(), 0, 10_000, problems);
        int maxWait = source.integer("FLOWTRACK_REPORT_MAX_WAIT_SECONDS", "report.max.wait.seconds",
                (int) defaults.reportMaxWait().toSeconds(), 1, 300, problems);
        int historyMb = source.integer("FLOWTRACK_HISTORY_CACHE_MB", "history.cache.mb", defaults.historyCacheMb(), 0,
                16_384, problems);
        if (!problems.isEmpty()) {
            return defaults; // the values above may be out of range; the caller refuses to start anyway
        }
        return new BackendConfig.Load(concurrency, queue, Duration.ofSeconds(maxWait), historyMb);
    }

    private static URI azdoBaseUrl(Source source, List<String> problems) {
        String azdoText = source.get("FLOWTRACK_AZDO_BASE_URL", "azdo.base.url", "https://dev.azure.com");
        try {
            URI azdo = new URI(azdoText);
            if (azdo.getScheme() == null || !(azdo.getScheme().equals("https") || azdo.getScheme().equals("http"))) {
                problems.add("FLOWTRACK_AZDO_BASE_URL must be an http(s) URL, was '" + azdoText + "'");
            }
            return azdo;
        } catch (URISyntaxException e) {
            problems.add("FLOWTRACK_AZDO_BASE_URL is not a URL: '" + azdoText + "'");
            return null;
        }
    }

    /** The management server's port: 9090 by default (0 when the service's is 0), never the service's port. */
    private static int managementPort(Source source, int port, List<String> problems) {
        int managementPort = source.integer("FLOWTRACK_MANAGEMENT_PORT", "management.port", port == 0 ? 0 : 9090, 0,
                65535, problems);
        if (managementPort != 0 && managementPort == port) {
            problems.add("FLOWTRACK_MANAGEMENT_PORT must differ from FLOWTRACK_PORT (" + port + "): metrics and"
                    + " probes have their own port, never the API's");
        }
        return managementPort;
    }

    /** Each of {@link #TIMINGS}, its default when unset or invalid (then problems names it). */
    private static BackendConfig.Timings timings(Source source, List<String> problems) {
        BackendConfig.Timings d = BackendConfig.Timings.defaults();
        java.util.function.BiFunction<String, Duration, Duration> read = (env, fallback) -> source.duration(
                TIMINGS.stream().filter(t -> t.env().equals(env)).findFirst().orElseThrow(), fallback, problems);
        Duration retryBase = read.apply("FLOWTRACK_RETRY_BASE_DELAY", d.retryBaseDelay());
        Duration retryMax = read.apply("FLOWTRACK_RETRY_MAX_DELAY", d.retryMaxDelay());
        if (retryMax.compareTo(retryBase) < 0) {
            problems.add("FLOWTRACK_RETRY_MAX_DELAY must not be shorter than FLOWTRACK_RETRY_BASE_DELAY");
            retryMax = retryBase;
        }
        return new BackendConfig.Timings(read.apply("FLOWTRACK_SYNC_LEASE_TTL", d.syncLeaseTtl()),
                read.apply("FLOWTRACK_AZDO_REQUEST_TIMEOUT", d.azdoRequestTimeout()),
                read.apply("FLOWTRACK_IDENTITY_REQUEST_TIMEOUT", d.identityRequestTimeout()),
                read.apply("FLOWTRACK_USER_CHECK_TIMEOUT", d.userCheckTimeout()),
                read.apply("FLOWTRACK_MEMBERSHIP_CACHE_TTL", d.membershipCacheTtl()),
                read.apply("FLOWTRACK_MEMBERSHIP_DENIAL_TTL", d.membershipDenialTtl()),
                read.apply("FLOWTRACK_ADMIN_CACHE_TTL", d.adminCacheTtl()),
                read.apply("FLOWTRACK_ADMIN_DENIAL_TTL", d.adminDenialTtl()),
                read.apply("FLOWTRACK_TOKEN_CLOCK_SKEW", d.tokenClockSkew()),
                read.apply("FLOWTRACK_SYNC_NOW_WAIT", d.syncNowWait()),
                read.apply("FLOWTRACK_REPORT_CACHE_IDLE", d.reportCacheIdle()),
                read.apply("FLOWTRACK_HISTORY_CACHE_IDLE", d.historyCacheIdle()), retryBase, retryMax,
                read.apply("FLOWTRACK_READINESS_TIMEOUT", d.readinessTimeout()),
                read.apply("FLOWTRACK_METRICS_REFRESH", d.metricsRefresh()));
    }

    private static List<DataKey> dataKeys(String text, boolean demo, List<String> problems) {
        List<DataKey> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            if (demo) {
                byte[] random = new byte[32];
                new java.security.SecureRandom().nextBytes(random);
                keys.add(new DataKey("demo", new Secret(Base64.getEncoder().encodeToString(random))));
            } else {
                problems.add("FLOWTRACK_DATA_KEYS is required: id:base64 of 32 random bytes"
                        + " (e.g. k1:$(head -c 32 /dev/urandom | base64)); newest first when rotating");
            }
            return keys;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2) {
                problems.add("FLOWTRACK_DATA_KEYS: each key is id:base64key");
                continue;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(parts[1].trim());
                if (bytes.length != 32) {
                    problems.add("FLOWTRACK_DATA_KEYS: key '" + parts[0] + "' is " + bytes.length
                            + " bytes; AES-256 needs exactly 32");
                    continue;
                }
                if (allSame(bytes)) {
                    problems.add("FLOWTRACK_DATA_KEYS: key '" + parts[0] + "' is weak (all bytes equal)");
                    continue;
                }
                keys.add(new DataKey(parts[0].trim(), new Secret(parts[1].trim())));
            } catch (IllegalArgumentException e) {
                problems.add("FLOWTRACK_DATA_KEYS: key '" + parts[0] + "' is not valid base64 or its id is not"
                        + " 1 to 32 letters, digits, '-' or '_'");
            }
        }
        return keys;
    }

    private static boolean allSame(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }

    private record Source(Map<String, String> env, Properties file) {
        String get(String envName, String key, String fallback) {
            String value = env.get(envName);
            if (value == null) {
                value = file.getProperty(key);
            }
            return value == null ? fallback : value.trim();
        }

        Duration duration(TimingSetting setting, Duration fallback, List<String> problems) {
            String text = get(setting.env(), setting.key(), null);
            if (text == null) {
                return fallback;
            }
            try {
                Duration value = Duration.parse(text);
                if (value.compareTo(setting.min()) < 0 || value.compareTo(setting.max()) > 0) {
                    problems.add(setting.env() + " must be from " + setting.min() + " to " + setting.max() + ", was "
                            + text);
                    return fallback;
                }
                return value;
            } catch (DateTimeParseException e) {
                problems.add(setting.env() + " must be an ISO-8601 duration such as " + fallback + ", was '" + text
                        + "'");
                return fallback;
            }
        }

        int integer(String envName, String key, int fallback, int min, int max, List<String> problems) {
            String text = get(envName, key, null);
            if (text == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    problems.add(envName + " must be from " + min + " to " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(envName + " must be a whole number, was '" + text + "'");
                return fallback;
            }
        }
    }
}
