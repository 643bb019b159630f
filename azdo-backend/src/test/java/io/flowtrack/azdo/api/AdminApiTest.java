package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.azdo.App;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.Tokens;
import io.flowtrack.azdo.auth.MembershipVerifier;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.OrganizationEraserTest;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.azdo.sync.ProjectSync;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin routes end to end: the real service on a loopback port, two fake organizations behind one base URL
 * (a small path-routing proxy: {@code /fabrikam} is organization A, {@code /orgb} organization B), H2, and real
 * app tokens and access tokens. Alice administers A, Bob is a plain member of A, Mallory administers B only.
 */
class AdminApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static final String SECRET = "flowtrack-admin-test-secret-0123456789abcdef";
    static final String PAT = "the-admin-pat-Zq9-never-to-be-returned";
    static final String PROJECT = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String BOB = "22222222-3333-4444-8555-666666666666";
    static final String MALLORY = "11111111-2222-4333-8444-555555555555";

    static FakeAzureDevOps azdoA;
    static FakeAzureDevOps azdoB;
    static HttpServer proxy;
    static OrgId orgA;
    static OrgId orgB;
    static Javalin app;
    static AuditLog audit;
    static OrganizationStore organizations;
    static Database db;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static WorkItemRevision rev(int id, int rev, String state, String changed) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, "Fabrikam Fiber", "Bug", state, "Fabrikam Fiber\\Web", created,
                rev == 1 ? created : Instant.parse(changed), null, null, null, null);
    }

    @BeforeAll
    static void start() throws Exception {
        azdoA = FakeAzureDevOps.start().acceptPat(PAT).instanceId("aaaaaaaa-0000-4000-8000-000000000001")
                .addProject(PROJECT, "Fabrikam Fiber").addUser("alice-access-token", ALICE, PROJECT)
                .addUser("bob-access-token", BOB, PROJECT).addUser("mallory-access-token", MALLORY, PROJECT)
                .admin(ALICE, true);
        azdoA.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdoA.addRevisions(PROJECT, List.of(rev(1, 1, "New", null), rev(1, 2, "Active", "2025-03-02T10:00:00Z"),
                rev(1, 3, "Closed", "2025-03-04T10:00:00Z")));
        azdoB = FakeAzureDevOps.start().acceptPat("pat-of-b").instanceId("bbbbbbbb-0000-4000-8000-000000000002")
                .addProject(PROJECT, "Other").addUser("mallory-access-token", MALLORY, PROJECT).admin(MALLORY, true);
        orgA = new OrgId(azdoA.instanceId());
        orgB = new OrgId(azdoB.instanceId());
        proxy = proxy(Map.of("fabrikam", azdoA, "orgb", azdoB));

        db = DBS.get(TestDatabases.Kind.H2);
        BackendConfig config = ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.UTF_8)),
                "FLOWTRACK_EXTENSION_SECRETS", SECRET,
                "FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io",
                "FLOWTRACK_AZDO_BASE_URL", "http://127.0.0.1:" + proxy.getAddress().getPort()), null, false);
        organizations = new OrganizationStore(db);
        CredentialStore credentials = new CredentialStore(db, new CredentialCipher(config.dataKeys()));
        RevisionStore revisions = new RevisionStore(db);
        StateCategoryStore categories = new StateCategoryStore(db);
        ProjectConfigStore configs = new ProjectConfigStore(db);
        audit = new AuditLog(db);
        FakeTime time = new FakeTime();
        ProjectSync sync = new ProjectSync(organizations, credentials, revisions, categories, new SyncLease(db), audit,
                (url, creds, personal) -> new AzdoClient(url, creds, time.policy(), AzdoClient.defaultHttpClient(), personal,
                        Duration.ofSeconds(5)),
                stored -> AzdoCredentials.pat(((Credential.Pat) stored).token().reveal()), 500, "test",
                Duration.ofMinutes(5), time);
        ApiAuth auth = new ApiAuth(AppTokenVerifier.fromConfig(config, Clock.systemUTC()),
                new MembershipVerifier(Clock.systemUTC()), organizations);
        // No verdict caching in this test: every request asks the fake again.
        AdminVerifier admins = new AdminVerifier(MembershipVerifier.httpClient(Duration.ofSeconds(2)),
                Clock.systemUTC(), new AdminVerifier.Settings(Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, 100));
        AdminRoutes adminRoutes = new AdminRoutes(db, auth, admins, organizations, credentials, new ProjectStore(db),
                configs, audit, sync, config.azdoBaseUrl(), App.objectMapper(), Duration.ofSeconds(20));
        ReportService reports = new ReportService(revisions, categories, configs, App.objectMapper());
        app = App.create(config, new ProjectRoutes(auth, reports, organizations, revisions, audit), adminRoutes, null)
                .start();
    }

    /** Forwards {@code /{name}/rest} to {@code fake}'s {@code /fabrikam/rest}, headers and body included. */
    static HttpServer proxy(Map<String, FakeAzureDevOps> routes) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                String[] parts = path.split("/", 3);
                FakeAzureDevOps target = parts.length == 3 ? routes.get(parts[1]) : null;
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if (target == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String query = exchange.getRequestURI().getRawQuery();
                URI to = URI.create(target.organizationUrl() + "/" + parts[2] + (query == null ? "" : "?" + query));
                HttpRequest.Builder forward = HttpRequest.newBuilder(to)
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                for (String h : List.of("Authorization", "X-TFS-FedAuthRedirect", "Accept", "Content-Type")) {
                    String v = exchange.getRequestHeaders().getFirst(h);
                    if (v != null) {
                        forward.header(h, v);
                    }
                }
                HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        app.stop();
        proxy.stop(0);
        azdoA.close();
        azdoB.close();
    }

    static String token(String user) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("nameid", user).claim("tid", "tenant")
                .issuer(AppTokenVerifier.ISSUER).audience("ext").notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        return Tokens.hs256(claims, SECRET);
    }

    static HttpResponse<String> call(String method, String path, String user, String accessToken, String body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            r.header("Authorization", "Bearer " + token(user));
        }
        if (accessToken != null) {
            r.header(ApiAuth.ACCESS_TOKEN_HEADER, accessToken);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return App.objectMapper().readTree(r.body());
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

    static final String VALID_CONFIG = "{\"stages\":[{\"name\":\"To do\",\"category\":\"proposed\",\"states\":[\"New\"]},"
            + "{\"name\":\"Doing\",\"category\":\"active\",\"states\":[\"Active\"]},"
            + "{\"name\":\"Done\",\"category\":\"done\",\"states\":[\"Closed\"]}],\"commitmentStage\":\"Doing\","
            + "\"startPolicy\":\"first\",\"sleDays\":10,\"slePercentile\":85}";

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
        assertThat(App.objectMapper().readTree(r.body()).get("error").asText()).isEqualTo("credential_rejected");
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
                call("PUT", "/orgs/" + orgA + "/connection", BOB, "bob-access-token", connectBody("fabrikam", "other-pat")),
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
    void aUserOfOrganizationBCannotConnectOrAdministerA() throws Exception {
        connectA();
        // Mallory administers B: naming B's organization for A's id fails the instanceId check.
        HttpResponse<String> viaOwnOrg = call("PUT", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token",
                connectBody("orgb", "pat-of-b"));
        assertThat(viaOwnOrg.statusCode()).as(viaOwnOrg.body()).isEqualTo(403);
        assertThat(json(viaOwnOrg).get("message").asText()).contains("does not match");
        // Naming A itself: Mallory is only a member there, not an admin.
        HttpResponse<String> direct = call("PUT", "/orgs/" + orgA + "/connection", MALLORY, "mallory-access-token",
                connectBody("fabrikam", "pat-of-b"));
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
        int callsBefore = azdoA.requests().size() + azdoB.requests().size();
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
        assertThat(azdoA.requests().size() + azdoB.requests().size()).isEqualTo(callsBefore);
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
                "bad sle", VALID_CONFIG.replace("\"slePercentile\":85", "\"slePercentile\":100"),
                "not json", "{\"stages\":");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = call("PUT", path, ALICE, "alice-access-token", b.getValue());
            assertThat(r.statusCode()).as(b.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).as(b.getKey()).isNotBlank();
        }
        JsonNode config = json(call("GET", path, BOB, "bob-access-token", null));
        assertThat(config.get("commitmentStage").asText()).isEqualTo("Doing");
        assertThat(config.get("stages")).hasSize(3);
        assertThat(config.get("stages").get(2).get("name").asText()).isEqualTo("Done");
        assertThat(config.get("sleDays").asInt()).isEqualTo(10);
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
