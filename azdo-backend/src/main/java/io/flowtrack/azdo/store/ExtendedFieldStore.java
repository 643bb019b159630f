package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extended fields (System.Tags, or fields such as Custom.Risk) each organization's admin turned on. Only these are
 * extracted beyond the flow fields; turning one off deletes every value of it in the same transaction.
 */
public final class ExtendedFieldStore {
    /** What a change did: the fields turned on, those turned off, and the values deleted of the latter. */
    public record Change(Set<String> added, Set<String> removed, int valuesDeleted) {
        public Change {
            added = Set.copyOf(new TreeSet<>(added));
            removed = Set.copyOf(new TreeSet<>(removed));
        }
    }

    private final Database db;
    private final Clock clock;

    public ExtendedFieldStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The organization's turned-on extended fields, sorted. */
    public Set<String> enabled(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> enabled(c, org));
    }

    static Set<String> enabled(Connection c, OrgId org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT field_ref FROM org_field WHERE org_id = ? ORDER BY field_ref")) {
            ps.setString(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> out = new TreeSet<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /**
     * Makes {@code fields} the organization's extended fields: new ones are turned on (the next sync of each project
     * extracts every revision again, with them), missing ones are turned off and their values deleted.
     * Locks the organization as a sync's write does, so a sync's batch is stored wholly before or after the change.
     *
     * @throws IllegalArgumentException when a field cannot be an extended field or there are too many
     * @throws OrganizationGoneException when the organization is not connected
     */
    public Change replace(OrgId org, Collection<String> fields, String actor) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(actor, "actor", 256);
        Set<String> wanted = new TreeSet<>(fields);
        if (wanted.size() > FieldSelection.MAX_EXTENDED) {
            throw new IllegalArgumentException("at most " + FieldSelection.MAX_EXTENDED + " extended fields");
        }
        for (String f : wanted) {
            String refusal = FieldSelection.refusal(f);
            if (refusal != null) {
                throw new IllegalArgumentException("'" + f + "' cannot be an extended field: " + refusal);
            }
        }
        return db.inTransaction(c -> {
            // Exclusive: a sync's batch (which reads what is allowed under a shared lock) is stored wholly before or
            // wholly after this change, never with a field this change turned off.
            if (!OrganizationLock.exclusive(c, org)) {
                throw new OrganizationGoneException(org);
            }
            Set<String> current = enabled(c, org);
            Set<String> added = new LinkedHashSet<>(wanted);
            added.removeAll(current);
            Set<String> removed = new LinkedHashSet<>(current);
            removed.removeAll(wanted);
            int deleted = 0;
            for (String f : removed) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM revision_field WHERE org_id = ? AND field_ref = ?")) {
                    ps.setString(1, org.value());
                    ps.setString(2, f);
                    deleted += ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM org_field WHERE org_id = ? AND field_ref = ?")) {
                    ps.setString(1, org.value());
                    ps.setString(2, f);
                    ps.executeUpdate();
                }
            }
            for (String f : added) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO org_field (org_id, field_ref, enabled_at, enabled_by) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, org.value());
                    ps.setString(2, f);
                    Jdbc.setInstant(ps, 3, clock.instant());
                    ps.setString(4, actor);
                    ps.executeUpdate();
                }
            }
            if (!added.isEmpty()) {
                // Revisions already extracted lack the new field: the next sync of each project starts over (loads are
                // idempotent upserts), so every item gets it, not only those changed from now on.
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE watermark SET continuation_token = NULL WHERE org_id = ?")) {
                    ps.setString(1, org.value());
                    ps.executeUpdate();
                }
            }
            if (deleted > 0) {
                DataVersions.changeAll(c, org); // reports filtered by a removed field are out of date
            }
            return new Change(added, removed, deleted);
        });
    }
}
