package io.flowtrack.azdo.report;

import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.metrics.config.FlowSettings;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.quality.Finding;
import io.flowtrack.metrics.quality.ItemFindings;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryAssemblerTest {
    static final String TEAM_A = "Fabrikam\\Team A";

    static final List<StateCategory> BUG_STATES = List.of(
            new StateCategory("Bug", "New", "Proposed"), new StateCategory("Bug", "Active", "InProgress"),
            new StateCategory("Bug", "Resolved", "Resolved"), new StateCategory("Bug", "Closed", "Completed"),
            new StateCategory("Bug", "Removed", "Removed"),
            new StateCategory("User Story", "New", "Proposed"), new StateCategory("User Story", "Active", "InProgress"),
            new StateCategory("User Story", "Closed", "Completed"));

    static WorkItemRevision r(int id, int rev, String type, String area, String state, String created, String changed,
                              String title) {
        return new WorkItemRevision(id, rev, type, state, area, Instant.parse(created), Instant.parse(changed), title, Map.of(), false);
    }

    /**
     * Hand-checked set (UTC, cycle time = finish day − start day + 1, asOf 12 March 2025 12:00):
     * <pre>
     * 1 Bug  New 1 Mar → Active 3 Mar → Resolved 5 Mar → Closed 6 Mar   started 3, finished 5 (Resolved is done
     *        already; Resolved→Closed stays in the Done stage)                        cycle time 5−3+1 = 3
     * 2 Bug  New 2 Mar, rev 2 on 2 Mar changes the title only (no transition), Active 4 Mar, Closed 10 Mar
     *                                                                                  cycle time 10−4+1 = 7
     * 3 Bug  New 3 Mar → Active 8 Mar, still active                                    age 12−8+1 = 5
     * 4 Bug  New 1 Mar → Removed 6 Mar                                                 excluded (removed)
     * 5 Bug  New 1 Mar → Active 2 Mar → Legacy 3 Mar (no stage, no category) → Closed 9 Mar
     *        Legacy is skipped: it stays In Progress                                   cycle time 9−2+1 = 8
     * 6 User Story in "Fabrikam\Other Team": New 1 Mar → Active 2 Mar → Closed 4 Mar   cycle time 3, filtered out
     * Finished under Team A: 3, 7, 8 → count 3, min 3, max 8, mean 6.0; nearest rank p50 = 2nd = 7, p85 = 3rd = 8.
     * </pre>
     */
    static List<WorkItemRevision> revisions() {
        List<WorkItemRevision> list = new ArrayList<>(List.of(
                r(1, 1, "Bug", TEAM_A, "New", "2025-03-01T09:00:00Z", "2025-03-01T09:00:00Z", "Crash on save"),
                r(1, 2, "Bug", TEAM_A, "Active", "2025-03-01T09:00:00Z", "2025-03-03T10:00:00Z", "Crash on save"),
                r(1, 3, "Bug", TEAM_A, "Resolved", "2025-03-01T09:00:00Z", "2025-03-05T10:00:00Z", "Crash on save"),
                r(1, 4, "Bug", TEAM_A, "Closed", "2025-03-01T09:00:00Z", "2025-03-06T10:00:00Z", "Crash on save"),
                r(2, 1, "Bug", TEAM_A, "New", "2025-03-02T08:00:00Z", "2025-03-02T08:00:00Z", null),
                r(2, 2, "Bug", TEAM_A, "New", "2025-03-02T08:00:00Z", "2025-03-02T15:00:00Z", null),
                r(2, 3, "Bug", TEAM_A, "Active", "2025-03-02T08:00:00Z", "2025-03-04T09:00:00Z", null),
                r(2, 4, "Bug", TEAM_A, "Closed", "2025-03-02T08:00:00Z", "2025-03-10T17:00:00Z", null),
                r(3, 1, "Bug", TEAM_A, "New", "2025-03-03T08:00:00Z", "2025-03-03T08:00:00Z", null),
                r(3, 2, "Bug", TEAM_A + "\\Sub", "Active", "2025-03-03T08:00:00Z", "2025-03-08T09:00:00Z", null),
                r(4, 1, "Bug", TEAM_A, "New", "2025-03-01T08:00:00Z", "2025-03-01T08:00:00Z", null),
                r(4, 2, "Bug", TEAM_A, "Removed", "2025-03-01T08:00:00Z", "2025-03-06T08:00:00Z", null),
                r(5, 1, "Bug", TEAM_A, "New", "2025-03-01T08:00:00Z", "2025-03-01T08:00:00Z", null),
                r(5, 2, "Bug", TEAM_A, "Active", "2025-03-01T08:00:00Z", "2025-03-02T08:00:00Z", null),
                r(5, 3, "Bug", TEAM_A, "Legacy", "2025-03-01T08:00:00Z", "2025-03-03T08:00:00Z", null),
                r(5, 4, "Bug", TEAM_A, "Closed", "2025-03-01T08:00:00Z", "2025-03-09T08:00:00Z", null),
                r(6, 1, "User Story", "Fabrikam\\Other Team", "New", "2025-03-01T08:00:00Z", "2025-03-01T08:00:00Z", null),
                r(6, 2, "User Story", "Fabrikam\\Other Team", "Active", "2025-03-01T08:00:00Z", "2025-03-02T08:00:00Z", null),
                r(6, 3, "User Story", "Fabrikam\\Other Team", "Closed", "2025-03-01T08:00:00Z", "2025-03-04T08:00:00Z", null)));
        list.add(list.get(2)); // a duplicate (id 1, rev 3), as a replayed page could deliver it
        Collections.shuffle(list, new Random(7)); // change order, not item order
        return list;
    }

    static final ReportRequest REQUEST = ReportRequest.builder().asOf(Instant.parse("2025-03-12T12:00:00Z"))
            .startPolicy(StartPolicy.FIRST).build();

    static Map<String, Integer> cycleTimes(Report report) {
        return report.items().stream().filter(i -> i.cycleTimeDays() != null)
                .collect(Collectors.toMap(Report.Item::id, Report.Item::cycleTimeDays));
    }

    @Test
    void defaultWorkflowFromCategories() {
        Workflow w = HistoryAssembler.defaultWorkflow(BUG_STATES);
        assertThat(w.stages()).containsExactly(
                Stage.of("Proposed", Category.PROPOSED, "New"),
                Stage.of("In Progress", Category.ACTIVE, "Active"),
                Stage.of("Done", Category.DONE, "Resolved", "Closed"),
                Stage.of("Removed", Category.REMOVED, "Removed"));
        assertThat(w.commitmentStage().name()).isEqualTo("In Progress");
    }

    @Test
    void aStateWithDifferentCategoriesPerTypeGoesWhereMostTypesPutIt() {
        Workflow w = HistoryAssembler.defaultWorkflow(List.of(
                new StateCategory("Bug", "Active", "InProgress"),
                new StateCategory("Task", "Done", "Completed"),
                new StateCategory("Bug", "Done", "Completed"),
                new StateCategory("Odd", "Done", "InProgress"),
                new StateCategory("Odd", "Parked", "Proposed"),
                new StateCategory("Odd2", "Parked", "InProgress"),
                new StateCategory("Odd3", "Weird", "SomethingNew")));
        assertThat(w.stages()).containsExactly(
                Stage.of("Proposed", Category.PROPOSED, "Parked"),       // tie 1:1 → the earlier stage
                Stage.of("In Progress", Category.ACTIVE, "Active"),
                Stage.of("Done", Category.DONE, "Done"));                // 2 Completed vs 1 InProgress
        assertThat(w.maps("Weird")).isFalse();                           // unknown category: unmapped
    }

    @Test
    void handCheckedCycleTimesThroughTheEngine() {
        History history = HistoryAssembler.assemble(revisions(), BUG_STATES, null,
                new HistoryAssembler.Filter("fabrikam\\team a\\", Set.of()), ZoneOffset.UTC);
        assertThat(history.source()).isEqualTo("azure-devops");
        assertThat(history.items()).extracting(i -> i.id()).containsExactly("1", "2", "3", "4", "5");
        assertThat(history.items().get(0).title()).isEqualTo("Crash on save");
        assertThat(history.items().get(1).title()).isNull();
        assertThat(history.items().get(1).transitions()).hasSize(2); // the title-only revision is no transition
        assertThat(history.items().get(0).transitions()).hasSize(3); // the duplicate revision counts once

        Report report = FlowEngine.report(history, REQUEST);
        assertThat(cycleTimes(report)).isEqualTo(Map.of("1", 3, "2", 7, "5", 8));
        assertThat(report.cycleTime().count()).isEqualTo(3);
        assertThat(report.cycleTime().min()).isEqualTo(3);
        assertThat(report.cycleTime().max()).isEqualTo(8);
        assertThat(report.cycleTime().mean()).isEqualTo(6.0);
        assertThat(report.cycleTime().percentiles()).containsEntry(50, 7).containsEntry(85, 8);
        assertThat(report.items()).filteredOn(i -> i.id().equals("3")).singleElement()
                .satisfies(i -> assertThat(i.ageDays()).isEqualTo(5));
        assertThat(report.excluded().removed()).isEqualTo(1);
    }

    @Test
    void anUnmappedStateIsIgnoredAndReportedAsADataQualityFinding() {
        History history = HistoryAssembler.assemble(revisions(), BUG_STATES, null, null, ZoneOffset.UTC);
        assertThat(history.ignoreUnmappedStates()).isTrue();
        Report report = FlowEngine.report(history, REQUEST);
        assertThat(report.dataQuality().counts()).containsEntry(Finding.Kind.UNMAPPED_STATES, 1);
        assertThat(report.dataQuality().items()).filteredOn(f -> f.findings().stream()
                        .anyMatch(x -> x.kind() == Finding.Kind.UNMAPPED_STATES))
                .extracting(ItemFindings::id).containsExactly("5");
        assertThat(cycleTimes(report)).containsEntry("5", 8).containsEntry("6", 3); // no filter: 6 is in
    }

    @Test
    void typeFilterAndAreaFilter() {
        History stories = HistoryAssembler.assemble(revisions(), BUG_STATES, null,
                new HistoryAssembler.Filter(null, Set.of("user story")), ZoneOffset.UTC);
        assertThat(stories.items()).extracting(i -> i.id()).containsExactly("6");
        History sub = HistoryAssembler.assemble(revisions(), BUG_STATES, null,
                new HistoryAssembler.Filter(TEAM_A + "\\Sub", Set.of()), ZoneOffset.UTC);
        assertThat(sub.items()).extracting(i -> i.id()).containsExactly("3"); // the latest revision's area
        History notAPrefixMatch = HistoryAssembler.assemble(revisions(), BUG_STATES, null,
                new HistoryAssembler.Filter("Fabrikam\\Team", Set.of()), ZoneOffset.UTC);
        assertThat(notAPrefixMatch.items()).isEmpty(); // "Team A" is not under "Team"
    }

    @Test
    void aProjectConfigurationReplacesTheDefaultWorkflow() {
        ProjectFlowConfig config = new ProjectFlowConfig(new FlowSettings(List.of(
                Stage.of("Backlog", Category.PROPOSED, "New"),
                Stage.of("Doing", Category.ACTIVE, "Active", "Legacy"),
                Stage.of("Review", Category.WAITING, "Resolved"),
                Stage.of("Done", Category.DONE, "Closed"),
                Stage.of("Dropped", Category.REMOVED, "Removed")),
                "Doing", StartPolicy.FIRST, new io.flowtrack.metrics.report.ReportRequest.Sle(10, 85), null));
        History history = HistoryAssembler.assemble(revisions(), BUG_STATES, config,
                new HistoryAssembler.Filter(TEAM_A, Set.of("Bug")), ZoneOffset.UTC);
        assertThat(history.workflow().stages()).extracting(Stage::name)
                .containsExactly("Backlog", "Doing", "Review", "Done", "Dropped");
        Report report = FlowEngine.report(history, REQUEST);
        // item 1 now finishes when Closed (6 Mar), Resolved being Review: 6−3+1 = 4; Legacy is mapped now
        assertThat(cycleTimes(report)).isEqualTo(Map.of("1", 4, "2", 7, "5", 8));
        assertThat(report.dataQuality().counts().getOrDefault(Finding.Kind.UNMAPPED_STATES, 0)).isZero();
    }

    @Test
    void runsOfBlockedRevisionsBecomeBlockedPeriodsAndTheLastOneMayStayOpen() {
        Instant c = Instant.parse("2025-03-01T09:00:00Z");
        java.util.function.BiFunction<Integer, Object[], WorkItemRevision> rev = (n, a) -> new WorkItemRevision(1, n,
                "Bug", (String) a[0], TEAM_A, c, Instant.parse((String) a[1]), null, Map.of(), (Boolean) a[2]);
        List<WorkItemRevision> revisions = List.of(
                rev.apply(1, new Object[]{"New", "2025-03-01T09:00:00Z", false}),
                rev.apply(2, new Object[]{"Active", "2025-03-02T09:00:00Z", true}), // blocked as it starts
                rev.apply(3, new Object[]{"Active", "2025-03-03T09:00:00Z", true}), // still: the same period
                rev.apply(4, new Object[]{"Active", "2025-03-04T15:00:00Z", false}),
                rev.apply(5, new Object[]{"Active", "2025-03-05T09:00:00Z", false}),
                rev.apply(6, new Object[]{"Active", "2025-03-06T09:00:00Z", true})); // blocked now
        History h = HistoryAssembler.assemble(revisions, BUG_STATES, null, null, ZoneOffset.UTC);
        assertThat(h.items()).singleElement().satisfies(item -> {
            assertThat(item.blocked()).containsExactly(
                    new io.flowtrack.metrics.model.BlockedPeriod(Instant.parse("2025-03-02T09:00:00Z"),
                            Instant.parse("2025-03-04T15:00:00Z")),
                    new io.flowtrack.metrics.model.BlockedPeriod(Instant.parse("2025-03-06T09:00:00Z"), null));
            assertThat(item.transitions()).hasSize(1); // blocking changes no state
        });
        // Blocked time to asOf 7 Mar 09:00: 54 h + 24 h = 78 h; blocked now.
        Report report = FlowEngine.report(h, ReportRequest.builder().asOf(Instant.parse("2025-03-07T09:00:00Z")).build());
        String json = io.flowtrack.metrics.io.ReportWriter.toJson(report, false);
        assertThat(json).contains("\"blockedSeconds\":" + 78 * 3600).contains("\"blockedNow\":true");
        // Without flags (a project that names no source), no period at all.
        History none = HistoryAssembler.assemble(revisions.stream().map(r -> r.withBlocked(false)).toList(), BUG_STATES,
                null, null, ZoneOffset.UTC);
        assertThat(none.items().get(0).blocked()).isEmpty();
    }
}
