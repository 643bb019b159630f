package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Who read which report and who changed what, per organization. Append-only. */
public final class AuditLog {
    /** The most entries one {@link #list} returns. */
    public static final int MAX_LIMIT = 1000;

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db) {
        this(db, Clock.systemUTC());
    }

    public AuditLog(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Appends an entry stamped with the clock's time. Never pass a secret in {@code detail}.
     *
     * @param target what was read or changed (a project id, "credential", ...), or null
     * @param detail free text, or null
     */
    public AuditEntry append(OrgId org, String actor, String action, String target, String detail) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(actor, "actor", 256);
        Jdbc.require(action, "action", 64);
        String safeTarget = Jdbc.truncate(target, 1024);
        Instant at = clock.instant();
        long id = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (org_id, at, actor, action, target,"
                    + " detail) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, org.value());
                Jdbc.setInstant(ps, 2, at);
                ps.setString(3, actor);
                ps.setString(4, action);
                Jdbc.setString(ps, 5, safeTarget);
                Jdbc.setString(ps, 6, detail);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("the database returned no id for an audit entry");
                    }
                    return keys.getLong(1);
                }
            }
        });
        return new AuditEntry(id, org, at, actor, action, safeTarget, detail);
    }

    /**
     * The organization's entries, newest first.
     *
     * @param limit  at most this many (1 to {@link #MAX_LIMIT})
     * @param before only entries strictly older than this, or null for the newest
     */
    public List<AuditEntry> list(OrgId org, int limit, Instant before) {
        Objects.requireNonNull(org, "org");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, target, detail FROM audit_log"
                    + " WHERE org_id = ?" + (before == null ? "" : " AND at < ?")
                    + " ORDER BY at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setString(1, org.value());
                if (before != null) {
                    Jdbc.setInstant(ps, 2, before);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next() && out.size() < limit) {
                        out.add(new AuditEntry(rs.getLong(1), org, Jdbc.getInstant(rs, 2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                    return out;
                }
            }
        });
    }
}
