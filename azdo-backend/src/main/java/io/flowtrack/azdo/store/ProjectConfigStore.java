package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each project's configuration as JSON text (stage mapping, commitment stage, SLE, start policy, calendar, blocked
 * source), and the blocked source apart for the sync. This
 * store keeps text; parsing and validating it is its caller's job.
 */
public final class ProjectConfigStore {
    private static final List<String> COLUMNS = List.of("org_id", "project_id", "config_json", "updated_at",
            "updated_by", "blocked_source");
    private final Database db;
    private final Clock clock;

    public ProjectConfigStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public ProjectConfigStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
    }

    public Optional<ProjectConfig> get(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT config_json, updated_at, updated_by"
                    + " FROM project_config WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ProjectConfig(rs.getString(1), Jdbc.getInstant(rs, 2),
                            rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** The project's blocked source: none unless its configuration names one. */
    public BlockedSource blockedSource(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> blockedSource(c, org, projectId));
    }

    /** The project's blocked source, read on {@code c} (in the caller's transaction). */
    static BlockedSource blockedSource(Connection c, OrgId org, String projectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT blocked_source FROM project_config"
                + " WHERE org_id = ? AND project_id = ?")) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? BlockedSource.ofKey(rs.getString(1)) : BlockedSource.NONE;
            }
        }
    }

    /**
     * Stores the project's configuration, stamped with {@code updatedBy} and the clock's time, and gives the
     * project a new {@link DataVersions data version}.
     *
     * @throws OrganizationGoneException when the organization is not connected (any more): nothing is written
     */
    public ProjectConfig put(OrgId org, String projectId, String json, String updatedBy) {
        return put(org, projectId, json, updatedBy, BlockedSource.NONE);
    }

    /**
     * As {@link #put(OrgId, String, String, String)}, with the project's blocked source (which the configuration's JSON
     * names too). When the source differs from the stored one, the same transaction forgets every stored blocked flag
     * of the project and resets its watermark: the next sync reads the whole history again with the new source (loads
     * are idempotent upserts), and a sync still running with the old one is refused its next batch
     * ({@link BlockedSourceChangedException}).
     */
    public ProjectConfig put(OrgId org, String projectId, String json, String updatedBy, BlockedSource blocked) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(blocked, "blocked");
        Jdbc.require(projectId, "project id", 64);
        Jdbc.require(json, "configuration", 1_000_000);
        Jdbc.require(updatedBy, "updatedBy", 256);
        Instant at = clock.instant();
        db.inTransaction(c -> {
            if (!blockedSource(c, org, projectId).equals(blocked)) {
                // A source change takes the organization's row exclusively first (as erasing titles does): a sync's
                // batch, which reads the source under the shared lock, commits wholly before this clears its flags
                // and resets the watermark, or waits and then reads the new source (and is refused).
                OrganizationLock.exclusive(c, org);
            }
            OrganizationLock.forWrite(c, db.dialect(), org);
            if (!blockedSource(c, org, projectId).equals(blocked)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE revision SET blocked = FALSE"
                        + " WHERE org_id = ? AND project_id = ? AND blocked = TRUE")) {
                    ps.setString(1, org.value());
                    ps.setString(2, projectId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE watermark SET continuation_token = NULL"
                        + " WHERE org_id = ? AND project_id = ?")) {
                    ps.setString(1, org.value());
                    ps.setString(2, projectId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    db.dialect().upsert("project_config", COLUMNS, List.of("org_id", "project_id")))) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                ps.setString(3, json);
                Jdbc.setInstant(ps, 4, at);
                ps.setString(5, updatedBy);
                ps.setString(6, blocked.key());
                ps.executeUpdate();
            }
            DataVersions.change(c, db.dialect(), org, projectId);
            return null;
        });
        return new ProjectConfig(json, at, updatedBy);
    }
}
