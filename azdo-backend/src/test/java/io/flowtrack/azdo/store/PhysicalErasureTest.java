package io.flowtrack.azdo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching titles off must erase them physically, not leave them in the database's files (issue 13: the raw H2 file
 * still held every title after a clean shutdown). Read as an attacker with the disk would: the raw bytes.
 */
class PhysicalErasureTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String MARK = "Confidential-Title-";
    private static final int N = 5_000;
    private static final Instant T = Instant.parse("2025-03-01T09:00:00Z");

    private static List<WorkItemRevision> titled(int n) {
        List<WorkItemRevision> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new WorkItemRevision(i, 1, "Bug", "New", "Area", T, T, MARK + i, Map.of(), false));
        }
        return out;
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static byte[] allBytes(Path dir) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.write(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }

    @Test
    void titlesSwitchedOffAreNotInTheH2FileAfterAShutdown(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("flowtrack"); // as an operator configures it
        Database db = Database.open(url, "sa", new Secret(""), 4);
        OrgId org = TestDatabases.connectedOrg(db); // titles on
        RevisionStore revisions = new RevisionStore(db);
        revisions.saveBatch(org, "p1", titled(N), "wm-N", T);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
        assertThat(contains(allBytes(dir), MARK)).as("the fixture really wrote titles to the file").isTrue();

        new OrganizationStore(db).setPersonalFields(org, false);
        assertThat(revisions.forgetPersonalFields(org)).isEqualTo(N);
        db.close();

        assertThat(contains(allBytes(dir), MARK)).as("a title left in the raw H2 file").isFalse();
        // and the data that stays is intact
        Database again = Database.open(url, "sa", new Secret(""), 2);
        try {
            assertThat(new RevisionStore(again).count(org, "p1")).isEqualTo(N);
        } finally {
            again.close();
        }
    }

    @Test
    void titlesSwitchedOffAreNotInPostgresqlsTableFileOnceReclaimed() throws Exception {
        Database db = DBS.get(TestDatabases.Kind.POSTGRES);
        OrgId org = TestDatabases.connectedOrg(db);
        RevisionStore revisions = new RevisionStore(db);
        revisions.saveBatch(org, "p1", titled(N), "wm-N", T);
        Path file = relationFile(db, "revision");
        assertThat(contains(Files.readAllBytes(file), MARK)).as("the fixture really wrote titles to the file").isTrue();

        new OrganizationStore(db).setPersonalFields(org, false);
        assertThat(revisions.forgetPersonalFields(org)).isEqualTo(N);
        db.reclaim(List.of("revision"));

        file = relationFile(db, "revision"); // VACUUM FULL would give the table a new file
        assertThat(contains(Files.readAllBytes(file), MARK)).as("a title left in the table's file").isFalse();
    }

    /** The table's heap file, after a checkpoint wrote every page to it. */
    private static Path relationFile(Database db, String table) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            String dataDir;
            try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                dataDir = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_relation_filepath('" + table + "')")) {
                rs.next();
                return Path.of(dataDir).resolve(rs.getString(1));
            }
        }
    }
}
