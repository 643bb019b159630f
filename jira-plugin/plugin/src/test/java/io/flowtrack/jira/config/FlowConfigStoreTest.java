package io.flowtrack.jira.config;

import static org.assertj.core.api.Assertions.assertThat;
import io.flowtrack.metrics.model.Stage;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.jira.TestClock;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.java.ao.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entities migrated and used for real by Active Objects (net.java.ao 3.2.11) on embedded H2, named
 * exactly as Jira names them: Atlassian's table and field name converters, which prefix tables with
 * {@code AO_<6 hex>_} and refuse names longer than Jira's limit.
 */
class FlowConfigStoreTest {
    static final String PREFIX = EntityManagerActiveObjects.PREFIX;
    /** SQL words that must not name a column (reserved in at least one database Jira supports). */
    static final Set<String> RESERVED = Set.of("KEY", "USER", "ORDER", "DATE", "VALUE", "POSITION", "NAME", "TYPE",
            "STATUS", "ACTION", "TIMESTAMP", "INDEX", "LEVEL", "SIZE", "COMMENT", "GROUP", "ROLE", "START", "END");

    private EntityManager em;
    private EntityManagerActiveObjects ao;
    private final TestClock now = new TestClock("2024-06-01T10:00:00Z");
    private FlowConfigStore store;

    @BeforeEach
    void database() {
        ao = EntityManagerActiveObjects.onH2();
        em = ao.entityManager();
        store = new FlowConfigStore(ao, now);
    }

    @AfterEach
    void close() {
        ao.close();
    }

    static FlowConfig config(String doing, Integer sleDays) {
        return new FlowConfig(List.of(
                new Stage("Backlog", Category.PROPOSED, List.of("1", "10000")),
                new Stage(doing, Category.ACTIVE, List.of("3")),
                new Stage("Waiting for review", Category.WAITING, List.of("10001")),
                new Stage("Done", Category.DONE, List.of("10002", "6"))),
                doing, StartPolicy.LAST, sleDays == null ? null : new ReportRequest.Sle(sleDays, 85), true);
    }

