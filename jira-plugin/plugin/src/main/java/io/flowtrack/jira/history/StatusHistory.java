package io.flowtrack.jira.history;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.status.Status;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one issue and its status change items into an engine {@link WorkItem}, with Jira status <b>ids</b>
 * as states (names get renamed; a deleted status keeps its id in the history).
 *
 * <ul>
 *   <li>The initial status is the first status change's {@code from}; an issue that never changed status
 *       was created in its current status.</li>
 *   <li>Issue creation is not a change item: {@code created} comes from the issue. Change items dated before
 *       it (imports, clock skew between cluster nodes) move the creation back to the first change, so the
 *       history stays valid instead of failing the whole report.</li>
 *   <li>An issue moved between projects keeps its change items; its key is the current one.</li>
 *   <li>Change items without a target status (corrupt rows) are skipped.</li>
 * </ul>
 *
 * <p>Change items are read per issue with {@code ChangeHistoryManager.getChangeItemsForField}: the bulk
 * reads Jira has are not declared, because their 10.x/11.x parameter types could not be verified (see
 * docs/jira-plugin.md). A {@link HistoryCache} keyed by the issue's {@code updated} time spares the query for
 * issues that have not changed since they were last read.
 */
public final class StatusHistory {
    /** The change-item field of status transitions ({@code IssueFieldConstants.STATUS}). */
    public static final String STATUS_FIELD = "status";
    private static final String UNKNOWN_TYPE = "Unknown";

    private final ChangeHistoryManager changes;
    private final HistoryCache cache;
    /** Status ids are few; one String per id keeps cached histories small. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public StatusHistory(ChangeHistoryManager changes, HistoryCache cache) {
        this.changes = changes;
        this.cache = cache;
    }

    /**
     * @param statusIds collects every status id the item was ever in (for the default workflow)
     */
    public WorkItem item(Issue issue, boolean withTitle, Set<String> statusIds) {
        Timestamp updated = issue.getUpdated();
        Instant version = updated == null ? null : updated.toInstant();
        WorkItem cached = version == null ? null : cache.get(issue.getId(), version, withTitle);
        WorkItem item = cached != null ? cached : read(issue, withTitle);
        if (cached == null && version != null) {
            cache.put(issue.getId(), version, withTitle, item);
        }
        statusIds.add(item.initialState());
        for (StateChange change : item.transitions()) {
            statusIds.add(change.from());
            statusIds.add(change.to());
        }
        return item;
    }

    private String id(String statusId) {
        return ids.computeIfAbsent(statusId, k -> k);
    }

    private WorkItem read(Issue issue, boolean withTitle) {
        List<ChangeItemBean> items = new ArrayList<>(changes.getChangeItemsForField(issue, STATUS_FIELD));
        items.removeIf(c -> c.getTo() == null || c.getCreated() == null);
        items.sort(Comparator.comparing(ChangeItemBean::getCreated)); // stable: equal times keep Jira's order
        Instant created = issue.getCreated().toInstant();
        if (!items.isEmpty() && items.get(0).getCreated().toInstant().isBefore(created)) {
            created = items.get(0).getCreated().toInstant();
        }
        String initial = id(initialStatus(issue, items));
        IssueType type = issue.getIssueType();
        WorkItem.Builder builder = WorkItem.builder(issue.getKey(), type == null ? UNKNOWN_TYPE : type.getName(),
                created, initial);
        if (withTitle) {
            builder.title(issue.getSummary());
        }
        String previous = initial;
        for (ChangeItemBean change : items) {
            String from = change.getFrom() == null ? previous : id(change.getFrom());
            String to = id(change.getTo());
            if (from.equals(to)) {
                continue; // a move to the status it was in (first item without "from", or a workflow loop)
            }
            builder.transition(change.getCreated().toInstant(), from, to);
            previous = to;
        }
        return builder.build();
    }

    private static String initialStatus(Issue issue, List<ChangeItemBean> items) {
        if (!items.isEmpty() && items.get(0).getFrom() != null) {
            return items.get(0).getFrom();
        }
        if (!items.isEmpty()) {
            return items.get(0).getTo();
        }
        Status current = issue.getStatus();
        if (current == null) {
            throw new IllegalStateException("issue " + issue.getKey() + " has no status");
        }
        return current.getId();
    }
}
