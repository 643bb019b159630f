package io.flowtrack.jira.history;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.REVIEW;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.atlassian.jira.database.QueryDslAccessor;
import com.atlassian.jira.issue.Issue;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.JiraFixture.Change;
import io.flowtrack.jira.LogCapture;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one-query-per-page read on Jira's change tables (H2, real querydsl-sql): the same histories as Jira's
 * per-issue read, one SQL statement per page, and the fallback when the accessor does not fit this Jira.
 */
class QueryDslStatusChangesTest {
    private final JiraFixture jira = new JiraFixture();
    private final JiraChangeTables tables = new JiraChangeTables();
    private final java.util.Map<String, com.atlassian.jira.issue.status.Status> statuses = new java.util.HashMap<>();

    @AfterEach
    void close() throws Exception {
        tables.close();
    }

    /** An issue known to both reads: the per-issue mock and Jira's tables (with other fields' items around it). */
    private Issue issue(String key, String current, Change... changes) {
        Issue issue = jira.issue(key, "Story", "2024-03-01T09:00:00Z", current, changes);
        for (Change c : changes) {
            tables.group(issue.getId(), Instant.parse(c.at()), new String[] {"resolution", null, "10000"},
                    new String[] {"status", c.from(), c.to()}, new String[] {"assignee", "alice", "bob"});
        }
        return issue;
    }

    private List<Issue> someIssues() {
        List<Issue> issues = new ArrayList<>();
        issues.add(issue("FT-1", DONE, change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                change("2024-03-03T10:00:00Z", IN_PROGRESS, REVIEW), change("2024-03-04T10:00:00Z", REVIEW, DONE)));
        issues.add(issue("FT-2", IN_PROGRESS, change("2024-03-05T10:00:00Z", OPEN, IN_PROGRESS)));
        issues.add(issue("FT-3", OPEN));
        // Reopened and done again; a change without a "from" (old imports).
        issues.add(issue("FT-4", DONE, change("2024-03-02T10:00:00Z", null, IN_PROGRESS),
                change("2024-03-06T10:00:00Z", IN_PROGRESS, DONE), change("2024-03-07T10:00:00Z", DONE, OPEN),
                change("2024-03-08T10:00:00Z", OPEN, DONE)));
        return issues;
    }

