package io.flowtrack.jira.audit;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.java.ao.DBParam;
import net.java.ao.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of report reads, in Active Objects (Jira's database, shared by every Data Center node).
 *
 * <p>Retention is bounded ({@link ReadRetention}): when a read is recorded, and at most once a minute per node,
 * rows older than the retention's days and rows beyond its row count (oldest first) are deleted, in batches of
 * {@value #PRUNE_BATCH}. Pruning is safe on a cluster: every node may prune, each delete names rows by condition
 * or id, and a row another node already deleted is simply gone. It runs in its own transaction after the read's,
 * and a failure of it is logged and retried on a later read — it never fails a report.
 *
 * <p>Nothing of a read (JQL, parameters) ever reaches Jira's log: failures are reported by exception class only.
 */
public final class ReadAudit {
    static final int PRUNE_BATCH = 500;
    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    /** At most this many reads are returned per request. */
    public static final int MAX_ROWS_RETURNED = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAudit.class);
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final ActiveObjects ao;
    private final Clock clock;
    private final ReadRetention retention;
    private final ObjectMapper mapper = new ObjectMapper();
    /** When this node last pruned (node-local on purpose: pruning anywhere is enough, twice is harmless). */
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.MIN);

    public ReadAudit(ActiveObjects ao, Clock clock, ReadRetention retention) {
        this.ao = ao;
        this.clock = clock;
        this.retention = retention;
    }

    /** The time a read is recorded at. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Stores a read. A failure to store it fails the request (a read that cannot be audited is not served); the
     * exception names no value of the read.
     */
    public void record(ReportRead read) {
        try {
            String parameters = mapper.writeValueAsString(read.parameters());
            ao.executeInTransaction(() -> {
                FlowReadEntity row = ao.create(FlowReadEntity.class, new DBParam("ACTOR_KEY", read.actorKey()),
                        new DBParam("READ_AT", read.at().toEpochMilli()),
                        new DBParam("SELECTION_KIND", read.selectionKind()),
                        new DBParam("SELECTION_LENGTH", read.selectionLength()),
                        new DBParam("ISSUE_COUNT", read.issueCount()));
                row.setProjectId(read.projectId());
                row.setProjectKey(read.projectKey());
                row.setSelectionText(read.selection());
                row.setReportParams(parameters);
                row.save();
                return null;
            });
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("the report read could not be audited (" + e.getClass().getName() + ")");
        }
        pruneIfDue();
    }

    /**
     * The newest reads first, at most {@code limit} (capped at {@link #MAX_ROWS_RETURNED}).
     *
     * @param projectId only reads with this project's configuration; null for every read
     */
    public List<ReportRead> reads(Long projectId, int limit) {
        int rows = Math.max(1, Math.min(limit, MAX_ROWS_RETURNED));
        Query query = projectId == null ? Query.select() : Query.select().where("PROJECT_ID = ?", projectId);
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(FlowReadEntity.class,
                        query.order("READ_AT DESC, ID DESC").limit(rows)))
                .map(this::read).toList());
    }

    private ReportRead read(FlowReadEntity row) {
        Map<String, String> parameters;
        try {
            parameters = row.getReportParams() == null ? Map.of() : mapper.readValue(row.getReportParams(), PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report read has unreadable parameters (row " + row.getID() + ")");
        }
        return new ReportRead(row.getActorKey(), Instant.ofEpochMilli(row.getReadAt()), row.getProjectId(),
                row.getProjectKey(), row.getSelectionKind(), row.getSelectionText() == null ? "" : row.getSelectionText(),
                row.getSelectionLength(), parameters, row.getIssueCount());
    }

    private void pruneIfDue() {
        Instant now = clock.instant();
        Instant last = lastPrune.get();
        if (now.isBefore(last.plus(PRUNE_INTERVAL)) || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        try {
            prune(now);
        } catch (RuntimeException e) {
            LOG.warn("FlowTrack: pruning the report-read audit failed ({}); it is retried on a later read",
                    e.getClass().getName());
        }
    }

    /** Deletes (a batch of) reads older than the retention's days and beyond its row count. */
    void prune(Instant now) {
        long cutoff = now.minus(Duration.ofDays(retention.days())).toEpochMilli();
        ao.executeInTransaction(() -> {
            ao.delete(ao.find(FlowReadEntity.class,
                    Query.select().where("READ_AT < ?", cutoff).order("ID").limit(PRUNE_BATCH)));
            ao.delete(ao.find(FlowReadEntity.class,
                    Query.select().order("ID DESC").offset(retention.maxRows()).limit(PRUNE_BATCH)));
            return null;
        });
    }
}
