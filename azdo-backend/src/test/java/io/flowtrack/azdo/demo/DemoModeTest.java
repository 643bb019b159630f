package io.flowtrack.azdo.demo;

import io.flowtrack.azdo.api.ApiJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.Backend;
import io.flowtrack.azdo.api.ApiAuth;
import io.flowtrack.azdo.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole service in demo mode: sign in locally, then read the generated project's report. */
class DemoModeTest {
    static Backend backend;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        backend = Backend.start(ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATABASE_URL", "jdbc:h2:mem:demo-mode-test;DB_CLOSE_DELAY=-1"), null, true));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + backend.port() + path);
    }

    @Test
    void signInThenReadTheDemoProjectsReportThroughTheRealChecks() throws Exception {
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(uri("/demo/sign-in"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signIn.statusCode()).isEqualTo(200);
        JsonNode session = ApiJson.mapper().readTree(signIn.body());
        String reportPath = "/api/v1/orgs/" + session.get("organizationId").asText() + "/projects/"
                + session.get("projectId").asText() + "/report?forecastItems=20&seed=1";
        HttpResponse<String> report = send(HttpRequest.newBuilder(uri(reportPath))
                .header("Authorization", "Bearer " + session.get("appToken").asText())
                .header(ApiAuth.ACCESS_TOKEN_HEADER, session.get("accessToken").asText()));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        JsonNode json = ApiJson.mapper().readTree(report.body());
        assertThat(json.get("items").size()).isGreaterThan(1_000);
        assertThat(json.get("cycleTime").get("count").asInt()).isGreaterThan(100);
        assertThat(json.get("aging").get("items").size()).isPositive();
        assertThat(json.get("forecast").get("when").get("available").asBoolean()).isTrue();
        // Blocked work and the Monday-to-Friday calendar: every new chart has data.
        assertThat(json.get("blocked").get("items").asInt()).isPositive();
        assertThat(json.get("blocked").get("share").asDouble()).isBetween(0.001, 0.5);
        assertThat(json.get("calendar").get("workingDays").toString())
                .isEqualTo("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]");
        assertThat(json.get("cycleTime").get("workingDays").get("percentiles").get("85").asInt()).isPositive();
        assertThat(json.get("stageBreakdown")).isNotEmpty();
        assertThat(json.get("weekly")).hasSizeGreaterThan(20);

        // The demo's access token is checked like any other: a wrong one gets nothing.
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(reportPath))
                .header("Authorization", "Bearer " + session.get("appToken").asText())
                .header(ApiAuth.ACCESS_TOKEN_HEADER, "guessed-token"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri(reportPath)));
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    private static JsonNode signIn() throws Exception {
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(uri("/demo/sign-in"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signIn.statusCode()).isEqualTo(200);
        return ApiJson.mapper().readTree(signIn.body());
    }

    private static HttpResponse<String> report(JsonNode session, String projectId) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/orgs/" + session.get("organizationId").asText() + "/projects/"
                        + projectId + "/report"))
                .header("Authorization", "Bearer " + session.get("appToken").asText())
                .header(ApiAuth.ACCESS_TOKEN_HEADER, session.get("accessToken").asText()));
    }

    @Test
    void theDemoProjectIsConfiguredAsATeamWouldWithAnSle() throws Exception {
        JsonNode session = signIn();
        JsonNode json = ApiJson.mapper().readTree(report(session, session.get("projectId").asText()).body());
        assertThat(json.get("stages").toString())
                .isEqualTo("[\"Backlog\",\"Ready\",\"Active\",\"In Review\",\"Testing\",\"Done\",\"Removed\"]");
        assertThat(json.get("commitmentStage").asText()).isEqualTo("Active");
        assertThat(json.get("sle").get("days").asInt()).isEqualTo(14);
        assertThat(json.get("sle").get("targetPercentile").asInt()).isEqualTo(85);
        assertThat(json.get("aging").get("pace").size()).isEqualTo(3);
    }

    @Test
    void theThirdDemoProjectIsSyncedWithTheDefaultWorkflowAndNoCalendar() throws Exception {
        JsonNode session = signIn();
        HttpResponse<String> r = report(session, session.get("plainProjectId").asText());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = ApiJson.mapper().readTree(r.body());
        assertThat(json.has("calendar")).isFalse();
        assertThat(json.get("cycleTime").has("workingDays")).isFalse();
        assertThat(json.has("sle")).isFalse();
        assertThat(json.get("items").size()).isGreaterThan(100);
        assertThat(json.get("stages").toString()).doesNotContain("In Review"); // the categories' default, not a stage map
    }

    @Test
    void theSecondDemoProjectWaitsForItsFirstSync() throws Exception {
        JsonNode session = signIn();
        HttpResponse<String> r = report(session, session.get("unsyncedProjectId").asText());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(ApiJson.mapper().readTree(r.body()).get("error").asText()).isEqualTo("not_synced");
        // a project the demo organization does not have is refused by the membership check
        assertThat(report(session, "11111111-2222-4333-8444-555555555555").statusCode()).isEqualTo(403);
    }

    @Test
    void theDemoPageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/demo/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self';", "default-src 'none'", "frame-ancestors 'none'",
                "connect-src 'self'").doesNotContain("unsafe-eval");
        assertThat(csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src"))))
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // no inline script: every script element has a src on this origin
        assertThat(page.body()).contains("<script src=\"/demo/flowtrack-dashboard.js\" defer></script>",
                "<script src=\"/demo/demo-host.js\" defer></script>").doesNotContainPattern("<script(?![^>]*src=)");
    }

    @Test
    void theDashboardsBundleComesFromTheWebJarWithItsContentType() throws Exception {
        HttpResponse<String> js = send(HttpRequest.newBuilder(uri("/demo/flowtrack-dashboard.js")));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/javascript"));
        assertThat(js.body()).contains("FlowTrack").contains("mountDashboard").hasSizeGreaterThan(100_000);
        HttpResponse<String> css = send(HttpRequest.newBuilder(uri("/demo/flowtrack-dashboard.css")));
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains(".ft-root");
        HttpResponse<String> adapter = send(HttpRequest.newBuilder(uri("/demo/demo-host.js")));
        assertThat(adapter.body()).contains("X-FlowTrack-Access-Token").contains("/demo/sign-in");
    }

    @Test
    void onlyTheListedDemoFilesAreServed() throws Exception {
        for (String path : new String[] {"/demo/pom.xml", "/demo/..%2F..%2Fio%2Fflowtrack%2Fazdo%2FApp.class",
                "/demo/sign-in", "/demo/index.html"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
    }
}
