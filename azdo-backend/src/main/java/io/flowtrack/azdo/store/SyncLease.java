package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which sync run extracts a project: a lease with an owner and an expiry, taken in one atomic statement,
 * so two runs (of one instance or of several on one PostgreSQL) never sync the same project at once.
 *
 * <p>The owner is one sync <em>run</em> (a token unique to it, see {@link #newRunToken}), never a whole process:
 * {@link #tryAcquire} succeeds only when nobody holds the lease or the holder's lease has expired, not when the
 * same owner asks again. The run keeps its lease alive with {@link #renew} (a heartbeat, well within the time to
 * live), and gives it up with {@link #release}, which frees only its own lease. A crashed run's lease lapses after
 * its (short) time to live; from then on another run may take it over, and the crashed run's token no longer
 * {@link #checkHeld fences} any write: a run that lost its lease cannot store anything more.
 *
 * <p>Expiry is judged by each instance's clock: keep the time to live well above the clock skew
 * between instances (a minute, with NTP-synchronised hosts).
 */
public final class SyncLease {
    /** Who holds a project's lease, until when. */
    public record Lease(String owner, Instant expiresAt) {
    }

    private static final String PG_ACQUIRE = "INSERT INTO sync_lease (org_id, project_id, owner, expires_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (org_id, project_id) DO UPDATE"
            + " SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
            + " WHERE sync_lease.expires_at <= ?";
    private static final String H2_ACQUIRE = "MERGE INTO sync_lease l USING (VALUES (CAST(? AS VARCHAR(36)),"
            + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
            + " AS s(org_id, project_id, owner, expires_at)"
            + " ON l.org_id = s.org_id AND l.project_id = s.project_id"
            + " WHEN MATCHED AND l.expires_at <= ?"
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

    /** A token unique to one sync run of {@code instance}: the owner of the run's lease. */
    public static String newRunToken(String instance) {
        Jdbc.require(instance, "instance", 200);
        return instance + "/" + UUID.randomUUID();
    }

    /**
     * Takes the project's lease for {@code owner} until now + {@code ttl}: succeeds when no one holds it or the
     * holder's lease has expired. The holder itself cannot take it again (use {@link #renew}).
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

    /**
     * Extends the lease of {@code owner} to now + {@code ttl}, if it still holds it (an expired lease nobody took
     * over yet counts: no one else can have written meanwhile).
     *
     * @return false when another owner holds the lease or it is gone: the run lost it and must stop
     */
    public boolean renew(OrgId org, String projectId, String owner, Duration ttl) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(owner, "lease owner", 256);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease time to live must be positive");
        }
        Instant until = clock.instant().plus(ttl);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sync_lease SET expires_at = ? WHERE org_id = ? AND project_id = ? AND owner = ?")) {
                Jdbc.setInstant(ps, 1, until);
                ps.setString(2, org.value());
                ps.setString(3, projectId);
                ps.setString(4, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * The fence of a write made by a sync run: inside the write's transaction, locks the project's lease row and
     * checks that {@code owner} still holds it. A takeover (which updates that row) waits for the write to commit,
     * and a write after a takeover is refused, so a run that lost its lease never stores anything.
     *
     * @throws LeaseLostException when {@code owner} no longer holds the lease
     */
    static void checkHeld(Connection c, OrgId org, String projectId, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner FROM sync_lease WHERE org_id = ? AND project_id = ? FOR UPDATE")) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !owner.equals(rs.getString(1))) {
                    throw new LeaseLostException(org, projectId);
                }
            }
        }
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
