package io.flowtrack.jira.history;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.status.Status;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns issues and their status change items into engine {@link WorkItem}s, with Jira status <b>ids</b>
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
 *   <li>Blocked periods come from the change items of one field, the project's blocked field (default
 *       {@value #DEFAULT_BLOCKED_FIELD}, Jira Software's impediment flag): a value set begins a period, the field
 *       cleared ends it; a first item that clears or changes a value means the issue was blocked since it was created;
 *       a period still open is blocked now. Only that field is read, and only whether it had a value.</li>
 * </ul>
 *
 * <p>Change items of a page of issues are read with one SQL query through Jira's {@code QueryDslAccessor}
 * ({@link QueryDslStatusChanges}); without it, with one call to Jira's bulk read when the running Jira has it
 * ({@link BulkChangeHistory}, looked up by reflection); else one issue at a time with the declared
 * {@code ChangeHistoryManager.getChangeItemsForField}. All give the same histories. A {@link HistoryCache} keyed
 * by the issue's {@code updated} time spares the read for issues that have not changed since they were last read.
 */
public final class StatusHistory {
    /** The change-item field of status transitions ({@code IssueFieldConstants.STATUS}). */
    public static final String STATUS_FIELD = "status";
    /** Jira Software's impediment field as change items name it (field "Flagged", fieldtype custom). */
    public static final String DEFAULT_BLOCKED_FIELD = "Flagged";
    private static final String UNKNOWN_TYPE = "Unknown";

    private final ChangeHistoryManager changes;
    private final QueryDslStatusChanges query;
    private final BulkChangeHistory bulk;
    private final HistoryCache cache;
    /** Status ids are few; one String per id keeps cached histories small. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /** @param query the one-query-per-page read through Jira's QueryDslAccessor, tried first */
    public StatusHistory(ChangeHistoryManager changes, HistoryCache cache, QueryDslStatusChanges query) {
        this.changes = changes;
        this.query = query;
        this.bulk = new BulkChangeHistory(changes);
        this.cache = cache;
    }

    /** Whether pages are read with Jira's bulk read (false once it failed: then for good). */
    public boolean readsInBulk() {
        return bulk.available();
    }

    /** Whether pages are read with one query through Jira's QueryDslAccessor (false once it failed). */
    public boolean readsByQuery() {
        return query.available();
    }

    /**
     * The histories of one search page, in the page's order: issues not in the cache are read with one bulk call
     * when available, else one at a time.
     *
     * @param user      the requesting user, handed to Jira's bulk read
     * @param statusIds collects every status id the items were ever in (for the default workflow)
     */
    public List<WorkItem> items(List<Issue> page, ApplicationUser user, boolean withTitle, Set<String> statusIds) {
        return items(page, user, withTitle, DEFAULT_BLOCKED_FIELD, statusIds);
    }

    /**
     * The histories of one search page, with blocked periods from {@code blockedField}'s change items.
     *
     * @param blockedField the change-item field that means "blocked"
     */
    public List<WorkItem> items(List<Issue> page, ApplicationUser user, boolean withTitle, String blockedField,
                                Set<String> statusIds) {
        WorkItem[] items = new WorkItem[page.size()];
        List<Issue> toRead = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            items[i] = cached(page.get(i), withTitle, blockedField);
            if (items[i] == null) {
                toRead.add(page.get(i));
            }
        }
        Optional<Map<Long, IssueChanges>> read = toRead.isEmpty() ? Optional.empty()
                : query.read(toRead, blockedField);
        if (read.isEmpty() && !toRead.isEmpty()) {
            read = bulk.read(toRead, user, blockedField);
        }
        List<WorkItem> result = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            Issue issue = page.get(i);
            WorkItem item = items[i];
            if (item == null) {
                IssueChanges changes = read.isPresent() ? read.get().get(issue.getId())
                        : changeItems(issue, blockedField);
                if (changes == null) {
                    changes = new IssueChanges(); // no status or blocked-field item at all
                }
                item = remember(issue, withTitle, blockedField, map(issue, changes, withTitle));
            }
            collect(item, statusIds);
            result.add(item);
        }
        return result;
    }

    /**
     * One issue's history, read on its own ({@code getChangeItemsForField}) unless cached.
     *
     * @param statusIds collects every status id the item was ever in (for the default workflow)
     */
    public WorkItem item(Issue issue, boolean withTitle, Set<String> statusIds) {
        return item(issue, withTitle, DEFAULT_BLOCKED_FIELD, statusIds);
    }

    /** One issue's history with blocked periods from {@code blockedField}, read on its own unless cached. */
    public WorkItem item(Issue issue, boolean withTitle, String blockedField, Set<String> statusIds) {
        WorkItem item = cached(issue, withTitle, blockedField);
        if (item == null) {
            item = remember(issue, withTitle, blockedField, map(issue, changeItems(issue, blockedField), withTitle));
        }
        collect(item, statusIds);
        return item;
    }

    private WorkItem cached(Issue issue, boolean withTitle, String blockedField) {
        Instant version = version(issue);
        return version == null ? null : cache.get(issue.getId(), version, withTitle, blockedField);
    }

    private WorkItem remember(Issue issue, boolean withTitle, String blockedField, WorkItem item) {
        Instant version = version(issue);
        if (version != null) {
            cache.put(issue.getId(), version, withTitle, blockedField, item);
        }
        return item;
    }

    private static Instant version(Issue issue) {
        Timestamp updated = issue.getUpdated();
        return updated == null ? null : updated.toInstant();
    }

    private static void collect(WorkItem item, Set<String> statusIds) {
        statusIds.add(item.initialState());
        for (StateChange change : item.transitions()) {
            statusIds.add(change.from());
            statusIds.add(change.to());
        }
    }

    /**
     * The per-issue read, one call per field: Jira returns them oldest first; equal times keep Jira's order (stable
     * sort).
     */
    private IssueChanges changeItems(Issue issue, String blockedField) {
        IssueChanges read = new IssueChanges();
        for (ChangeItemBean c : sorted(changes.getChangeItemsForField(issue, STATUS_FIELD))) {
            if (c.getTo() != null) {
                read.add(new StatusItem(c.getCreated().toInstant(), c.getFrom(), c.getTo()));
            }
        }
        if (blockedField != null) {
            for (ChangeItemBean c : sorted(changes.getChangeItemsForField(issue, blockedField))) {
                read.add(BlockedItem.of(c.getCreated().toInstant(), c.getFrom(), c.getFromString(), c.getTo(),
                        c.getToString()));
            }
        }
        return read;
    }

    private static List<ChangeItemBean> sorted(List<ChangeItemBean> items) {
        List<ChangeItemBean> beans = new ArrayList<>(items == null ? List.of() : items);
        beans.removeIf(c -> c.getCreated() == null);
        beans.sort(Comparator.comparing(ChangeItemBean::getCreated));
        return beans;
    }

    private String id(String statusId) {
        return ids.computeIfAbsent(statusId, k -> k);
    }

    /** @param read the issue's status items with a target status and its blocked-field items, oldest first */
    private WorkItem map(Issue issue, IssueChanges read, boolean withTitle) {
        List<StatusItem> items = read.status();
        Instant created = issue.getCreated().toInstant();
        if (!items.isEmpty() && items.get(0).at().isBefore(created)) {
            created = items.get(0).at();
        }
        String initial = id(initialStatus(issue, items));
        IssueType type = issue.getIssueType();
        WorkItem.Builder builder = WorkItem.builder(issue.getKey(), type == null ? UNKNOWN_TYPE : type.getName(),
                created, initial);
        if (withTitle) {
            builder.title(issue.getSummary());
        }
        String previous = initial;
        for (StatusItem change : items) {
            String from = change.from() == null ? previous : id(change.from());
            String to = id(change.to());
            if (from.equals(to)) {
                continue; // a move to the status it was in (first item without "from", or a workflow loop)
            }
            builder.transition(change.at(), from, to);
            previous = to;
        }
        blockedPeriods(builder, created, read.blocked());
        return builder.build();
    }

    /**
     * Blocked periods from the blocked field's items, oldest first: set begins a period, cleared ends it. A first
     * item that finds the field already set means it was set when the issue was created (Jira writes no change item
     * for values given at creation).
     */
    private static void blockedPeriods(WorkItem.Builder builder, Instant created, List<BlockedItem> items) {
        Instant since = null;
        for (int i = 0; i < items.size(); i++) {
            BlockedItem b = items.get(i);
            if (i == 0 && b.wasSet()) {
                since = created.isBefore(b.at()) ? created : b.at();
            }
            if (b.isSet() && since == null) {
                since = b.at();
            } else if (!b.isSet() && since != null) {
                builder.blocked(since, b.at());
                since = null;
            }
        }
        if (since != null) {
            builder.blocked(since, null);
        }
    }

    private static String initialStatus(Issue issue, List<StatusItem> items) {
        if (!items.isEmpty() && items.get(0).from() != null) {
            return items.get(0).from();
        }
        if (!items.isEmpty()) {
            return items.get(0).to();
        }
        Status current = issue.getStatus();
        if (current == null) {
            throw new IllegalStateException("issue " + issue.getKey() + " has no status");
        }
        return current.getId();
    }
}
