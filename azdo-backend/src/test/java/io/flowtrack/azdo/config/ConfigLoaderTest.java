package io.flowtrack.azdo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789ABCDEF".getBytes());
    private static final String SECRET = "s3cret-from-the-marketplace-certificate-0001";

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("FLOWTRACK_DATA_KEYS", "k1:" + KEY);
        env.put("FLOWTRACK_EXTENSION_SECRETS", SECRET);
        env.put("FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io,https://flowtrack.gallery.vsassets.io");
        return env;
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        BackendConfig c = ConfigLoader.load(valid(), null, false);
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.databaseUrl()).startsWith("jdbc:h2:file:");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.batchSize()).isEqualTo(500);
        assertThat(c.dataKeys()).extracting(BackendConfig.DataKey::id).containsExactly("k1");
        assertThat(c.dataKeys().get(0).bytes()).hasSize(32);
        assertThat(c.extensionSecrets()).hasSize(1);
        assertThat(c.allowedOrigins()).hasSize(2);
        assertThat(c.demo()).isFalse();
    }

    @Test
    void everyMissingRequiredSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, false))
                .isInstanceOf(ConfigLoader.InvalidConfigException.class)
                .hasMessageContaining("FLOWTRACK_DATA_KEYS is required")
                .hasMessageContaining("FLOWTRACK_EXTENSION_SECRETS is required")
                .hasMessageContaining("FLOWTRACK_ALLOWED_ORIGINS is required");
    }

    @Test
    void weakOrWrongValuesAreRefusedWithoutEchoingSecrets() {
        Map<String, String> env = valid();
        env.put("FLOWTRACK_EXTENSION_SECRETS", "short-secret");
        env.put("FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[16]));
        env.put("FLOWTRACK_ALLOWED_ORIGINS", "*");
        env.put("FLOWTRACK_POLL_INTERVAL", "PT10S");
        env.put("FLOWTRACK_BATCH_SIZE", "0");
        assertThatThrownBy(() -> ConfigLoader.load(env, null, false))
                .hasMessageContaining("secret 1 is weak")
                .hasMessageContaining("AES-256 needs exactly 32")
                .hasMessageContaining("'*' is never allowed")
                .hasMessageContaining("at least PT1M")
                .hasMessageContaining("FLOWTRACK_BATCH_SIZE must be from 1 to 20000")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void allBytesEqualIsAWeakKey() {
        Map<String, String> env = valid();
        env.put("FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> ConfigLoader.load(env, null, false)).hasMessageContaining("is weak (all bytes equal)");
    }

    @Test
    void twoSecretsForRotationButNotThree() {
        Map<String, String> env = valid();
        env.put("FLOWTRACK_EXTENSION_SECRETS", SECRET + "," + SECRET + "-next");
        assertThat(ConfigLoader.load(env, null, false).extensionSecrets()).hasSize(2);
        env.put("FLOWTRACK_EXTENSION_SECRETS", SECRET + "," + SECRET + "," + SECRET);
        assertThatThrownBy(() -> ConfigLoader.load(env, null, false)).hasMessageContaining("at most two");
    }

    @Test
    void aFileFillsInAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flowtrack.properties");
        Files.writeString(file, "port=9191\nbatch.size=250\ndata.keys=k1:" + KEY + "\nextension.secrets=" + SECRET
                + "\nallowed.origins=https://a.gallerycdn.vsassets.io\n");
        BackendConfig fromFile = ConfigLoader.load(Map.of(), file, false);
        assertThat(fromFile.port()).isEqualTo(9191);
        assertThat(fromFile.batchSize()).isEqualTo(250);
        BackendConfig envWins = ConfigLoader.load(Map.of("FLOWTRACK_PORT", "9292"), file, false);
        assertThat(envWins.port()).isEqualTo(9292);
    }

    @Test
    void demoModeNeedsNoSecretsAndUsesAnInMemoryDatabase() {
        BackendConfig c = ConfigLoader.load(Map.of(), null, true);
        assertThat(c.demo()).isTrue();
        assertThat(c.databaseUrl()).startsWith("jdbc:h2:mem:");
        assertThat(c.dataKeys()).hasSize(1);
    }

    @Test
    void secretsNeverPrintThemselves() {
        BackendConfig c = ConfigLoader.load(valid(), null, false);
        assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(KEY).contains("[redacted]");
    }

    @Test
    void timingsDefaultToTodaysValuesAndAreReadAsIsoDurations() {
        assertThat(ConfigLoader.load(valid(), null, false).timings()).isEqualTo(BackendConfig.Timings.defaults());
        assertThat(BackendConfig.Timings.defaults().syncLeaseTtl()).isEqualTo(Duration.ofSeconds(60));
        Map<String, String> env = valid();
        env.put("FLOWTRACK_SYNC_LEASE_TTL", "PT5M");
        env.put("FLOWTRACK_ADMIN_CACHE_TTL", "PT0S");
        env.put("FLOWTRACK_REPORT_CACHE_IDLE", "PT2H");
        BackendConfig.Timings t = ConfigLoader.load(env, null, false).timings();
        assertThat(t.syncLeaseTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.adminCacheTtl()).isZero();
        assertThat(t.reportCacheIdle()).isEqualTo(Duration.ofHours(2));
        assertThat(t.azdoRequestTimeout()).isEqualTo(BackendConfig.Timings.defaults().azdoRequestTimeout());
    }

    @Test
    void aTimingOutsideItsBoundsOrNotADurationIsNamed() {
        Map<String, String> env = valid();
        env.put("FLOWTRACK_SYNC_LEASE_TTL", "PT1S");
        env.put("FLOWTRACK_ADMIN_CACHE_TTL", "PT10M");
        env.put("FLOWTRACK_USER_CHECK_TIMEOUT", "5 seconds");
        env.put("FLOWTRACK_RETRY_BASE_DELAY", "PT30S");
        env.put("FLOWTRACK_RETRY_MAX_DELAY", "PT10S");
        assertThatThrownBy(() -> ConfigLoader.load(env, null, false))
                .hasMessageContaining("FLOWTRACK_SYNC_LEASE_TTL must be from PT10S to PT1H, was PT1S")
                .hasMessageContaining("FLOWTRACK_ADMIN_CACHE_TTL must be from PT0S to PT5M")
                .hasMessageContaining("FLOWTRACK_USER_CHECK_TIMEOUT must be an ISO-8601 duration")
                .hasMessageContaining("FLOWTRACK_RETRY_MAX_DELAY must not be shorter than FLOWTRACK_RETRY_BASE_DELAY");
    }

    @Test
    void everyTimingIsDocumentedInTheOperationsGuide() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "operations.md"));
        assertThat(ConfigLoader.TIMINGS).hasSize(BackendConfig.Timings.class.getRecordComponents().length);
        for (ConfigLoader.TimingSetting t : ConfigLoader.TIMINGS) {
            assertThat(guide).contains("| `" + t.env() + "` | `" + t.key() + "` |");
        }
    }
}
