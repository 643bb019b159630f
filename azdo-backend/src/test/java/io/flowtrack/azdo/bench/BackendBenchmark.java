package io.flowtrack.azdo.bench;

import io.flowtrack.azdo.App;
import io.flowtrack.azdo.api.ReportCache;
import io.flowtrack.azdo.api.ReportQuery;
import io.flowtrack.azdo.api.ReportService;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.demo.DemoOrganization;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.DataVersions;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Loads about a million revisions into the backend's store and computes the project's report, printing
 * the figures. Not a test: bench/backend.sh runs it (docs/performance.md).
 *
 * <p>Usage: {@code BackendBenchmark h2|postgres [ITEMS]} (default 220,000 items ≈ 1M revisions).
 */
public final class BackendBenchmark {
    private BackendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 220_000;
        Path dir = Files.createTempDirectory("flowtrack-bench");
        String url = kind.equals("postgres") ? TestDatabases.createUrl(TestDatabases.Kind.POSTGRES, "bench")
                : "jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_DELAY=0";
        String user = kind.equals("postgres") ? "postgres" : "flowtrack";
        Secret password = kind.equals("postgres") ? null : new Secret("");
        try (Database db = Database.open(url, user, password)) {
            new OrganizationStore(db).upsert(DemoOrganization.ORG, DemoOrganization.ORG_NAME, "https://dev.azure.com/bench");
            RevisionStore revisions = new RevisionStore(db);
            StateCategoryStore categories = new StateCategoryStore(db);
            long t0 = System.nanoTime();
            List<WorkItemRevision> all = DemoOrganization.revisions(items, 1, LocalDate.of(2026, 11, 1), 730);
            long t1 = System.nanoTime();
            categories.replaceAll(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, DemoOrganization.stateCategories());
            for (int from = 0; from < all.size(); from += 1_000) {
                List<WorkItemRevision> batch = all.subList(from, Math.min(all.size(), from + 1_000));
                revisions.saveBatch(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, batch, "wm-" + from, Instant.now());
            }
            long t2 = System.nanoTime();
            System.out.printf("%s: generated %d revisions of %d items in %d ms; loaded in %d ms (%.0f revisions/s)%n",
                    kind, all.size(), items, ms(t1 - t0), ms(t2 - t1), all.size() / ((t2 - t1) / 1e9));
            all = null;
            ReportService service = new ReportService(revisions, categories, new ProjectConfigStore(db), App.objectMapper());
            ReportQuery query = new ReportQuery(null, ReportRequest.builder().asOf(Instant.parse("2026-11-01T23:59:59Z"))
                    .build(), false, ZoneId.of("UTC"));
            for (int round = 1; round <= 3; round++) {
                long r0 = System.nanoTime();
                Report report = service.report(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, query);
                long r1 = System.nanoTime();
                int bytes = ReportWriter.toJson(report, false).length();
                long r2 = System.nanoTime();
                System.out.printf("%s: report round %d: read + assemble + compute %d ms, JSON %d ms (%d items, %.1f MB)%n",
                        kind, round, ms(r1 - r0), ms(r2 - r1), report.items().size(), bytes / 1e6);
            }
            // As the report route does: read the data version, then the cache (computing on a miss).
            DataVersions versions = new DataVersions(db);
            ReportCache cache = new ReportCache(256L << 20, Duration.ofMinutes(30));
            for (int round = 1; round <= 4; round++) {
                long c0 = System.nanoTime();
                String version = versions.current(DemoOrganization.ORG, DemoOrganization.PROJECT_ID).orElseThrow();
                ReportCache.Served served = cache.get(new ReportCache.Key(DemoOrganization.ORG,
                        DemoOrganization.PROJECT_ID, query, version), () -> ReportWriter.toJson(service.report(
                        DemoOrganization.ORG, DemoOrganization.PROJECT_ID, query), false).getBytes(StandardCharsets.UTF_8));
                long c1 = System.nanoTime();
                System.out.printf("%s: cached report round %d: %s in %.1f ms (%.1f MB)%n", kind, round,
                        served.hit() ? "hit" : "miss", (c1 - c0) / 1e6, served.json().length / 1e6);
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
