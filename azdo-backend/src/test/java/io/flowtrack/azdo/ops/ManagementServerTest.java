package io.flowtrack.azdo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.Backend;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service started as production starts it: liveness, readiness and metrics on the management port only,
 * request outcomes counted, readiness failing when the database or its schema is not what this build expects.
 */
class ManagementServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String dbName = "ops-" + UUID.randomUUID();
    private Backend backend;

    @BeforeEach
    void start() {
        backend = Backend.start(ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0",
                "FLOWTRACK_DATABASE_URL", "jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1",
                "FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                        "0123456789abcdef0123456789ABCDEF".getBytes()),
                "FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001",
                "FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io"), null, false));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessReadinessAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
        int mgmt = backend.managementPort();
        assertThat(mgmt).isNotEqualTo(backend.port());

        HttpResponse<String> health = get(mgmt, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"up\"");

        HttpResponse<String> ready = get(mgmt, "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(ready.body());
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("checks").get("database").asText()).isEqualTo("up");
        assertThat(body.get("checks").get("schema").asText()).startsWith("current (version ");

        HttpResponse<String> metrics = get(mgmt, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("flowtrack_sync_runs_total{outcome=\"synced\"} 0.0",
                "flowtrack_sync_runs_total{outcome=\"failed\"} 0.0", "flowtrack_revisions_stored 0.0",
                "flowtrack_sync_lag_seconds 0.0", "flowtrack_sync_projects_failing 0.0",
                "flowtrack_auth_rejected_total 0.0", "flowtrack_requests_shed_total 0.0", "jvm_memory_used_bytes");

        // The API port serves neither metrics nor probes; the management port no API.
        assertThat(get(backend.port(), "/metrics").statusCode()).isEqualTo(404);
        assertThat(get(backend.port(), "/ready").statusCode()).isEqualTo(404);
        assertThat(get(mgmt, "/api/v1/health").statusCode()).isEqualTo(404);
    }

    @Test
    void aRejectedTokenOnAReportIsCountedWithItsLatency() throws Exception {
        String report = "/api/v1/orgs/" + UUID.randomUUID() + "/projects/p1/report";
        assertThat(get(backend.port(), report).statusCode()).isEqualTo(401);
        assertThat(get(backend.port(), report).statusCode()).isEqualTo(401);

        String metrics = get(backend.managementPort(), "/metrics").body();
        assertThat(metrics).contains("flowtrack_auth_rejected_total 2.0",
                "flowtrack_report_latency_seconds_count{status=\"401\"} 2");
    }

    @Test
    void readinessFailsWhileAMigrationIsPendingAndWhenTheDatabaseIsGone() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:" + dbName + "-r;DB_CLOSE_DELAY=-1", "sa", null)) {
            Readiness readiness = new Readiness(db, 5);
            assertThat(readiness.check().ready()).isTrue();
            db.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" ="
                            + " (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")");
                }
                return null;
            });
            Readiness.Verdict pending = readiness.check();
            assertThat(pending.ready()).isFalse();
            assertThat(pending.checks().get("schema")).startsWith("pending migration");
            db.close();
            Readiness.Verdict gone = readiness.check();
            assertThat(gone.ready()).isFalse();
            assertThat(gone.checks()).containsEntry("database", "down");
        }
    }

    @Test
    void theDatabaseGaugesSurviveAGarbageCollection() throws Exception {
        System.gc(); // a gauge's state is weakly held unless told otherwise: the figures read NaN after a collection
        Thread.sleep(100);
        System.gc();
        assertThat(get(backend.managementPort(), "/metrics").body()).contains("flowtrack_revisions_stored 0.0",
                "flowtrack_sync_lag_seconds 0.0", "flowtrack_sync_projects_failing 0.0");
    }

    @Test
    void aSyncRunIsCountedByOutcome() {
        Metrics metrics = new Metrics();
        metrics.syncFinished("FAILED", 0, java.time.Duration.ofMillis(5));
        metrics.syncFinished("SYNCED", 120, java.time.Duration.ofMillis(50));
        assertThat(metrics.scrape()).contains("flowtrack_sync_runs_total{outcome=\"failed\"} 1.0",
                "flowtrack_sync_runs_total{outcome=\"synced\"} 1.0",
                "flowtrack_sync_failures_total{reason=\"failed\"} 1.0",
                "flowtrack_sync_revisions_sum 120.0");
    }
}
