package io.flowtrack.jira.config;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.java.ao.DBParam;
import net.java.ao.Query;

/**
 * Project configurations in Active Objects: the database Jira shares across a Data Center cluster, so every
 * node reads the same configuration. Each write replaces the project's configuration and adds an audit row
 * in the same transaction.
 */
public final class FlowConfigStore {
    public static final String SAVED = "config.saved";
    public static final String RESET = "config.reset";
    /** At most this many audit rows are returned per request. */
    public static final int MAX_AUDIT_ROWS = 200;

    private final ActiveObjects ao;
    private final Clock clock;
    private final FlowConfigJson json = new FlowConfigJson();

    public FlowConfigStore(ActiveObjects ao, Clock clock) {
        this.ao = ao;
        this.clock = clock;
    }

    /** The stored configuration of a project; empty while the project uses the default. */
    public Optional<FlowConfig> find(long projectId) {
        return ao.executeInTransaction(() -> {
            FlowConfigEntity row = row(projectId);
            if (row == null) {
                return Optional.empty();
            }
            FlowStageEntity[] stageRows = ao.find(FlowStageEntity.class,
                    Query.select().where("CONFIG_ID = ?", row.getID()).order("STAGE_INDEX"));
            FlowStatusEntity[] statusRows = ao.find(FlowStatusEntity.class,
                    Query.select().where("CONFIG_ID = ?", row.getID()).order("STAGE_INDEX, STATUS_ID"));
            List<Stage> stages = new ArrayList<>();
            for (FlowStageEntity s : stageRows) {
                List<String> ids = Arrays.stream(statusRows)
                        .filter(st -> st.getStageIndex().equals(s.getStageIndex()))
                        .map(FlowStatusEntity::getStatusId).toList();
                stages.add(new Stage(s.getStageName(), Category.fromJsonName(s.getStageCategory())
                        .orElseThrow(() -> new IllegalStateException("stored stage category '"
                                + s.getStageCategory() + "' is unknown")), ids));
            }
            ReportRequest.Sle sle = row.getSleDays() == null ? null
                    : new ReportRequest.Sle(row.getSleDays(), row.getSlePercentile());
            StartPolicy policy = StartPolicy.fromJsonName(row.getStartPolicy()).orElse(StartPolicy.FIRST);
            return Optional.of(new FlowConfig(stages, row.getCommitmentStage(), policy, sle, row.getIncludeTitles(),
                    row.getBlockedField(), calendar(row)));
        });
    }

    /** Replaces the project's configuration and audits who did it. */
    public void save(long projectId, FlowConfig config, String actorKey) {
        Instant now = clock.instant();
        ao.executeInTransaction(() -> {
            FlowConfigEntity[] rows = rows(projectId);
            for (int i = 1; i < rows.length; i++) {
                deleteChildren(rows[i].getID());
                ao.delete(rows[i]);
            }
            FlowConfigEntity row = rows.length == 0 ? null : rows[0];
            if (row == null) {
                row = ao.create(FlowConfigEntity.class, new DBParam("PROJECT_ID", projectId),
                        new DBParam("START_POLICY", config.startPolicy().jsonName()),
                        new DBParam("UPDATED_BY", actorKey), new DBParam("UPDATED_AT", now.toEpochMilli()));
            } else {
                deleteChildren(row.getID());
            }
            row.setCommitmentStage(config.commitmentStage());
            row.setStartPolicy(config.startPolicy().jsonName());
            row.setSleDays(config.sle() == null ? null : config.sle().days());
            row.setSlePercentile(config.sle() == null ? null : config.sle().percentile());
            row.setIncludeTitles(config.includeTitles());
            row.setBlockedField(config.blockedField());
            WorkingCalendar calendar = config.calendar();
            row.setWorkingDays(calendar == null ? null : String.join(",",
                    calendar.orderedWorkingDays().stream().map(DayOfWeek::name).toList()));
            row.setHolidays(calendar == null || calendar.holidays().isEmpty() ? null : String.join(",",
                    calendar.holidays().stream().map(LocalDate::toString).toList()));
            row.setUpdatedBy(actorKey);
            row.setUpdatedAt(now.toEpochMilli());
            row.save();
            for (int i = 0; i < config.stages().size(); i++) {
                Stage stage = config.stages().get(i);
                ao.create(FlowStageEntity.class, new DBParam("CONFIG_ID", row.getID()), new DBParam("STAGE_INDEX", i),
                        new DBParam("STAGE_NAME", stage.name()),
                        new DBParam("STAGE_CATEGORY", stage.category().jsonName()));
                for (String statusId : stage.states()) {
                    ao.create(FlowStatusEntity.class, new DBParam("CONFIG_ID", row.getID()),
                            new DBParam("STAGE_INDEX", i), new DBParam("STATUS_ID", statusId));
                }
            }
            audit(projectId, actorKey, now, SAVED, json.toText(config));
            return null;
        });
    }

