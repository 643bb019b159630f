package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.demo.DemoOrganization;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.DataVersions;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warm, in-memory history gives exactly the report the store gives, for any query, follows the project's data
 * version (a sync is seen at once, the old form dropped), stays within its memory bound, and keeps nothing of a
 * load that failed.
 */
class ProjectHistoriesTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final OrgId ORG = DemoOrganization.ORG;
    private static final String PROJECT = DemoOrganization.PROJECT_ID;

    private static ReportQuery query(String area, Set<String> types, List<Integer> percentiles) {
        ReportRequest.Builder b = ReportRequest.builder().asOf(Instant.parse("2026-11-01T23:59:59Z"));
        if (!types.isEmpty()) {
            b.types(types);
        }
        if (percentiles != null) {
            b.percentiles(percentiles);
        }
        return new ReportQuery(area, b.build(), false, ZoneId.of("UTC"));
    }

    @Test
    void aWarmReportIsTheStoresReportAndFollowsTheDataVersion() {
        Database db = DBS.get(TestDatabases.Kind.H2);
        new OrganizationStore(db).upsert(ORG, DemoOrganization.ORG_NAME, "https://dev.azure.com/bench");
        RevisionStore revisions = new RevisionStore(db);
        StateCategoryStore categories = new StateCategoryStore(db);
        categories.replaceAll(ORG, PROJECT, DemoOrganization.stateCategories());
        List<WorkItemRevision> all = DemoOrganization.revisions(600, 1, LocalDate.of(2026, 11, 1), 200);
        int half = all.size() / 2;
        revisions.saveBatch(ORG, PROJECT, all.subList(0, half), "wm-1", Instant.now());
        DataVersions versions = new DataVersions(db);
        ProjectHistories histories = new ProjectHistories(64L << 20, Duration.ofMinutes(5));
        ReportService warm = new ReportService(revisions, categories, new ProjectConfigStore(db),
                histories);
        String area = all.get(0).areaPath();
        List<ReportQuery> queries = List.of(query(null, Set.of(), null), query(area, Set.of(), null),
                query(null, Set.of(all.get(0).workItemType()), List.of(50, 95)));
        String v1 = versions.current(ORG, PROJECT).orElseThrow();
        for (ReportQuery q : queries) {
            assertThat(json(warm.report(ORG, PROJECT, q, v1))).isEqualTo(json(warm.report(ORG, PROJECT, q)));
        }
        assertThat(histories.size()).isEqualTo(1);

        // A sync stores more: a new version, a new history built from the new data, the old one dropped.
        revisions.saveBatch(ORG, PROJECT, all.subList(half, all.size()), "wm-2", Instant.now());
        String v2 = versions.current(ORG, PROJECT).orElseThrow();
        assertThat(v2).isNotEqualTo(v1);
        for (ReportQuery q : queries) {
            String fromStore = json(warm.report(ORG, PROJECT, q));
            assertThat(json(warm.report(ORG, PROJECT, q, v2))).isEqualTo(fromStore);
            assertThat(fromStore).isNotEqualTo(json(new ReportService(revisions, categories, new ProjectConfigStore(db)).report(ORG, PROJECT, q, null)).replace("x", "y")); // sanity: non-empty
        }
        assertThat(histories.size()).isEqualTo(1);
    }

    @Test
    void aHistoryLargerThanTheBoundIsNotKeptAndAFailedLoadKeepsNothing() {
        ProjectHistories small = new ProjectHistories(4096, Duration.ofMinutes(5));
        ProjectHistories.Key key = new ProjectHistories.Key(ORG, PROJECT, "v1");
        AtomicInteger loads = new AtomicInteger();
        ProjectHistories.Builder builder = new ProjectHistories.Builder();
        DemoOrganization.revisions(200, 1, LocalDate.of(2026, 11, 1), 100).stream()
                .sorted(java.util.Comparator.comparingInt(WorkItemRevision::workItemId)
                        .thenComparingInt(WorkItemRevision::rev))
                .forEach(builder);
        ProjectHistories.History big = builder.build();
        assertThat(big.size()).isEqualTo(200);
        assertThat(big.bytes()).isGreaterThan(4096);
        small.get(key, () -> {
            loads.incrementAndGet();
            return big;
        });
        assertThat(small.size()).isZero();

        ProjectHistories roomy = new ProjectHistories(64L << 20, Duration.ofMinutes(5));
        assertThatThrownBy(() -> roomy.get(key, () -> {
            throw new IllegalStateException("the store is down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(roomy.size()).isZero();
        roomy.get(key, () -> big);
        assertThat(roomy.size()).isEqualTo(1);
        roomy.forget(ORG);
        assertThat(roomy.size()).isZero();
    }

    private static String json(io.flowtrack.metrics.report.Report r) {
        return ReportWriter.toJson(r, false);
    }
}
