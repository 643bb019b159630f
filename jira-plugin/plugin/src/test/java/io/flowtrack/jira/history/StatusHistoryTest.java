package io.flowtrack.jira.history;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.REVIEW;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.jira.issue.Issue;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {
    private final JiraFixture jira = new JiraFixture();
    private final StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
    private final Set<String> seen = new HashSet<>();

    @Test
    void statusChangesBecomeTransitionsBetweenStatusIds() {
        Issue issue = jira.issue("FT-1", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE));
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.id()).isEqualTo("FT-1");
        assertThat(item.type()).isEqualTo("Story");
        assertThat(item.created()).isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        assertThat(item.initialState()).isEqualTo(OPEN);
        assertThat(item.transitions()).extracting(StateChange::from, StateChange::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OPEN, IN_PROGRESS),
                        org.assertj.core.groups.Tuple.tuple(IN_PROGRESS, DONE));
        assertThat(item.transitions().get(1).at()).isEqualTo(Instant.parse("2024-03-04T10:00:00Z"));
        assertThat(item.title()).isNull();
        assertThat(seen).containsExactlyInAnyOrder(OPEN, IN_PROGRESS, DONE);
    }

    @Test
    void anIssueThatNeverChangedStatusWasCreatedInItsCurrentOne() {
        Issue issue = jira.issue("FT-2", "Bug", "2024-03-01T09:00:00Z", IN_PROGRESS);
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.initialState()).isEqualTo(IN_PROGRESS);
        assertThat(item.transitions()).isEmpty();
    }

    @Test
    void titlesOnlyWhenSwitchedOn() {
        Issue issue = jira.issue("FT-3", "Story", "2024-03-01T09:00:00Z", OPEN);
        assertThat(history.item(issue, false, seen).title()).isNull();
        assertThat(history.item(issue, true, seen).title()).isEqualTo("Summary of FT-3");
    }

    @Test
    void statusesAreMappedByIdSoARenamedOrDeletedStatusKeepsItsPlace() {
        jira.status(REVIEW, "Peer Review (renamed)", "indeterminate");
        jira.delete(IN_PROGRESS);
        Issue issue = jira.issue("FT-4", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                change("2024-03-03T10:00:00Z", IN_PROGRESS, REVIEW),
                change("2024-03-04T10:00:00Z", REVIEW, DONE));
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.transitions()).extracting(StateChange::to).containsExactly(IN_PROGRESS, REVIEW, DONE);
    }

    @Test
    void changesAreOrderedByTimeWhateverOrderJiraReturns() {
        Issue issue = jira.issue("FT-5", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-04T10:00:00Z", IN_PROGRESS, DONE),
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS));
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.initialState()).isEqualTo(OPEN);
        assertThat(item.transitions()).extracting(StateChange::to).containsExactly(IN_PROGRESS, DONE);
    }

    @Test
    void aChangeDatedBeforeCreationMovesCreationBackInsteadOfFailingTheReport() {
        Issue issue = jira.issue("FT-6", "Story", "2024-03-05T09:00:00Z", IN_PROGRESS,
                change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS));
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.created()).isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
    }

    @Test
    void aFirstChangeWithoutFromStartsInItsTargetAndAddsNoSelfMove() {
        Issue issue = jira.issue("FT-7", "Story", "2024-03-01T09:00:00Z", DONE,
                change("2024-03-02T10:00:00Z", null, IN_PROGRESS),
                change("2024-03-03T10:00:00Z", IN_PROGRESS, DONE));
        WorkItem item = history.item(issue, false, seen);
        assertThat(item.initialState()).isEqualTo(IN_PROGRESS);
        assertThat(item.transitions()).extracting(StateChange::to).containsExactly(DONE);
    }

    @Test
    void anIssueMovedBetweenProjectsKeepsItsWholeHistoryUnderItsCurrentKey() {
        // Jira keeps change items across a move; statuses are global, so ids from the old workflow stay valid.
        jira.status("20001", "Triage (old project)", "new");
        Issue moved = jira.issue("NEW-12", "Story", "2024-02-01T09:00:00Z", IN_PROGRESS,
                change("2024-02-02T09:00:00Z", "20001", OPEN),
                change("2024-03-02T09:00:00Z", OPEN, IN_PROGRESS));
        WorkItem item = history.item(moved, false, seen);
        assertThat(item.id()).isEqualTo("NEW-12");
        assertThat(item.initialState()).isEqualTo("20001");
        assertThat(item.transitions()).hasSize(2);
    }
}
