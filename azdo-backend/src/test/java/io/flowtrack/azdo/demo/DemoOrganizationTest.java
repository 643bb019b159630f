package io.flowtrack.azdo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoOrganizationTest {
    private static final LocalDate END = LocalDate.of(2026, 11, 1);

    @Test
    void revisionsAreNumberedFromOneAndChangeStateEachTime() {
        List<WorkItemRevision> revisions = DemoOrganization.revisions(300, 7, END, 180);
        Map<Integer, WorkItemRevision> last = new HashMap<>();
        for (WorkItemRevision r : revisions) {
            WorkItemRevision previous = last.get(r.workItemId());
            if (previous == null) {
                assertThat(r.rev()).isEqualTo(1);
                assertThat(r.changedDate()).isEqualTo(r.createdDate());
            } else {
                assertThat(r.rev()).isEqualTo(previous.rev() + 1);
                assertThat(!r.state().equals(previous.state()) || r.blocked() != previous.blocked())
                        .as("revision %d of %d changes the state or the blocked flag", r.rev(), r.workItemId()).isTrue();
                assertThat(r.changedDate()).isAfterOrEqualTo(previous.changedDate());
                assertThat(r.areaPath()).isEqualTo(previous.areaPath());
            }
            last.put(r.workItemId(), r);
        }
        assertThat(last).hasSize(300);
    }

    @Test
    void everyStateHasACategoryAndTheHistoryIsRealistic() {
        List<WorkItemRevision> revisions = DemoOrganization.revisions(500, 3, END, 180);
        Set<String> categorized = DemoOrganization.stateCategories().stream()
                .map(c -> c.workItemType() + "/" + c.state()).collect(Collectors.toSet());
        for (WorkItemRevision r : revisions) {
            assertThat(categorized).contains(r.workItemType() + "/" + r.state());
            assertThat(r.title()).isNull();
            assertThat(r.fields()).isEmpty();
        }
        Set<String> states = revisions.stream().map(WorkItemRevision::state).collect(Collectors.toSet());
        assertThat(states).contains("New", "Active", "In Review", "Testing", "Resolved", "Closed", "Removed");
        assertThat(revisions.stream().map(WorkItemRevision::workItemType).distinct().count()).isEqualTo(4);
        assertThat(DemoOrganization.stateCategories()).extracting(StateCategory::category)
                .containsOnly("Proposed", "InProgress", "Resolved", "Completed", "Removed");
    }

    @Test
    void itemsAreBlockedNowAndThenByTheirOwnRevisions() {
        List<WorkItemRevision> revisions = DemoOrganization.revisions(500, 3, END, 180);
        Map<Integer, WorkItemRevision> last = new HashMap<>();
        int blockings = 0;
        int unblockings = 0;
        for (WorkItemRevision r : revisions) {
            WorkItemRevision previous = last.get(r.workItemId());
            if (previous != null && r.blocked() != previous.blocked()) {
                if (r.blocked()) {
                    blockings++;
                } else {
                    unblockings++;
                }
            }
            last.put(r.workItemId(), r);
        }
        // The generator blocks about one flow visit in eight: tens of periods in 500 items, most of them ended.
        assertThat(blockings).isGreaterThan(20);
        assertThat(unblockings).isGreaterThan(blockings / 2).isLessThanOrEqualTo(blockings);
        // The history's items, assembled as the reports do, carry the periods the generator drew.
        io.flowtrack.metrics.model.History history = io.flowtrack.azdo.extract.HistoryAssembler.assemble(revisions,
                DemoOrganization.stateCategories(), null, null, java.time.ZoneOffset.UTC);
        long periods = history.items().stream().mapToLong(i -> i.blocked().size()).sum();
        assertThat(periods).isEqualTo(blockings);
    }

    @Test
    void theSameSeedGivesTheSameOrganization() {
        assertThat(DemoOrganization.revisions(100, 11, END, 90)).isEqualTo(DemoOrganization.revisions(100, 11, END, 90));
        assertThat(DemoOrganization.revisions(100, 11, END, 90)).isNotEqualTo(DemoOrganization.revisions(100, 12, END, 90));
    }
}
