package io.flowtrack.azdo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final List<String> TABLES = List.of("audit_log", "credential", "data_version", "org_field",
            "organization", "project", "project_config", "revision", "revision_field", "state_category", "sync_lease",
            "watermark");

    private static List<String> tables(Database db) {
        return db.withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT LOWER(table_name) FROM information_schema.tables"
                    + " WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) <> 'flyway_schema_history'"
                    + " ORDER BY 1");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** V1 schema, V2 the per-organization switch for title and assigned-to. */
    private static final int MIGRATIONS = 6; // V1, V2, V3, V10 (certificate credentials), V20 (minimal revisions),
    // V21 (blocked flag)

    private static int appliedMigrations(Database db) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"type\" = 'SQL'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void storeCallsInsideATransactionCommitOrRollBackTogether(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrganizationStore organizations = new OrganizationStore(db);
        AuditLog audit = new AuditLog(db);
        io.flowtrack.azdo.model.OrgId rolledBack = new io.flowtrack.azdo.model.OrgId(java.util.UUID.randomUUID().toString());
        assertThatThrownBy(() -> db.inTransaction(c -> {
            organizations.upsert(rolledBack, "fabrikam", "https://dev.azure.com/fabrikam");
            audit.append(rolledBack, "admin", "connection.write", "organization", null);
            throw new IllegalStateException("the third write fails");
        })).hasMessage("the third write fails");
        assertThat(organizations.get(rolledBack)).isEmpty();
        assertThat(audit.list(rolledBack, 10, null)).isEmpty();

        io.flowtrack.azdo.model.OrgId committed = new io.flowtrack.azdo.model.OrgId(java.util.UUID.randomUUID().toString());
        db.inTransaction(c -> {
            organizations.upsert(committed, "contoso", "https://dev.azure.com/contoso");
            audit.append(committed, "admin", "connection.write", "organization", null);
            return null;
        });
        assertThat(organizations.get(committed)).isPresent();
        assertThat(audit.list(committed, 10, null)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void migrationsCreateEveryTable(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        assertThat(db.dialect()).isEqualTo(kind == TestDatabases.Kind.H2 ? Dialect.H2 : Dialect.POSTGRESQL);
        assertThat(tables(db)).containsExactlyElementsOf(TABLES);
        assertThat(appliedMigrations(db)).isEqualTo(MIGRATIONS);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void transactionRollsBackWhenWorkThrows(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        assertThatThrownBy(() -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO project (org_id, project_id, name, enabled)"
                        + " VALUES ('00000000-0000-0000-0000-00000000000a', 'p-rollback', 'x', TRUE)");
            }
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        int left = db.withConnection(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM project WHERE project_id = 'p-rollback'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(left).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void sqlErrorsComeOutAsStoreException(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        assertThatThrownBy(() -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
            }
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("database operation failed");
    }

    @Test
    void reopeningAnH2FileKeepsDataAndDoesNotMigrateTwice(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("flowtrack").toAbsolutePath();
        try (Database db = Database.open(url, "sa", new Secret(""))) {
            new ProjectStore(db).upsert(new io.flowtrack.azdo.model.OrgId("00000000-0000-0000-0000-000000000001"),
                    new Project("p1", "One", true));
        }
        try (Database db = Database.open(url, "sa", new Secret(""))) {
            assertThat(appliedMigrations(db)).isEqualTo(MIGRATIONS);
            assertThat(new ProjectStore(db).list(new io.flowtrack.azdo.model.OrgId(
                    "00000000-0000-0000-0000-000000000001"))).containsExactly(new Project("p1", "One", true));
        }
    }

    @Test
    void h2InPostgresModeWorksToo() {
        String url = "jdbc:h2:mem:pgmode_" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Database db = Database.open(url, "sa", null)) {
            assertThat(tables(db)).containsExactlyElementsOf(TABLES);
            assertThat(new SyncLease(db).tryAcquire(new io.flowtrack.azdo.model.OrgId(
                    "00000000-0000-0000-0000-000000000001"), "p", "me", java.time.Duration.ofMinutes(1))).isTrue();
        }
    }

    @Test
    void refusesOtherDatabases() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://127.0.0.1/x", "u", new Secret("pw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
    }

    @Test
    void postgresBatchesAreSentAsMultiRowInserts() throws Exception {
        Database db = DBS.get(TestDatabases.Kind.POSTGRES);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE batch_probe (id INTEGER PRIMARY KEY)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_probe (id) VALUES (?)"
                    + " ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id")) {
                for (int i = 0; i < 10; i++) {
                    ps.setInt(1, i);
                    ps.addBatch();
                }
                // The driver reports SUCCESS_NO_INFO per row only when it rewrote the batch (reWriteBatchedInserts).
                assertThat(ps.executeBatch()).containsOnly(Statement.SUCCESS_NO_INFO);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void upgradingGivesProjectsThatCanReportAFirstDataVersion(TestDatabases.Kind kind) throws Exception {
        String url = TestDatabases.createUrl(kind, "ft_upgrade_" + kind.name().toLowerCase() + "_" + System.nanoTime());
        String user = kind == TestDatabases.Kind.POSTGRES ? "postgres" : "sa";
        org.flywaydb.core.Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration")
                .target("2").load().migrate(); // a database as the previous release left it
        try (Connection c = java.sql.DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO state_category (org_id, project_id, work_item_type, state, category)"
                    + " VALUES ('00000000-0000-0000-0000-000000000001', 'p1', 'Bug', 'New', 'Proposed')");
        }
        try (Database db = Database.open(url, user, new Secret(""))) {
            io.flowtrack.azdo.model.OrgId org = new io.flowtrack.azdo.model.OrgId("00000000-0000-0000-0000-000000000001");
            assertThat(new DataVersions(db).current(org, "p1")).contains("initial");
            assertThat(new DataVersions(db).current(org, "p2")).isEmpty();
        }
    }
}
