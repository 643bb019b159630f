package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every error the service sends, also those Jetty answers before any route runs (headers or URI too long, bad
 * percent-encoding) and too large bodies, is the documented JSON body with a request id: spoken to over raw
 * sockets on loopback, so nothing in between normalises the request. And a failing report is logged once with a
 * summary, not a stack trace per request.
 */
class ErrorResponsesTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static ApiWorld world;
    static final ReportGate GATE = new ReportGate(1, 0, java.time.Duration.ofSeconds(1));
    static ApiWorld.Instance instance;

    @BeforeAll
    static void start() throws Exception {
        world = new ApiWorld(DBS.get(TestDatabases.Kind.H2), List.of(ApiWorld.rev(1, 1, "New", null),
                ApiWorld.rev(1, 2, "Active", "2025-03-02T10:00:00Z")));
        world.gate = GATE;
        instance = world.startInstance();
        world.connectAndSync(world.orgA);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** A raw HTTP/1.1 exchange: the request bytes as given, the whole answer (the server closes). */
    static String raw(String head, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), instance.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer and close before reading it all
                }
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    static void assertJsonError(String answer, int status, String code) throws IOException {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        int split = answer.indexOf("\r\n\r\n");
        String headers = answer.substring(0, split).toLowerCase();
        assertThat(headers).contains("content-type: application/json");
        String body = answer.substring(split + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
        }
        assertThat(body).doesNotContain("<html").doesNotContain("<h2>");
        JsonNode json = ApiJson.mapper().readTree(body);
        assertThat(json.path("error").asText()).isEqualTo(code);
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(json.path("requestId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void headersTooLargeAre431Json() throws Exception {
        String answer = raw("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n", null);
        assertJsonError(answer, 431, "headers_too_large");
    }

    @Test
    void aUriTooLongIs414Json() throws Exception {
        String answer = raw("GET /api/v1/health?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", null);
        assertJsonError(answer, 414, "uri_too_long");
    }

    @Test
    void badPercentEncodingIs400Json() throws Exception {
        for (String path : List.of("/api/v1/orgs/%zz/projects/p/report", "/api/v1/%", "/api/v1/health/%C0%AF",
                "/api/v1/orgs/%00/connection")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null);
            assertJsonError(answer, 400, "bad_request");
        }
    }

    @Test
    void aBodyTooLargeIs413JsonBeforeAnyoneReadsIt() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        String answer = raw("PUT /api/v1/orgs/" + world.orgA + "/connection HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n",
                body);
        assertJsonError(answer, 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyTooLargeIs413Json() throws Exception {
        StringBuilder chunks = new StringBuilder();
        String chunk = "a".repeat(64 * 1024);
        for (int i = 0; i < 20; i++) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        String answer = raw("PUT /api/v1/orgs/" + world.orgA + "/projects/" + PROJECT + "/config HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + world.token(ALICE) + "\r\n"
                + ApiAuth.ACCESS_TOKEN_HEADER + ": alice-access-token\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunks.toString().getBytes(StandardCharsets.US_ASCII));
        assertJsonError(answer, 413, "payload_too_large");
    }

    @Test
    void aReportBeyondTheComputationsTheServiceTakesIs503WithRetryAfter() throws Exception {
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        Thread busy = new Thread(() -> GATE.run(() -> { // the one computation the gate lets run
            holding.countDown();
            try {
                hold.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        busy.start();
        try {
            assertThat(holding.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> r = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                    + "/report?asOf=2025-03-11T00:00:00Z", ALICE, "alice-access-token", null);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v))
                    .isPositive());
            assertThat(ApiWorld.json(r).path("error").asText()).isEqualTo("overloaded");
            assertThat(ApiWorld.json(r).path("requestId").asText()).isNotBlank();
        } finally {
            hold.countDown();
            busy.join();
        }
        HttpResponse<String> after = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                + "/report?asOf=2025-03-11T00:00:00Z", ALICE, "alice-access-token", null);
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void aStoredConfigurationTheRulesNowRefuseIsA409NamingTheRuleUntilAnAdminSavesItAgain() throws Exception {
        // Stored under the looser rules of before issue 15 (a stage name longer than 100 characters); the row is
        // written as an older version would have written it.
        String longName = "x".repeat(101);
        new ProjectConfigStore(world.db).put(world.orgA, PROJECT,
                ApiWorld.VALID_CONFIG.replace("\"Doing\"", "\"" + longName + "\""), "older version");
        String reportPath = "/orgs/" + world.orgA + "/projects/" + PROJECT + "/report?asOf=2025-03-10T00:00:00Z";
        try {
            HttpResponse<String> refused = world.call("GET", reportPath, ALICE, "alice-access-token", null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(ApiWorld.json(refused).get("error").asText()).isEqualTo("configuration_invalid");
            assertThat(ApiWorld.json(refused).get("message").asText()).contains("stages[1].name")
                    .contains("save it again");
            assertThat(new ProjectConfigStore(world.db).get(world.orgA, PROJECT).orElseThrow().json())
                    .as("nothing changed or guessed").contains(longName);
        } finally {
            new ProjectConfigStore(world.db).put(world.orgA, PROJECT, ApiWorld.VALID_CONFIG, "test"); // saved again
        }
        assertThat(world.call("GET", reportPath, ALICE, "alice-access-token", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailingReportIsLoggedOnceWithASummaryNotAStackTracePerRequest() throws Exception {
        // A stored configuration that cannot be read makes every report of the project fail (500).
        try (var c = world.db.dataSource().getConnection();
             var ps = c.prepareStatement("UPDATE project_config SET config_json = ? WHERE org_id = ?")) {
            new ProjectConfigStore(world.db).put(world.orgA, PROJECT, ApiWorld.VALID_CONFIG, "test");
            ps.setString(1, "{not json");
            ps.setString(2, world.orgA.value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> ids = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 25; i++) {
                HttpResponse<String> r = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                        + "/report?asOf=2025-03-10T00:00:00Z&percentiles=" + (50 + i), ALICE, "alice-access-token", null);
                assertThat(r.statusCode()).isEqualTo(500);
                ids.add(ApiWorld.json(r).path("requestId").asText());
            }
        } finally {
            System.setErr(original);
            new ProjectConfigStore(world.db).put(world.orgA, PROJECT, ApiWorld.VALID_CONFIG, "test"); // repaired
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        long lines = log.lines().count();
        assertThat(log.lines().filter(l -> l.trim().startsWith("at ")).count()).as(log).isZero();
        assertThat(lines).as(log).isLessThanOrEqualTo(3);
        // The first failure says what and where, with its request id; repeats are counted, not repeated.
        assertThat(log).contains(ids.get(0)).contains("IllegalStateException")
                .contains("cannot be read").contains("ReportService");
        Matcher suppressed = Pattern.compile("(\\d+) more").matcher(log);
        assertThat(lines == 1 || suppressed.find()).as(log).isTrue();
    }
}
