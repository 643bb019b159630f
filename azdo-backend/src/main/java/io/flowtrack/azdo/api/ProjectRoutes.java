package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.Membership;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.Watermark;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.Report;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a member of a project may read: its flow report, its configuration and its sync status. Each
 * handler authorizes the caller first and writes who read what to the audit log.
 */
public final class ProjectRoutes {
    private final ApiAuth auth;
    private final ReportService reports;
    private final OrganizationStore organizations;
    private final RevisionStore revisions;
    private final AuditLog audit;

    public ProjectRoutes(ApiAuth auth, ReportService reports, OrganizationStore organizations, RevisionStore revisions,
                         AuditLog audit) {
        this.auth = auth;
        this.reports = reports;
        this.organizations = organizations;
        this.revisions = revisions;
        this.audit = audit;
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/report}: a {@code flowtrack-report/1}. */
    public void report(Context ctx) {
        Membership member = auth.authorize(ctx);
        ReportQuery query = ReportQuery.from(ctx, ZoneId.of("UTC"));
        Report report = reports.report(member.orgId(), member.projectId(), query);
        audit.append(member.orgId(), member.userId(), "report.read", member.projectId(), ctx.queryString());
        ctx.contentType("application/json").result(ReportWriter.toJson(report, false));
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/config}: the workflow the reports use. */
    public void config(Context ctx) {
        Membership member = auth.authorize(ctx);
        audit.append(member.orgId(), member.userId(), "config.read", member.projectId(), null);
        ctx.json(reports.effectiveConfig(member.orgId(), member.projectId()));
    }

    /** {@code GET /api/v1/orgs/{org}/projects/{project}/status}: connection and last sync. */
    public void status(Context ctx) {
        Membership member = auth.authorize(ctx);
        Organization org = organizations.get(member.orgId()).orElseThrow();
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
        body.put("checkedAt", Instant.now().toString());
        ctx.json(body);
    }
}
