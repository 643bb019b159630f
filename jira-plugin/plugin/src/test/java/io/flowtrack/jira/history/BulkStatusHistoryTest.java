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
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistory;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.JiraFixture.BulkChangeHistoryManager;
import io.flowtrack.jira.LogCapture;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulk read (Jira's getChangeHistoriesForUser, found by reflection) against the per-issue read. */
class BulkStatusHistoryTest {
    private final ApplicationUser user = mock(ApplicationUser.class);
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(BulkChangeHistory.class);
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    /** The same issues in a Jira; the last one exists but is not on the page that is read. */
    private static List<Issue> scenario(JiraFixture jira) {
        List<Issue> page = new ArrayList<>();
        page.add(jira.issue("FT-1", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS), change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE)));
        Issue unchanged = jira.issue("FT-2", "Bug", "2024-03-01T09:00:00Z", IN_PROGRESS);
        jira.edit(unchanged, "2024-03-03T09:00:00Z"); // a change group without a status item
        page.add(unchanged);
        page.add(jira.issue("FT-3", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE), change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS)));
        page.add(jira.issue("FT-4", "Story", "2024-03-01T09:00:00Z", DONE, // two moves within the same instant
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS), change("2024-03-02T10:00:00Z", IN_PROGRESS, REVIEW),
                change("2024-03-05T10:00:00Z", REVIEW, DONE)));
        page.add(jira.issue("FT-5", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", null, IN_PROGRESS), change("2024-03-03T10:00:00Z", IN_PROGRESS, DONE)));
        page.add(jira.issue("FT-6", "Story", "2024-03-05T09:00:00Z", IN_PROGRESS,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS)));
        jira.status("20001", "Triage (old project)", "new");
        page.add(jira.issue("NEW-7", "Story", "2024-02-01T09:00:00Z", IN_PROGRESS,
                change("2024-02-02T09:00:00Z", "20001", OPEN), change("2024-03-02T09:00:00Z", OPEN, IN_PROGRESS)));
        jira.issue("FT-8", "Story", "2024-03-01T09:00:00Z", DONE, // not on the page
                change("2024-03-02T10:00:00Z", OPEN, DONE));
        return page;
    }

    @Test
    void theBulkReadGivesExactlyThePerIssueHistories() {
        JiraFixture plain = new JiraFixture();
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> plainPage = scenario(plain);
        List<Issue> bulkPage = scenario(bulk);
        for (boolean titles : new boolean[] {false, true}) {
            StatusHistory perIssue = new StatusHistory(plain.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
            StatusHistory inBulk = new StatusHistory(bulk.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
            assertThat(perIssue.readsInBulk()).isFalse();
            assertThat(inBulk.readsInBulk()).isTrue();
            Set<String> perIssueIds = new HashSet<>();
            Set<String> bulkIds = new HashSet<>();
            List<WorkItem> expected = perIssue.items(plainPage, user, titles, perIssueIds);
            List<WorkItem> actual = inBulk.items(bulkPage, user, titles, bulkIds);
            assertThat(actual).isEqualTo(expected).hasSize(7);
            assertThat(bulkIds).isEqualTo(perIssueIds).doesNotContain((String) null);
        }
        verify(bulk.changeHistory, never()).getChangeItemsForField(any(), anyString());
        verify(plain.changeHistory, times(2 * 7)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
        assertThat(bulk.bulkCalls).hasSize(2).allSatisfy(asked -> assertThat(asked).hasSize(7));
    }

    @Test
    void theMappingIsTheOneTheEngineExpects() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        List<WorkItem> items = new StatusHistory(bulk.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none())
                .items(page, user, false, new HashSet<>());
        assertThat(items).extracting(WorkItem::id).containsExactly("FT-1", "FT-2", "FT-3", "FT-4", "FT-5", "FT-6",
                "NEW-7");
        assertThat(items.get(1).initialState()).isEqualTo(IN_PROGRESS); // edits only: created in its status
        assertThat(items.get(1).transitions()).isEmpty();
        assertThat(items.get(2).transitions()).extracting(StateChange::to).containsExactly(IN_PROGRESS, DONE);
        // equal times: Jira's order (change group id), whatever order the bulk answer came in
        assertThat(items.get(3).transitions()).extracting(StateChange::to).containsExactly(IN_PROGRESS, REVIEW, DONE);
        assertThat(items.get(4).initialState()).isEqualTo(IN_PROGRESS);
        assertThat(items.get(5).created()).isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
        assertThat(items.get(6).initialState()).isEqualTo("20001");
    }

    @Test
    void issuesAreReadOnePageAtATimeAndCachedOnesAreNotAskedFor() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        page.forEach(i -> when(i.getUpdated()).thenReturn(java.sql.Timestamp.from(Instant.parse("2024-03-06T00:00:00Z"))));
        StatusHistory history = new StatusHistory(bulk.changeHistory, new HistoryCache(1000), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        history.items(page.subList(0, 3), user, false, new HashSet<>());
        history.items(page, user, false, new HashSet<>());
        history.items(page, user, false, new HashSet<>());
        assertThat(bulk.bulkCalls).hasSize(2);
        assertThat(bulk.bulkCalls.get(0)).containsExactlyInAnyOrder(page.get(0).getId(), page.get(1).getId(),
                page.get(2).getId());
        assertThat(bulk.bulkCalls.get(1)).hasSize(4).doesNotContain(page.get(0).getId());
    }

    @Test
    void withoutTheBulkMethodEveryIssueIsReadOnItsOwnAndThatIsLoggedOnce() {
        JiraFixture plain = new JiraFixture();
        List<Issue> page = scenario(plain);
        StatusHistory history = new StatusHistory(plain.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        history.items(page, user, false, new HashSet<>());
        assertThat(history.readsInBulk()).isFalse();
        verify(plain.changeHistory, times(7)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
        assertThat(log.records()).hasSize(1);
        assertThat(log.records().get(0).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void elementsThatAreNotChangeHistoriesSwitchTheBulkReadOffForGood() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        fallsBackWithTheSameHistories(bulk, page, List.class.cast(List.of("not a change history")));
    }

    @Test
    void itemsThatAreNotChangeItemBeansSwitchTheBulkReadOff() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        Long issueId = page.get(0).getId();
        ChangeHistory odd = mock(ChangeHistory.class);
        when(odd.getIssueId()).thenReturn(issueId);
        when(odd.getTimePerformed()).thenReturn(java.sql.Timestamp.from(Instant.parse("2024-03-02T10:00:00Z")));
        when(odd.getChangeItemBeans()).thenReturn(List.class.cast(List.of("status", "3")));
        fallsBackWithTheSameHistories(bulk, page, List.of(odd));
    }

    @Test
    void aLinkageErrorInsideJiraSwitchesTheBulkReadOff() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        doThrow(new NoSuchMethodError("ChangeHistory.getIssueId()Ljava/lang/Long;"))
                .when((BulkChangeHistoryManager) bulk.changeHistory).getChangeHistoriesForUser(any(), any());
        assertFallsBack(bulk, page);
    }

    @Test
    void aFailureOfJiraItselfPropagatesAndKeepsTheBulkRead() {
        JiraFixture bulk = new JiraFixture(true);
        List<Issue> page = scenario(bulk);
        doThrow(new IllegalStateException("database unavailable"))
                .when((BulkChangeHistoryManager) bulk.changeHistory).getChangeHistoriesForUser(any(), any());
        StatusHistory history = new StatusHistory(bulk.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        assertThatThrownBy(() -> history.items(page, user, false, new HashSet<>()))
                .isInstanceOf(IllegalStateException.class).hasMessage("database unavailable");
        assertThat(history.readsInBulk()).isTrue();
    }

    private void fallsBackWithTheSameHistories(JiraFixture bulk, List<Issue> page, List<ChangeHistory> answer) {
        doReturn(answer).when((BulkChangeHistoryManager) bulk.changeHistory).getChangeHistoriesForUser(any(), any());
        assertFallsBack(bulk, page);
    }

    private void assertFallsBack(JiraFixture bulk, List<Issue> page) {
        JiraFixture plain = new JiraFixture();
        List<WorkItem> expected = new StatusHistory(plain.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none())
                .items(scenario(plain), user, false, new HashSet<>());
        log.close();
        log = LogCapture.of(BulkChangeHistory.class);
        StatusHistory history = new StatusHistory(bulk.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        assertThat(history.items(page, user, false, new HashSet<>())).isEqualTo(expected);
        assertThat(history.readsInBulk()).isFalse();
        assertThat(history.items(page, user, false, new HashSet<>())).isEqualTo(expected);
        verify((BulkChangeHistoryManager) bulk.changeHistory, times(1)).getChangeHistoriesForUser(any(), any());
        List<LogRecord> warnings = log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings).hasSize(1);
        String logged = LogCapture.text(warnings.get(0));
        assertThat(warnings.get(0).getThrown()).isNull();
        for (Issue issue : page) {
            assertThat(logged).doesNotContain(issue.getKey()).doesNotContain(String.valueOf(issue.getId()));
        }
    }

    /** Interfaces with and without an acceptable bulk method. */
    public interface WithCollection extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Collection<Issue> issues, ApplicationUser user);
    }

    public interface SingleIssueOnly extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Issue issue, ApplicationUser user);
    }

    public interface ReturnsASet extends ChangeHistoryManager {
        Set<ChangeHistory> getChangeHistoriesForUser(Iterable<Issue> issues, ApplicationUser user);
    }

    public interface TakesAnObject extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Object issues, ApplicationUser user);
    }

    public interface NotAChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Iterable<Issue> issues, ApplicationUser user);
    }

    interface NotPublic extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Iterable<Issue> issues, ApplicationUser user);
    }

    @Test
    void onlyAnIterableCompatibleListReadOnAChangeHistoryManagerInterfaceIsAccepted() {
        assertThat(BulkChangeHistory.find(mock(BulkChangeHistoryManager.class).getClass())).isNotNull();
        assertThat(BulkChangeHistory.find(mock(WithCollection.class).getClass())).isNotNull();
        assertThat(BulkChangeHistory.find(mock(ChangeHistoryManager.class).getClass())).isNull();
        assertThat(BulkChangeHistory.find(mock(SingleIssueOnly.class).getClass())).isNull();
        assertThat(BulkChangeHistory.find(mock(ReturnsASet.class).getClass())).isNull();
        assertThat(BulkChangeHistory.find(mock(TakesAnObject.class).getClass())).isNull();
        assertThat(BulkChangeHistory.find(mock(NotPublic.class).getClass())).isNull();
        Object both = mock(ChangeHistoryManager.class, org.mockito.Mockito.withSettings()
                .extraInterfaces(NotAChangeHistoryManager.class));
        assertThat(BulkChangeHistory.find(both.getClass())).isNull();
    }
}
