package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.azdo.Backend;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.Tokens;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
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
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.sync.ProjectSync;
import java.io.InputStream;
import java.io.OutputStream;
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

/**
 * The API tests' world: two fake organizations behind one base URL (a small path-routing proxy: {@code /fabrikam}
 * is organization A, {@code /orgb} organization B), the service's stores on one database, and as many service
 * instances on it as a test starts (each with its own caches, as separate processes would have). Alice administers
 * A and reads its project, Bob is a plain member of A's project, Mallory administers B and is a user of A without
 * access to its project.
 */
final class ApiWorld implements AutoCloseable {
    static final String SECRET = "flowtrack-api-test-secret-0123456789abcdef";
    static final String AUDIENCE = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    static final String PAT = "the-organization-pat-Zq9-never-to-be-returned";
    static final String PAT_B = "pat-of-b";
    static final String PROJECT = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String BOB = "22222222-3333-4444-8555-666666666666";
    static final String MALLORY = "11111111-2222-4333-8444-555555555555";
    static final String ORIGIN = "https://flowtrack.gallerycdn.vsassets.io";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A flow configuration for A's project that the admin routes accept: three stages, SLE 10 days at 85 %. */
    static final String VALID_CONFIG = "{\"stages\":[{\"name\":\"To do\",\"category\":\"proposed\",\"states\":[\"New\"]},"
            + "{\"name\":\"Doing\",\"category\":\"active\",\"states\":[\"Active\"]},"
            + "{\"name\":\"Done\",\"category\":\"done\",\"states\":[\"Closed\"]}],\"commitmentStage\":\"Doing\","
            + "\"startPolicy\":\"first\",\"sle\":{\"days\":10,\"percentile\":85}}";

    /**
     * One running service instance, wired as production wires it ({@link Backend#builder}) on the world's database
     * and clock: its own routes, caches and sync, no scheduler.
     */
    record Instance(Backend backend, Clock clock) implements AutoCloseable {
        int port() {
            return backend.port();
        }

        ReportCache cache() {
            return backend.reportCache();
        }

        ProjectSync sync() {
            return backend.sync();
        }

        AdminRoutes admin() {
            return backend.adminRoutes();
        }

        /** An app token for {@code user} valid for an hour on this instance's clock. */
        String token(String user) throws Exception {
            return ApiWorld.token(user, AUDIENCE, clock.instant(), clock.instant().plusSeconds(3600));
        }

        @Override
        public void close() {
            backend.close();
        }
    }

    final FakeAzureDevOps azdoA;
    final FakeAzureDevOps azdoB;
    final HttpServer proxy;
    final OrgId orgA;
    final OrgId orgB;
    final Database db;
    final BackendConfig config;
    final OrganizationStore organizations;
    final CredentialStore credentials;
    final RevisionStore revisions;
    final AuditLog audit;
    final FakeTime time = new FakeTime();
    private final List<Instance> instances = new ArrayList<>();
    /** Bounds the report computations of the instances started from now on. */
    ReportGate gate = ReportGate.unbounded();

