package io.flowtrack.azdo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.App;
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
        JsonNode session = App.objectMapper().readTree(signIn.body());
        String reportPath = "/api/v1/orgs/" + session.get("organizationId").asText() + "/projects/"
                + session.get("projectId").asText() + "/report?forecastItems=20&seed=1";
        HttpResponse<String> report = send(HttpRequest.newBuilder(uri(reportPath))
                .header("Authorization", "Bearer " + session.get("appToken").asText())
                .header(ApiAuth.ACCESS_TOKEN_HEADER, session.get("accessToken").asText()));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        JsonNode json = App.objectMapper().readTree(report.body());
        assertThat(json.get("items").size()).isGreaterThan(1_000);
        assertThat(json.get("cycleTime").get("count").asInt()).isGreaterThan(100);
        assertThat(json.get("aging").get("items").size()).isPositive();
        assertThat(json.get("forecast").get("when").get("available").asBoolean()).isTrue();

        // The demo's access token is checked like any other: a wrong one gets nothing.
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(reportPath))
                .header("Authorization", "Bearer " + session.get("appToken").asText())
                .header(ApiAuth.ACCESS_TOKEN_HEADER, "guessed-token"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri(reportPath)));
        assertThat(noToken.statusCode()).isEqualTo(401);
    }
}
