package io.flowtrack.azdo;

import io.flowtrack.azdo.api.ApiJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assembled service on a real loopback port: health, JSON errors, CORS and security headers. */
class AppTest {
    private static final String ORIGIN = "https://flowtrack.gallerycdn.vsassets.io";
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        BackendConfig config = ConfigLoader.load(Map.of(
                "FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789ABCDEF".getBytes()),
                "FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001",
                "FLOWTRACK_ALLOWED_ORIGINS", ORIGIN), null, false);
        app = App.create(config).start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    @Test
    void healthAnswersWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/health")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiJson.mapper().readTree(r.body()).get("status").asText()).isEqualTo("up");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void anUnknownEndpointIsAJsonError() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/nothing-here")));
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = ApiJson.mapper().readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("not_found");
        assertThat(body.get("message").asText()).contains("/api/v1/nothing-here");
        assertThat(body.get("requestId").asText()).isNotBlank();
    }

    @Test
    void theDemoSignInDoesNotExistOutsideDemoMode() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/demo/sign-in"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("appToken");
    }

    @Test
    void theDemoPageAndBundleDoNotExistOutsideDemoMode() throws Exception {
        for (String path : new String[] {"/demo/", "/demo", "/demo/demo-host.js", "/demo/flowtrack-dashboard.js",
                "/demo/flowtrack-dashboard.css"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("FlowTrack").doesNotContain("<html");
        }
    }

    @Test
    void corsAnswersOnlyTheConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        HttpResponse<String> withTokens = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-flowtrack-access-token"));
        assertThat(withTokens.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("x-flowtrack-access-token");
        for (String method : java.util.List.of("PUT", "POST", "DELETE")) { // the admin routes' methods
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ORIGIN).header("Access-Control-Request-Method", method));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).as(method)
                    .contains(method);
        }
        HttpResponse<String> other = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/v1/health")).header("Origin", "https://evil.example"));
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsNamesOnlyTheExtensionsHeadersAndNeverRefusesARequestForItsOrigin() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-evil-header"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Content-Type, X-FlowTrack-Access-Token");
        assertThat(preflight.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> foreignPreflight = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"));
        assertThat(foreignPreflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        // A page on the backend's own origin (the demo) sends Origin with its POSTs: no CORS headers, but no refusal.
        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(uri("/api/v1/health"))
                .header("Origin", "http://127.0.0.1:1"));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Errors reach the extension's page too, so it can show their message.
        HttpResponse<String> error = send(HttpRequest.newBuilder(uri("/api/v1/nothing-here")).header("Origin", ORIGIN));
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    }
}
