package io.flowtrack.azdo.ops;

import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.sync.ProjectSync;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The service's metrics, one registry per running service (no global registry): sync runs and failures, how far
 * behind the organizations the stored data is, revisions stored, report latency, report cache hits, rejected app
 * tokens and shed requests, plus the JVM's own. Scraped in Prometheus' text format from the management port
 * ({@link ManagementServer}); the names and their meaning are listed in docs/operations.md.
 *
 * <p>No label carries an organization, project or user: metrics leave the service and must not identify tenants,
 * and a label per organization would grow without bound.
 */
public final class Metrics {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Metrics.class);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter tokensRejected;
    private final Counter shed;
    private final DistributionSummary syncRevisions;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry); // its listeners live as long as the JVM; one per service is bounded
        tokensRejected = Counter.builder("flowtrack.auth.rejected")
                .description("Requests refused for a missing or invalid app token (HTTP 401)").register(registry);
        shed = Counter.builder("flowtrack.requests.shed")
                .description("Requests turned away with 503 and Retry-After because the service was saturated")
                .register(registry);
        syncRevisions = DistributionSummary.builder("flowtrack.sync.revisions")
                .description("Revisions received per sync run").baseUnit("revisions").register(registry);
        for (ProjectSync.Outcome outcome : ProjectSync.Outcome.values()) {
            // Every outcome present at 0 from the start, so rate() and alerts see the series.
            syncCounter(outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The registry, for meters a component adds for itself. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * One sync run ended, scheduled or asked for with "sync now".
     *
     * @param outcome   the run's outcome, in any case (synced, busy, lease_lost, source_changed, no_progress,
     *                  not_connected, credential_rejected, failed)
     * @param revisions revisions it received
     * @param took      how long it ran
     */
    public void syncFinished(String outcome, long revisions, Duration took) {
        String o = outcome.toLowerCase(java.util.Locale.ROOT);
        syncCounter(o).increment();
        if (o.equals("failed") || o.equals("credential_rejected")) {
            Counter.builder("flowtrack.sync.failures").description("Sync runs that failed")
                    .tag("reason", o).register(registry).increment();
        }
        syncRevisions.record(revisions);
        Timer.builder("flowtrack.sync.duration").description("How long a sync run took").tag("outcome", o)
                .register(registry).record(took);
    }

    private Counter syncCounter(String outcome) {
        return Counter.builder("flowtrack.sync.runs").description("Sync runs, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    /**
     * A report request was answered.
     *
     * @param status the HTTP status
     * @param cache  {@code hit} or {@code miss} (the response's cache header), or null when no report was served
     * @param took   from the request's arrival to its answer
     */
    public void reportServed(int status, String cache, Duration took) {
        Timer.builder("flowtrack.report.latency").description("Time to answer a report request")
                .tag("status", Integer.toString(status)).publishPercentileHistogram()
                .register(registry).record(took);
        if (cache != null) {
            Counter.builder("flowtrack.report.cache").description("Reports served, by report cache result")
                    .tag("result", cache.equals("hit") ? "hit" : "miss").register(registry).increment();
        }
    }

    /** An app token was missing or did not verify. */
    public void tokenRejected() {
        tokensRejected.increment();
    }

    /** A request was shed (503 with Retry-After). */
    public void requestShed() {
        shed.increment();
    }

    /**
     * Gauges read from the database at scrape time (at most once per {@code refresh}, so a scrape storm does not
     * become a query storm): revisions stored, the sync lag behind the organizations, projects whose last sync
     * failed.
     */
    public void bindDatabase(Database database, Clock clock, Duration refresh) {
        Objects.requireNonNull(database, "database");
        DatabaseGauges gauges = new DatabaseGauges(database, clock, refresh);
        // strongReference: a gauge holds its state weakly by default, and nothing else holds these figures; after a
        // garbage collection the gauges read NaN (seen in ImageIT, where the service ran long enough to collect).
        Gauge.builder("flowtrack.revisions.stored", gauges, g -> g.read().revisions()).strongReference(true)
                .description("Work item revisions stored, all organizations").register(registry);
        Gauge.builder("flowtrack.sync.lag", gauges, g -> g.read().lagSeconds()).strongReference(true)
                .description("Longest time since an enabled project of a connected organization last synced"
                        + " successfully (0 when none has)").baseUnit("seconds").register(registry);
        Gauge.builder("flowtrack.sync.projects.failing", gauges, g -> g.read().failing()).strongReference(true)
                .description("Enabled projects of connected organizations whose last sync failed").register(registry);
    }

    /** The database figures, re-read at most once per refresh interval. */
    private static final class DatabaseGauges {
        record Figures(double revisions, double lagSeconds, double failing) {
        }

        private static final String ENABLED = " FROM watermark w JOIN project p ON p.org_id = w.org_id"
                + " AND p.project_id = w.project_id JOIN organization o ON o.org_id = w.org_id"
                + " WHERE p.enabled = TRUE AND o.status <> 'DISCONNECTED'";
        private final Database database;
        private final Clock clock;
        private final Duration refresh;
        private Figures figures = new Figures(Double.NaN, Double.NaN, Double.NaN);
        private long readAt = Long.MIN_VALUE;

        DatabaseGauges(Database database, Clock clock, Duration refresh) {
            this.database = database;
            this.clock = clock;
            this.refresh = refresh;
        }

        synchronized Figures read() {
            long now = clock.millis();
            if (readAt != Long.MIN_VALUE && now - readAt < refresh.toMillis()) {
                return figures;
            }
            readAt = now;
            try {
                figures = database.withConnection(c -> {
                    double revisions;
                    double lag = 0;
                    double failing;
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM revision");
                         ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        revisions = rs.getLong(1);
                    }
                    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(w.last_sync_at)" + ENABLED
                            + " AND w.last_sync_status = 'ok'"); ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            java.time.OffsetDateTime oldest = rs.getObject(1, java.time.OffsetDateTime.class);
                            if (oldest != null) {
                                lag = Math.max(0, (now - oldest.toInstant().toEpochMilli()) / 1000.0);
                            }
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + ENABLED
                            + " AND w.last_sync_status IS NOT NULL AND w.last_sync_status <> 'ok'");
                         ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        failing = rs.getLong(1);
                    }
                    return new Figures(revisions, lag, failing);
                });
            } catch (RuntimeException e) {
                figures = new Figures(Double.NaN, Double.NaN, Double.NaN); // unknown, not a stale or made-up figure
                LOG.warn("metrics: the database figures cannot be read: {}", e.getClass().getName());
            }
            return figures;
        }
    }
}