    /** A plain issue (no Mockito: a thousand of them stay cheap) with its status changes in Jira's tables only. */
    private Issue plain(long id, String current, Change... changes) {
        com.atlassian.jira.issue.status.Status status = statuses.computeIfAbsent(current,
                k -> jira.status(k, k, "indeterminate"));
        java.sql.Timestamp created = java.sql.Timestamp.from(Instant.parse("2024-03-01T09:00:00Z"));
        Issue issue = (Issue) java.lang.reflect.Proxy.newProxyInstance(Issue.class.getClassLoader(),
                new Class<?>[] {Issue.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getKey" -> "FT-" + id;
                    case "getCreated" -> created;
                    case "getStatus" -> status;
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        for (Change c : changes) {
            tables.group(id, Instant.parse(c.at()), new String[] {"status", c.from(), c.to()});
        }
        return issue;
    }

    private static List<WorkItem> read(StatusHistory history, List<Issue> page) {
        return history.items(page, null, false, new HashSet<>());
    }

    @Test
    void a_page_is_read_with_one_query_and_gives_the_per_issue_reads_histories() {
        List<Issue> issues = someIssues();
        // An issue not asked for, with its own history: never in the answer.
        Issue other = issue("FT-9", DONE, change("2024-03-02T11:00:00Z", OPEN, DONE));
        StatusHistory perIssue = new StatusHistory(jira.changeHistory, new HistoryCache(0), QueryDslStatusChanges.none());
        List<WorkItem> expected = read(perIssue, issues);

        StatusHistory byQuery = new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of(tables)));
        assertThat(byQuery.readsByQuery()).isTrue();
        org.mockito.Mockito.clearInvocations(jira.changeHistory);
        tables.statements.set(0);
        List<WorkItem> actual = read(byQuery, issues);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get(0).transitions()).hasSize(3);
        assertThat(actual.get(3).initialState()).isEqualTo(IN_PROGRESS);
        assertThat(tables.statements).hasValue(1);
        verify(jira.changeHistory, never()).getChangeItemsForField(any(), anyString());
        assertThat(other.getKey()).isEqualTo("FT-9");
    }

    @Test
    void changes_at_the_same_instant_keep_the_order_jira_wrote_them_in() {
        Issue issue = jira.issue("FT-5", "Story", "2024-03-01T09:00:00Z", DONE);
        Instant at = Instant.parse("2024-03-02T10:00:00Z");
        tables.group(issue.getId(), at, new String[] {"status", OPEN, IN_PROGRESS});
        tables.group(issue.getId(), at, new String[] {"status", IN_PROGRESS, DONE});
        // A corrupt row without a target status is skipped, as the per-issue read skips it.
        tables.group(issue.getId(), at.plusSeconds(60), new String[] {"status", DONE, null});
        WorkItem item = read(new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of(tables))), List.of(issue)).get(0);
        assertThat(item.initialState()).isEqualTo(OPEN);
        assertThat(item.transitions()).extracting(t -> t.from() + ">" + t.to())
                .containsExactly(OPEN + ">" + IN_PROGRESS, IN_PROGRESS + ">" + DONE);
    }

    @Test
    void a_report_of_1200_issues_runs_one_history_query_per_page_of_500() {
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            issues.add(plain(100_000 + i, DONE, change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                    change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE)));
        }
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of(tables)));
        tables.statements.set(0);
        List<WorkItem> items = new ArrayList<>();
        for (int start = 0; start < issues.size(); start += SearchLimits.DEFAULT_PAGE_SIZE) {
            items.addAll(read(history, issues.subList(start, Math.min(issues.size(), start + 500))));
        }
        assertThat(items).hasSize(1200).allSatisfy(i -> assertThat(i.transitions()).hasSize(2));
        assertThat(tables.statements).hasValue(3);
    }

    @Test
    void without_jiras_accessor_history_is_read_per_issue() {
        List<Issue> issues = someIssues();
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of()));
        assertThat(history.readsByQuery()).isFalse();
        assertThat(read(history, issues)).hasSize(4);
        verify(jira.changeHistory, org.mockito.Mockito.times(4)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
    }

    @Test
    void an_accessor_that_does_not_fit_this_jira_switches_the_query_off_for_good_logged_once() {
        List<Issue> issues = someIssues();
        int[] calls = {0};
        QueryDslAccessor misfit = new QueryDslAccessor() {
            @Override
            public <T> T executeQuery(com.atlassian.jira.database.QueryCallback<T> callback) {
                calls[0]++;
                throw new NoSuchFieldError("issue"); // QChangeGroup.issue named otherwise on this Jira
            }
        };
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of(misfit)));
        try (LogCapture log = LogCapture.of(QueryDslStatusChanges.class)) {
            assertThat(read(history, issues)).hasSize(4);
            assertThat(read(history, issues)).hasSize(4);
            assertThat(log.records()).hasSize(1);
            assertThat(LogCapture.text(log.records().get(0))).contains("NoSuchFieldError").doesNotContain("FT-");
        }
        assertThat(calls[0]).isEqualTo(1);
        assertThat(history.readsByQuery()).isFalse();
    }

    @Test
    void a_database_error_inside_jira_is_not_a_reason_to_switch_off() {
        QueryDslAccessor failing = new QueryDslAccessor() {
            @Override
            public <T> T executeQuery(com.atlassian.jira.database.QueryCallback<T> callback) {
                throw new IllegalStateException("connection refused");
            }
        };
        QueryDslStatusChanges query = new QueryDslStatusChanges(List.of(failing));
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0), query);
        assertThatThrownBy(() -> read(history, someIssues())).hasMessage("connection refused");
        assertThat(query.available()).isTrue();
    }

    @Test
    void more_issues_than_one_in_list_takes_are_split() {
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < QueryDslStatusChanges.MAX_IDS_PER_QUERY + 5; i++) {
            issues.add(plain(200_000 + i, IN_PROGRESS, change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS)));
        }
        tables.statements.set(0);
        Set<String> seen = new HashSet<>();
        List<WorkItem> items = new StatusHistory(jira.changeHistory, new HistoryCache(0),
                new QueryDslStatusChanges(List.of(tables))).items(issues, null, false, seen);
        assertThat(items).allSatisfy(i -> assertThat(i.transitions()).hasSize(1));
        assertThat(tables.statements).hasValue(2);
    }
}
