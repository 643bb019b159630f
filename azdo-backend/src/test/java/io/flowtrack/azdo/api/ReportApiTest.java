package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.AUDIENCE;
import static io.flowtrack.azdo.api.ApiWorld.PAT;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.metrics.report.ReportParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report API end to end in the {@link ApiWorld}: a fake Azure DevOps organization is synced into H2, the real
 * service runs on a loopback port, and requests come with real app tokens and access tokens. Also the refusals.
 */
class ReportApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();


    static ApiWorld world;
    static ApiWorld.Instance instance;
    static OrgId orgA;
    static OrgId orgB;
    static AuditLog audit;
    static final HttpClient HTTP = ApiWorld.HTTP;

    @BeforeAll
    static void start() throws Exception {
        // Organization A: item 1 started 03-02 and closed 03-04 (3 days); item 2 started 03-05.
        world = new ApiWorld(DBS.get(TestDatabases.Kind.H2), List.of(ApiWorld.rev(1, 1, "New", null),
                ApiWorld.rev(1, 2, "Active", "2025-03-02T10:00:00Z"), ApiWorld.rev(1, 3, "Closed", "2025-03-04T10:00:00Z"),
                ApiWorld.rev(2, 1, "New", null), ApiWorld.rev(2, 2, "Active", "2025-03-05T10:00:00Z")));
        instance = world.startInstance();
        world.connectAndSync(world.orgA);
        world.connectAndSync(world.orgB); // Mallory's own organization, with the same project id
        orgA = world.orgA;
        orgB = world.orgB;
        audit = world.audit;
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String token(String user, String audience, Instant expires) throws Exception {
        return world.token(user, audience, expires);
    }

    static HttpResponse<String> get(OrgId org, String path, String appToken, String accessToken) throws Exception {
        return ApiWorld.call(instance, "GET", "/orgs/" + org + "/projects/" + PROJECT + path, appToken, accessToken,
                null);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiWorld.json(r);
    }

    static String alice() throws Exception {
        return token(ALICE, AUDIENCE, world.time.instant().plusSeconds(3600));
    }

    @Test
    void aMemberGetsTheFlowReportComputedFromTheSyncedRevisions() throws Exception {
        HttpResponse<String> r = get(orgA, "/report?asOf=2025-03-10&forecastItems=1&seed=4", alice(),
                "alice-access-token");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("source").asText()).isEqualTo("azure-devops");
        // Item 1: Active 03-02, Closed 03-04 → 3 days. Item 2: Active 03-05, open on 03-10 → age 6.
        assertThat(report.get("cycleTime").get("count").asInt()).isEqualTo(1);
        assertThat(report.get("cycleTime").get("percentiles").get("85").asInt()).isEqualTo(3);
        assertThat(report.get("aging").get("items").get(0).get("ageDays").asInt()).isEqualTo(6);
        assertThat(report.get("forecast").get("when").get("available").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain(PAT).doesNotContain("alice-access-token");
        assertThat(audit.list(orgA, 50, null)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("report.read");
            assertThat(e.actor()).isEqualTo(ALICE);
        });
    }

    @Test
    void statusAndConfigAreReadableByMembers() throws Exception {
        JsonNode status = json(get(orgA, "/status", alice(), "alice-access-token"));
        assertThat(status.get("organization").get("status").asText()).isEqualTo("connected");
        assertThat(status.get("project").get("revisions").asInt()).isEqualTo(5);
        assertThat(status.get("project").get("lastSyncStatus").asText()).isEqualTo("ok");
        JsonNode config = json(get(orgA, "/config", alice(), "alice-access-token"));
        assertThat(config.get("stages")).isNotEmpty();
        assertThat(config.get("commitmentStage").asText()).isNotBlank();
        assertThat(status.toString() + config).doesNotContain(PAT);
    }

    @Test
    void requestsWithoutAValidAppTokenAreRefused() throws Exception {
        assertThat(get(orgA, "/report", null, "alice-access-token").statusCode()).isEqualTo(401);
        assertThat(get(orgA, "/report", "not-a-jwt", "alice-access-token").statusCode()).isEqualTo(401);
        assertThat(get(orgA, "/report", token(ALICE, "another-extension", world.time.instant().plusSeconds(600)),
                "alice-access-token").statusCode()).isEqualTo(401);
        HttpResponse<String> expired = get(orgA, "/report", token(ALICE, AUDIENCE, world.time.instant().minusSeconds(600)),
                "alice-access-token");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("error").asText()).isEqualTo("unauthenticated");
        assertThat(expired.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aUserOfOrganizationBGetsNothingOfOrganizationA() throws Exception {
        String mallory = token(MALLORY, AUDIENCE, world.time.instant().plusSeconds(3600));
        // Mallory's own organization works for Mallory...
        assertThat(get(orgB, "/report?asOf=2025-03-10", mallory, "mallory-access-token").statusCode()).isEqualTo(200);
        // ...but naming organization A gets nothing: not a member of A's project.
        HttpResponse<String> r = get(orgA, "/report?asOf=2025-03-10", mallory, "mallory-access-token");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("cycleTime");
        // Alice's app token with Mallory's access token: the users differ.
        assertThat(get(orgA, "/report", alice(), "mallory-access-token").statusCode()).isEqualTo(403);
        // No access token at all.
        assertThat(get(orgA, "/report", alice(), null).statusCode()).isEqualTo(403);
    }

    @Test
    void badParametersAreClearJsonErrors() throws Exception {
        for (String query : List.of("?from=yesterday", "?startPolicy=middle", "?forecastDays=0", "?trials=5",
                "?percentiles=50,200", "?nonsense=1", "?timeZone=Mars/Olympus", "?from=2025-03-10&to=2025-03-01")) {
            HttpResponse<String> r = get(orgA, "/report" + query, alice(), "alice-access-token");
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).isNotBlank();
        }
        HttpResponse<String> badOrg = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port()
                + "/api/v1/orgs/not-a-guid/projects/" + PROJECT + "/report")).header("Authorization", "Bearer " + alice())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badOrg.statusCode()).isEqualTo(400);
    }

    @Test
    void aBadEngineParameterIsRefusedInTheEnginesWords() throws Exception {
        // The backend reads the engine's parameters with the engine's ReportParameters, as the Jira plugin does: one
        // message for one mistake, whichever host is asked.
        for (Map<String, String> query : List.of(Map.of("slePercentile", "85"), Map.of("sleDays", "0"),
                Map.of("seed", "4"), Map.of("asOf", "soon"))) {
            Throwable refused = catchThrowable(() -> ReportParameters.read(query::get, ZoneOffset.UTC));
            assertThat(refused).isInstanceOf(IllegalArgumentException.class);
            String engine = refused.getMessage();
            String param = query.entrySet().iterator().next().getKey() + "=" + query.values().iterator().next();
            HttpResponse<String> r = get(orgA, "/report?" + param, alice(), "alice-access-token");
            assertThat(r.statusCode()).as(param).isEqualTo(400);
            assertThat(json(r).get("message").asText()).as(param).isEqualTo(engine).isNotBlank();
        }
        // areaPath stays the backend's own parameter.
        HttpResponse<String> area = get(orgA, "/report?areaPath=", alice(), "alice-access-token");
        assertThat(area.statusCode()).isEqualTo(400);
        assertThat(json(area).get("message").asText()).contains("areaPath");
    }
}
