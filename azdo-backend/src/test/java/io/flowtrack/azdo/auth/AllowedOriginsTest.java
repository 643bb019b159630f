package io.flowtrack.azdo.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {
    private final AllowedOrigins origins = AllowedOrigins.of(List.of("https://flowtrack.gallerycdn.vsassets.io",
            "https://FlowTrack.gallery.vsassets.io:443", "https://localhost:3000"));

    @Test
    void normalizesTheConfiguredOrigins() {
        assertThat(origins.values()).containsExactlyInAnyOrder("https://flowtrack.gallerycdn.vsassets.io",
                "https://flowtrack.gallery.vsassets.io", "https://localhost:3000");
    }

    @Test
    void matchesExactlyAndNothingElse() {
        assertThat(origins.allows("https://flowtrack.gallerycdn.vsassets.io")).isTrue();
        assertThat(origins.allows("https://flowtrack.gallery.vsassets.io")).isTrue();
        assertThat(origins.allows("https://localhost:3000")).isTrue();
        assertThat(origins.allows("https://other.gallerycdn.vsassets.io")).isFalse(); // another publisher
        assertThat(origins.allows("https://evil-flowtrack.gallerycdn.vsassets.io")).isFalse();
        assertThat(origins.allows("https://flowtrack.gallerycdn.vsassets.io.evil.com")).isFalse();
        assertThat(origins.allows("http://flowtrack.gallerycdn.vsassets.io")).isFalse();
        assertThat(origins.allows("https://flowtrack.gallerycdn.vsassets.io:8443")).isFalse();
        assertThat(origins.allows("https://localhost:3001")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows("*")).isFalse();
        assertThat(origins.allows("")).isFalse();
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void refusesWildcardsNullPathsAndPlainHttp() {
        for (String bad : new String[] {"*", "https://*.gallerycdn.vsassets.io", "null", "",
                "https://flowtrack.gallerycdn.vsassets.io/", "https://flowtrack.gallerycdn.vsassets.io/path",
                "http://flowtrack.gallerycdn.vsassets.io", "flowtrack.gallerycdn.vsassets.io",
                "https://user@flowtrack.gallerycdn.vsassets.io", "file:///tmp"}) {
            assertThatThrownBy(() -> AllowedOrigins.of(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AllowedOrigins.of(List.of("http://127.0.0.1:8080")).allows("http://127.0.0.1:8080")).isTrue();
    }

    @Test
    void corsHeadersEchoOnlyAnAllowedOrigin() {
        String origin = "https://flowtrack.gallerycdn.vsassets.io";
        assertThat(origins.corsHeaders(origin, false)).contains(Map.of("Access-Control-Allow-Origin", origin,
                "Vary", "Origin"));
        Map<String, String> preflight = origins.corsHeaders(origin, true).orElseThrow();
        assertThat(preflight).containsEntry("Access-Control-Allow-Origin", origin)
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-FlowTrack-Access-Token")
                .containsEntry("Access-Control-Max-Age", "600").doesNotContainValue("*")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(origins.corsHeaders("https://evil.example", true)).isEmpty();
        assertThat(origins.corsHeaders(null, false)).isEmpty();
    }
}
