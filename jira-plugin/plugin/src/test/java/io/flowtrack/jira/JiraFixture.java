package io.flowtrack.jira;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistory;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.search.SearchResults;
import com.atlassian.jira.issue.status.Status;
import com.atlassian.jira.issue.status.category.StatusCategory;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.query.Query;
import io.flowtrack.jira.history.StatusHistory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small Jira in Mockito: statuses with categories (and deleted ones), issues with their status change
 * items, answered by mocked StatusManager and ChangeHistoryManager exactly through the declared API.
 *
 * <p>{@code new JiraFixture(true)} is a Jira whose ChangeHistoryManager also has the bulk read
 * ({@link BulkChangeHistoryManager}): it answers with one {@link ChangeHistory} per change (plus an item of another
 * field in each), newest first, and with the histories of <em>every</em> issue it knows, asked for or not.
 */
public final class JiraFixture {
    public static final String OPEN = "1";
    public static final String IN_PROGRESS = "3";
    public static final String REVIEW = "10001";
    public static final String DONE = "10002";

    /** A ChangeHistoryManager as a Jira with the bulk read has it (the method is not declared on ours). */
    public interface BulkChangeHistoryManager extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Iterable<Issue> issues, ApplicationUser user);
    }

    public final StatusManager statusManager = mock(StatusManager.class);
    public final ChangeHistoryManager changeHistory;
    private final Map<String, Status> statuses = new HashMap<>();
    private final Map<String, IssueType> types = new HashMap<>();
    /** Every issue's change groups, in the order they were made. */
    private final List<ChangeHistory> histories = new ArrayList<>();
    /** The issue ids of each bulk call, in call order. */
    public final List<Set<Long>> bulkCalls = new ArrayList<>();
    private long nextId = 10_000;
    private long nextHistoryId = 50_000;
    /** Each issue's items of each flag-like field, by "issueId field". */
    private final Map<String, List<ChangeItemBean>> flags = new HashMap<>();

    public JiraFixture() {
        this(false);
    }

    public JiraFixture(boolean withBulkRead) {
        if (withBulkRead) {
            BulkChangeHistoryManager bulk = mock(BulkChangeHistoryManager.class);
            lenient().when(bulk.getChangeHistoriesForUser(any(), any())).thenAnswer(a -> {
                Set<Long> asked = new HashSet<>();
                a.getArgument(0, Iterable.class).forEach(i -> asked.add(((Issue) i).getId()));
                bulkCalls.add(asked);
                List<ChangeHistory> newestFirst = new ArrayList<>(histories);
                Collections.reverse(newestFirst);
                return newestFirst;
            });
            changeHistory = bulk;
        } else {
            changeHistory = mock(ChangeHistoryManager.class);
        }
        lenient().when(statusManager.getStatus(anyString())).thenAnswer(a -> statuses.get(a.getArgument(0, String.class)));
        status(OPEN, "Open", "new");
        status(IN_PROGRESS, "In Progress", "indeterminate");
        status(REVIEW, "In Review", "indeterminate");
        status(DONE, "Done", "done");
    }

    /** A Jira user known by its key (what the plugin's permission checks and audit log use). */
    public static ApplicationUser user(String key) {
        ApplicationUser user = mock(ApplicationUser.class);
        when(user.getKey()).thenReturn(key);
        return user;
    }

    public Status status(String id, String name, String categoryKey) {
        Status status = mock(Status.class);
        StatusCategory category = mock(StatusCategory.class);
        lenient().when(category.getKey()).thenReturn(categoryKey);
        lenient().when(status.getId()).thenReturn(id);
        lenient().when(status.getName()).thenReturn(name);
        lenient().when(status.getStatusCategory()).thenReturn(category);
        statuses.put(id, status);
        return status;
    }

    /** The status no longer exists: StatusManager answers null for its id, as Jira does. */
    public void delete(String statusId) {
        statuses.remove(statusId);
    }

    /** An issue currently in {@code currentStatus}, created at {@code created}, with the given status changes. */
    public Issue issue(String key, String type, String created, String currentStatus, Change... changes) {
        Issue issue = mock(Issue.class);
        lenient().when(issue.getId()).thenReturn(nextId++);
        lenient().when(issue.getKey()).thenReturn(key);
        lenient().when(issue.getSummary()).thenReturn("Summary of " + key);
        lenient().when(issue.getCreated()).thenReturn(Timestamp.from(Instant.parse(created)));
        IssueType issueType = types.computeIfAbsent(type, JiraFixture::issueType);
        lenient().when(issue.getIssueType()).thenReturn(issueType);
        lenient().when(issue.getStatus()).thenReturn(statuses.get(currentStatus));
        List<ChangeItemBean> items = new ArrayList<>();
        for (Change c : changes) {
            Timestamp at = Timestamp.from(Instant.parse(c.at()));
            ChangeItemBean item = item(StatusHistory.STATUS_FIELD, c.from(), c.to(), at);
            items.add(item);
            group(issue, at, List.of(item("resolution", null, "10000", at), item, item("assignee", "alice", "bob", at)));
        }
        lenient().when(changeHistory.getChangeItemsForField(issue, StatusHistory.STATUS_FIELD)).thenReturn(items);
        return issue;
    }

    /** Jira Software's Flagged option as its change items record it: the option id and its value "Impediment". */
    public static final String FLAG_OPTION = "[10019]";
    public static final String IMPEDIMENT = "Impediment";

    /**
     * A change of {@code field} on {@code issue} as Jira records a custom field's edit (fieldtype custom): from
     * "Impediment" or nothing ({@code wasSet}) to "Impediment" or nothing ({@code set}), answered by both the per-issue read ({@code getChangeItemsForField(issue, field)}) and
     * the bulk read. A custom field's value is in the items' strings and option ids, so both are given.
     */
    public void flag(Issue issue, String field, String at, boolean wasSet, boolean set) {
        Timestamp time = Timestamp.from(Instant.parse(at));
        List<ChangeItemBean> items = flags.computeIfAbsent(issue.getId() + " " + field, k -> {
            List<ChangeItemBean> list = new ArrayList<>();
            lenient().when(changeHistory.getChangeItemsForField(issue, field)).thenReturn(list);
            return list;
        });
        ChangeItemBean item = mock(ChangeItemBean.class);
        lenient().when(item.getField()).thenReturn(field);
        lenient().when(item.getFrom()).thenReturn(wasSet ? FLAG_OPTION : null);
        lenient().when(item.getFromString()).thenReturn(wasSet ? IMPEDIMENT : null);
        lenient().when(item.getTo()).thenReturn(set ? FLAG_OPTION : null);
        lenient().when(item.getToString()).thenReturn(set ? IMPEDIMENT : null);
        lenient().when(item.getCreated()).thenReturn(time);
        items.add(item);
        group(issue, time, List.of(item));
    }

    /** A change group of {@code issue} without a status item (e.g. an edit), as the bulk read returns it. */
    public void edit(Issue issue, String at) {
        Timestamp time = Timestamp.from(Instant.parse(at));
        group(issue, time, List.of(item("summary", "old", "new", time)));
    }

    private void group(Issue issue, Timestamp at, List<ChangeItemBean> items) {
        Long issueId = issue.getId();
        ChangeHistory group = mock(ChangeHistory.class);
        lenient().when(group.getId()).thenReturn(nextHistoryId++);
        lenient().when(group.getIssueId()).thenReturn(issueId);
        lenient().when(group.getTimePerformed()).thenReturn(at);
        lenient().when(group.getChangeItemBeans()).thenReturn(items);
        histories.add(group);
    }

    private static ChangeItemBean item(String field, String from, String to, Timestamp at) {
        ChangeItemBean item = mock(ChangeItemBean.class);
        lenient().when(item.getField()).thenReturn(field);
        lenient().when(item.getFrom()).thenReturn(from);
        lenient().when(item.getTo()).thenReturn(to);
        lenient().when(item.getCreated()).thenReturn(at);
        return item;
    }

    /**
     * Two issues: FT-1 in progress on 2024-03-02 and done on 03-04 (cycle time 3 days); FT-2 in progress since
     * 03-05 (age 6 days on 03-10).
     */
    public List<Issue> twoIssues() {
        return List.of(
                issue("FT-1", "Story", "2024-03-01T09:00:00Z", DONE,
                        change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                        change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE)),
                issue("FT-2", "Bug", "2024-03-01T09:00:00Z", IN_PROGRESS,
                        change("2024-03-05T10:00:00Z", OPEN, IN_PROGRESS)));
    }

    /** Jira's search answers {@code jql} (for any user) with the given issues, on one page. */
    @SuppressWarnings("unchecked")
    public static void searchFinds(SearchService search, String jql, List<Issue> issues) throws Exception {
        SearchService.ParseResult parsed = mock(SearchService.ParseResult.class);
        Query query = mock(Query.class);
        SearchResults<Issue> page = mock(SearchResults.class);
        when(page.getResults()).thenReturn(issues);
        when(parsed.isValid()).thenReturn(true);
        when(parsed.getQuery()).thenReturn(query);
        when(search.parseQuery(any(), eq(jql))).thenReturn(parsed);
        when(search.validateQuery(any(), eq(query))).thenReturn(mock(MessageSet.class));
        when(search.searchCount(any(), eq(query))).thenReturn((long) issues.size());
        when(search.search(any(), eq(query), any())).thenReturn(page);
    }

    public static Change change(String at, String from, String to) {
        return new Change(at, from, to);
    }

    private static IssueType issueType(String name) {
        IssueType type = mock(IssueType.class);
        lenient().when(type.getName()).thenReturn(name);
        return type;
    }

    /** One status change item: when, from which status id, to which. */
    public record Change(String at, String from, String to) {
    }
}
