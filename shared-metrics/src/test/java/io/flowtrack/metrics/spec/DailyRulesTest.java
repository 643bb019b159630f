package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.arrivals;
import static io.flowtrack.metrics.spec.Fx.day;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.fourStages;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.standard;
import static io.flowtrack.metrics.spec.Fx.throughput;
import static io.flowtrack.metrics.spec.Fx.wip;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.Report;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The per-day rules of flow-definitions.md ("Per day"): arrivals, throughput, WIP and the cumulative
 * CFD bands, with Little's law. Workflow {@link Fx#fourStages()}: Backlog[0], In Progress[1],
 * Review[2] (waiting), Done[3]; a CFD row reads [Backlog+, In Progress+, Review+, Done+].
 */
class DailyRulesTest {

    // A: created 01-01T09 To Do; 01-02T09 In Progress; 01-03T09 In Review; 01-04T09 Done
    // B: created 01-02T09 To Do; 01-03T10 In Progress; 01-05T10 Done
    // C: created 01-03T09 To Do, never moves
    private final History abc = history(fourStages(),
            item("A", "2024-01-01T09:00", "To Do", "2024-01-02T09:00", "In Progress",
                    "2024-01-03T09:00", "In Review", "2024-01-04T09:00", "Done"),
            item("B", "2024-01-02T09:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-05T10:00", "Done"),
            item("C", "2024-01-03T09:00", "To Do"));

    @Test
    @DisplayName("CFD: each band counts items created by the end of d in stage s or any later stage")
    void cfdBandsPerDay() {
        // end of 01-01: A Backlog                      → [1,0,0,0]
        // end of 01-02: A In Progress, B Backlog       → [2,1,0,0]
        // end of 01-03: A Review, B In Progress, C Bl. → [3,2,1,0]
        // end of 01-04: A Done, B In Progress, C Bl.   → [3,2,1,1]
        // end of 01-05: A Done, B Done, C Backlog      → [3,2,2,2]
        Report r = report(abc, endOf("2024-01-05"), "2024-01-01", "2024-01-05");
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(
                List.of(1, 0, 0, 0), List.of(2, 1, 0, 0), List.of(3, 2, 1, 0), List.of(3, 2, 1, 1), List.of(3, 2, 2, 2));
    }

    @Test
    @DisplayName("arrivals(d) = items started on d, throughput(d) = items finished on d, wip(d) = started ≤ d ≤ finished")
    void arrivalsThroughputWip() {
        // A: started 01-02, finished 01-04; B: started 01-03, finished 01-05; C never starts
        // wip: 01-01 0; 01-02 A; 01-03 A,B; 01-04 A,B; 01-05 B
        Report r = report(abc, endOf("2024-01-05"), "2024-01-01", "2024-01-05");
        assertThat(arrivals(r)).containsExactly(0, 1, 1, 0, 0);
        assertThat(throughput(r)).containsExactly(0, 0, 0, 1, 1);
        assertThat(wip(r)).containsExactly(0, 1, 2, 2, 1);
        assertThat(r.throughput().total()).isEqualTo(2);
        assertThat(r.throughput().zeroDays()).isEqualTo(3);
        assertThat(r.wip().max()).isEqualTo(2);
        assertThat(r.wip().arrivals()).isEqualTo(2);
    }

    @Test
    @DisplayName("CFD: days before the window are folded into the first row (bands are states, not flows)")
    void cfdFirstRowCarriesEarlierHistory() {
        // window 01-03..01-05: the first row is the state at the end of 01-03, items created earlier included
        Report r = report(abc, endOf("2024-01-05"), "2024-01-03", "2024-01-05");
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(
                List.of(3, 2, 1, 0), List.of(3, 2, 1, 1), List.of(3, 2, 2, 2));
    }

