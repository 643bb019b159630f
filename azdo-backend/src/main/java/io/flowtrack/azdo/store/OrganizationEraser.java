package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deletes everything FlowTrack keeps of an organization, in one transaction: all of it or nothing. The audit log
 * is the organization's record of who did what and stays unless a purge is asked for.
 *
 * <p>Ordered against syncs by {@link OrganizationLock}: the organization's row is locked exclusively first, so a
 * sync's write either committed before or finds the organization gone and writes nothing.
 */
public final class OrganizationEraser {
    /**
     * Every table holding an organization's data besides the audit log, in the order they are emptied: the
     * organization's own row last (it is the one locked). A test checks that this is every table with an org_id.
     */
    public static final List<String> TABLES = List.of("sync_lease", "data_version", "revision_field", "org_field",
            "revision", "watermark",
            "state_category", "project_config", "project", "credential", "organization");
    /** The audit log's table, emptied for the organization only on a purge. */
    public static final String AUDIT_TABLE = "audit_log";

    /** What was deleted: rows per table (the audit log included, 0 without a purge). */
    public record Erased(Map<String, Integer> rows) {
        public Erased {
            rows = Map.copyOf(rows);
        }

        public int rows(String table) {
            return rows.getOrDefault(table, 0);
        }
    }

    private final Database db;

    public OrganizationEraser(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /**
     * Deletes the organization's data (joining the caller's transaction if there is one).
     *
     * @param purgeAudit also delete the organization's audit entries
     * @return what was deleted, or empty when the organization is not stored (nothing was deleted)
     */
    public Optional<Erased> erase(OrgId org, boolean purgeAudit) {
        Objects.requireNonNull(org, "org");
        return db.inTransaction(c -> {
            if (!OrganizationLock.exclusive(c, org)) {
                return Optional.empty();
            }
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (String table : purgeAudit ? concat(TABLES, AUDIT_TABLE) : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE org_id = ?")) {
                    ps.setString(1, org.value());
                    rows.put(table, ps.executeUpdate());
                }
            }
            return Optional.of(new Erased(rows));
        });
    }

    private static List<String> concat(List<String> tables, String more) {
        return java.util.stream.Stream.concat(tables.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
