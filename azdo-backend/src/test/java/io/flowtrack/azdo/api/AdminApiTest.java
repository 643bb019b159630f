package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.PAT;
import static io.flowtrack.azdo.api.ApiWorld.VALID_CONFIG;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.BOB;
import static io.flowtrack.azdo.api.ApiWorld.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.OrganizationEraserTest;
import io.flowtrack.azdo.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin routes end to end: the real service on a loopback port in the {@link ApiWorld} (two fake organizations
 * behind one base URL), H2, and real app tokens and access tokens. Alice administers A, Bob is a plain member of A,
 * Mallory administers B only.
 */
class AdminApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();


    static ApiWorld world;
    static FakeAzureDevOps azdoA;
    static HttpServer proxy;
    static OrgId orgA;
    static OrgId orgB;
    static AuditLog audit;
    static OrganizationStore organizations;
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        db = DBS.get(TestDatabases.Kind.H2);
        world = new ApiWorld(db, List.of(ApiWorld.rev(1, 1, "New", null), ApiWorld.rev(1, 2, "Active",
                "2025-03-02T10:00:00Z"), ApiWorld.rev(1, 3, "Closed", "2025-03-04T10:00:00Z")));
        world.startInstance();
        azdoA = world.azdoA;
        proxy = world.proxy;
        orgA = world.orgA;
        orgB = world.orgB;
        audit = world.audit;
        organizations = world.organizations;
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static HttpResponse<String> call(String method, String path, String user, String accessToken, String body)
            throws Exception {
        return world.call(method, path, user, accessToken, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiWorld.json(r);
    }

    static String connectBody(String name, String pat, String... projects) {
        StringBuilder ids = new StringBuilder();
        for (String p : projects) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        return "{\"organizationName\":\"" + name + "\",\"credential\":{\"kind\":\"pat\",\"token\":\"" + pat + "\"},"
                + "\"projects\":[" + ids + "]}";
    }

    static HttpResponse<String> connectA() throws Exception {
        HttpResponse<String> r = call("PUT", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token",
                connectBody("fabrikam", PAT, PROJECT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }


    @Test
    void anAdminConnectsTheOrganizationAndASyncThenWorksWithTheStoredCredential() throws Exception {
        JsonNode connection = json(connectA());
        assertThat(connection.get("organizationName").asText()).isEqualTo("fabrikam");
        assertThat(connection.get("status").asText()).isEqualTo("connected");
        assertThat(connection.get("url").asText()).isEqualTo("http://127.0.0.1:" + proxy.getAddress().getPort()
                + "/fabrikam");
        assertThat(connection.get("credential").get("kind").asText()).isEqualTo("pat");
        assertThat(connection.get("credential").get("keyId").asText()).isEqualTo("k1");
        assertThat(connection.get("credential").get("updatedBy").asText()).isEqualTo(ALICE);
        assertThat(connection.get("projects").get(0).get("name").asText()).isEqualTo("Fabrikam Fiber");

        HttpResponse<String> sync = call("POST", "/orgs/" + orgA + "/projects/" + PROJECT + "/sync", ALICE,
                "alice-access-token", null);
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(json(sync).get("outcome").asText()).isEqualTo("synced");
        // The extractor signed in with the stored PAT.
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
        assertThat(azdoA.revisionRequests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo(basic));
        // A member now reads the report of the synced project.
        HttpResponse<String> status = call("GET", "/orgs/" + orgA + "/projects/" + PROJECT + "/status", BOB,
                "bob-access-token", null);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(json(status).get("project").get("revisions").asInt()).isEqualTo(3);

        HttpResponse<String> read = call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(PAT);
        assertThat(audit.list(orgA, 100, null)).extracting(AuditEntry::action)
                .contains("connection.write", "sync.run", "connection.read");
    }

    @Test
    void aCredentialAzureDevOpsRejectsIsRefusedAtConnectTimeAndNothingIsWritten() throws Exception {
        int writesBefore = (int) audit.list(orgA, 1000, null).stream()
                .filter(e -> e.action().equals("connection.write")).count();
        HttpResponse<String> r = call("PUT", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token",
                connectBody("fabrikam", "a-wrong-or-revoked-pat", PROJECT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(ApiJson.mapper().readTree(r.body()).get("error").asText()).isEqualTo("credential_rejected");
        assertThat(r.body()).doesNotContain("a-wrong-or-revoked-pat");
        assertThat(audit.list(orgA, 1000, null).stream().filter(e -> e.action().equals("connection.write")).count())
                .isEqualTo(writesBefore);
        HttpResponse<String> notABoolean = call("PUT", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token",
                connectBody("fabrikam", PAT, PROJECT).replace("\"projects\"", "\"includeTitleAndAssignee\":\"yes\",\"projects\""));
        assertThat(notABoolean.statusCode()).isEqualTo(400);
        assertThat(notABoolean.body()).contains("includeTitleAndAssignee");
        // A right one still connects.
        connectA();
    }

    @Test
    void aNonAdminMemberGets403OnEveryAdminRoute() throws Exception {
        connectA();
        String p = "/orgs/" + orgA + "/projects/" + PROJECT;
        List<HttpResponse<String>> answers = List.of(
                call("PUT", "/orgs/" + orgA + "/connection", BOB, "bob-access-token", connectBody("fabrikam", PAT)),
                call("GET", "/orgs/" + orgA + "/connection", BOB, "bob-access-token", null),
                call("POST", p + "/sync", BOB, "bob-access-token", null),
                call("PUT", p + "/config", BOB, "bob-access-token", VALID_CONFIG),
                call("GET", "/orgs/" + orgA + "/audit", BOB, "bob-access-token", null),
                call("DELETE", "/orgs/" + orgA + "/connection", BOB, "bob-access-token", null));
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri()).isEqualTo(403);
            assertThat(json(r).get("error").asText()).isEqualTo("forbidden");
        }
        // No app token: 401; no access token: 403.
        assertThat(call("GET", "/orgs/" + orgA + "/audit", null, "alice-access-token", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/orgs/" + orgA + "/audit", ALICE, null, null).statusCode()).isEqualTo(403);
        // The credential was not replaced by Bob's attempt.
        JsonNode connection = json(call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null));
        assertThat(connection.get("credential").get("updatedBy").asText()).isEqualTo(ALICE);
    }

    @Test
    void everyAdminRouteTheAppRegistersRefusesANonAdminAndAUserWithoutAnAccessToken() throws Exception {
        connectA();
        List<AdminRoutes.Route> routes = world.instance(0).admin().routes();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(9);
        for (AdminRoutes.Route route : routes) {
            String path = route.path().replace("/api/v1", "").replace("{org}", orgA.value())
                    .replace("{project}", PROJECT);
            String body = route.path().endsWith("/connection") ? connectBody("fabrikam", PAT, PROJECT)
                    : route.path().endsWith("/config") ? VALID_CONFIG
                    : route.path().endsWith("/personal-fields") ? "{\"includeTitleAndAssignee\":true}" : null;
            String method = route.method().name();
            HttpResponse<String> bob = call(method, path, BOB, "bob-access-token", body);
            assertThat(bob.statusCode()).as("Bob: " + method + " " + path + " " + bob.body()).isEqualTo(403);
            assertThat(json(bob).get("error").asText()).isEqualTo("forbidden");
            assertThat(call(method, path, MALLORY, "mallory-access-token", body).statusCode())
                    .as("Mallory: " + method + " " + path).isEqualTo(403);
            assertThat(call(method, path, ALICE, null, body).statusCode()).as("no access token: " + path).isEqualTo(403);
            assertThat(call(method, path, null, "alice-access-token", body).statusCode()).as("no app token: " + path)
                    .isEqualTo(401);
        }
        // Nothing of it changed the organization.
        assertThat(organizations.get(orgA)).isPresent();
        JsonNode connection = json(call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null));
        assertThat(connection.get("credential").get("updatedBy").asText()).isEqualTo(ALICE);
    }

    @Test
    void theWorkflowDraftSaysWhetherTheProcessHasTheCmmiBlockedField() throws Exception {
        connectA();
        String draft = "/orgs/" + orgA + "/projects/" + PROJECT + "/workflow-draft";
        try {
            // Azure DevOps' type list names no fields: unknown, said as null (the page then warns of nothing).
            assertThat(json(call("GET", draft, ALICE, "alice-access-token", null)).get("blockedFieldInProcess")
                    .isNull()).isTrue();
            // An Agile or Scrum process: the types' fields, without the CMMI one.
            azdoA.typeFields(PROJECT, "Bug", List.of("System.Title", "System.State", "System.Tags"));
            assertThat(json(call("GET", draft, ALICE, "alice-access-token", null)).get("blockedFieldInProcess")
                    .asBoolean(true)).isFalse();
            // A CMMI process: some type has it.
            azdoA.typeFields(PROJECT, "Bug", List.of("System.Title", BlockedSource.FIELD));
            assertThat(json(call("GET", draft, ALICE, "alice-access-token", null)).get("blockedFieldInProcess")
                    .asBoolean(false)).isTrue();
        } finally {
            azdoA.typeFields(PROJECT, "Bug", null);
        }
    }

    @Test
    void anAdminSeesSyncStatusDraftsTheWorkflowAndSwitchesPersonalFields() throws Exception {
        connectA();
        String p = "/orgs/" + orgA + "/projects/" + PROJECT;
        assertThat(call("POST", p + "/sync", ALICE, "alice-access-token", null).statusCode()).isEqualTo(200);
        HttpResponse<String> status = call("GET", "/orgs/" + orgA + "/sync-status", ALICE, "alice-access-token", null);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode row = json(status).get("projects").get(0);
        assertThat(row.get("id").asText()).isEqualTo(PROJECT);
        assertThat(row.get("running").asBoolean()).isFalse();
        assertThat(row.get("lastSyncStatus").asText()).isEqualTo("ok");
        assertThat(row.get("revisions").asInt()).isEqualTo(3);
        assertThat(Instant.parse(row.get("nextRunAt").asText()))
                .isEqualTo(Instant.parse(row.get("lastSyncAt").asText()).plus(java.time.Duration.ofMinutes(5)));

        HttpResponse<String> draft = call("GET", p + "/workflow-draft", ALICE, "alice-access-token", null);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        JsonNode d = json(draft);
        assertThat(d.get("types").get(0).get("name").asText()).isEqualTo("Bug");
        assertThat(d.get("types").get(0).get("states")).extracting(n -> n.get("name").asText())
                .containsExactlyInAnyOrder("New", "Active", "Closed");
        assertThat(d.get("draft").get("stages")).isNotEmpty();
        // The draft is a configuration the config route accepts as it is.
        HttpResponse<String> put = call("PUT", p + "/config", ALICE, "alice-access-token", d.get("draft").toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(call("GET", p + "/workflow-draft", ALICE, "alice-access-token", null)).get("current")
                .get("stages")).isEqualTo(d.get("draft").get("stages"));

        HttpResponse<String> on = call("PUT", "/orgs/" + orgA + "/personal-fields", ALICE, "alice-access-token",
                "{\"includeTitleAndAssignee\":true}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(organizations.personalFields(orgA)).isTrue();
        assertThat(call("PUT", "/orgs/" + orgA + "/personal-fields", ALICE, "alice-access-token",
                "{\"includeTitleAndAssignee\":\"yes\"}").statusCode()).isEqualTo(400);
        assertThat(organizations.personalFields(orgA)).isTrue();
        call("PUT", "/orgs/" + orgA + "/personal-fields", ALICE, "alice-access-token", "{\"includeTitleAndAssignee\":false}");
        assertThat(organizations.personalFields(orgA)).isFalse();
        assertThat(audit.list(orgA, 100, null)).extracting(AuditEntry::action)
                .contains("personal-fields.write", "workflow.read");
    }

    @Test
    void aCredentialThatMayNotReadIdentitiesCannotConnectAndSaysWhy() throws Exception {
        // A PAT Azure DevOps accepts for work items but that may not read identities: the fake accepts only the
        // organization PAT for both, so a second fake user PAT is simulated by a wrong one against the identities.
        HttpResponse<String> r = call("PUT", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token",
                connectBody("fabrikam", "pat-without-identity-read", PROJECT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("credential_rejected");
        assertThat(r.body()).contains("Identity (Read)").doesNotContain("pat-without-identity-read");
    }

    @Test
    void aUserOfOrganizationBCannotConnectOrAdministerA() throws Exception {
        connectA();
        // Mallory administers B: naming B's organization for A's id fails the instanceId check.
        HttpResponse<String> viaOwnOrg = call("PUT", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token",
                connectBody("orgb", "pat-of-b"));
        assertThat(viaOwnOrg.statusCode()).as(viaOwnOrg.body()).isEqualTo(403);
        assertThat(json(viaOwnOrg).get("message").asText()).contains("does not match");
        // Naming A with B's PAT: A does not let that PAT read its administrators.
        HttpResponse<String> foreignPat = call("PUT", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token",
                connectBody("fabrikam", "pat-of-b"));
        assertThat(foreignPat.statusCode()).isEqualTo(400);
        assertThat(json(foreignPat).get("error").asText()).isEqualTo("credential_rejected");
        // Naming A with A's own PAT: Mallory is only a member there, not an admin.
        HttpResponse<String> direct = call("PUT", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token",
                connectBody("fabrikam", PAT));
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(json(direct).get("message").asText()).contains("not an administrator");
        assertThat(call("GET", "/orgs/" + orgA + "/audit", MALLORY, "mallory-access-token", null).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/orgs/" + orgA + "/projects/" + PROJECT + "/sync", MALLORY, "mallory-access-token",
                null).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token", null).statusCode())
                .isEqualTo(403);
        // A's connection still points at A, with Alice's credential.
        assertThat(organizations.get(orgA).orElseThrow().baseUrl()).endsWith("/fabrikam");
        // Her own organization she may connect.
        HttpResponse<String> own = call("PUT", "/orgs/" + orgB + "/connection", MALLORY, "mallory-access-token",
                connectBody("orgb", "pat-of-b", PROJECT));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void organizationNamesThatAreNotNamesAre400AndNothingIsWrittenOrCalled() throws Exception {
        OrgId orgC = new OrgId("cccccccc-0000-4000-8000-000000000003");
        int callsBefore = azdoA.requests().size() + world.azdoB.requests().size();
        for (String name : List.of("a/b", "..", "fabrikam/..", "x@evil.example", "https://evil.example",
                "http:\\\\/\\\\/127.0.0.1", "", "-abc", "a b", "fabrikam?x=1", "fabrikam#y", "%2e%2e")) {
            HttpResponse<String> r = call("PUT", "/orgs/" + orgC + "/connection", ALICE, "alice-access-token",
                    connectBody(name, PAT));
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(json(r).get("message").asText()).as(name).contains("organizationName");
        }
        Map<String, String> badBodies = Map.of(
                "{\"organizationName\":\"fabrikam\"}", "credential",
                "{\"organizationName\":\"fabrikam\",\"credential\":{\"kind\":\"basic\",\"token\":\"x\"}}", "credential.kind",
                "{\"organizationName\":\"fabrikam\",\"credential\":{\"kind\":\"pat\",\"token\":\"\"}}", "credential.token",
                "{\"organizationName\":\"fabrikam\",\"credential\":{\"kind\":\"pat\",\"token\":\"t\"},\"projects\":[\"x\"]}",
                "projects[0]",
                "{\"organizationName\":\"fabrikam\",\"url\":\"https://evil.example\",\"credential\":{\"kind\":\"pat\","
                        + "\"token\":\"t\"}}", "url",
                "{\"organizationName\":\"fabrikam\",\"credential\":{\"kind\":\"entra\",\"tenantId\":\"t\","
                        + "\"clientId\":\"nope\",\"clientSecret\":\"s\"}}", "credential.clientId",
                "not json " + PAT, "JSON object");
        for (Map.Entry<String, String> bad : badBodies.entrySet()) {
            HttpResponse<String> r = call("PUT", "/orgs/" + orgC + "/connection", ALICE, "alice-access-token",
                    bad.getKey());
            assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(json(r).get("message").asText()).as(bad.getKey()).contains(bad.getValue());
            assertThat(r.body()).doesNotContain(PAT);
        }
        assertThat(organizations.get(orgC)).isEmpty();
        assertThat(azdoA.requests().size() + world.azdoB.requests().size()).isEqualTo(callsBefore);
    }

    @Test
    void thePatNeverAppearsInAnswersTheAuditLogOrTheLogs() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> bodies = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            bodies.add(connectA().body());
            bodies.add(call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null).body());
            bodies.add(call("PUT", "/orgs/" + orgA + "/connection", BOB, "bob-access-token",
                    connectBody("fabrikam", PAT)).body());
            bodies.add(call("PUT", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token",
                    "{\"organizationName\":\"fabrikam\",\"credential\":{\"kind\":\"pat\",\"token\":\"" + PAT
                            + " with spaces\"}}").body());
            bodies.add(call("POST", "/orgs/" + orgA + "/projects/" + PROJECT + "/sync", ALICE, "alice-access-token",
                    null).body());
            bodies.add(call("GET", "/orgs/" + orgA + "/audit?limit=1000", ALICE, "alice-access-token", null).body());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("admin confirmed");
        assertThat(logs).doesNotContain(PAT).doesNotContain("alice-access-token").doesNotContain("bob-access-token");
        for (String body : bodies) {
            assertThat(body).doesNotContain(PAT).doesNotContain("alice-access-token");
        }
        for (AuditEntry e : audit.list(orgA, AuditLog.MAX_LIMIT, null)) {
            assertThat(e.toString()).doesNotContain(PAT);
        }
    }

    @Test
    void configValidationErrorsAre400AndLeaveTheOldConfig() throws Exception {
        connectA();
        String path = "/orgs/" + orgA + "/projects/" + PROJECT + "/config";
        HttpResponse<String> ok = call("PUT", path, ALICE, "alice-access-token", VALID_CONFIG);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        Map<String, String> bad = Map.of(
                "unknown category", VALID_CONFIG.replace("\"category\":\"done\"", "\"category\":\"finished\""),
                "duplicate stage", VALID_CONFIG.replace("\"name\":\"Done\"", "\"name\":\"Doing\"")
                        .replace("\"commitmentStage\":\"Doing\"", "\"commitmentStage\":\"To do\""),
                "state twice", VALID_CONFIG.replace("\"states\":[\"Closed\"]", "\"states\":[\"Closed\",\"Active\"]"),
                "bad commitment", VALID_CONFIG.replace("\"commitmentStage\":\"Doing\"", "\"commitmentStage\":\"Nope\""),
                "bad policy", VALID_CONFIG.replace("\"first\"", "\"middle\""),
                "bad sle", VALID_CONFIG.replace("\"percentile\":85", "\"percentile\":101"),
                "sle too long", VALID_CONFIG.replace("\"days\":10", "\"days\":3651"),
                "percentile alone", VALID_CONFIG.replace("\"days\":10", "\"days\":null"),
                "sle twice", VALID_CONFIG.replace("\"sle\":", "\"sleDays\":10,\"sle\":"),
                "not json", "{\"stages\":");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = call("PUT", path, ALICE, "alice-access-token", b.getValue());
            assertThat(r.statusCode()).as(b.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).as(b.getKey()).isNotBlank();
        }
        JsonNode config = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(config.get("commitmentStage").asText()).isEqualTo("Doing");
        assertThat(config.get("sle").get("percentile").asInt()).isEqualTo(85);
        assertThat(config.get("stages")).hasSize(3);
        assertThat(config.get("stages").get(2).get("name").asText()).isEqualTo("Done");
        assertThat(config.get("sle").get("days").asInt()).isEqualTo(10);
    }

    @Test
    void theSleFollowsTheEnginesOneRuleDays1To3650AndAnOptionalPercentile1To100() throws Exception {
        connectA();
        String path = "/orgs/" + orgA + "/projects/" + PROJECT + "/config";
        // The rule and the shape of Jira's configuration (ReportRequest.Sle): 100 is a percentile.
        HttpResponse<String> full = call("PUT", path, ALICE, "alice-access-token", VALID_CONFIG
                .replace("\"days\":10", "\"days\":3650").replace("\"percentile\":85", "\"percentile\":100"));
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        JsonNode saved = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(saved.get("sle").get("days").asInt()).isEqualTo(3650);
        assertThat(saved.get("sle").get("percentile").asInt()).isEqualTo(100);
        // Days alone: attainment without a target share, as the engine allows.
        HttpResponse<String> daysOnly = call("PUT", path, ALICE, "alice-access-token",
                VALID_CONFIG.replace("\"percentile\":85", "\"percentile\":null"));
        assertThat(daysOnly.statusCode()).as(daysOnly.body()).isEqualTo(200);
        saved = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(saved.get("sle").get("days").asInt()).isEqualTo(10);
        assertThat(saved.get("sle").get("percentile").isNull()).isTrue();
        HttpResponse<String> tooLong = call("PUT", path, ALICE, "alice-access-token",
                VALID_CONFIG.replace("\"days\":10", "\"days\":3651"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("message").asText()).contains("sle.days").contains("3650");
        // A configuration stored before the SLE became an object ({"sleDays", "slePercentile"}) still reads, and is
        // answered in the one shape.
        HttpResponse<String> older = call("PUT", path, ALICE, "alice-access-token", VALID_CONFIG
                .replace("\"sle\":{\"days\":10,\"percentile\":85}", "\"sleDays\":12,\"slePercentile\":70"));
        assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
        saved = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(saved.has("sleDays")).isFalse();
        assertThat(saved.get("sle").get("days").asInt()).isEqualTo(12);
        assertThat(saved.get("sle").get("percentile").asInt()).isEqualTo(70);
    }

    @Test
    void theCalendarIsReadByTheEnginesOneRuleAsInJira() throws Exception {
        connectA();
        String path = "/orgs/" + orgA + "/projects/" + PROJECT + "/config";
        String withCalendar = VALID_CONFIG.substring(0, VALID_CONFIG.length() - 1)
                + ",\"calendar\":{\"workingDays\":[\"fri\",\"Monday\",\"TUE\"],\"holidays\":[\"2026-12-26\",\"2026-12-25\"]}}";
        HttpResponse<String> ok = call("PUT", path, ALICE, "alice-access-token", withCalendar);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode calendar = json(call("GET", path, BOB, "bob-access-token", null)).get("calendar");
        // Stored as the engine reads it (WorkingCalendar.of): full names in week order, dates ascending.
        assertThat(calendar.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "FRIDAY");
        assertThat(calendar.get("holidays")).extracting(JsonNode::asText).containsExactly("2026-12-25", "2026-12-26");
        Map<String, String> refused = Map.of(
                "\"workingDays\":[],\"holidays\":[]", "calendar.workingDays: at least one",
                "\"workingDays\":[\"MON\",\"MONDAY\"],\"holidays\":[]", "calendar.workingDays: MONDAY is listed twice",
                "\"workingDays\":[\"MON\"],\"holidays\":[\"25/12/2026\"]", "calendar.holidays[0]: '25/12/2026' is not a date");
        for (Map.Entry<String, String> r : refused.entrySet()) {
            String body = VALID_CONFIG.substring(0, VALID_CONFIG.length() - 1) + ",\"calendar\":{" + r.getKey() + "}}";
            HttpResponse<String> bad = call("PUT", path, ALICE, "alice-access-token", body);
            assertThat(bad.statusCode()).as(r.getKey()).isEqualTo(400);
            assertThat(json(bad).get("message").asText()).as(r.getKey()).startsWith(r.getValue());
        }
        assertThat(json(call("GET", path, BOB, "bob-access-token", null)).get("calendar").get("workingDays"))
                .hasSize(3); // the good one stays
    }

    /** PUTs {@code body} as A's project configuration and expects a 400 whose message starts with {@code message}. */
    private static void refused(String body, String message) throws Exception {
        HttpResponse<String> r = call("PUT", "/orgs/" + orgA + "/projects/" + PROJECT + "/config", ALICE,
                "alice-access-token", body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).as(body).startsWith(message);
    }

    private static JsonNode putAndGet(String body) throws Exception {
        String path = "/orgs/" + orgA + "/projects/" + PROJECT + "/config";
        HttpResponse<String> r = call("PUT", path, ALICE, "alice-access-token", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(call("GET", path, BOB, "bob-access-token", null));
    }

    // Issue 15: the rules below are the engine's (FlowSettings, FlowSettingsJson), the same in Jira's
    // FlowConfigJsonTest; before, this route bound the body with Jackson's defaults.

    @Test
    void unknownFieldsAreRefusedNamingTheField() throws Exception {
        connectA();
        refused(VALID_CONFIG.replace("\"sle\":", "\"sla\":1,\"sle\":"), "sla: unknown field; known: blocked,");
        refused(VALID_CONFIG.replace("\"states\":[\"New\"]", "\"statuses\":[\"New\"]"),
                "stages[0].statuses: unknown field; known: category, name, states");
        refused(VALID_CONFIG.replace("\"percentile\":85", "\"percentile\":85,\"share\":1"), "sle.share: unknown field");
        // Jira's own fields are not this host's.
        refused(VALID_CONFIG.replace("\"sle\":", "\"includeTitles\":true,\"sle\":"), "includeTitles: unknown field");
    }

    @Test
    void aRepeatedKeyIsRefusedNotTakenLastWins() throws Exception {
        connectA();
        refused(VALID_CONFIG.replace("\"startPolicy\":\"first\"", "\"startPolicy\":\"first\",\"startPolicy\":\"last\""),
                "the body is not JSON");
    }

    @Test
    void atMost50StagesAndStageNamesOf1To100Characters() throws Exception {
        connectA();
        StringBuilder many = new StringBuilder("{\"stages\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"S").append(i).append("\",\"category\":\"active\"}");
        }
        refused(many.append("]}").toString(), "stages: at most 50 stages, got 51");
        refused(VALID_CONFIG.replace("\"name\":\"Done\"", "\"name\":\"" + "D".repeat(101) + "\""),
                "stages[2].name: 1 to 100 characters");
        refused(VALID_CONFIG.replace("\"name\":\"Done\"", "\"name\":\"  \""), "stages[2].name: 1 to 100 characters");
        assertThat(putAndGet(VALID_CONFIG.replace("\"name\":\"Done\"", "\"name\":\"" + "D".repeat(100) + "\""))
                .get("stages").get(2).get("name").asText()).hasSize(100);
    }

    @Test
    void eachStateIsANonBlankString() throws Exception {
        connectA();
        refused(VALID_CONFIG.replace("[\"Closed\"]", "[\"Closed\",\"\"]"), "stages[2].states[1]: a string of 1 to 256");
        refused(VALID_CONFIG.replace("[\"Closed\"]", "[true]"), "stages[2].states[0]: a string of 1 to 256");
        refused(VALID_CONFIG.replace("[\"Closed\"]", "\"Closed\""), "stages[2].states: an array of strings");
    }

    @Test
    void theSleIsWholeNumbersNotTextOrFractions() throws Exception {
        connectA();
        refused(VALID_CONFIG.replace("\"days\":10", "\"days\":\"10\""), "sle.days: a whole number of days");
        refused(VALID_CONFIG.replace("\"days\":10", "\"days\":10.5"), "sle.days: a whole number of days");
        refused(VALID_CONFIG.replace("\"percentile\":85", "\"percentile\":85.5"), "sle.percentile: a whole number");
        refused(VALID_CONFIG.replace("\"sle\":{\"days\":10,\"percentile\":85}", "\"sle\":10"), "sle: an object");
    }

    @Test
    void theStartPolicyIsFirstWhenAbsentAndOtherwiseFirstOrLast() throws Exception {
        connectA();
        assertThat(putAndGet(VALID_CONFIG.replace("\"startPolicy\":\"first\",", "")).get("startPolicy").asText())
                .isEqualTo("first");
        assertThat(putAndGet(VALID_CONFIG.replace("\"first\"", "\"last\"")).get("startPolicy").asText())
                .isEqualTo("last");
        refused(VALID_CONFIG.replace("\"first\"", "\"LAST\""), "startPolicy: first or last, was 'LAST'");
        refused(VALID_CONFIG.replace("\"first\"", "1"), "startPolicy: a string is required");
    }

    @Test
    void theWorkingDaysMayBeOneRangeAsInJira() throws Exception {
        connectA();
        JsonNode calendar = putAndGet(VALID_CONFIG.substring(0, VALID_CONFIG.length() - 1)
                + ",\"calendar\":{\"workingDays\":\"MON-THU\"}}").get("calendar");
        assertThat(calendar.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY");
        assertThat(calendar.get("holidays")).isEmpty();
        refused(VALID_CONFIG.substring(0, VALID_CONFIG.length() - 1) + ",\"calendar\":{\"workingDays\":\"MON-XYZ\"}}",
                "calendar.workingDays: ");
    }

    @Test
    void configurationsStoredInOlderShapesStillRead() throws Exception {
        connectA();
        String path = "/orgs/" + orgA + "/projects/" + PROJECT + "/config";
        // As the record binding wrote them: flat SLE fields, nulls written out, no calendar or blocked source.
        String older = "{\"stages\":[{\"name\":\"To do\",\"category\":\"proposed\",\"states\":[\"New\"]},"
                + "{\"name\":\"Doing\",\"category\":\"active\",\"states\":null},"
                + "{\"name\":\"Done\",\"category\":\"done\",\"states\":[\"Closed\",\"Active\"]}],"
                + "\"commitmentStage\":null,\"startPolicy\":null,\"sleDays\":12,\"slePercentile\":null}";
        new io.flowtrack.azdo.store.ProjectConfigStore(world.db).put(orgA, PROJECT, older, ALICE);
        JsonNode read = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(read.get("commitmentStage").asText()).isEqualTo("Doing");
        assertThat(read.get("startPolicy").asText()).isEqualTo("first");
        assertThat(read.get("sle").get("days").asInt()).isEqualTo(12);
        assertThat(read.get("sle").get("percentile").isNull()).isTrue();
        assertThat(read.get("stages").get(2).get("states")).hasSize(2);
        assertThat(read.get("blocked").get("source").asText()).isEqualTo("none");
        String withBlocked = older.replace("\"sleDays\":12,\"slePercentile\":null", "\"sle\":{\"days\":5,"
                + "\"percentile\":null},\"calendar\":null,\"blocked\":{\"source\":\"tag\",\"tag\":\"Stuck\"}");
        new io.flowtrack.azdo.store.ProjectConfigStore(world.db).put(orgA, PROJECT, withBlocked, ALICE);
        read = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(read.get("sle").get("days").asInt()).isEqualTo(5);
        assertThat(read.get("blocked").get("tag").asText()).isEqualTo("Stuck");
        assertThat(read.get("calendar").isNull()).isTrue();
    }

    @Test
    void theAuditLogListsEntriesNewestFirstAndOnlyForThatOrganization() throws Exception {
        connectA();
        audit.append(orgB, MALLORY, "report.read", PROJECT, "secret-of-b-only");
        call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null);
        HttpResponse<String> r = call("GET", "/orgs/" + orgA + "/audit?limit=500", ALICE, "alice-access-token", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode entries = json(r).get("entries");
        assertThat(entries.size()).isGreaterThanOrEqualTo(2);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("connection.read");
        Set<Long> ofB = new java.util.HashSet<>();
        audit.list(orgB, AuditLog.MAX_LIMIT, null).forEach(e -> ofB.add(e.id()));
        long previousId = Long.MAX_VALUE;
        Instant previousAt = Instant.MAX;
        for (JsonNode e : entries) {
            Instant at = Instant.parse(e.get("at").asText());
            assertThat(at).isBeforeOrEqualTo(previousAt);
            if (at.equals(previousAt)) {
                assertThat(e.get("id").asLong()).isLessThan(previousId);
            }
            previousAt = at;
            previousId = e.get("id").asLong();
            assertThat(ofB).doesNotContain(e.get("id").asLong());
        }
        assertThat(r.body()).doesNotContain("secret-of-b-only");
        HttpResponse<String> page = call("GET", "/orgs/" + orgA + "/audit?limit=1", ALICE, "alice-access-token", null);
        assertThat(json(page).get("entries")).hasSize(1);
        assertThat(json(page).get("nextBefore").asText()).isNotBlank();
        for (String q : List.of("?limit=0", "?limit=1001", "?limit=x", "?before=yesterday", "?other=1")) {
            assertThat(call("GET", "/orgs/" + orgA + "/audit" + q, ALICE, "alice-access-token", null).statusCode())
                    .as(q).isEqualTo(400);
        }
    }

    @Test
    void anAdminDisconnectsTheOrganizationAndNothingOfItIsLeftButTheAuditLogUnlessPurged() throws Exception {
        connectA();
        String p = "/orgs/" + orgA + "/projects/" + PROJECT;
        assertThat(call("POST", p + "/sync", ALICE, "alice-access-token", null).statusCode()).isEqualTo(200);
        assertThat(call("PUT", p + "/config", ALICE, "alice-access-token", VALID_CONFIG).statusCode()).isEqualTo(200);
        Map<String, Long> otherBefore = OrganizationEraserTest.rowsOf(db, orgB);
        assertThat(call("DELETE", "/orgs/" + orgA + "/connection?purge=yes", ALICE, "alice-access-token", null)
                .statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/orgs/" + orgA + "/connection?all=true", ALICE, "alice-access-token", null)
                .statusCode()).isEqualTo(400);
        long auditBefore = audit.list(orgA, 1000, null).size();

        HttpResponse<String> gone = call("DELETE", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null);

        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
        JsonNode body = json(gone);
        assertThat(body.get("status").asText()).isEqualTo("disconnected");
        assertThat(body.get("purged").asBoolean()).isFalse();
        assertThat(body.get("deleted").get("revisions").asInt()).isEqualTo(3);
        assertThat(body.get("deleted").get("credential").asBoolean()).isTrue();
        Map<String, Long> left = OrganizationEraserTest.rowsOf(db, orgA);
        assertThat(left.remove("audit_log")).isEqualTo(auditBefore + 1);
        assertThat(left.values()).containsOnly(0L);
        assertThat(OrganizationEraserTest.rowsOf(db, orgB)).isEqualTo(otherBefore);
        AuditEntry last = audit.list(orgA, 1, null).get(0);
        assertThat(last.action()).isEqualTo("connection.delete");
        assertThat(last.actor()).isEqualTo(ALICE);
        assertThat(last.detail()).contains("purge=false", "revisions=3");
        // The organization is simply not connected now: members and admins get 404, syncing stops.
        assertThat(call("GET", p + "/report", BOB, "bob-access-token", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/orgs/" + orgA + "/connection", ALICE, "alice-access-token", null).statusCode())
                .isEqualTo(404);
        assertThat(organizations.list()).extracting(o -> o.id()).doesNotContain(orgA);

        // Connected again, then disconnected with a purge: one audit entry is left, the one saying so.
        connectA();
        assertThat(call("POST", p + "/sync", ALICE, "alice-access-token", null).statusCode()).isEqualTo(200);
        HttpResponse<String> purged = call("DELETE", "/orgs/" + orgA + "/connection?purge=true", ALICE,
                "alice-access-token", null);
        assertThat(purged.statusCode()).as(purged.body()).isEqualTo(200);
        assertThat(json(purged).get("deleted").get("auditEntries").asLong()).isGreaterThan(auditBefore);
        left = OrganizationEraserTest.rowsOf(db, orgA);
        assertThat(left.remove("audit_log")).isEqualTo(1L);
        assertThat(left.values()).containsOnly(0L);
        assertThat(audit.list(orgA, 10, null)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("connection.delete");
            assertThat(e.actor()).isEqualTo(ALICE);
            assertThat(e.detail()).contains("purge=true");
        });
        assertThat(OrganizationEraserTest.rowsOf(db, orgB)).isEqualTo(otherBefore);
        // Leave A connected and synced for the other tests.
        connectA();
        assertThat(call("POST", p + "/sync", ALICE, "alice-access-token", null).statusCode()).isEqualTo(200);
    }
}