    @Test
    @DisplayName("CFD: only the stage at the end of the day counts, not the stages passed through during it")
    void cfdEndOfDayOnly() {
        // P: created 01-01T09 To Do; on 01-02: 09 In Progress, 10 In Review, 11 Done, 12 In Progress
        // end of 01-01: Backlog → [1,0,0,0]; end of 01-02: In Progress → [1,1,0,0]
        // it ends 01-02 unfinished (back in progress): wip 1 on 01-02, no throughput
        History h = history(fourStages(), item("P", "2024-01-01T09:00", "To Do",
                "2024-01-02T09:00", "In Progress", "2024-01-02T10:00", "In Review",
                "2024-01-02T11:00", "Done", "2024-01-02T12:00", "In Progress"));
        Report r = report(h, endOf("2024-01-02"), "2024-01-01", "2024-01-02");
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(List.of(1, 0, 0, 0), List.of(1, 1, 0, 0));
        assertThat(wip(r)).containsExactly(0, 1);
        assertThat(throughput(r)).containsExactly(0, 0);
    }

    @Test
    @DisplayName("CFD: an item moving backward leaves the later bands again, and bands never cross")
    void cfdBackwardAndNeverCrossing() {
        // X: created 01-01T09 To Do; 01-02T09 In Review; 01-03T09 In Progress; 01-04T09 To Do; 01-05T09 Done
        // Y: created 01-02T09 In Progress; 01-04T09 Done
        // end of day stages (X, Y) and bands:
        // 01-01: X Bl                → [1,0,0,0]
        // 01-02: X Review, Y IP      → [2,2,1,0]
        // 01-03: X IP, Y IP          → [2,2,0,0]
        // 01-04: X Bl, Y Done        → [2,1,1,1]
        // 01-05: X Done, Y Done      → [2,2,2,2]
        History h = history(fourStages(),
                item("X", "2024-01-01T09:00", "To Do", "2024-01-02T09:00", "In Review",
                        "2024-01-03T09:00", "In Progress", "2024-01-04T09:00", "To Do", "2024-01-05T09:00", "Done"),
                item("Y", "2024-01-02T09:00", "In Progress", "2024-01-04T09:00", "Done"));
        Report r = report(h, endOf("2024-01-05"), "2024-01-01", "2024-01-05");
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(
                List.of(1, 0, 0, 0), List.of(2, 2, 1, 0), List.of(2, 2, 0, 0), List.of(2, 1, 1, 1), List.of(2, 2, 2, 2));
        for (Report.Day dd : r.daily()) {
            for (int s = 0; s + 1 < dd.cfd().size(); s++) {
                assertThat(dd.cfd().get(s)).as("%s band %d ≥ band %d", dd.date(), s, s + 1)
                        .isGreaterThanOrEqualTo(dd.cfd().get(s + 1));
            }
        }
    }

