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
        WorkItem[] items = new WorkItem[page.size()];
        List<Issue> toRead = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            items[i] = cached(page.get(i), withTitle);
            if (items[i] == null) {
                toRead.add(page.get(i));
            }
        }
        Optional<Map<Long, List<StatusItem>>> read = toRead.isEmpty() ? Optional.empty() : query.read(toRead);
        if (read.isEmpty() && !toRead.isEmpty()) {
            read = bulk.read(toRead, user);
        }
        List<WorkItem> result = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            Issue issue = page.get(i);
            WorkItem item = items[i];
            if (item == null) {
                List<StatusItem> statusItems = read.isPresent()
                        ? read.get().getOrDefault(issue.getId(), List.of()) : statusItems(issue);
                item = remember(issue, withTitle, map(issue, statusItems, withTitle));
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
        WorkItem item = cached(issue, withTitle);
        if (item == null) {
            item = remember(issue, withTitle, map(issue, statusItems(issue), withTitle));
        }
        collect(item, statusIds);
        return item;
    }

    private WorkItem cached(Issue issue, boolean withTitle) {
        Instant version = version(issue);
        return version == null ? null : cache.get(issue.getId(), version, withTitle);
    }

    private WorkItem remember(Issue issue, boolean withTitle, WorkItem item) {
        Instant version = version(issue);
        if (version != null) {
            cache.put(issue.getId(), version, withTitle, item);
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

    /** The per-issue read: Jira returns them oldest first; equal times keep Jira's order (stable sort). */
    private List<StatusItem> statusItems(Issue issue) {
        List<ChangeItemBean> beans = new ArrayList<>(changes.getChangeItemsForField(issue, STATUS_FIELD));
        beans.removeIf(c -> c.getTo() == null || c.getCreated() == null);
        beans.sort(Comparator.comparing(ChangeItemBean::getCreated));
        List<StatusItem> items = new ArrayList<>(beans.size());
        for (ChangeItemBean c : beans) {
            items.add(new StatusItem(c.getCreated().toInstant(), c.getFrom(), c.getTo()));
        }
        return items;
    }

    private String id(String statusId) {
        return ids.computeIfAbsent(statusId, k -> k);
    }

    /** @param items the issue's status items with a target status, oldest first */
    private WorkItem map(Issue issue, List<StatusItem> items, boolean withTitle) {
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
        return builder.build();
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