    static WorkItemRevision rev(int id, int rev, String state, String changed) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, "Bug", state, "Fabrikam Fiber\\Web", created, rev == 1 ? created : Instant.parse(changed), null, Map.of(), false);
    }

    /** @param revisionsOfA what organization A's project holds at first (B's holds one new bug) */
    ApiWorld(Database db, List<WorkItemRevision> revisionsOfA) throws Exception {
        this.db = db;
        azdoA = FakeAzureDevOps.start().acceptPat(PAT).instanceId("aaaaaaaa-0000-4000-8000-000000000001")
                .addProject(PROJECT, "Fabrikam Fiber").addUser("alice-access-token", ALICE, PROJECT)
                .addUser("bob-access-token", BOB, PROJECT).addUser("mallory-access-token", MALLORY)
                .admin(ALICE, true);
        azdoA.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdoA.addRevisions(PROJECT, revisionsOfA);
        azdoB = FakeAzureDevOps.start().acceptPat(PAT_B).displayedName("orgb").instanceId("bbbbbbbb-0000-4000-8000-000000000002")
                .addProject(PROJECT, "Other").addUser("mallory-access-token", MALLORY, PROJECT).admin(MALLORY, true);
        azdoB.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdoB.addRevisions(PROJECT, List.of(rev(7, 1, "New", null)));
        orgA = new OrgId(azdoA.instanceId());
        orgB = new OrgId(azdoB.instanceId());
        proxy = proxy(Map.of("fabrikam", azdoA, "orgb", azdoB));
        Map<String, String> env = new java.util.HashMap<>(Map.of("FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.UTF_8)),
                "FLOWTRACK_EXTENSION_SECRETS", SECRET, "FLOWTRACK_EXTENSION_AUDIENCE", AUDIENCE,
                "FLOWTRACK_ALLOWED_ORIGINS", ORIGIN,
                "FLOWTRACK_AZDO_BASE_URL", "http://127.0.0.1:" + proxy.getAddress().getPort()));
        // What a test needs: no admin verdict caching (every admin request asks the fake again), short request
        // timeouts against the fakes, a lease that outlives the minutes a test moves its clock by.
        env.putAll(Map.of("FLOWTRACK_ADMIN_CACHE_TTL", "PT0S", "FLOWTRACK_ADMIN_DENIAL_TTL", "PT0S",
                "FLOWTRACK_AZDO_REQUEST_TIMEOUT", "PT5S", "FLOWTRACK_IDENTITY_REQUEST_TIMEOUT", "PT5S",
                "FLOWTRACK_SYNC_LEASE_TTL", "PT5M"));
        config = ConfigLoader.load(env, null, false);
        organizations = new OrganizationStore(db);
        credentials = new CredentialStore(db, new CredentialCipher(config.dataKeys()));
        revisions = new RevisionStore(db);
        audit = new AuditLog(db);
    }

    /**
     * Starts one more service instance on the world's database: the production wiring with the world's hand-moved
     * clock (app tokens, verdict caches, leases and reports' "now" all read it, so tests mint tokens with
     * {@link #token(String)}), retries that sleep on that clock, no scheduler, and the world's report gate.
     */
    Instance startInstance() {
        Backend backend = Backend.builder(config).clock(time).retries(time::policy).database(db)
                .leaseName("instance-" + (instances.size() + 1)).withoutScheduler().reportGate(gate).start();
        Instance instance = new Instance(backend, time);
        instances.add(instance);
        return instance;
    }

    Instance instance(int i) {
        return instances.get(i);
    }

    /** Stores the organization as connected with its PAT (as an admin's connect would) and syncs the project. */
    void connectAndSync(OrgId org) throws InterruptedException {
        boolean a = org.equals(orgA);
        organizations.upsert(org, a ? "fabrikam" : "orgb", config.azdoBaseUrl() + (a ? "/fabrikam" : "/orgb"));
        organizations.updateStatus(org, Organization.Status.CONNECTED, null);
        credentials.save(org, new Credential.Pat(new io.flowtrack.azdo.config.BackendConfig.Secret(a ? PAT : PAT_B)),
                "admin");
        assertThat(instances.get(0).sync().sync(org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
    }

    /** Syncs the organization's project once more with the first instance. */
    void sync(OrgId org) throws InterruptedException {
        assertThat(instances.get(0).sync().sync(org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
    }

    /** An app token signed with the extension's secret, valid from shortly before {@code now} to {@code expires}. */
    static String token(String user, String audience, Instant now, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("nameid", user).claim("tid", "tenant")
                .issuer(AppTokenVerifier.ISSUER).audience(audience).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(expires)).build();
        return Tokens.hs256(claims, SECRET);
    }

    /** An app token issued now on the world's clock, expiring at {@code expires}. */
    String token(String user, String audience, Instant expires) throws Exception {
        return token(user, audience, time.instant(), expires);
    }

    /** An app token for {@code user} valid for an hour on the world's clock. */
    String token(String user) throws Exception {
        return token(user, AUDIENCE, time.instant().plusSeconds(3600));
    }

    /** A request to {@code /api/v1 + path} of the first instance, as {@code user} (null: no app token). */
    HttpResponse<String> call(String method, String path, String user, String accessToken, String body)
            throws Exception {
        return call(instances.get(0), method, path, user == null ? null : token(user), accessToken, body);
    }

    /** A request to {@code /api/v1 + path} of {@code instance} with this app token (null: none). */
    static HttpResponse<String> call(Instance instance, String method, String path, String appToken,
                                     String accessToken, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/api/v1"
                + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (appToken != null) {
            r.header("Authorization", "Bearer " + appToken);
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
        return ApiJson.mapper().readTree(r.body());
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

    @Override
    public void close() {
        instances.forEach(Instance::close);
        proxy.stop(0);
        azdoA.close();
        azdoB.close();
    }
}
