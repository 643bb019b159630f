package io.flowtrack.jira.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.jira.LogCapture;
import io.flowtrack.jira.TestClock;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.config.FlowAuditEntity;
import io.flowtrack.jira.config.FlowConfigEntity;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.config.FlowReadsUpgradeTask;
import io.flowtrack.jira.config.FlowStageEntity;
import io.flowtrack.jira.config.FlowStatusEntity;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report-read audit stored for real by Active Objects on H2, with its bounded retention. */
class ReadAuditTest {
    private final TestClock clock = new TestClock("2024-06-01T10:00:00Z");
    private EntityManagerActiveObjects ao;

    @BeforeEach
    void database() {
        ao = EntityManagerActiveObjects.onH2();
    }

    @AfterEach
    void close() {
        ao.close();
    }

    private ReportRead read(String actor, Long projectId, String kind, String selection, int issues) {
        return ReportRead.of(actor, clock.instant(), projectId, projectId == null ? null : "FT", kind, selection,
                Map.of("asOf", "2024-03-10"), issues);
    }

    private int rows() throws Exception {
        return ao.entityManager().count(FlowReadEntity.class);
    }

    @Test
    void readsComeBackNewestFirstPerProjectOrAll() {
        ReadAudit audit = new ReadAudit(ao, clock, new ReadRetention(90, 1000));
        audit.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", 12));
        clock.advance(Duration.ofSeconds(60));
        audit.record(read("bob-key", null, ReportRead.JQL, "assignee = currentUser()", 3));
        clock.advance(Duration.ofSeconds(60));
        audit.record(read("bob-key", 10_000L, ReportRead.FILTER, "10100", 7));

        List<ReportRead> ft = audit.reads(10_000L, 50);
        assertThat(ft).extracting(ReportRead::actorKey, ReportRead::selectionKind, ReportRead::issueCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob-key", "filter", 7),
                        org.assertj.core.groups.Tuple.tuple("alice-key", "project", 12));
        assertThat(ft.get(1).at()).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
        assertThat(ft.get(1).parameters()).isEqualTo(Map.of("asOf", "2024-03-10"));
        assertThat(ft.get(1).projectKey()).isEqualTo("FT");
        assertThat(audit.reads(null, 50)).hasSize(3).extracting(ReportRead::selection)
                .containsExactly("10100", "assignee = currentUser()", "FT");
        assertThat(audit.reads(null, 1)).hasSize(1);
        assertThat(audit.reads(null, 100_000)).hasSize(3);
    }

    @Test
    void selectionsAndParameterValuesAreBounded() {
        ReadAudit audit = new ReadAudit(ao, clock, new ReadRetention(90, 1000));
        String jql = "text ~ \"" + "y".repeat(5_000) + "\"";
        audit.record(ReportRead.of("alice-key", clock.instant(), null, null, ReportRead.JQL, jql,
                Map.of("timeZone", "z".repeat(1_000)), 0));
        ReportRead stored = audit.reads(null, 1).get(0);
        assertThat(stored.selection()).isEqualTo(jql.substring(0, ReportRead.MAX_SELECTION));
        assertThat(stored.selectionLength()).isEqualTo(jql.length());
        assertThat(stored.selectionCut()).isTrue();
        assertThat(stored.parameters().get("timeZone")).hasSize(ReportRead.MAX_VALUE);
    }

    @Test
    void readsOlderThanTheRetentionDaysArePrunedOnWrite() throws Exception {
        ReadAudit audit = new ReadAudit(ao, clock, new ReadRetention(30, 1000));
        for (int day = 0; day < 40; day++) {
            clock.set(Instant.parse("2024-06-01T10:00:00Z").plus(Duration.ofDays(day)));
            audit.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", day));
        }
        // Day 39 pruned everything before day 9 (39 - 30): 31 rows are left.
        assertThat(rows()).isEqualTo(31);
        assertThat(audit.reads(null, 200)).extracting(ReportRead::issueCount).last().isEqualTo(9);
    }

    @Test
    void readsBeyondTheRowBoundArePrunedOldestFirst() throws Exception {
        ReadAudit audit = new ReadAudit(ao, clock, new ReadRetention(90, 10));
        for (int i = 0; i < 25; i++) {
            clock.advance(ReadAudit.PRUNE_INTERVAL); // every write is due to prune
            audit.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", i));
        }
        assertThat(rows()).isEqualTo(10);
        assertThat(audit.reads(null, 200)).extracting(ReportRead::issueCount)
                .containsExactly(24, 23, 22, 21, 20, 19, 18, 17, 16, 15);
    }

