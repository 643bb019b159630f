package io.flowtrack.jira.report;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.search.SearchResults;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.query.Query;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportParameters;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The report cache and the node's bound, through {@link JiraReports#report(ApplicationUser, String, Optional,
 * ReportParameters)} as the REST resource calls it: Jira's search mocked per user, histories counted where Jira's
 * ChangeHistoryManager is asked (a database query per call on a real Jira).
 */
class ComputedReportsTest {
    private static final String JQL = "filter = 10100";
    private final JiraFixture jira = new JiraFixture();
    private final SearchService search = mock(SearchService.class);
    private final ApplicationUser alice = mock(ApplicationUser.class);
    private final ApplicationUser bob = mock(ApplicationUser.class);
    private final Query query = mock(Query.class);
    private final ReportParameters parameters = ReportParameters.read(Map.of("asOf", "2024-03-10")::get,
            ZoneOffset.UTC);
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final AtomicInteger historyReads = new AtomicInteger();
    private volatile CountDownLatch historyGate = new CountDownLatch(0);
    private final List<Issue> all = new ArrayList<>();

    ComputedReportsTest() throws Exception {
        all.addAll(jira.twoIssues());
        all.add(jira.issue("FT-3", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS), change("2024-03-06T10:00:00Z", IN_PROGRESS, DONE)));
        for (Issue issue : all) {
            updated(issue, "2024-03-08T12:00:00Z");
            List<?> items = jira.changeHistory.getChangeItemsForField(issue, StatusHistory.STATUS_FIELD);
            lenient().when(jira.changeHistory.getChangeItemsForField(issue, StatusHistory.STATUS_FIELD))
                    .thenAnswer(a -> {
                        historyReads.incrementAndGet();
                        historyGate.await(10, TimeUnit.SECONDS);
                        return items;
                    });
        }
        SearchService.ParseResult parsed = mock(SearchService.ParseResult.class);
        when(parsed.isValid()).thenReturn(true);
        when(parsed.getQuery()).thenReturn(query);
        lenient().when(search.parseQuery(any(), anyString())).thenReturn(parsed);
        lenient().when(search.validateQuery(any(), eq(query))).thenReturn(mock(MessageSet.class));
        sees(alice, all);
        // Bob may not browse FT-3 (issue security): Jira's search, run as bob, leaves it out.
        sees(bob, all.subList(0, 2));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static void updated(Issue issue, String at) {
        lenient().when(issue.getUpdated()).thenReturn(Timestamp.from(Instant.parse(at)));
    }

    @SuppressWarnings("unchecked")
    private void sees(ApplicationUser user, List<Issue> issues) throws Exception {
        SearchResults<Issue> page = mock(SearchResults.class);
        lenient().when(page.getResults()).thenReturn(List.copyOf(issues));
        lenient().when(search.searchCount(eq(user), eq(query))).thenReturn((long) issues.size());
        lenient().when(search.search(eq(user), eq(query), any())).thenReturn(page);
    }

    private JiraReports reports(ReportGate gate, ReportCache cache) {
        return new JiraReports(new IssueSearch(search, new SearchLimits(100, 50)),
                new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(jira.statusManager),
                gate, cache);
    }

    private static ReportCache cache() {
        return new ReportCache(10_000, Duration.ofMinutes(5));
    }

    private static List<String> ids(Report report) {
        return report.items().stream().map(Report.Item::id).toList();
    }

    @Test
    void a_dashboard_of_eight_items_over_one_filter_computes_once() {
        JiraReports reports = reports(new ReportGate(4, 5), cache());
        for (int item = 0; item < 8; item++) {
            JiraReports.Result result = reports.report(alice, JQL, Optional.empty(), parameters);
            assertThat(ids(result.report())).containsExactly("FT-1", "FT-2", "FT-3");
        }
        assertThat(historyReads).hasValue(3); // one computation: one read per issue
    }

    @Test
    void eight_items_asking_at_the_same_moment_compute_once_and_take_one_permit() throws Exception {
        JiraReports reports = reports(new ReportGate(1, 5), cache());
        historyGate = new CountDownLatch(1);
        List<Future<JiraReports.Result>> asked = new ArrayList<>();
        for (int item = 0; item < 8; item++) {
            asked.add(threads.submit(() -> reports.report(alice, JQL, Optional.empty(), parameters)));
        }
        Thread.sleep(300); // let all eight reach the cache while the first computation waits on Jira
        historyGate.countDown();
        for (Future<JiraReports.Result> f : asked) {
            assertThat(ids(f.get(10, TimeUnit.SECONDS).report())).containsExactly("FT-1", "FT-2", "FT-3");
        }
        assertThat(historyReads).hasValue(3);
    }