    @Test
    @DisplayName("CFD: every workflow stage has a band, removed stages too (engine decision 5: index ≥ s)")
    void cfdRemovedStageIsABand() {
        // standard workflow, 7 bands: Backlog, In Progress, Review, Testing, Done, Closed, Removed
        // K: 01-02 To Do; 01-03T10 In Progress
        // T: 01-02 To Do; 01-03T10 Removed; 01-04T10 To Do   (temporarily removed, reported: To Do at asOf)
        // G: 01-02 To Do; 01-04T10 Removed                   (removed at asOf: left out of every band)
        // 01-02: K Bl, T Bl          → [2,0,0,0,0,0,0]
        // 01-03: K IP, T Removed(6)  → [2,2,1,1,1,1,1]
        // 01-04: K IP, T Bl          → [2,1,0,0,0,0,0]
        History h = history(standard(),
                item("K", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress"),
                item("T", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "Removed", "2024-01-04T10:00", "To Do"),
                item("G", "2024-01-02T08:00", "To Do", "2024-01-04T10:00", "Removed"));
        Report r = report(h, endOf("2024-01-04"), "2024-01-02", "2024-01-04");
        assertThat(r.stages()).hasSize(7);
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(
                List.of(2, 0, 0, 0, 0, 0, 0), List.of(2, 2, 1, 1, 1, 1, 1), List.of(2, 1, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("throughput counts a reopened item only on the day of its last entry into done")
    void reopenedThroughput() {
        // R: 01-02T10 In Progress; 01-03T10 Done; 01-04T10 In Progress; 01-05T10 Done
        // finished = last entry into done = 01-05 → throughput only on 01-05; wip = started 01-02 ≤ d ≤ 01-05
        History h = history(fourStages(), item("R", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress",
                "2024-01-03T10:00", "Done", "2024-01-04T10:00", "In Progress", "2024-01-05T10:00", "Done"));
        Report r = report(h, endOf("2024-01-06"), "2024-01-01", "2024-01-06");
        assertThat(throughput(r)).containsExactly(0, 0, 0, 0, 1, 0);
        assertThat(wip(r)).containsExactly(0, 1, 1, 1, 1, 0);
        // the CFD still shows where it was at each day's end: Done on 01-03, In Progress on 01-04
        assertThat(day(r, "2024-01-03").cfd()).containsExactly(1, 1, 1, 1);
        assertThat(day(r, "2024-01-04").cfd()).containsExactly(1, 1, 0, 0);
    }

    @Test
    @DisplayName("an unfinished item is in WIP from its start to the end of the window")
    void unfinishedStaysInWip() {
        // U: 01-03T10 In Progress, never finishes; window 01-01..01-05 → wip 0,0,1,1,1
        History h = history(fourStages(), item("U", "2024-01-01T08:00", "To Do", "2024-01-03T10:00", "In Progress"));
        Report r = report(h, endOf("2024-01-05"), "2024-01-01", "2024-01-05");
        assertThat(wip(r)).containsExactly(0, 0, 1, 1, 1);
        assertThat(arrivals(r)).containsExactly(0, 0, 1, 0, 0);
        assertThat(r.wip().current()).isEqualTo(1);
    }

    // L1: 01-02T09 In Progress, 01-04T15 Done                          → cycle 4−2+1 = 3, wip 01-02..01-04
    // L2: 01-03T09 In Progress, 01-03T11 Done                          → cycle 1, wip 01-03
    // L3: 01-03T09 In Progress, 01-04T09 To Do, 01-07T09 In Progress, 01-09T09 Done
    //     first: started 01-03 → cycle 9−3+1 = 7, wip 01-03..01-09; last: started 01-07 → cycle 3, wip 01-07..01-09
    // L4: created 01-10T12 in Done                                      → cycle 1, wip 01-10
    private final History lives = history(fourStages(),
            item("L1", "2024-01-01T08:00", "To Do", "2024-01-02T09:00", "In Progress", "2024-01-04T15:00", "Done"),
            item("L2", "2024-01-01T08:00", "To Do", "2024-01-03T09:00", "In Progress", "2024-01-03T11:00", "Done"),
            item("L3", "2024-01-01T08:00", "To Do", "2024-01-03T09:00", "In Progress", "2024-01-04T09:00", "To Do",
                    "2024-01-07T09:00", "In Progress", "2024-01-09T09:00", "Done"),
            item("L4", "2024-01-10T12:00", "Done"));

    @Test
    @DisplayName("Little's law (start policy first): Σ wip(d) = Σ cycle times for a window holding whole lives")
    void littlesLawFirst() {
        // wip: 01 0; 02 L1; 03 L1 L2 L3; 04 L1 L3; 05..09 L3; 10 L4 → 0,1,3,2,1,1,1,1,1,1 → Σ 12
        // cycle times 3 + 1 + 7 + 1 = 12
        Report r = report(lives, endOf("2024-01-20"), "2024-01-01", "2024-01-10", StartPolicy.FIRST);
        assertThat(wip(r)).containsExactly(0, 1, 3, 2, 1, 1, 1, 1, 1, 1);
        assertThat(wip(r).stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
        assertThat(r.items()).extracting(Report.Item::cycleTimeDays).containsExactly(3, 1, 7, 1);
    }

    @Test
    @DisplayName("Little's law (start policy last): Σ wip(d) = Σ cycle times for a window holding whole lives")
    void littlesLawLast() {
        // wip: 01 0; 02 L1; 03 L1 L2; 04 L1; 05 0; 06 0; 07..09 L3; 10 L4 → 0,1,2,1,0,0,1,1,1,1 → Σ 8
        // cycle times 3 + 1 + 3 + 1 = 8
        Report r = report(lives, endOf("2024-01-20"), "2024-01-01", "2024-01-10", StartPolicy.LAST);
        assertThat(wip(r)).containsExactly(0, 1, 2, 1, 0, 0, 1, 1, 1, 1);
        assertThat(r.items()).extracting(Report.Item::cycleTimeDays).containsExactly(3, 1, 3, 1);
        assertThat(wip(r).stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
    }
}