    @Test
    void tablesAndColumnsAreNamedAsJiraNamesThemWithinItsLimits() throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = em.getProvider().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, PREFIX + "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.put(rs.getString("TABLE_NAME"), new ArrayList<>());
                }
            }
            for (String table : tables.keySet()) {
                try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                    while (rs.next()) {
                        tables.get(table).add(rs.getString("COLUMN_NAME"));
                    }
                }
            }
        }
        assertThat(tables.keySet()).containsExactly(PREFIX + "FLOW_AUDIT", PREFIX + "FLOW_CONFIG",
                PREFIX + "FLOW_PREFS", PREFIX + "FLOW_READ", PREFIX + "FLOW_STAGE", PREFIX + "FLOW_STATUS");
        assertThat(tables.get(PREFIX + "FLOW_PREFS")).contains("ID", "USER_KEY", "PROJECT_ID", "CONTROLS", "UPDATED_AT");
        assertThat(tables.get(PREFIX + "FLOW_CONFIG")).contains("ID", "PROJECT_ID", "COMMITMENT_STAGE",
                "START_POLICY", "SLE_DAYS", "SLE_PERCENTILE", "INCLUDE_TITLES", "BLOCKED_FIELD", "WORKING_DAYS", "HOLIDAYS",
                "UPDATED_BY", "UPDATED_AT");
        assertThat(tables.get(PREFIX + "FLOW_STAGE")).contains("CONFIG_ID", "STAGE_INDEX", "STAGE_NAME", "STAGE_CATEGORY");
        assertThat(tables.get(PREFIX + "FLOW_STATUS")).contains("CONFIG_ID", "STAGE_INDEX", "STATUS_ID");
        assertThat(tables.get(PREFIX + "FLOW_AUDIT")).contains("ACTOR_KEY", "CHANGED_AT", "ACTION_NAME", "DETAILS");
        assertThat(tables.get(PREFIX + "FLOW_READ")).contains("ACTOR_KEY", "READ_AT", "PROJECT_ID", "PROJECT_KEY",
                "SELECTION_KIND", "SELECTION_TEXT", "SELECTION_LENGTH", "REPORT_PARAMS", "ISSUE_COUNT");
        tables.forEach((table, columns) -> {
            assertThat(table.length()).as(table).isLessThanOrEqualTo(30);
            assertThat(columns).allSatisfy(column -> {
                assertThat(column.length()).as(column).isLessThanOrEqualTo(30);
                assertThat(RESERVED).as(table + "." + column).doesNotContain(column);
            });
        });
    }

    @Test
    void aSavedConfigurationReadsBackWholeAndEveryChangeIsAudited() {
        assertThat(store.find(10_000)).isEmpty();
        store.save(10_000, config("In Progress", 14), "alice-key");
        assertThat(store.find(10_000)).contains(config("In Progress", 14));
        assertThat(store.find(10_001)).isEmpty();

        now.set("2024-06-02T10:00:00Z");
        store.save(10_000, config("Doing", null), "bob-key");
        assertThat(store.find(10_000)).contains(config("Doing", null));

        now.set("2024-06-03T10:00:00Z");
        assertThat(store.reset(10_000, "alice-key")).isTrue();
        assertThat(store.find(10_000)).isEmpty();
        assertThat(store.reset(10_000, "alice-key")).isFalse();

        List<AuditEntry> audit = store.audit(10_000, 50);
        assertThat(audit).extracting(AuditEntry::action, AuditEntry::actorKey, AuditEntry::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FlowConfigStore.RESET, "alice-key", Instant.parse("2024-06-03T10:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(FlowConfigStore.SAVED, "bob-key", Instant.parse("2024-06-02T10:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(FlowConfigStore.SAVED, "alice-key", Instant.parse("2024-06-01T10:00:00Z")));
        assertThat(new FlowConfigJson().read(audit.get(1).details())).isEqualTo(config("Doing", null));
        assertThat(store.audit(10_000, 1)).hasSize(1);
        assertThat(store.audit(10_001, 50)).isEmpty();
    }

    @Test
    void replacingAConfigurationLeavesNoStaleStagesOrStatuses() throws Exception {
        store.save(7, config("In Progress", 14), "alice-key");
        store.save(7, new FlowConfig(List.of(new Stage("Doing", Category.ACTIVE, List.of("3")),
                new Stage("Done", Category.DONE, List.of("6"))), null, StartPolicy.FIRST, null, false), "alice-key");
        assertThat(em.count(FlowStageEntity.class)).isEqualTo(2);
        assertThat(em.count(FlowStatusEntity.class)).isEqualTo(2);
        assertThat(store.find(7).orElseThrow().stages()).extracting(Stage::name).containsExactly("Doing", "Done");
    }

    /**
     * Two first saves of a project at the same time (two administrators, a double-clicked Save; two Data Center
     * nodes) both find no row and both create one: the table has no unique key on the project. Here the second
     * committed row is made by saving another project and moving it over.
     */
    private void twoFirstSavesCommitted(long projectId, FlowConfig first, FlowConfig second) {
        store.save(projectId, first, "alice-key");
        store.save(projectId + 1_000, second, "bob-key");
        ao.executeInTransaction(() -> {
            FlowConfigEntity moved = ao.find(FlowConfigEntity.class,
                    net.java.ao.Query.select().where("PROJECT_ID = ?", projectId + 1_000))[0];
            moved.setProjectId(projectId);
            moved.save();
            return null;
        });
    }

    @Test
    void aProjectWithTwoConfigurationRowsReadsTheNewestAndAResetRemovesBoth() throws Exception {
        twoFirstSavesCommitted(7, config("In Progress", 14), config("Doing", null));
        assertThat(store.find(7)).contains(config("Doing", null)); // the last one created
        assertThat(store.reset(7, "alice-key")).isTrue();
        assertThat(store.find(7)).isEmpty(); // not the other row coming back
        assertThat(em.count(FlowConfigEntity.class)).isZero();
    }

    @Test
    void aSaveOverTwoConfigurationRowsLeavesOneWithItsOwnStagesOnly() throws Exception {
        twoFirstSavesCommitted(7, config("In Progress", 14), config("Doing", null));
        store.save(7, config("Building", 10), "carol-key");
        assertThat(store.find(7)).contains(config("Building", 10));
        assertThat(em.count(FlowConfigEntity.class)).isEqualTo(1);
        assertThat(em.count(FlowStageEntity.class)).isEqualTo(4);
        assertThat(em.count(FlowStatusEntity.class)).isEqualTo(6);
    }

    @Test
    void theUpgradeTaskCanRunAgainWithoutLosingData() {
        store.save(7, config("In Progress", 14), "alice-key");
        new FlowConfigUpgradeTask().upgrade(null, ao);
        assertThat(store.find(7)).contains(config("In Progress", 14));
    }

    /** The blocked field and the calendar are stored and read back as saved, through every upgrade task again. */
    @Test
    void theBlockedFieldAndTheCalendarAreStoredAndSurviveTheUpgradeTasks() throws Exception {
        FlowConfig base = config("In Progress", 14);
        WorkingCalendar calendar = new WorkingCalendar(Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                List.of(LocalDate.parse("2024-12-25"), LocalDate.parse("2024-04-10")));
        FlowConfig withCalendar = new FlowConfig(base.stages(), base.commitmentStage(), base.startPolicy(), base.sle(),
                base.includeTitles(), "Blocked (team)", calendar);
        store.save(7, withCalendar, "alice-key");
        new FlowConfigUpgradeTask().upgrade(null, ao);
        new FlowReadsUpgradeTask().upgrade(null, ao);
        new FlowCalendarUpgradeTask().upgrade(null, ao);
        FlowConfig read = store.find(7).orElseThrow();
        assertThat(read).isEqualTo(withCalendar);
        assertThat(read.calendar().holidays()).containsExactly(LocalDate.parse("2024-04-10"),
                LocalDate.parse("2024-12-25"));

        // A configuration saved without them (or before model version 3: the columns are empty) reads Flagged, no calendar.
        store.save(8, base, "alice-key");
        FlowConfigEntity row = em.find(FlowConfigEntity.class, net.java.ao.Query.select().where("PROJECT_ID = ?", 8L))[0];
        assertThat(row.getBlockedField()).isEqualTo("Flagged");
        row.setBlockedField(null);
        row.save();
        assertThat(store.find(8).orElseThrow().blockedField()).isEqualTo("Flagged");
        assertThat(store.find(8).orElseThrow().calendar()).isNull();
    }

    @Test
    void longValuesBeyondTheColumnsAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> config("x".repeat(FlowConfig.MAX_NAME_LENGTH + 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stages[1].name");
    }
}