    @Test
    void a_user_who_sees_fewer_issues_never_gets_the_report_of_one_who_sees_more() {
        JiraReports reports = reports(new ReportGate(4, 5), cache());
        assertThat(ids(reports.report(alice, JQL, Optional.empty(), parameters).report()))
                .containsExactly("FT-1", "FT-2", "FT-3");
        JiraReports.Result bobs = reports.report(bob, JQL, Optional.empty(), parameters);
        assertThat(ids(bobs.report())).containsExactly("FT-1", "FT-2");
        assertThat(bobs.issues()).isEqualTo(2);
        // Bob's own key is found again; Alice's is still hers.
        assertThat(ids(reports.report(bob, JQL, Optional.empty(), parameters).report())).hasSize(2);
        assertThat(ids(reports.report(alice, JQL, Optional.empty(), parameters).report())).hasSize(3);
        assertThat(historyReads).hasValue(3 + 2);
    }

    @Test
    void a_changed_issue_or_other_parameters_compute_again() {
        JiraReports reports = reports(new ReportGate(4, 5), cache());
        reports.report(alice, JQL, Optional.empty(), parameters);
        updated(all.get(1), "2024-03-09T08:00:00Z"); // not the newest before: the fingerprint still changes
        reports.report(alice, JQL, Optional.empty(), parameters);
        assertThat(historyReads).hasValue(6);
        reports.report(alice, JQL, Optional.empty(),
                ReportParameters.read(Map.of("asOf", "2024-03-10", "from", "2024-03-01")::get, ZoneOffset.UTC));
        assertThat(historyReads).hasValue(9);
        reports.report(alice, "project = 10000", Optional.empty(), parameters);
        assertThat(historyReads).hasValue(12);
    }

    @Test
    void an_issue_leaving_the_selection_computes_again_though_the_newest_update_is_the_same() throws Exception {
        JiraReports reports = reports(new ReportGate(4, 5), cache());
        reports.report(alice, JQL, Optional.empty(), parameters);
        sees(alice, List.of(all.get(0), all.get(2)));
        assertThat(ids(reports.report(alice, JQL, Optional.empty(), parameters).report()))
                .containsExactly("FT-1", "FT-3");
    }

    @Test
    void beyond_the_bound_a_computation_is_refused_at_once_and_the_next_one_runs() throws Exception {
        JiraReports reports = reports(new ReportGate(1, 7), cache());
        historyGate = new CountDownLatch(1);
        Future<JiraReports.Result> first = threads.submit(() -> reports.report(alice, JQL, Optional.empty(),
                parameters));
        while (historyReads.get() == 0) {
            Thread.sleep(10);
        }
        assertThatThrownBy(() -> reports.report(bob, JQL, Optional.empty(), parameters))
                .isInstanceOfSatisfying(ReportsBusyException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(7));
        historyGate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).issues()).isEqualTo(3);
        assertThat(reports.report(bob, JQL, Optional.empty(), parameters).issues()).isEqualTo(2);
    }

    @Test
    void the_bound_and_the_cache_read_the_nodes_system_properties() {
        System.setProperty(ReportGate.MAX_CONCURRENT_PROPERTY, "2");
        System.setProperty(ReportGate.RETRY_AFTER_PROPERTY, "9");
        try {
            ReportGate gate = ReportGate.fromSystemProperties();
            assertThat(gate.maxConcurrent()).isEqualTo(2);
            assertThat(gate.retryAfterSeconds()).isEqualTo(9);
            System.setProperty(ReportGate.MAX_CONCURRENT_PROPERTY, "zero");
            System.setProperty(ReportGate.RETRY_AFTER_PROPERTY, "100000");
            assertThat(ReportGate.fromSystemProperties().maxConcurrent()).isEqualTo(ReportGate.DEFAULT_MAX_CONCURRENT);
            assertThat(ReportGate.fromSystemProperties().retryAfterSeconds())
                    .isEqualTo(ReportGate.DEFAULT_RETRY_AFTER_SECONDS);
        } finally {
            System.clearProperty(ReportGate.MAX_CONCURRENT_PROPERTY);
            System.clearProperty(ReportGate.RETRY_AFTER_PROPERTY);
        }
        System.setProperty(ReportCache.MAX_ITEMS_PROPERTY, "0");
        try {
            JiraReports reports = reports(new ReportGate(4, 5), ReportCache.fromSystemProperties());
            reports.report(alice, JQL, Optional.empty(), parameters);
            reports.report(alice, JQL, Optional.empty(), parameters);
            assertThat(historyReads).hasValue(6); // switched off
        } finally {
            System.clearProperty(ReportCache.MAX_ITEMS_PROPERTY);
        }
    }

    @Test
    void a_failed_computation_is_not_kept() {
        ReportCache cache = cache();
        ReportCache.Key key = new ReportCache.Key(JQL, Optional.empty(), parameters,
                MatchedIssues.of(all).orElseThrow());
        assertThatThrownBy(() -> cache.get(key, () -> {
            throw new ReportsBusyException(1, 5);
        })).isInstanceOf(ReportsBusyException.class);
        assertThat(cache.size()).isZero();
        JiraReports.Result result = reports(new ReportGate(1, 5), ReportCache.off())
                .report(alice, JQL, Optional.empty(), parameters);
        assertThat(cache.get(key, () -> result)).isSameAs(result);
        assertThat(cache.get(key, () -> {
            throw new AssertionError("computed again");
        })).isSameAs(result);
    }
}