    /** Returns the project to the default workflow; false when it had no configuration. */
    public boolean reset(long projectId, String actorKey) {
        Instant now = clock.instant();
        return ao.executeInTransaction(() -> {
            FlowConfigEntity[] rows = rows(projectId);
            if (rows.length == 0) {
                return false;
            }
            for (FlowConfigEntity row : rows) {
                deleteChildren(row.getID());
                ao.delete(row);
            }
            audit(projectId, actorKey, now, RESET, null);
            return true;
        });
    }

    /**
     * The newest configuration changes first, at most {@code limit} (capped at {@link #MAX_AUDIT_ROWS}); users'
     * own dashboard preferences, audited in the same table, are not configuration and are left out.
     */
    public List<AuditEntry> audit(long projectId, int limit) {
        int rows = Math.max(1, Math.min(limit, MAX_AUDIT_ROWS));
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(FlowAuditEntity.class,
                        Query.select().where("PROJECT_ID = ? AND ACTION_NAME IN (?, ?)", projectId, SAVED, RESET)
                                .order("CHANGED_AT DESC, ID DESC").limit(rows)))
                .map(a -> new AuditEntry(a.getActorKey(), Instant.ofEpochMilli(a.getChangedAt()), a.getActionName(),
                        a.getDetails()))
                .toList());
    }

    /** The stored calendar, read back through the engine's own parsers (null: the project has none). */
    private static WorkingCalendar calendar(FlowConfigEntity row) {
        if (row.getWorkingDays() == null || row.getWorkingDays().isBlank()) {
            return null;
        }
        return new WorkingCalendar(WorkingCalendar.parseWorkingDays(row.getWorkingDays()),
                WorkingCalendar.parseHolidays(row.getHolidays()));
    }

    /** The project's configuration row: the newest, should two first saves have raced (see {@link #rows}). */
    private FlowConfigEntity row(long projectId) {
        FlowConfigEntity[] rows = rows(projectId);
        return rows.length == 0 ? null : rows[0];
    }

    /**
     * The project's configuration rows, newest first. There is one, except after two first saves at the same time
     * (the table has no unique key on the project, so both create a row): reads use the newest, the next save keeps
     * only it, and a reset removes them all.
     */
    private FlowConfigEntity[] rows(long projectId) {
        return ao.find(FlowConfigEntity.class, Query.select().where("PROJECT_ID = ?", projectId).order("ID DESC"));
    }

    private void deleteChildren(int configId) {
        ao.delete(ao.find(FlowStatusEntity.class, Query.select().where("CONFIG_ID = ?", configId)));
        ao.delete(ao.find(FlowStageEntity.class, Query.select().where("CONFIG_ID = ?", configId)));
    }

    private void audit(long projectId, String actorKey, Instant at, String action, String details) {
        FlowAuditEntity entry = ao.create(FlowAuditEntity.class, new DBParam("PROJECT_ID", projectId),
                new DBParam("ACTOR_KEY", actorKey), new DBParam("CHANGED_AT", at.toEpochMilli()),
                new DBParam("ACTION_NAME", action));
        entry.setDetails(details);
        entry.save();
    }
}
