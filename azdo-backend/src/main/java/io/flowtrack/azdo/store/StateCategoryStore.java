package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** The state categories of each project's work item types, as Azure Boards reports them. */
public final class StateCategoryStore {
    private final Database db;

    public StateCategoryStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /**
     * Replaces all of the project's state categories with {@code categories}, in one transaction; when they
     * differ from the stored ones the project gets a new {@link DataVersions data version} (its default workflow
     * changed).
     *
     * @throws OrganizationGoneException when the organization is not connected (any more): nothing is written
     */
    public void replaceAll(OrgId org, String projectId, List<StateCategory> categories) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(projectId, "project id", 64);
        Objects.requireNonNull(categories, "categories");
        db.inTransaction(c -> {
            OrganizationLock.forWrite(c, db.dialect(), org);
            if (new HashSet<>(read(c, org, projectId)).equals(new HashSet<>(categories))) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM state_category WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                ps.executeUpdate();
            }
            if (!categories.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_category"
                        + " (org_id, project_id, work_item_type, state, category) VALUES (?, ?, ?, ?, ?)")) {
                    for (StateCategory sc : categories) {
                        ps.setString(1, org.value());
                        ps.setString(2, projectId);
                        ps.setString(3, Jdbc.require(sc.workItemType(), "work item type", 256));
                        ps.setString(4, Jdbc.require(sc.state(), "state", 256));
                        ps.setString(5, Jdbc.require(sc.category(), "state category", 32));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            DataVersions.change(c, db.dialect(), org, projectId);
            return null;
        });
    }

    /** The project's state categories by work item type, then state. */
    public List<StateCategory> list(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> read(c, org, projectId));
    }

    private static List<StateCategory> read(Connection c, OrgId org, String projectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT work_item_type, state, category FROM state_category"
                + " WHERE org_id = ? AND project_id = ? ORDER BY work_item_type, state")) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                List<StateCategory> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StateCategory(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        }
    }
}
