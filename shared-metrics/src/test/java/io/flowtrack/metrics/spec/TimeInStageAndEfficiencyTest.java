package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.HOUR;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.Report;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Time in stage (exact, between started and finished or asOf, summed over visits) and flow efficiency
 * (active time / (finished − started); aggregate Σ active / Σ duration over items finished in the
 * window). Workflow {@link Fx#standard()}: Backlog[0], In Progress[1] active, Review[2] waiting,
 * Testing[3] active, Done[4], Closed[5], Removed[6].
 */
class TimeInStageAndEfficiencyTest {
    // E1: created 01-01T00 To Do; 01-02T00 In Progress; 01-02T06 In Review; 01-03T06 Testing; 01-03T12 Done
    //     In Progress 6 h, Review 24 h, Testing 6 h → duration 36 h, active 12 h → 1/3; cycle 3−2+1 = 2
    private final WorkItem e1 = item("E1", "2024-01-01T00:00", "To Do", "2024-01-02T00:00", "In Progress",
            "2024-01-02T06:00", "In Review", "2024-01-03T06:00", "Testing", "2024-01-03T12:00", "Done");
    // E2: 01-05T09 In Progress, 01-05T17 Done → 8 h active of 8 h → 1
    private final WorkItem e2 = item("E2", "2024-01-05T08:00", "To Do", "2024-01-05T09:00", "In Progress",
            "2024-01-05T17:00", "Done");
    // Z0: created in Done 01-06T10 → zero duration → efficiency null
    private final WorkItem z0 = item("Z0", "2024-01-06T10:00", "Done");

    @Test
    @DisplayName("time in stage is exact per stage between started and finished; waiting time is not active")
    void exactTimeInStage() {
        Report r = report(history(standard(), e1), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
        Report.Item i = Fx.item(r, "E1");
        // Backlog time (the day before the start) and Done time (after the finish) do not count
        assertThat(i.timeInStage().seconds(0)).isZero();
        assertThat(i.timeInStage().seconds(1)).isEqualTo(6 * HOUR);
        assertThat(i.timeInStage().seconds(2)).isEqualTo(24 * HOUR);
        assertThat(i.timeInStage().seconds(3)).isEqualTo(6 * HOUR);
        assertThat(i.timeInStage().seconds(4)).isZero();
        assertThat(i.cycleTimeDays()).isEqualTo(2);
        assertThat(i.flowEfficiency()).isCloseTo(1.0 / 3.0, within(1e-12));
    }

    @Test
    @DisplayName("time in stage sums repeated visits to a stage")
    void visitsAreSummed() {
        // 01-02T00 In Progress; 02:00 In Review; 05:00 In Progress; 09:00 Done
        // In Progress 2 h + 4 h = 6 h; Review 3 h; duration 9 h → efficiency 6/9 = 2/3
        History h = history(standard(), item("V", "2024-01-01T00:00", "To Do", "2024-01-02T00:00", "In Progress",
                "2024-01-02T02:00", "In Review", "2024-01-02T05:00", "In Progress", "2024-01-02T09:00", "Done"));
        Report.Item v = Fx.item(report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31"), "V");
        assertThat(v.timeInStage().seconds(1)).isEqualTo(6 * HOUR);
        assertThat(v.timeInStage().seconds(2)).isEqualTo(3 * HOUR);
        assertThat(v.flowEfficiency()).isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    @DisplayName("an unfinished item's time in stage runs to asOf, and it has no flow efficiency")
    void unfinishedRunsToAsOf() {
        // 01-02T00 In Progress; 01-02T06 In Review; asOf 01-03T00:00:00.5Z → Review 18 h 0.5 s
        History h = history(standard(), item("U", "2024-01-01T00:00", "To Do", "2024-01-02T00:00", "In Progress",
                "2024-01-02T06:00", "In Review"));
        Report.Item u = Fx.item(report(h, Fx.at("2024-01-03T00:00:00.5Z"), null, null), "U");
        assertThat(u.timeInStage().seconds(1)).isEqualTo(6 * HOUR);
        assertThat(u.timeInStage().seconds(2)).isEqualTo(18 * HOUR + 0.5);
        assertThat(u.flowEfficiency()).isNull();
    }

    @Test
    @DisplayName("aggregate flow efficiency = Σ active / Σ (finished − started); zero-duration items are null and left out")
    void aggregate() {
        // (12 h + 8 h) / (36 h + 8 h) = 20/44 = 5/11; Z0 has no duration → item null, adds nothing
        Report r = report(history(standard(), e1, e2, z0), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
        assertThat(Fx.item(r, "E2").flowEfficiency()).isEqualTo(1.0);
        assertThat(Fx.item(r, "Z0").flowEfficiency()).isNull();
        assertThat(r.cycleTime().count()).isEqualTo(3);
        assertThat(r.flowEfficiency()).isCloseTo(5.0 / 11.0, within(1e-12));
    }

    @Test
    @DisplayName("aggregate flow efficiency only counts items finished in the window; null when none has a duration")
    void aggregateWindowAndNull() {
        // window 01-05..01-31: E1 finished 01-03 (outside) → only E2 → 8/8 = 1
        Report r = report(history(standard(), e1, e2, z0), endOf("2024-01-31"), "2024-01-05", "2024-01-31");
        assertThat(r.flowEfficiency()).isEqualTo(1.0);
        // window 01-06..01-31: only Z0 (zero duration) → null
        Report onlyZero = report(history(standard(), e1, e2, z0), endOf("2024-01-31"), "2024-01-06", "2024-01-31");
        assertThat(onlyZero.cycleTime().count()).isEqualTo(1);
        assertThat(onlyZero.flowEfficiency()).isNull();
    }
}
