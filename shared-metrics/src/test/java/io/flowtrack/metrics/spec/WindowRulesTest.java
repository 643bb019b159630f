package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.HOUR;
import static io.flowtrack.metrics.spec.Fx.arrivals;
import static io.flowtrack.metrics.spec.Fx.at;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.findings;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.ids;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.standard;
import static io.flowtrack.metrics.spec.Fx.throughput;
import static io.flowtrack.metrics.spec.Fx.wip;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The window [from, to] and the moment asOf: what each cuts, the percentiles over the window, custom
 * percentiles and SLE attainment. Workflow {@link Fx#standard()}.
 */
class WindowRulesTest {

    // A: 01-03T10 In Progress, 01-12T10 Done → starts before from, finishes after to; cycle 12−3+1 = 10
    // B: 01-06T10 In Progress, 01-08T10 Done → whole life inside; cycle 3
    // C: 01-08T10 In Progress, unfinished at asOf (end of 01-20)
    // E: 01-02T10 In Progress, 01-03T10 Done → finished before from; cycle 2
    private final History cut = history(standard(),
            item("A", "2024-01-01T08:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-12T10:00", "Done"),
            item("B", "2024-01-01T08:00", "To Do", "2024-01-06T10:00", "In Progress", "2024-01-08T10:00", "Done"),
            item("C", "2024-01-01T08:00", "To Do", "2024-01-08T10:00", "In Progress"),
            item("E", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "Done"));

    @Test
    @DisplayName("an item started before from and finished after to is in WIP on every window day, not an arrival or throughput")
    void windowCutsLives() {
        // window 01-05..01-10: wip 05 A; 06 A B; 07 A B; 08 A B C; 09 A C; 10 A C
        // arrivals: B 01-06, C 01-08; throughput: B 01-08; A and E arrive/finish outside
        Report r = report(cut, endOf("2024-01-20"), "2024-01-05", "2024-01-10");
        assertThat(r.daily()).hasSize(6);
        assertThat(r.daily().get(0).date()).isEqualTo(d("2024-01-05"));
        assertThat(wip(r)).containsExactly(1, 2, 2, 3, 2, 2);
        assertThat(arrivals(r)).containsExactly(0, 1, 0, 1, 0, 0);
        assertThat(throughput(r)).containsExactly(0, 0, 0, 1, 0, 0);
    }

    @Test
    @DisplayName("only items finished inside [from, to] make the cycle-time percentiles; every item is still listed")
    void percentilesOnlyInsideWindow() {
        // in the window: B (3) only → count 1, every percentile 3; A (10) and E (2) finished outside
        Report r = report(cut, endOf("2024-01-20"), "2024-01-05", "2024-01-10");
        assertThat(r.cycleTime().count()).isEqualTo(1);
        assertThat(r.cycleTime().percentiles()).containsOnly(Map.entry(50, 3), Map.entry(70, 3), Map.entry(85, 3),
                Map.entry(95, 3));
        assertThat(ids(r)).containsExactly("A", "B", "C", "E");
        assertThat(Fx.item(r, "A").cycleTimeDays()).isEqualTo(10);
        assertThat(Fx.item(r, "E").cycleTimeDays()).isEqualTo(2);
        assertThat(r.byType()).containsExactly(new Report.TypeCount("Story", 1));
    }

    @Test
    @DisplayName("a custom percentiles list is honoured in request order (nearest rank)")
    void customPercentiles() {
        // whole window 01-01..01-20: finished E (2), B (3), A (10) → sorted [2, 3, 10], n = 3
        // P25 rank ⌈0.75⌉=1 → 2; P90 rank ⌈2.7⌉=3 → 10; P34 rank ⌈1.02⌉=2 → 3; P100 → 10
        Report r = FlowEngine.report(cut, ReportRequest.builder().asOf(endOf("2024-01-20"))
                .from(d("2024-01-01")).to(d("2024-01-20")).percentiles(List.of(25, 90, 34, 100)).build());
        assertThat(r.cycleTime().percentiles()).containsExactly(Map.entry(25, 2), Map.entry(90, 10),
                Map.entry(34, 3), Map.entry(100, 10));
        assertThat(r.cycleTime().min()).isEqualTo(2);
        assertThat(r.cycleTime().max()).isEqualTo(10);
        assertThat(r.cycleTime().mean()).isEqualTo(5.0); // (2+3+10)/3
    }

    // X: 01-03T10 In Progress, 01-08T10 Done
    // Z: 01-04T10 In Progress, 01-05T12:00 Done (exactly at asOf)
    // W: 01-03T10 In Progress, 01-07T10 Removed (after asOf)
    // Y: created 01-06T09, after asOf
    private final History later = history(standard(),
            item("X", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-08T10:00", "Done"),
            item("Z", "2024-01-02T08:00", "To Do", "2024-01-04T10:00", "In Progress", "2024-01-05T12:00", "Done"),
            item("W", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-07T10:00", "Removed"),
            item("Y", "2024-01-06T09:00", "To Do", "2024-01-06T10:00", "In Progress"));

    @Test
    @DisplayName("asOf cuts history: transitions after asOf are ignored, one exactly at asOf counts")
    void asOfCutsTransitions() {
        // asOf 01-05T12:00Z
        // X: in progress since 01-03T10 → unfinished, age 5−3+1 = 3, In Progress 01-03T10 → 01-05T12 = 50 h
        // Z: Done at 01-05T12:00 = asOf → finished 01-05, cycle 5−4+1 = 2
        // W: its removal (01-07) is after asOf → still reported, age 3
        Report r = report(later, at("2024-01-05T12:00"), null, null);
        Report.Item x = Fx.item(r, "X");
        assertThat(x.finished()).isNull();
        assertThat(x.stage()).isEqualTo("In Progress");
        assertThat(x.ageDays()).isEqualTo(3);
        assertThat(x.timeInStage().seconds(1)).isEqualTo(50 * HOUR);
        assertThat(Fx.item(r, "Z").cycleTimeDays()).isEqualTo(2);
        assertThat(Fx.item(r, "W").ageDays()).isEqualTo(3);
        assertThat(r.excluded().removed()).isZero();
        assertThat(findings(r, "X")).isEmpty();
    }

    @Test
    @DisplayName("asOf cuts history: an item created after asOf is left out and counted as excluded")
    void asOfExcludesLaterItems() {
        Report r = report(later, at("2024-01-05T12:00"), null, null);
        assertThat(ids(r)).containsExactly("X", "Z", "W");
        assertThat(r.excluded().createdAfterAsOf()).isEqualTo(1);
    }

    @Test
    @DisplayName("default window: from = day the earliest reported item was created, to = day of asOf")
    void defaultWindow() {
        // earliest created: 01-02 (X, Z, W); asOf 01-05T12:00Z → window 01-02..01-05 (4 days)
        // arrivals: X, W 01-03; Z 01-04 → 0,2,1,0; throughput: Z 01-05 → 0,0,0,1; wip 0,2,3,3
        Report r = report(later, at("2024-01-05T12:00"), null, null);
        assertThat(r.from()).isEqualTo(d("2024-01-02"));
        assertThat(r.to()).isEqualTo(d("2024-01-05"));
        assertThat(arrivals(r)).containsExactly(0, 2, 1, 0);
        assertThat(throughput(r)).containsExactly(0, 0, 0, 1);
        assertThat(wip(r)).containsExactly(0, 2, 3, 3);
    }

    /** An item started 01-01T10 and finished on 01-(day)T12: cycle time = day. */
    private static WorkItem cycle(String id, int day) {
        return item(id, "2024-01-01T08:00", "To Do", "2024-01-01T10:00", "In Progress",
                String.format("2024-01-%02dT12:00", day), "Done");
    }

    private static Report sle(History h, int days, Integer percentile) {
        return FlowEngine.report(h, ReportRequest.builder().asOf(endOf("2024-01-31")).from(d("2024-01-01"))
                .to(d("2024-01-15")).sle(new ReportRequest.Sle(days, percentile)).build());
    }

    // cycle times 1, 2, 3, 5, 6, 8, 11 finished in the window 01-01..01-15, and one finished 01-20 (outside)
    private final History sleHistory = history(standard(), cycle("S1", 1), cycle("S2", 2), cycle("S3", 3),
            cycle("S5", 5), cycle("S6", 6), cycle("S8", 8), cycle("S11", 11), cycle("OUT", 20));

    @Test
    @DisplayName("SLE attainment: share of items finished in the window within the SLE days (inclusive)")
    void sleAttainment() {
        // SLE 5 days: within = 1, 2, 3, 5 → 4 of 7 (OUT finished after to); 4/7 = 57 % < 85 % → not met
        Report r = sle(sleHistory, 5, 85);
        assertThat(r.sle().finished()).isEqualTo(7);
        assertThat(r.sle().withinSle()).isEqualTo(4);
        assertThat(r.sle().attained()).isEqualTo(4.0 / 7.0);
        assertThat(r.sle().met()).isFalse();
        // 57 % ≥ 50 % → met; no target → met is null
        assertThat(sle(sleHistory, 5, 50).sle().met()).isTrue();
        assertThat(sle(sleHistory, 5, null).sle().met()).isNull();
    }

    @Test
    @DisplayName("SLE met exactly at the target share (3 of 4 within = 75 % ≥ 75 %)")
    void sleMetAtBoundary() {
        // cycle times 1, 2, 3, 9; SLE 3 days → within 3 of 4 = 75 %; target 75 → met, target 76 → not met
        History h = history(standard(), cycle("A", 1), cycle("B", 2), cycle("C", 3), cycle("D", 9));
        assertThat(sle(h, 3, 75).sle().attained()).isEqualTo(0.75);
        assertThat(sle(h, 3, 75).sle().met()).isTrue();
        assertThat(sle(h, 3, 76).sle().met()).isFalse();
    }
}