    @Test
    void aNodePrunesAtMostOnceAMinute() throws Exception {
        ReadAudit audit = new ReadAudit(ao, clock, new ReadRetention(90, 5));
        for (int i = 0; i < 20; i++) {
            audit.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", i)); // same instant: one prune
        }
        assertThat(rows()).isEqualTo(20); // pruned at the first write only (1 row then, nothing beyond 5)
        clock.advance(ReadAudit.PRUNE_INTERVAL);
        audit.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", 20));
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void twoNodesPruningTheSameRowsDoNotFail() throws Exception {
        ReadAudit nodeA = new ReadAudit(ao, clock, new ReadRetention(1, 1000));
        ReadAudit nodeB = new ReadAudit(ao, clock, new ReadRetention(1, 1000));
        for (int i = 0; i < 5; i++) {
            nodeA.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", i));
        }
        // Node A found the old rows; node B deletes them first; node A's delete then finds them gone.
        FlowReadEntity[] seenByA = ao.find(FlowReadEntity.class, net.java.ao.Query.select());
        clock.advance(Duration.ofDays(2));
        nodeB.prune(clock.instant());
        assertThat(rows()).isZero();
        ao.delete(seenByA);
        nodeA.prune(clock.instant());
        nodeB.prune(clock.instant());
        assertThat(rows()).isZero();
        nodeA.record(read("alice-key", 10_000L, ReportRead.PROJECT, "FT", 9));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aFailedPruneIsLoggedWithoutDataAndNeverFailsTheRead() throws Exception {
        try (LogCapture log = LogCapture.of(ReadAudit.class)) {
            // A node whose deletes fail (a lock timeout, say), with a message that quotes a read's JQL.
            com.atlassian.activeobjects.external.ActiveObjects failingDeletes = ActiveObjectsDelegate.failing(ao,
                    "delete", () -> new IllegalStateException("lock timeout deleting summary ~ \"Initech\""));
            ReadAudit audit = new ReadAudit(failingDeletes, clock, new ReadRetention(1, 1000));
            audit.record(read("alice-key", 10_000L, ReportRead.JQL, "summary ~ \"Initech\"", 1));
            clock.advance(Duration.ofDays(2));
            audit.record(read("alice-key", 10_000L, ReportRead.JQL, "summary ~ \"Initech\"", 2));
            assertThat(audit.reads(10_000L, 10)).extracting(ReportRead::issueCount).containsExactly(2, 1);
            assertThat(log.records()).hasSize(2).allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(r.getThrown()).isNull();
                assertThat(LogCapture.text(r)).doesNotContain("Initech");
            });
        }
    }

    @Test
    void anInstanceAtModelVersion1GetsTheTableFromTheUpgradeTaskAndKeepsItsConfiguration() throws Exception {
        try (EntityManagerActiveObjects v1 = EntityManagerActiveObjects.onH2Empty()) {
            v1.migrate(FlowConfigEntity.class, FlowStageEntity.class, FlowStatusEntity.class, FlowAuditEntity.class);
            FlowConfigStore store = new FlowConfigStore(v1, clock);
            FlowConfig config = new FlowConfig(List.of(new Stage("Doing", Category.ACTIVE, List.of("3")),
                    new Stage("Done", Category.DONE, List.of("6"))), null, StartPolicy.FIRST, null, false);
            store.save(7, config, "alice-key");
            assertThat(tables(v1)).doesNotContain(EntityManagerActiveObjects.PREFIX + "FLOW_READ");

            new FlowReadsUpgradeTask().upgrade(null, v1);
            assertThat(tables(v1)).contains(EntityManagerActiveObjects.PREFIX + "FLOW_READ");
            assertThat(store.find(7)).contains(config);
            ReadAudit audit = new ReadAudit(v1, clock, new ReadRetention(90, 1000));
            audit.record(read("alice-key", 7L, ReportRead.PROJECT, "FT", 4));
            assertThat(audit.reads(7L, 10)).hasSize(1);
        }
    }

    private static List<String> tables(EntityManagerActiveObjects ao) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (Connection c = ao.entityManager().getProvider().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, EntityManagerActiveObjects.PREFIX + "%",
                     new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
