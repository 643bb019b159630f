package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The version of the data a project's reports are computed from: a random id that changes, in the same
 * transaction, with every change of the project's revisions, state categories or flow configuration, and
 * disappears with the organization's data. Caches key reports by it: read from the database, it is the same for
 * every instance, and a version is never used twice, so a cached report can never outlive its data.
 */
public final class DataVersions {
    private static final List<String> COLUMNS = List.of("org_id", "project_id", "version", "changed_at");

    private final Database db;

    public DataVersions(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /** The project's current data version, or empty when nothing it reports on was stored yet. */
    public Optional<String> current(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version FROM data_version WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Gives the project a new data version; call in the transaction that changes its data. */
    static void change(Connection c, Dialect dialect, OrgId org, String projectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("data_version", COLUMNS,
                List.of("org_id", "project_id")))) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            ps.setString(3, UUID.randomUUID().toString());
            Jdbc.setInstant(ps, 4, Instant.now());
            ps.executeUpdate();
        }
    }

    /** Gives every project of the organization a new data version (a change that touches all of them). */
    static void changeAll(Connection c, OrgId org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE data_version SET version = ?, changed_at = ? WHERE org_id = ?")) {
            ps.setString(1, UUID.randomUUID().toString());
            Jdbc.setInstant(ps, 2, Instant.now());
            ps.setString(3, org.value());
            ps.executeUpdate();
        }
    }
}
