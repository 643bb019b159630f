package io.flowtrack.jira.history;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.atlassian.jira.issue.Issue;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.metrics.model.WorkItem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryCacheTest {
    private final JiraFixture jira = new JiraFixture();

    private Issue issue(String updated) {
        Issue issue = jira.issue("FT-1", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS), change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE));
        when(issue.getUpdated()).thenReturn(Timestamp.from(Instant.parse(updated)));
        return issue;
    }

    @Test
    void anUnchangedIssueIsNotReadAgain() {
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(1000), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        Issue issue = issue("2024-03-04T10:00:00Z");
        Set<String> seen = new HashSet<>();
        WorkItem first = history.item(issue, false, seen);
        Set<String> seenAgain = new HashSet<>();
        WorkItem second = history.item(issue, false, seenAgain);
        assertThat(second).isSameAs(first);
        assertThat(seenAgain).isEqualTo(seen).containsExactlyInAnyOrder(OPEN, IN_PROGRESS, DONE);
        verify(jira.changeHistory, times(1)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
    }

    @Test
    void aBoundOfZeroHoldsNothingAtAll() {
        // Caffeine with maximumWeight(0) keeps an entry until its (asynchronous) maintenance runs: a second report
        // right after the first could be served from a cache that was switched off.
        HistoryCache off = new HistoryCache(0);
        StatusHistory history = new StatusHistory(jira.changeHistory, off, io.flowtrack.jira.history.QueryDslStatusChanges.none());
        Issue issue = issue("2024-03-04T10:00:00Z");
        for (int i = 0; i < 50; i++) {
            history.item(issue, false, new HashSet<>());
        }
        verify(jira.changeHistory, times(50)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
        assertThat(off.size()).isZero();
    }

    @Test
    void anUpdatedIssueIsReadAgain() {
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(1000), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        Issue issue = issue("2024-03-04T10:00:00Z");
        history.item(issue, false, new HashSet<>());
        when(issue.getUpdated()).thenReturn(Timestamp.from(Instant.parse("2024-03-05T10:00:00Z")));
        history.item(issue, false, new HashSet<>());
        verify(jira.changeHistory, times(2)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
    }

    @Test
    void switchingTitlesOnReadsTheIssueAgain() {
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(1000), io.flowtrack.jira.history.QueryDslStatusChanges.none());
        Issue issue = issue("2024-03-04T10:00:00Z");
        assertThat(history.item(issue, false, new HashSet<>()).title()).isNull();
        assertThat(history.item(issue, true, new HashSet<>()).title()).isEqualTo("Summary of FT-1");
        verify(jira.changeHistory, times(2)).getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
    }

    @Test
    void theCacheHoldsNoMoreTransitionsThanItsBound() {
        HistoryCache cache = new HistoryCache(30);
        StatusHistory history = new StatusHistory(jira.changeHistory, cache, io.flowtrack.jira.history.QueryDslStatusChanges.none());
        for (int i = 0; i < 50; i++) {
            history.item(issue("2024-03-04T10:00:00Z"), false, new HashSet<>()); // 3 transitions' weight each
        }
        assertThat(cache.size()).isBetween(1L, 10L);
    }
}
