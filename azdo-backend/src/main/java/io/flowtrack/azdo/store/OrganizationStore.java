package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Connected organizations. */
public final class OrganizationStore {
    private static final String SELECT = "SELECT org_id, name, base_url, status, status_detail, created_at FROM organization";

    private final Database db;
    private final Clock clock;

    public OrganizationStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public OrganizationStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Adds the organization (status {@link Organization.Status#CONNECTED}) or updates its name and base URL,
     * keeping its status and creation time.
     */
    public Organization upsert(OrgId org, String name, String baseUrl) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(name, "organization name", 256);
        Jdbc.require(baseUrl, "base URL", 2048);
        return db.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE organization SET name = ?, base_url = ? WHERE org_id = ?")) {
                ps.setString(1, name);
                ps.setString(2, baseUrl);
                ps.setString(3, org.value());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO organization"
                        + " (org_id, name, base_url, status, status_detail, created_at) VALUES (?, ?, ?, ?, NULL, ?)")) {
                    ps.setString(1, org.value());
                    ps.setString(2, name);
                    ps.setString(3, baseUrl);
                    ps.setString(4, Organization.Status.CONNECTED.name());
                    Jdbc.setInstant(ps, 5, clock.instant());
                    ps.executeUpdate();
                }
            }
            return read(c, org).orElseThrow();
        });
    }

    public Optional<Organization> get(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> read(c, org));
    }

    /**
     * Every organization, by id. The one read that is not scoped to an organization: it is how the
     * scheduler and the operator find them, and it returns no organization's data beyond its name.
     */
    public List<Organization> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY org_id");
                 ResultSet rs = ps.executeQuery()) {
                List<Organization> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    /** Sets the connection status; returns false when the organization is unknown. */
    public boolean updateStatus(OrgId org, Organization.Status status, String detail) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(status, "status");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE organization SET status = ?, status_detail = ? WHERE org_id = ?")) {
                ps.setString(1, status.name());
                Jdbc.setString(ps, 2, Jdbc.truncate(detail, 4000));
                ps.setString(3, org.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Runs {@code work} — calls of any stores — in one transaction that first locks the organization for writing
     * its data, as each sync write does: all of it is written, or none of it when the organization is not
     * connected (any more).
     *
     * @throws OrganizationGoneException when the organization is not connected: nothing was written
     */
    public void whileConnected(OrgId org, Runnable work) {
        Objects.requireNonNull(org, "org");
        db.inTransaction(c -> {
            OrganizationLock.forWrite(c, db.dialect(), org);
            work.run();
            return null;
        });
    }

    /** Whether title and assigned-to are read and kept for this organization (off unless an admin switches them on). */
    public boolean personalFields(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT personal_fields FROM organization WHERE org_id = ?")) {
                ps.setString(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** What the organization lets the service read and keep beyond the flow fields (nothing when it is unknown). */
    public io.flowtrack.azdo.model.FieldSelection fieldSelection(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> fieldSelection(c, org));
    }

    /** {@link #fieldSelection(OrgId)} on the caller's connection (inside its transaction). */
    static io.flowtrack.azdo.model.FieldSelection fieldSelection(java.sql.Connection c, OrgId org) throws SQLException {
        boolean title;
        try (PreparedStatement ps = c.prepareStatement("SELECT personal_fields FROM organization WHERE org_id = ?")) {
            ps.setString(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                title = rs.next() && rs.getBoolean(1);
            }
        }
        return new io.flowtrack.azdo.model.FieldSelection(title, ExtendedFieldStore.enabled(c, org));
    }

    /** Switches title and assigned-to on or off for the organization. */
    public boolean setPersonalFields(OrgId org, boolean on) {
        Objects.requireNonNull(org, "org");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE organization SET personal_fields = ? WHERE org_id = ?")) {
                ps.setBoolean(1, on);
                ps.setString(2, org.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Organization> read(java.sql.Connection c, OrgId org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE org_id = ?")) {
            ps.setString(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Organization map(ResultSet rs) throws SQLException {
        return new Organization(new OrgId(rs.getString(1)), rs.getString(2), rs.getString(3),
                Organization.Status.valueOf(rs.getString(4)), rs.getString(5), Jdbc.getInstant(rs, 6));
    }
}
