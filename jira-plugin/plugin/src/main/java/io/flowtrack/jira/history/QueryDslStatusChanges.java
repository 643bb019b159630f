package io.flowtrack.jira.history;

import com.atlassian.jira.database.QueryDslAccessor;
import com.atlassian.jira.issue.Issue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status change items of a whole search page — and the items of the field that means "blocked" (default
 * Flagged), in the same query — in <b>one</b> SQL query, through Jira's public
 * {@code QueryDslAccessor} and its generated table types {@code QChangeGroup}/{@code QChangeItem} (the way
 * Atlassian's Capture for Jira reads change items; evidence and confidence: docs/jira-plugin.md, "Reading history"):
 *
 * <pre>
 * SELECT g.issueid, g.created, i.field, i.oldvalue, i.oldstring, i.newvalue, i.newstring
 * FROM changegroup g JOIN changeitem i ON i.groupid = g.id
 * WHERE g.issueid IN (:page) AND i.field IN ('status', :blockedField)
 * ORDER BY g.issueid, g.created, g.id, i.id
 * </pre>
 *
 * The same rows as {@code ChangeHistoryManager.getChangeItemsForField(issue, "status")} and
 * {@code getChangeItemsForField(issue, blockedField)} (which filter on the field name only); no other field is read, in its order (oldest first; a group's items in id order). At most one page's ids (500, under
 * Oracle's 1,000 IN-list limit) go into one query.
 *
 * <p>The accessor is an optional OSGi service and com.querydsl an optional import: when either is missing, or a call
 * fails with a {@link LinkageError} (a member named differently on this Jira), the read is switched off for good —
 * this class names no QueryDSL type, so it loads and links without QueryDSL; the query is in {@link StatusChangeRows},
 * which the JVM links only on the first read, inside the {@code LinkageError} guard —
 * logged once, without issue data — and {@link StatusHistory} falls back to its other reads. A database error
 * Jira throws inside the query propagates like the per-issue read's would.
 */
public final class QueryDslStatusChanges {
    private static final Logger LOG = LoggerFactory.getLogger(QueryDslStatusChanges.class);
    /** Most issue ids in one IN list (Oracle allows 1,000). */
    static final int MAX_IDS_PER_QUERY = 1000;

    private final List<QueryDslAccessor> accessors;
    private final AtomicBoolean on;

    /** @param accessors Jira's QueryDslAccessor service, if Jira offers one (an optional osgi:list: 0 or 1 entries) */
    public QueryDslStatusChanges(List<QueryDslAccessor> accessors) {
        this.accessors = accessors;
        this.on = new AtomicBoolean(true);
    }

    /** No query read: history comes from ChangeHistoryManager only. */
    public static QueryDslStatusChanges none() {
        return new QueryDslStatusChanges(List.of());
    }

    /** Whether reads go through the query (false without the service, or once it failed: then for good). */
    public boolean available() {
        return on.get() && !accessors.isEmpty();
    }

    /**
     * The status items and the {@code blockedField} items of the given issues, keyed by issue id (an issue without
     * any is absent), oldest first.
     *
     * @param blockedField the change-item field that means "blocked", or null to read status items only
     * @return empty when the query read is not available (now or from this call on)
     */
    Optional<Map<Long, IssueChanges>> read(List<Issue> issues, String blockedField) {
        if (!available()) {
            return Optional.empty();
        }
        QueryDslAccessor db;
        try {
            db = accessors.get(0);
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty(); // the service went away (osgi:list is dynamic)
        }
        Map<Long, IssueChanges> byIssue = new HashMap<>();
        try {
            for (int start = 0; start < issues.size(); start += MAX_IDS_PER_QUERY) {
                List<Long> ids = new ArrayList<>();
                for (Issue issue : issues.subList(start, Math.min(issues.size(), start + MAX_IDS_PER_QUERY))) {
                    ids.add(issue.getId());
                }
                StatusChangeRows.read(db, ids, blockedField, byIssue);
            }
        } catch (LinkageError e) {
            if (on.compareAndSet(true, false)) {
                // The error's class only: no issue data belongs in Jira's log.
                LOG.warn("FlowTrack: reading status changes through Jira's QueryDslAccessor failed ({}); change"
                        + " history is read through ChangeHistoryManager from now on", e.getClass().getName());
            }
            return Optional.empty();
        }
        return Optional.of(byIssue);
    }
}
