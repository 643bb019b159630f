package io.flowtrack.azdo.bench;

import io.flowtrack.azdo.api.OverloadedException;
import io.flowtrack.azdo.api.ProjectHistories;
import io.flowtrack.azdo.api.ReportCache;
import io.flowtrack.azdo.api.ReportGate;
import io.flowtrack.azdo.config.BackendConfig;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ForecastRequest;

/**
 * Loads about a million revisions into the backend's store and computes the project's report, printing
 * the figures. Not a test: bench/backend.sh runs it (docs/performance.md).
 *
 * <p>Usage: {@code BackendBenchmark h2|postgres [ITEMS]} (default 220,000 items ≈ 1M revisions): load, reports from the
 * store, cached reports, then warm reports (from the in-memory history) of several different queries.
 *
 * <p>{@code BackendBenchmark load [ITEMS] [CLIENTS] [REQUESTS]} (default 10,000 items, 32 clients, 8 requests each):
 * every client asks different, uncached reports at once, through what the report route runs after authorisation
 * (data version, report cache, the bounded computations, the warm history, JSON); prints latency percentiles, how
 * many were shed with 503, and the process's peak resident memory.
 */
public final class BackendBenchmark {
    private BackendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("load")) {
            load(args.length > 1 ? Integer.parseInt(args[1]) : 10_000, args.length > 2 ? Integer.parseInt(args[2]) : 32,
                    args.length > 3 ? Integer.parseInt(args[3]) : 8);
            return;
        }
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
            ReportService service = new ReportService(revisions, categories, new ProjectConfigStore(db));
            ReportQuery query = new ReportQuery(null, ReportRequest.builder().asOf(Instant.parse("2026-11-01T23:59:59Z"))
                    .build(), false, ZoneId.of("UTC"));
            for (int round = 1; round <= 2; round++) {
                long r0 = System.nanoTime();
                long c0 = cpu();
                Report report = service.report(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, query);
                long r1 = System.nanoTime();
                long c1 = cpu();
                int bytes = ReportWriter.toJson(report, false).length();
                long r2 = System.nanoTime();
                System.out.printf("%s: report round %d: read + assemble + compute %d ms (this thread's CPU %d ms),"
                        + " JSON %d ms (%d items, %.1f MB)%n", kind, round, ms(r1 - r0), ms(c1 - c0), ms(r2 - r1),
                        report.items().size(), bytes / 1e6);
            }
            // As the report route does: read the data version, then the cache (computing on a miss).
            DataVersions versions = new DataVersions(db);
            ReportCache cache = new ReportCache(256L << 20, Duration.ofMinutes(30));
            for (int round = 1; round <= 2; round++) {
                long c0 = System.nanoTime();
                String version = versions.current(DemoOrganization.ORG, DemoOrganization.PROJECT_ID).orElseThrow();
                ReportCache.Served served = cache.get(new ReportCache.Key(DemoOrganization.ORG,
                        DemoOrganization.PROJECT_ID, query, version), () -> ReportWriter.toJson(service.report(
                        DemoOrganization.ORG, DemoOrganization.PROJECT_ID, query), false).getBytes(StandardCharsets.UTF_8));
                long c1 = System.nanoTime();
                System.out.printf("%s: cached report round %d: %s in %.1f ms (%.1f MB)%n", kind, round,
                        served.hit() ? "hit" : "miss", (c1 - c0) / 1e6, served.json().length / 1e6);
            }
            warmReports(kind, db, revisions, categories, versions);
        }
    }

    /** Reports of different queries from the warm history: the first builds it, the others only compute. */
    private static void warmReports(String kind, Database db, RevisionStore revisions, StateCategoryStore categories,
                                    DataVersions versions) {
        ProjectHistories histories = new ProjectHistories(2048L << 20, Duration.ofHours(1));
        ReportService warm = new ReportService(revisions, categories, new ProjectConfigStore(db),
                histories);
        Instant asOf = Instant.parse("2026-11-01T23:59:59Z");
        String area = firstAreaPath(revisions);
        Map<String, ReportQuery> queries = new LinkedHashMap<>();
        queries.put("default (first: builds the history)", query(ReportRequest.builder().asOf(asOf), null));
        queries.put("default again", query(ReportRequest.builder().asOf(asOf), null));
        queries.put("start policy last", new ReportQuery(null, ReportRequest.builder().asOf(asOf)
                .startPolicy(StartPolicy.LAST).build(), true, ZoneId.of("UTC")));
        queries.put("percentiles 50/99, SLE 10 d", query(ReportRequest.builder().asOf(asOf)
                .percentiles(List.of(50, 99)).sle(new ReportRequest.Sle(10, 85)), null));
        queries.put("one type", query(ReportRequest.builder().asOf(asOf).types(Set.of("Bug")), null));
        queries.put("area " + area, query(ReportRequest.builder().asOf(asOf), area));
        queries.put("last 90 days", query(ReportRequest.builder().asOf(asOf).from(LocalDate.of(2026, 8, 3))
                .to(LocalDate.of(2026, 11, 1)), null));
        queries.put("as of a year earlier", query(ReportRequest.builder().asOf(asOf.minus(Duration.ofDays(365))), null));
        queries.put("forecast (10,000 trials)", query(ReportRequest.builder().asOf(asOf).forecast(
                new ForecastRequest(30, 100, 10_000, 42L, null, null, null)), null));
        String version = versions.current(DemoOrganization.ORG, DemoOrganization.PROJECT_ID).orElseThrow();
        for (Map.Entry<String, ReportQuery> q : queries.entrySet()) {
            long w0 = System.nanoTime();
            long c0 = cpu();
            Report report = warm.report(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, q.getValue(), version);
            long w1 = System.nanoTime();
            long c1 = cpu();
            int bytes = ReportWriter.toJson(report, false).length();
            long w2 = System.nanoTime();
            long c2 = cpu();
            System.out.printf("%s: warm report, %s: compute %d ms (CPU %d ms), JSON %d ms (CPU %d ms), total %d ms"
                    + " (%d items, %.1f MB)%n", kind, q.getKey(), ms(w1 - w0), ms(c1 - c0), ms(w2 - w1), ms(c2 - c1),
                    ms(w2 - w0), report.items().size(), bytes / 1e6);
        }
        System.out.printf("%s: warm history: %d project(s), %.0f MB estimated; peak RSS %s%n", kind, histories.size(),
                histories.get(new ProjectHistories.Key(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, version),
                        () -> null).bytes() / 1e6, peakRss());
    }

    private static ReportQuery query(ReportRequest.Builder request, String area) {
        return new ReportQuery(area, request.build(), false, ZoneId.of("UTC"));
    }

    private static String firstAreaPath(RevisionStore revisions) {
        String[] area = new String[1];
        revisions.forEachRevisionForReport(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, r -> {
            if (area[0] == null) {
                area[0] = r.areaPath();
            }
        });
        return area[0];
    }

    /**
     * 32 clients (by default) asking different, uncached reports of one 10k-item project at once, through what the
     * report route runs after authorisation; latency percentiles, 503s, and peak RSS.
     */
    private static void load(int items, int clients, int requestsEach) throws Exception {
        Path dir = Files.createTempDirectory("flowtrack-bench-load");
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("load") + ";DB_CLOSE_DELAY=0", "flowtrack",
                new Secret(""))) {
            new OrganizationStore(db).upsert(DemoOrganization.ORG, DemoOrganization.ORG_NAME, "https://dev.azure.com/bench");
            RevisionStore revisions = new RevisionStore(db);
            StateCategoryStore categories = new StateCategoryStore(db);
            categories.replaceAll(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, DemoOrganization.stateCategories());
            List<WorkItemRevision> all = DemoOrganization.revisions(items, 1, LocalDate.of(2026, 11, 1), 730);
            for (int from = 0; from < all.size(); from += 1_000) {
                revisions.saveBatch(DemoOrganization.ORG, DemoOrganization.PROJECT_ID,
                        all.subList(from, Math.min(all.size(), from + 1_000)), "wm-" + from, Instant.now());
            }
            System.out.printf("load: %d items, %d revisions stored; %d clients x %d different uncached reports%n", items,
                    all.size(), clients, requestsEach);
            all = null;
            BackendConfig.Load limits = BackendConfig.Load.defaults();
            ProjectHistories histories = new ProjectHistories(limits.historyCacheMb() * 1024L * 1024L,
                    Duration.ofHours(1));
            ReportService service = new ReportService(revisions, categories, new ProjectConfigStore(db), histories);
            ReportCache cache = new ReportCache(64L << 20, Duration.ofMinutes(30));
            ReportGate gate = new ReportGate(limits.reportConcurrency(), limits.reportQueue(), limits.reportMaxWait());
            DataVersions versions = new DataVersions(db);
            System.out.printf("load: %d computations at once, queue %d, wait at most %d s, histories %d MiB%n",
                    limits.reportConcurrency(), limits.reportQueue(), limits.reportMaxWait().toSeconds(),
                    limits.historyCacheMb());
            Instant asOf = Instant.parse("2026-11-01T23:59:59Z");
            // The project was synced and reported on before: its history is warm, the clients' reports are not.
            String v = versions.current(DemoOrganization.ORG, DemoOrganization.PROJECT_ID).orElseThrow();
            long h0 = System.nanoTime();
            service.report(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, query(ReportRequest.builder().asOf(asOf)
                    .percentiles(List.of(42)), null), v);
            System.out.printf("load: warm-up report (builds the history) %d ms%n", ms(System.nanoTime() - h0));
            java.util.concurrent.atomic.AtomicLong cpuTotal = new java.util.concurrent.atomic.AtomicLong();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger shed = new AtomicInteger();
            AtomicInteger hits = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < requestsEach; i++) {
                        // Each request a different query (a different "as of" day): nothing is served from the cache.
                        ReportQuery q = query(ReportRequest.builder().asOf(asOf.minus(Duration.ofDays(
                                client * requestsEach + i))), null);
                        long t0 = System.nanoTime();
                        try {
                            String version = versions.current(DemoOrganization.ORG, DemoOrganization.PROJECT_ID)
                                    .orElseThrow();
                            ReportCache.Served served = cache.get(new ReportCache.Key(DemoOrganization.ORG,
                                    DemoOrganization.PROJECT_ID, q, version), () -> gate.run(() -> ReportWriter.toJson(
                                    service.report(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, q, version), false)
                                    .getBytes(StandardCharsets.UTF_8)));
                            hits.addAndGet(served.hit() ? 1 : 0);
                            latencies.add(System.nanoTime() - t0);
                        } catch (OverloadedException e) {
                            shed.incrementAndGet();
                        }
                    }
                    cpuTotal.addAndGet(cpu());
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            long wall = System.nanoTime() - start;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            java.util.Collections.sort(sorted);
            System.out.printf("load: %d answered (%d cache hits), %d shed (503) in %.1f s; latency p50 %d ms, p95 %d ms,"
                    + " p99 %d ms, max %d ms; peak RSS %s%n", sorted.size(), hits.get(), shed.get(), wall / 1e9,
                    ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)),
                    ms(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)), peakRss());
            System.out.printf("load: the clients' threads used %d ms of CPU in all, %d ms per answered report%n",
                    ms(cpuTotal.get()), sorted.isEmpty() ? 0 : ms(cpuTotal.get() / sorted.size()));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    /** The process's peak resident set (VmHWM), as Linux reports it. */
    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0) + " MB";
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux
        }
        return "unknown";
    }

    /**
     * This thread's CPU time: on a machine shared with other builds, wall time says how busy the machine was, CPU
     * time what the work costs (single-threaded work: wall time on an idle core).
     */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
