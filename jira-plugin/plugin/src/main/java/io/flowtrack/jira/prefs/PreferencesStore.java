package io.flowtrack.jira.prefs;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.flowtrack.jira.config.FlowAuditEntity;
import java.time.Clock;
import java.util.Optional;
import net.java.ao.DBParam;
import net.java.ao.Query;

/**
 * Each user's dashboard controls per project, in Active Objects (shared by every Data Center node, nothing kept
 * in memory). A save that changes the stored controls writes an audit row (who, when, the new controls) in the
 * same transaction; saving the same controls again changes nothing and audits nothing.
 */
public final class PreferencesStore {
    public static final String SAVED = "preferences.saved";

    private final ActiveObjects ao;
    private final Clock clock;

    public PreferencesStore(ActiveObjects ao, Clock clock) {
        this.ao = ao;
        this.clock = clock;
    }

    /** The user's controls for the project (canonical JSON); empty when they never saved any. */
    public Optional<String> find(String userKey, long projectId) {
        return ao.executeInTransaction(() -> Optional.ofNullable(row(userKey, projectId)).map(FlowPrefsEntity::getControls));
    }

    /**
     * Stores the user's controls (canonical JSON from {@link UserControls#canonical}).
     *
     * @return whether they differ from what was stored
     */
    public boolean save(String userKey, long projectId, String controls) {
        long now = clock.millis();
        return ao.executeInTransaction(() -> {
            FlowPrefsEntity[] rows = rows(userKey, projectId);
            FlowPrefsEntity row = rows.length == 0 ? null : rows[0];
            if (row != null && row.getControls().equals(controls)) {
                return false;
            }
            for (int i = 1; i < rows.length; i++) {
                ao.delete(rows[i]);
            }
            if (row == null) {
                ao.create(FlowPrefsEntity.class, new DBParam("USER_KEY", userKey), new DBParam("PROJECT_ID", projectId),
                        new DBParam("CONTROLS", controls), new DBParam("UPDATED_AT", now));
            } else {
                row.setControls(controls);
                row.setUpdatedAt(now);
                row.save();
            }
            FlowAuditEntity entry = ao.create(FlowAuditEntity.class, new DBParam("PROJECT_ID", projectId),
                    new DBParam("ACTOR_KEY", userKey), new DBParam("CHANGED_AT", now),
                    new DBParam("ACTION_NAME", SAVED));
            entry.setDetails(controls);
            entry.save();
            return true;
        });
    }

    private FlowPrefsEntity row(String userKey, long projectId) {
        FlowPrefsEntity[] rows = rows(userKey, projectId);
        return rows.length == 0 ? null : rows[0];
    }

    /**
     * The user's rows for the project, newest first: one, except after two first saves at the same time (the table
     * has no unique key on user and project, so both create a row). Reads use the newest; a changing save keeps only it.
     */
    private FlowPrefsEntity[] rows(String userKey, long projectId) {
        return ao.find(FlowPrefsEntity.class,
                Query.select().where("USER_KEY = ? AND PROJECT_ID = ?", userKey, projectId).order("ID DESC"));
    }
}
