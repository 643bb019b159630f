package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.Membership;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.DataVersions;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.Watermark;
import io.flowtrack.metrics.io.ReportWriter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a member of a project may read: its flow report, its configuration and its sync status. The routes are
 * registered as {@link Access#MEMBER}: the {@link AccessGate} verifies the caller's membership before a handler runs
 * and hands it over ({@link AccessGate#member}); each handler writes who read what to the audit log.
 */
public final class ProjectRoutes {
    /** Says whether a report came from the cache ({@code hit}) or was computed ({@code miss}). */
    public static final String CACHE_HEADER = "X-FlowTrack-Report-Cache";
    private final ReportService reports;
    private final RevisionStore revisions;
    private final AuditLog audit;
    private final DataVersions versions;
    private final ReportCache cache;
    private final Clock clock;
    private final ReportGate gate;

    /**
     * @param versions the projects' data versions, which key the cache
     * @param cache    computed reports ({@link ReportCache#off()} for none)
     */
    public ProjectRoutes(ReportService reports, RevisionStore revisions, AuditLog audit,
                         DataVersions versions, ReportCache cache, Clock clock) {
        this(reports, revisions, audit, versions, cache, clock, ReportGate.unbounded());
    }

    /** @param gate bounds the report computations running and waiting at once (cache hits do not count) */
    public ProjectRoutes(ReportService reports, RevisionStore revisions, AuditLog audit,
                         DataVersions versions, ReportCache cache, Clock clock, ReportGate gate) {
        this.gate = Objects.requireNonNull(gate);
        this.reports = Objects.requireNonNull(reports);
        this.revisions = Objects.requireNonNull(revisions);
        this.audit = Objects.requireNonNull(audit);
        this.versions = Objects.requireNonNull(versions);
        this.cache = Objects.requireNonNull(cache);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * {@code GET /api/v1/orgs/{org}/projects/{project}/report}: a {@code flowtrack-report/1}. The caller is
     * authorised first, every time; then the report comes from the cache when the project's data version (read from
     * the database now) and the query are those of a computed one; the read is audited either way.
     */
    public void report(Context ctx) {
        Membership member = AccessGate.member(ctx).membership();
        ReportQuery query = ReportQuery.from(ctx, ZoneId.of("UTC"), clock.instant());
        // The version is read before the data: a report computed from newer data than its key names is never
        // asked for again (versions do not come back), one computed from older data cannot happen.
        Optional<String> version = versions.current(member.orgId(), member.projectId());
        String dataVersion = version.orElse(null);
        Supplier<byte[]> compute = () -> gate.run(() -> ReportWriter.toJson(reports.report(member.orgId(),
                member.projectId(), query, dataVersion), false).getBytes(StandardCharsets.UTF_8));
        ReportCache.Served served = version.isEmpty() ? new ReportCache.Served(compute.get(), false)
                : cache.get(new ReportCache.Key(member.orgId(), member.projectId(), query, version.get()), compute);
        audit.append(member.orgId(), member.userId(), "report.read", member.projectId(), ctx.queryString());
        ctx.header(CACHE_HEADER, served.hit() ? "hit" : "miss");
        ctx.contentType("application/json").result(served.json());
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/config}: the workflow the reports use. */
    public void config(Context ctx) {
        Membership member = AccessGate.member(ctx).membership();
        audit.append(member.orgId(), member.userId(), "config.read", member.projectId(), null);
        ctx.json(reports.effectiveConfig(member.orgId(), member.projectId()));
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/status}: connection and last sync. */
    public void status(Context ctx) {
        ApiAuth.Authorized authorized = AccessGate.member(ctx);
        Membership member = authorized.membership();
        Organization org = authorized.organization();
        Watermark watermark = revisions.watermark(member.orgId(), member.projectId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organization", Map.of("name", org.name(), "status", org.status().name().toLowerCase(),
                "detail", org.statusDetail() == null ? "" : org.statusDetail()));
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("lastSyncAt", watermark.lastSyncAt() == null ? null : watermark.lastSyncAt().toString());
        sync.put("lastSyncStatus", watermark.lastSyncStatus());
        sync.put("lastSyncDetail", watermark.lastSyncDetail());
        sync.put("revisions", revisions.count(member.orgId(), member.projectId()));
        body.put("project", sync);
        body.put("checkedAt", clock.instant().toString());
        ctx.json(body);
    }
}
