package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.flowtrack.azdo.App;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.Tokens;
import io.flowtrack.azdo.auth.MembershipVerifier;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.azdo.sync.ProjectSync;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report API end to end: a fake Azure DevOps organization is synced into H2, the real service runs
 * on a loopback port, and requests come with real app tokens and access tokens. Also the refusals.
 */
class ReportApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static final String SECRET = "flowtrack-api-test-secret-0123456789abcdef";
    static final String AUDIENCE = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    static final String PAT = "the-organization-pat-never-to-be-returned";
    static final String PROJECT = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String MALLORY = "11111111-2222-4333-8444-555555555555";
    static final String ORIGIN = "https://flowtrack.gallerycdn.vsassets.io";

    static FakeAzureDevOps azdoA;
    static FakeAzureDevOps azdoB;
    static OrgId orgA;
    static OrgId orgB;
    static Javalin app;
    static AuditLog audit;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static WorkItemRevision rev(int id, int rev, String state, String changed) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, "Fabrikam Fiber", "Bug", state, "Fabrikam Fiber\\Web", created,
                rev == 1 ? created : Instant.parse(changed), null, null, null, null);
    }

    @BeforeAll
    static void start() throws Exception {
        Database db = DBS.get(TestDatabases.Kind.H2);
        BackendConfig config = ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes()),
                "FLOWTRACK_EXTENSION_SECRETS", SECRET, "FLOWTRACK_EXTENSION_AUDIENCE", AUDIENCE,
                "FLOWTRACK_ALLOWED_ORIGINS", ORIGIN), null, false);
        OrganizationStore organizations = new OrganizationStore(db);
        CredentialStore credentials = new CredentialStore(db, new CredentialCipher(config.dataKeys()));
        RevisionStore revisions = new RevisionStore(db);
        StateCategoryStore categories = new StateCategoryStore(db);
        audit = new AuditLog(db);

        // Organization A: Alice may read the project; item 1 started 03-02 and closed 03-04 (3 days).
        azdoA = FakeAzureDevOps.start().acceptPat(PAT).instanceId("aaaaaaaa-0000-4000-8000-000000000001")
                .addProject(PROJECT, "Fabrikam Fiber").addUser("alice-access-token", ALICE, PROJECT)
                .addUser("mallory-access-token", MALLORY);
        azdoA.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdoA.addRevisions(PROJECT, List.of(rev(1, 1, "New", null), rev(1, 2, "Active", "2025-03-02T10:00:00Z"),
                rev(1, 3, "Closed", "2025-03-04T10:00:00Z"), rev(2, 1, "New", null),
                rev(2, 2, "Active", "2025-03-05T10:00:00Z")));
        // Organization B: Mallory's own organization, with the same project id.
        azdoB = FakeAzureDevOps.start().acceptPat(PAT).instanceId("bbbbbbbb-0000-4000-8000-000000000002")
                .addProject(PROJECT, "Other").addUser("mallory-access-token", MALLORY, PROJECT);
        azdoB.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdoB.addRevisions(PROJECT, List.of(rev(7, 1, "New", null)));

        orgA = new OrgId(azdoA.instanceId());
        orgB = new OrgId(azdoB.instanceId());
        FakeTime time = new FakeTime();
        for (var pair : List.of(Map.entry(orgA, azdoA), Map.entry(orgB, azdoB))) {
            organizations.upsert(pair.getKey(), "org", pair.getValue().organizationUrl().toString());
            organizations.updateStatus(pair.getKey(), Organization.Status.CONNECTED, null);
            credentials.save(pair.getKey(), new Credential.Pat(new Secret(PAT)), "admin");
            ProjectSync sync = new ProjectSync(organizations, credentials, revisions, categories, new SyncLease(db), audit,
                    (url, creds, personal) -> new AzdoClient(url, creds, time.policy(), AzdoClient.defaultHttpClient(), personal,
                            Duration.ofSeconds(5)),
                    stored -> AzdoCredentials.pat(((Credential.Pat) stored).token().reveal()), 500, "test",
                    Duration.ofMinutes(5), time);
            assertThat(sync.sync(pair.getKey(), PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        }
        ApiAuth auth = new ApiAuth(AppTokenVerifier.fromConfig(config, Clock.systemUTC()),
                new MembershipVerifier(Clock.systemUTC()), organizations);
        ReportService reports = new ReportService(revisions, categories, new ProjectConfigStore(db), App.objectMapper());
        app = App.create(config, new ProjectRoutes(auth, reports, organizations, revisions, audit), null).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        azdoA.close();
        azdoB.close();
    }

    static String token(String user, String audience, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("nameid", user).claim("tid", "tenant")
                .issuer(AppTokenVerifier.ISSUER).audience(audience).notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expires)).build();
        return Tokens.hs256(claims, SECRET);
    }

    static HttpResponse<String> get(OrgId org, String path, String appToken, String accessToken) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/orgs/"
                + org + "/projects/" + PROJECT + path));
        if (appToken != null) {
            r.header("Authorization", "Bearer " + appToken);
        }
        if (accessToken != null) {
            r.header(ApiAuth.ACCESS_TOKEN_HEADER, accessToken);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return App.objectMapper().readTree(r.body());
    }

    static String alice() throws Exception {
        return token(ALICE, AUDIENCE, Instant.now().plusSeconds(3600));
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
        assertThat(get(orgA, "/report", token(ALICE, "another-extension", Instant.now().plusSeconds(600)),
                "alice-access-token").statusCode()).isEqualTo(401);
        HttpResponse<String> expired = get(orgA, "/report", token(ALICE, AUDIENCE, Instant.now().minusSeconds(600)),
                "alice-access-token");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("error").asText()).isEqualTo("unauthenticated");
        assertThat(expired.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aUserOfOrganizationBGetsNothingOfOrganizationA() throws Exception {
        String mallory = token(MALLORY, AUDIENCE, Instant.now().plusSeconds(3600));
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
        HttpResponse<String> badOrg = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/api/v1/orgs/not-a-guid/projects/" + PROJECT + "/report")).header("Authorization", "Bearer " + alice())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badOrg.statusCode()).isEqualTo(400);
    }
}
