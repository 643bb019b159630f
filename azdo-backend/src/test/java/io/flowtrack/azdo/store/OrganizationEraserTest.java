package io.flowtrack.azdo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.h2.api.Trigger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Disconnecting deletes all of an organization's data in one transaction, on both databases: nothing of it is
 * left in any table (counted by organization in every table that has an org_id), other organizations keep every
 * row, a sync's writes after it write nothing, and a failure half way leaves everything as it was.
 */
public class OrganizationEraserTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String PROJECT = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    private static final List<DataKey> KEYS = List.of(new DataKey("k1",
            new Secret(Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes()))));

    /** Stores one of everything an organization can have. */
    private static OrgId populated(Database db) {
        OrgId org = new OrgId(UUID.randomUUID().toString());
        new OrganizationStore(db).upsert(org, "fabrikam", "https://dev.azure.com/fabrikam");
        new CredentialStore(db, new CredentialCipher(KEYS)).save(org, new Credential.Pat(new Secret("pat-0123")), "admin");
        new ProjectStore(db).upsert(org, new Project(PROJECT, "Fabrikam Fiber", true));
        new StateCategoryStore(db).replaceAll(org, PROJECT, List.of(new StateCategory("Bug", "New", "Proposed"),
                new StateCategory("Bug", "Closed", "Completed")));
        Instant t = Instant.parse("2025-03-01T09:00:00Z");
        new ExtendedFieldStore(db, java.time.Clock.systemUTC()).replace(org, List.of("System.Tags"), "admin");
        List<WorkItemRevision> revs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            revs.add(new WorkItemRevision(i, 1, "Bug", "New", "Fabrikam Fiber", t, t, null,
                    Map.of("System.Tags", "tag-" + i), false));
        }
        new RevisionStore(db).saveBatch(org, PROJECT, revs, "wm-5", t);
        new ProjectConfigStore(db).put(org, PROJECT, "{\"stages\":[]}", "admin");
        new AuditLog(db).append(org, "admin", "connection.write", "organization", null);
        new SyncLease(db).tryAcquire(org, PROJECT, "instance-a", Duration.ofMinutes(5));
        return org;
    }

    /** Every table with an org_id column (Flyway's own table has none). */
    public static List<String> tablesWithOrgId(Database db) {
        return db.withConnection(c -> {
            TreeSet<String> tables = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase("org_id") && schema != null
                            && (schema.equalsIgnoreCase("public"))) {
                        tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return new ArrayList<>(tables);
        });
    }

    /** Rows of {@code org} in every table that has an org_id. */
    public static Map<String, Long> rowsOf(Database db, OrgId org) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tablesWithOrgId(db)) {
            counts.put(table, db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE org_id = ?")) {
                    ps.setString(1, org.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }));
        }
        return counts;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theEraserKnowsEveryTableThatHoldsAnOrganizationsRows(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        List<String> expected = new ArrayList<>(OrganizationEraser.TABLES);
        expected.add(OrganizationEraser.AUDIT_TABLE);
        assertThat(tablesWithOrgId(db)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void erasingLeavesNothingOfTheOrganizationButItsAuditLogAndTouchesNoOtherOrganization(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId gone = populated(db);
        OrgId other = populated(db);
        Map<String, Long> before = rowsOf(db, gone);
        assertThat(before.values()).allMatch(n -> n > 0); // the fixture really has a row in every table
        Map<String, Long> otherBefore = rowsOf(db, other);

        OrganizationEraser.Erased erased = new OrganizationEraser(db).erase(gone, false).orElseThrow();

        Map<String, Long> after = rowsOf(db, gone);
        assertThat(after).containsEntry("audit_log", 1L);
        after.remove("audit_log");
        assertThat(after.values()).containsOnly(0L);
        assertThat(erased.rows("revision")).isEqualTo(5);
        assertThat(erased.rows("organization")).isEqualTo(1);
        assertThat(erased.rows("audit_log")).isZero();
        assertThat(rowsOf(db, other)).isEqualTo(otherBefore);
        assertThat(new OrganizationEraser(db).erase(gone, false)).isEmpty(); // a second time: nothing to erase
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPurgeDeletesTheAuditLogToo(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId gone = populated(db);
        OrgId other = populated(db);
        Map<String, Long> otherBefore = rowsOf(db, other);

        OrganizationEraser.Erased erased = new OrganizationEraser(db).erase(gone, true).orElseThrow();

        assertThat(rowsOf(db, gone).values()).containsOnly(0L);
        assertThat(erased.rows("audit_log")).isEqualTo(1);
        assertThat(rowsOf(db, other)).isEqualTo(otherBefore);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void afterErasingNoSyncWriteRecreatesARow(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId gone = populated(db);
        new OrganizationEraser(db).erase(gone, true).orElseThrow();
        Instant t = Instant.parse("2025-03-02T09:00:00Z");
        WorkItemRevision late = new WorkItemRevision(9, 1, "Bug", "New", "Fabrikam Fiber", t, t, null, Map.of(), false);

        assertThatThrownBy(() -> new RevisionStore(db).saveBatch(gone, PROJECT, List.of(late), "wm-6", t))
                .isInstanceOf(OrganizationGoneException.class);
        assertThatThrownBy(() -> new RevisionStore(db).recordFailure(gone, PROJECT, "failed", "x", t))
                .isInstanceOf(OrganizationGoneException.class);
        assertThatThrownBy(() -> new StateCategoryStore(db).replaceAll(gone, PROJECT,
                List.of(new StateCategory("Bug", "New", "Proposed")))).isInstanceOf(OrganizationGoneException.class);
        assertThatThrownBy(() -> new ProjectConfigStore(db).put(gone, PROJECT, "{}", "admin"))
                .isInstanceOf(OrganizationGoneException.class);
        assertThat(rowsOf(db, gone).values()).containsOnly(0L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailureHalfWayLeavesEverythingAsItWas(TestDatabases.Kind kind) throws SQLException {
        Database db = DBS.get(kind);
        OrgId org = populated(db);
        Map<String, Long> before = rowsOf(db, org);
        // The organization's row is deleted last, after every other table: make that statement fail.
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (kind == TestDatabases.Kind.H2) {
                s.execute("CREATE TRIGGER fail_org_delete BEFORE DELETE ON organization FOR EACH ROW CALL \""
                        + Refuse.class.getName() + "\"");
            } else {
                s.execute("CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN"
                        + " RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql");
                s.execute("CREATE TRIGGER fail_org_delete BEFORE DELETE ON organization FOR EACH ROW"
                        + " EXECUTE FUNCTION refuse_delete()");
            }
        }
        try {
            assertThatThrownBy(() -> new OrganizationEraser(db).erase(org, true)).isInstanceOf(StoreException.class);
            assertThat(rowsOf(db, org)).isEqualTo(before);
            assertThat(new RevisionStore(db).count(org, PROJECT)).isEqualTo(5);
        } finally {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER fail_org_delete" + (kind == TestDatabases.Kind.H2 ? "" : " ON organization"));
            }
        }
        new OrganizationEraser(db).erase(org, true).orElseThrow();
        assertThat(rowsOf(db, org).values()).containsOnly(0L);
    }

    /** An H2 trigger that refuses every row. */
    public static final class Refuse implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("refused by the test");
        }
    }
}
