package io.flowtrack.azdo;

import io.flowtrack.azdo.api.ApiJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.flowtrack.azdo.api.ApiAuth;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.Tokens;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the whole service, started through {@link Backend#start} as production starts them, on one
 * embedded PostgreSQL, both scheduling the same project: one extracts while the other finds the project busy, the
 * rows are exactly Azure DevOps' revisions (each loaded once), and both instances serve the same report.
 */
class TwoInstancesTest {
    private static final String SECRET = "flowtrack-two-instances-secret-0123456789";
    private static final String PAT = "the-pat-of-the-two-instances-test";
    private static final String PROJECT = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    private static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<WorkItemRevision> history() {
        List<WorkItemRevision> out = new ArrayList<>();
        Instant t = Instant.parse("2025-03-01T09:00:00Z");
        for (int id = 1; id <= 20; id++) {
            Instant created = t.plus(Duration.ofHours(id));
            out.add(new WorkItemRevision(id, 1, "Bug", "New", "Fabrikam Fiber", created, created, null, Map.of(), false));
            out.add(new WorkItemRevision(id, 2, "Bug", "Active", "Fabrikam Fiber", created, created.plus(Duration.ofDays(1)), null, Map.of(), false));
            if (id % 2 == 0) {
                out.add(new WorkItemRevision(id, 3, "Bug", "Closed", "Fabrikam Fiber", created, created.plus(Duration.ofDays(2 + id % 5)), null, Map.of(), false));
            }
        }
        return out;
    }

    private static HttpResponse<String> report(Backend backend, OrgId org) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("nameid", ALICE).claim("tid", "tenant")
                .issuer(AppTokenVerifier.ISSUER).audience("ext").notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/api/v1/orgs/" + org
                        + "/projects/" + PROJECT + "/report?asOf=2025-04-01"))
                .header("Authorization", "Bearer " + Tokens.hs256(claims, SECRET))
                .header(ApiAuth.ACCESS_TOKEN_HEADER, "alice-access-token").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoInstancesOnOnePostgresExtractAProjectOneAtATimeAndServeTheSameReport() throws Exception {
        List<WorkItemRevision> history = history();
        String url = TestDatabases.createUrl(TestDatabases.Kind.POSTGRES, "ft_two_" + ProcessHandle.current().pid());
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        try (FakeAzureDevOps azdo = FakeAzureDevOps.start().acceptPat(PAT).maxPageSize(4)
                .instanceId("aaaaaaaa-0000-4000-8000-000000000001").addProject(PROJECT, "Fabrikam Fiber")
                .addUser("alice-access-token", ALICE, PROJECT)) {
            azdo.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
            azdo.addRevisions(PROJECT, history);
            OrgId org = new OrgId(azdo.instanceId());
            BackendConfig config = ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0",
                    "FLOWTRACK_DATABASE_URL", url, "FLOWTRACK_DATABASE_USER", "postgres",
                    "FLOWTRACK_DATABASE_PASSWORD", "embedded-postgres-trusts-loopback",
                    "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                            "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.UTF_8)),
                    "FLOWTRACK_EXTENSION_SECRETS", SECRET,
                    "FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io",
                    "FLOWTRACK_AZDO_BASE_URL", azdo.organizationUrl().resolve("/").toString()), null, false);
            // The organization as an admin connected it: URL, encrypted PAT, the project enabled.
            try (Database db = Database.open(config)) {
                new OrganizationStore(db).upsert(org, "fabrikam", azdo.organizationUrl().toString());
                new CredentialStore(db, new CredentialCipher(config.dataKeys()))
                        .save(org, new Credential.Pat(new Secret(PAT)), ALICE);
                new ProjectStore(db).upsert(org, new Project(PROJECT, "Fabrikam Fiber", true));
            }
            // The first page waits until the other instance has tried the project and found it busy.
            azdo.beforeRevisionsPage(n -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (n == 1 && !logs.toString(StandardCharsets.UTF_8).contains(": BUSY")
                            && System.nanoTime() < until) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try (Backend one = Backend.start(config); Backend two = Backend.start(config);
                 Database db = Database.open(config)) {
                RevisionStore revisions = new RevisionStore(db);
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((revisions.watermark(org, PROJECT).continuationToken() == null
                        || revisions.count(org, PROJECT) < history.size()) && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                System.setErr(originalErr);

                assertThat(logs.toString(StandardCharsets.UTF_8)).contains(": BUSY"); // both tried
                assertThat(mostInFlight).hasValue(1); // never two extractions at once
                List<WorkItemRevision> stored = new ArrayList<>();
                revisions.forEachRevision(org, PROJECT, stored::add);
                assertThat(stored).containsExactlyInAnyOrderElementsOf(history);
                assertThat(revisions.watermark(org, PROJECT).rowsLoaded()).isEqualTo(history.size()); // loaded once

                HttpResponse<String> fromOne = report(one, org);
                HttpResponse<String> fromTwo = report(two, org);
                assertThat(fromOne.statusCode()).as(fromOne.body()).isEqualTo(200);
                assertThat(fromTwo.statusCode()).as(fromTwo.body()).isEqualTo(200);
                assertThat(fromTwo.body()).isEqualTo(fromOne.body());
                assertThat(ApiJson.mapper().readTree(fromOne.body()).get("cycleTime").get("count").asInt())
                        .isEqualTo(10);
            }
        } finally {
            System.setErr(originalErr);
        }
    }
}
