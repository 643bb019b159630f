package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which instance extracts a project: a lease with an owner and an expiry, taken in one atomic statement,
 * so several instances on one PostgreSQL never sync the same project at once. An owner renews by
 * acquiring again before expiry; a crashed owner's lease lapses after its time to live.
 *
 * <p>Expiry is judged by each instance's clock: keep the time to live well above the clock skew
 * between instances (minutes, not seconds).
 */
public final class SyncLease {
    /** Who holds a project's lease, until when. */
    public record Lease(String owner, Instant expiresAt) {
    }

    private static final String PG_ACQUIRE = "INSERT INTO sync_lease (org_id, project_id, owner, expires_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (org_id, project_id) DO UPDATE"
            + " SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
            + " WHERE sync_lease.owner = EXCLUDED.owner OR sync_lease.expires_at <= ?";
    private static final String H2_ACQUIRE = "MERGE INTO sync_lease l USING (VALUES (CAST(? AS VARCHAR(36)),"
            + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
            + " AS s(org_id, project_id, owner, expires_at)"
            + " ON l.org_id = s.org_id AND l.project_id = s.project_id"
            + " WHEN MATCHED AND (l.owner = s.owner OR l.expires_at <= ?)"
            + " THEN UPDATE SET owner = s.owner, expires_at = s.expires_at"
            + " WHEN NOT MATCHED THEN INSERT (org_id, project_id, owner, expires_at)"
            + " VALUES (s.org_id, s.project_id, s.owner, s.expires_at)";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final Clock clock;

    public SyncLease(Database db) {
        this(db, Clock.systemUTC());
    }

    public SyncLease(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Takes (or renews) the project's lease for {@code owner} until now + {@code ttl}: succeeds when no one
     * holds it, {@code owner} already holds it, or the holder's lease has expired.
     *
     * @return whether {@code owner} now holds the lease
     */
    public boolean tryAcquire(OrgId org, String projectId, String owner, Duration ttl) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(projectId, "project id", 64);
        Jdbc.require(owner, "lease owner", 256);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease time to live must be positive");
        }
        Instant now = clock.instant();
        String sql = db.dialect() == Dialect.POSTGRESQL ? PG_ACQUIRE : H2_ACQUIRE;
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                ps.setString(3, owner);
                Jdbc.setInstant(ps, 4, now.plus(ttl));
                Jdbc.setInstant(ps, 5, now);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // another instance inserted the first lease at the same moment
                }
                throw e;
            }
        });
    }

    /** Gives the lease up if {@code owner} holds it; returns whether it did. */
    public boolean release(OrgId org, String projectId, String owner) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sync_lease WHERE org_id = ? AND project_id = ? AND owner = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                ps.setString(3, owner);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The current holder, if the lease is held and not expired. */
    public Optional<Lease> holder(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        Instant now = clock.instant();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT owner, expires_at FROM sync_lease WHERE org_id = ? AND project_id = ? AND expires_at > ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                Jdbc.setInstant(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Lease(rs.getString(1), Jdbc.getInstant(rs, 2)))
                            : Optional.empty();
                }
            }
        });
    }
}
