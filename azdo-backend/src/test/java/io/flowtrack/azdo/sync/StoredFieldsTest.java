package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.ExtendedFieldStore;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data minimisation enforced by what is stored (issue 13): a fake Azure DevOps that sends every field whatever was
 * asked for (title, assignee, dates, description, tags, custom fields) must leave in the database only what the
 * organization allows. Checked on the raw tables, not through the store's own reads.
 */
class StoredFieldsTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String PROJECT = "Fabrikam Fiber";
    private static final String PAT = "pat-for-stored-fields-0001";

    private FakeAzureDevOps azdo;
    private final FakeTime time = new FakeTime(Instant.parse("2025-04-01T00:00:00Z"));

    @AfterEach
    void stop() {
        if (azdo != null) {
            azdo.close();
        }
    }

    static WorkItemRevision rev(int id, int rev, String state, String title) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, "Bug", state, PROJECT + "\\Team A", created,
                created.plus(Duration.ofHours(rev - 1L)), title, Map.of(), false);
    }

    private ConnectedOrganization connected;

    private OrgId connect(Database db) throws Exception {
        azdo = FakeAzureDevOps.start().acceptPat(PAT).sendUnaskedFields(true);
        azdo.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        connected = new ConnectedOrganization(db, azdo, PAT);
        return connected.org;
    }

    /** The sync of the organization {@link #connect} connected on {@code db}. */
    private ProjectSync sync(Database db) {
        return connected.sync(new SyncLease(db), new AuditLog(db), null, time.policy(),
                new ProjectSync.Settings(50, "instance-" + UUID.randomUUID(), Duration.ofMinutes(10), time));
    }

    private static long count(Database db, String sql, OrgId org) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<String> columns(Database db, String table) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = md.getColumns(null, null, name, null)) {
                    while (rs.next()) {
                        String schema = rs.getString("TABLE_SCHEM");
                        if (schema != null && (schema.equalsIgnoreCase("public"))) {
                            out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void withEverythingSwitchedOffNothingButTheFlowFieldsIsStoredWhateverTheServerSends(TestDatabases.Kind kind)
            throws Exception {
        Database db = DBS.get(kind);
        OrgId org = connect(db);
        azdo.addRevisions(PROJECT, List.of(rev(1, 1, "New", "Secret plan A"), rev(1, 2, "Active", "Secret plan A"),
                rev(2, 1, "New", "Secret plan B")));
        azdo.itemFields(PROJECT, 1, Map.of("System.Tags", "vip; customer-x", "Custom.Risk", "High"));

        assertThat(sync(db).sync(org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);

        assertThat(count(db, "SELECT COUNT(*) FROM revision WHERE org_id = ?", org)).isEqualTo(3);
        assertThat(count(db, "SELECT COUNT(*) FROM revision WHERE org_id = ? AND title IS NOT NULL", org)).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM revision_field WHERE org_id = ?", org)).isZero();
        // what a report or a setting reads, and nothing else: no team project, activated/closed date or assignee;
        // of blocked work one flag (issue 14), false here: the project names no blocked source
        assertThat(columns(db, "revision")).containsExactlyInAnyOrder("org_id", "work_item_id", "rev", "project_id",
                "work_item_type", "state", "area_path", "created_date", "changed_date", "title", "blocked");
        assertThat(count(db, "SELECT COUNT(*) FROM revision WHERE org_id = ? AND blocked = TRUE", org)).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void titlesAndExtendedFieldsAreKeptOnlyWhileSwitchedOnAndErasedWhenSwitchedOff(TestDatabases.Kind kind)
            throws Exception {
        Database db = DBS.get(kind);
        OrgId org = connect(db);
        OrganizationStore organizations = new OrganizationStore(db);
        ExtendedFieldStore fields = new ExtendedFieldStore(db, time);
        organizations.setPersonalFields(org, true);
        fields.replace(org, List.of("System.Tags"), "admin");
        azdo.addRevisions(PROJECT, List.of(rev(1, 1, "New", "Plan A"), rev(2, 1, "New", "Plan B")));
        azdo.itemFields(PROJECT, 1, Map.of("System.Tags", "vip;customer-x ; VIP", "Custom.Risk", "High"));

        assertThat(sync(db).sync(org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);

        List<WorkItemRevision> stored = new ArrayList<>();
        new RevisionStore(db).forEachRevision(org, PROJECT, stored::add);
        assertThat(stored).extracting(WorkItemRevision::title).containsExactly("Plan A", "Plan B");
        // tags normalised; Custom.Risk arrived but was not turned on
        assertThat(stored.get(0).fields()).isEqualTo(Map.of("System.Tags", "customer-x; vip"));
        assertThat(stored.get(1).fields()).isEmpty();

        ExtendedFieldStore.Change change = fields.replace(org, List.of("Custom.Risk"), "admin");
        assertThat(change.added()).containsExactly("Custom.Risk");
        assertThat(change.removed()).containsExactly("System.Tags");
        assertThat(change.valuesDeleted()).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM revision_field WHERE org_id = ?", org)).isZero();
        assertThat(new RevisionStore(db).forgetPersonalFields(org)).isEqualTo(2);
        organizations.setPersonalFields(org, false);
        assertThat(count(db, "SELECT COUNT(*) FROM revision WHERE org_id = ? AND title IS NOT NULL", org)).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFieldThatIsAFlowFieldAPersonOrLongTextCannotBeTurnedOn(TestDatabases.Kind kind) throws Exception {
        Database db = DBS.get(kind);
        OrgId org = connect(db);
        ExtendedFieldStore fields = new ExtendedFieldStore(db, time);
        for (String refused : List.of("System.Title", "System.AssignedTo", "System.Description", "System.History",
                "System.State", "Microsoft.VSTS.TCM.ReproSteps", "no-dots", "Custom.Risk'; DROP TABLE x")) {
            assertThatThrownBy(() -> fields.replace(org, List.of(refused), "admin"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("Custom.F" + i);
        }
        assertThatThrownBy(() -> fields.replace(org, eleven, "admin")).isInstanceOf(IllegalArgumentException.class);
        assertThat(fields.enabled(org)).isEmpty();
    }
}
