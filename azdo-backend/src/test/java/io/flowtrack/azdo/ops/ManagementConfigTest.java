package io.flowtrack.azdo.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The management port's settings: its own port, never the API's. */
class ManagementConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789ABCDEF".getBytes()),
                "FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001",
                "FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsTo9090OnTheServicesInterface() {
        BackendConfig c = ConfigLoader.load(env("FLOWTRACK_BIND_HOST", "0.0.0.0"), null, false);
        assertThat(c.managementPort()).isEqualTo(9090);
        assertThat(c.managementHost()).isEqualTo("0.0.0.0");
        assertThat(ConfigLoader.load(env("FLOWTRACK_PORT", "0"), null, false).managementPort()).isZero();
    }

    @Test
    void hostAndPortCanBeSet() {
        BackendConfig c = ConfigLoader.load(env("FLOWTRACK_MANAGEMENT_PORT", "9464",
                "FLOWTRACK_MANAGEMENT_BIND_HOST", "10.0.0.4"), null, false);
        assertThat(c.managementPort()).isEqualTo(9464);
        assertThat(c.managementHost()).isEqualTo("10.0.0.4");
    }

    @Test
    void theApiPortIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(env("FLOWTRACK_PORT", "8080", "FLOWTRACK_MANAGEMENT_PORT", "8080"),
                null, false)).hasMessageContaining("FLOWTRACK_MANAGEMENT_PORT must differ from FLOWTRACK_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(env("FLOWTRACK_MANAGEMENT_PORT", "70000"), null, false))
                .hasMessageContaining("FLOWTRACK_MANAGEMENT_PORT must be from 0 to 65535");
    }
}
