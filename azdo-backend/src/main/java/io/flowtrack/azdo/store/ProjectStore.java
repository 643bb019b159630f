package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The projects of each organization that FlowTrack knows, enabled or not. */
public final class ProjectStore {
    private static final List<String> COLUMNS = List.of("org_id", "project_id", "name", "enabled");
    private final Database db;

    public ProjectStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    public void upsert(OrgId org, Project project) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(project.projectId(), "project id", 64);
        Jdbc.require(project.name(), "project name", 256);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    db.dialect().upsert("project", COLUMNS, List.of("org_id", "project_id")))) {
                ps.setString(1, org.value());
                ps.setString(2, project.projectId());
                ps.setString(3, project.name());
                ps.setBoolean(4, project.enabled());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Project> get(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT project_id, name, enabled FROM project WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Project(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The organization's projects by name (then id). */
    public List<Project> list(OrgId org) {
        return query(org, false);
    }

    /** The organization's enabled projects: the ones to sync. */
    public List<Project> listEnabled(OrgId org) {
        return query(org, true);
    }

    private List<Project> query(OrgId org, boolean enabledOnly) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT project_id, name, enabled FROM project WHERE org_id = ?"
                    + (enabledOnly ? " AND enabled = TRUE" : "") + " ORDER BY name, project_id")) {
                ps.setString(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    List<Project> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Project(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                    }
                    return out;
                }
            }
        });
    }

    /** Enables or disables a project; returns false when it is unknown. */
    public boolean setEnabled(OrgId org, String projectId, boolean enabled) {
        Objects.requireNonNull(org, "org");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE project SET enabled = ? WHERE org_id = ? AND project_id = ?")) {
                ps.setBoolean(1, enabled);
                ps.setString(2, org.value());
                ps.setString(3, projectId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
