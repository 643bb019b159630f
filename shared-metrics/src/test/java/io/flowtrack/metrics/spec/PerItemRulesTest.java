package io.flowtrack.metrics.spec;

import io.flowtrack.metrics.aging.AgingItem;
import static io.flowtrack.metrics.spec.Fx.HOUR;
import static io.flowtrack.metrics.spec.Fx.at;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.findings;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.ids;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.quality.Finding.Kind;
import io.flowtrack.metrics.report.Report;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The per-item rules of flow-definitions.md ("Per item"), one hand-computed history per rule and edge
 * case. Workflow: {@link Fx#standard()} — Backlog[0] proposed, In Progress[1] active, Review[2] waiting,
 * Testing[3] active, Done[4] done, Closed[5] done, Removed[6] removed; commitment = In Progress.
 */
class PerItemRulesTest {
    private static final int BACKLOG = 0;
    private static final int IN_PROGRESS = 1;
    private static final int REVIEW = 2;
    private static final int TESTING = 3;
    private static final int DONE = 4;

    @Nested
    @DisplayName("skipped commitment")
    class SkippedCommitment {
        @Test
        @DisplayName("proposed straight to a waiting stage past commitment starts when it enters that stage")
        void proposedToWaiting() {
            // created 01-02 To Do; 01-04T10 → In Review (skips In Progress); 01-06T10 → Done
            // started 01-04, finished 01-06 → 6−4+1 = 3 days; Review 48 h, no active time → efficiency 0
            History h = history(standard(), item("A", "2024-01-02T08:00", "To Do",
                    "2024-01-04T10:00", "In Review", "2024-01-06T10:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.started()).isEqualTo(d("2024-01-04"));
            assertThat(a.finished()).isEqualTo(d("2024-01-06"));
            assertThat(a.cycleTimeDays()).isEqualTo(3);
            assertThat(a.timeInStage().seconds(REVIEW)).isEqualTo(48 * HOUR);
            assertThat(a.timeInStage().seconds(IN_PROGRESS)).isZero();
            assertThat(a.flowEfficiency()).isEqualTo(0.0);
            assertThat(findings(r, "A")).containsExactly(Map.entry(Kind.STARTED_PAST_COMMITMENT, 1));
        }

        @Test
        @DisplayName("proposed straight to a later active stage starts when it enters that stage")
        void proposedToLaterActive() {
            // created 01-02 To Do; 01-04T10 → Testing (skips In Progress and Review); 01-05T16 → Done
            // started 01-04, finished 01-05 → 5−4+1 = 2 days; Testing 30 h, all active → efficiency 1
            History h = history(standard(), item("A", "2024-01-02T08:00", "To Do",
                    "2024-01-04T10:00", "Testing", "2024-01-05T16:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.started()).isEqualTo(d("2024-01-04"));
            assertThat(a.cycleTimeDays()).isEqualTo(2);
            assertThat(a.timeInStage().seconds(TESTING)).isEqualTo(30 * HOUR);
            assertThat(a.flowEfficiency()).isEqualTo(1.0);
            assertThat(findings(r, "A")).containsExactly(Map.entry(Kind.STARTED_PAST_COMMITMENT, 1));
        }

        @Test
        @DisplayName("proposed straight to done starts when it enters done: cycle time 1 on the same day, zero duration")
        void proposedToDone() {
            // created 01-02T08 To Do; 01-05T10 → Done: started = finished = 01-05T10 → 5−5+1 = 1 day
            // duration finished − started = 0 → flow efficiency null
            History h = history(standard(), item("A", "2024-01-02T08:00", "To Do", "2024-01-05T10:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.started()).isEqualTo(d("2024-01-05"));
            assertThat(a.finished()).isEqualTo(d("2024-01-05"));
            assertThat(a.cycleTimeDays()).isEqualTo(1);
            assertThat(a.ageDays()).isNull();
            assertThat(a.flowEfficiency()).isNull();
            assertThat(a.stage()).isEqualTo("Done");
            assertThat(findings(r, "A")).containsEntry(Kind.STARTED_PAST_COMMITMENT, 1);
        }

        @Test
        @DisplayName("created in the commitment stage starts at created and did not skip it")
        void createdInCommitmentStage() {
            // created 01-03T09 In Progress; 01-05T09 → Done: started 01-03 (creation) → 5−3+1 = 3 days, 48 h active
            History h = history(standard(), item("A", "2024-01-03T09:00", "In Progress", "2024-01-05T09:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.started()).isEqualTo(d("2024-01-03"));
            assertThat(a.cycleTimeDays()).isEqualTo(3);
            assertThat(a.flowEfficiency()).isEqualTo(1.0);
            assertThat(findings(r, "A")).isEmpty();
        }

        @Test
        @DisplayName("created past the commitment stage starts at created and is flagged startedPastCommitment")
        void createdPastCommitment() {
            // created 01-03T09 In Review; 01-04T09 → Done: started 01-03 → 4−3+1 = 2 days; waiting only → 0
            History h = history(standard(), item("A", "2024-01-03T09:00", "In Review", "2024-01-04T09:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.started()).isEqualTo(d("2024-01-03"));
            assertThat(a.cycleTimeDays()).isEqualTo(2);
            assertThat(a.flowEfficiency()).isEqualTo(0.0);
            assertThat(findings(r, "A")).containsExactly(Map.entry(Kind.STARTED_PAST_COMMITMENT, 1));
        }
    }

    @Nested
    @DisplayName("same-day start and finish")
    class SameDay {
        @Test
        @DisplayName("started and finished on the same day: cycle time 1 day")
        void sameDay() {
            // 01-03T09 → In Progress, 01-03T17 → Done: 3−3+1 = 1 day; 8 h in progress, all active
            History h = history(standard(), item("A", "2024-01-02T08:00", "To Do",
                    "2024-01-03T09:00", "In Progress", "2024-01-03T17:00", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.cycleTimeDays()).isEqualTo(1);
            assertThat(a.timeInStage().seconds(IN_PROGRESS)).isEqualTo(8 * HOUR);
            assertThat(a.flowEfficiency()).isEqualTo(1.0);
            assertThat(findings(r, "A")).isEmpty();
        }

        @Test
        @DisplayName("two minutes across midnight are two calendar days: cycle time 2")
        void acrossMidnight() {
            // 01-03T23:59 → In Progress, 01-04T00:01 → Done: 4−3+1 = 2 days though only 120 s passed
            History h = history(standard(), item("A", "2024-01-02T08:00", "To Do",
                    "2024-01-03T23:59", "In Progress", "2024-01-04T00:01", "Done"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "A");
            assertThat(a.cycleTimeDays()).isEqualTo(2);
            assertThat(a.timeInStage().seconds(IN_PROGRESS)).isEqualTo(120.0);
        }
    }

    @Nested
    @DisplayName("reopened items")
    class Reopen {
        // created 01-01T08 To Do; 01-02T10 In Progress; 01-04T10 Done; 01-06T10 In Progress; 01-08T10 Done
        private final History h = history(standard(), item("R", "2024-01-01T08:00", "To Do",
                "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "Done",
                "2024-01-06T10:00", "In Progress", "2024-01-08T10:00", "Done"));

        @Test
        @DisplayName("done → in progress → done finishes at the last entry into done")
        void finishesAtLastDoneEntry() {
            // started 01-02, finished 01-08 → 8−2+1 = 7 days
            // In Progress 48 h + 48 h = 96 h; Done (between the two finishes) 48 h; efficiency 96/144 = 2/3
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item a = item(r, "R");
            assertThat(a.started()).isEqualTo(d("2024-01-02"));
            assertThat(a.finished()).isEqualTo(d("2024-01-08"));
            assertThat(a.cycleTimeDays()).isEqualTo(7);
            assertThat(a.timeInStage().seconds(IN_PROGRESS)).isEqualTo(96 * HOUR);
            assertThat(a.timeInStage().seconds(DONE)).isEqualTo(48 * HOUR);
            assertThat(a.flowEfficiency()).isCloseTo(2.0 / 3.0, within(1e-12));
            // Done(4) → In Progress(1) is one backward move and one reopen
            assertThat(findings(r, "R")).containsEntry(Kind.REOPENED, 1).containsEntry(Kind.BACKWARD_MOVES, 1);
        }

        @Test
        @DisplayName("while reopened the item is unfinished and ages from its start")
        void unfinishedWhileReopened() {
            // asOf 01-07T00:00Z: in In Progress since 01-06 → unfinished, age 7−2+1 = 6 days
            Report r = report(h, at("2024-01-07T00:00"), "2024-01-01", "2024-01-07");
            Report.Item a = item(r, "R");
            assertThat(a.stage()).isEqualTo("In Progress");
            assertThat(a.finished()).isNull();
            assertThat(a.cycleTimeDays()).isNull();
            assertThat(a.ageDays()).isEqualTo(6);
            assertThat(a.flowEfficiency()).isNull();
            assertThat(r.cycleTime().count()).isZero();
        }

        @Test
        @DisplayName("before the reopen (asOf 01-05) it is finished at its first entry into done")
        void finishedBeforeReopen() {
            // asOf 01-05T00:00Z: in Done since 01-04T10 → finished 01-04, cycle 4−2+1 = 3
            Report r = report(h, at("2024-01-05T00:00"), "2024-01-01", "2024-01-05");
            assertThat(item(r, "R").finished()).isEqualTo(d("2024-01-04"));
            assertThat(item(r, "R").cycleTimeDays()).isEqualTo(3);
        }

        @Test
        @DisplayName("Done → Closed between two done stages does not move finished and is no reopen")
        void doneToClosed() {
            // 01-02T10 In Progress; 01-03T10 Done; 01-05T10 Closed: finished stays 01-03 → 3−2+1 = 2
            History dc = history(standard(), item("C", "2024-01-01T08:00", "To Do",
                    "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "Done", "2024-01-05T10:00", "Closed"));
            Report r = report(dc, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            Report.Item c = item(r, "C");
            assertThat(c.stage()).isEqualTo("Closed");
            assertThat(c.finished()).isEqualTo(d("2024-01-03"));
            assertThat(c.cycleTimeDays()).isEqualTo(2);
            assertThat(c.flowEfficiency()).isEqualTo(1.0);
            assertThat(findings(r, "C")).isEmpty();
            assertThat(Fx.day(r, "2024-01-03").throughput()).isEqualTo(1);
            assertThat(Fx.day(r, "2024-01-05").throughput()).isZero();
        }
    }

    @Nested
    @DisplayName("backflow and start policies")
    class Backflow {
        // created 01-01T08 To Do; 01-02T10 In Progress; 01-03T10 To Do; 01-10T10 In Progress; 01-12T10 Done
        private final History h = history(standard(), item("B", "2024-01-01T08:00", "To Do",
                "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "To Do",
                "2024-01-10T10:00", "In Progress", "2024-01-12T10:00", "Done"));

        @Test
        @DisplayName("policy first keeps the first start after a return to the backlog")
        void firstKeepsFirstStart() {
            // started 01-02, finished 01-12 → 12−2+1 = 11 days
            // In Progress 24 h + 48 h = 72 h; Backlog 01-03T10 → 01-10T10 = 168 h; efficiency 72/240 = 0.3
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31", StartPolicy.FIRST);
            Report.Item b = item(r, "B");
            assertThat(b.started()).isEqualTo(d("2024-01-02"));
            assertThat(b.cycleTimeDays()).isEqualTo(11);
            assertThat(b.timeInStage().seconds(IN_PROGRESS)).isEqualTo(72 * HOUR);
            assertThat(b.timeInStage().seconds(BACKLOG)).isEqualTo(168 * HOUR);
            assertThat(b.flowEfficiency()).isCloseTo(0.3, within(1e-12));
            assertThat(findings(r, "B")).containsExactly(Map.entry(Kind.BACKWARD_MOVES, 1));
        }

        @Test
        @DisplayName("policy last restarts the item when it crosses commitment again")
        void lastRestarts() {
            // started 01-10, finished 01-12 → 12−10+1 = 3 days; only the 48 h In Progress after 01-10 count
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31", StartPolicy.LAST);
            Report.Item b = item(r, "B");
            assertThat(b.started()).isEqualTo(d("2024-01-10"));
            assertThat(b.cycleTimeDays()).isEqualTo(3);
            assertThat(b.timeInStage().seconds(IN_PROGRESS)).isEqualTo(48 * HOUR);
            assertThat(b.timeInStage().seconds(BACKLOG)).isZero();
            assertThat(b.flowEfficiency()).isEqualTo(1.0);
            assertThat(findings(r, "B")).containsExactly(Map.entry(Kind.BACKWARD_MOVES, 1));
        }

        @Test
        @DisplayName("moved back before commitment and stays there: still started, unfinished, aging (both policies)")
        void backBeforeCommitmentStays() {
            // created 01-01T08 To Do; 01-02T10 In Progress; 01-04T10 To Do; asOf 01-10T12:00Z
            // started 01-02 (only one crossing, so first = last); age 10−2+1 = 9; stage Backlog
            // In Progress 48 h; Backlog 01-04T10 → 01-10T12 = 146 h
            History back = history(standard(), item("K", "2024-01-01T08:00", "To Do",
                    "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "To Do"));
            for (StartPolicy policy : StartPolicy.values()) {
                Report r = report(back, at("2024-01-10T12:00"), "2024-01-01", "2024-01-10", policy);
                Report.Item k = item(r, "K");
                assertThat(k.started()).as(policy.name()).isEqualTo(d("2024-01-02"));
                assertThat(k.finished()).as(policy.name()).isNull();
                assertThat(k.stage()).as(policy.name()).isEqualTo("Backlog");
                assertThat(k.ageDays()).as(policy.name()).isEqualTo(9);
                assertThat(k.timeInStage().seconds(IN_PROGRESS)).as(policy.name()).isEqualTo(48 * HOUR);
                assertThat(k.timeInStage().seconds(BACKLOG)).as(policy.name()).isEqualTo(146 * HOUR);
                assertThat(findings(r, "K")).as(policy.name())
                        .containsEntry(Kind.BACK_BEFORE_COMMITMENT, 1).containsEntry(Kind.BACKWARD_MOVES, 1);
                // it stays in WIP on every day from its start: 01-01 0, 01-02 … 01-10 1
                assertThat(Fx.wip(r)).as(policy.name()).containsExactly(0, 1, 1, 1, 1, 1, 1, 1, 1, 1);
                assertThat(r.aging().items()).as(policy.name()).extracting(AgingItem::id,
                        AgingItem::stage, AgingItem::ageDays).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("K", "Backlog", 9));
            }
        }

        @Test
        @DisplayName("policy last takes the start stage of the last crossing (skipping commitment then is flagged)")
        void lastCrossingSkipsCommitment() {
            // 01-02T10 In Progress; 01-04T10 To Do; 01-07T10 In Review; asOf end of 01-10
            // first: started 01-02, age 10−2+1 = 9, entered In Progress: no startedPastCommitment
            // last:  started 01-07, age 10−7+1 = 4, entered In Review (past commitment): startedPastCommitment
            History h2 = history(standard(), item("L", "2024-01-01T08:00", "To Do",
                    "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "To Do", "2024-01-07T10:00", "In Review"));
            Report first = report(h2, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.FIRST);
            Report last = report(h2, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.LAST);
            assertThat(item(first, "L").ageDays()).isEqualTo(9);
            assertThat(item(last, "L").ageDays()).isEqualTo(4);
            assertThat(item(last, "L").started()).isEqualTo(d("2024-01-07"));
            assertThat(findings(first, "L")).doesNotContainKey(Kind.STARTED_PAST_COMMITMENT);
            assertThat(findings(last, "L")).containsEntry(Kind.STARTED_PAST_COMMITMENT, 1);
        }
    }

    @Nested
    @DisplayName("removed items")
    class Removed {
        // K: kept, 01-03T10 In Progress, 01-06T10 Done → cycle 6−3+1 = 4
        // R1: 01-03T10 In Progress, 01-05T10 Removed → removed at asOf
        // R2: 01-03T10 In Progress, 01-04T10 Done, 01-06T10 Removed → finished once, removed at asOf
        // BACK: 01-03T10 Removed, 01-04T10 To Do, 01-05T10 In Progress, 01-07T10 Done → restored: cycle 7−5+1 = 3
        private final History h = history(standard(),
                item("K", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-06T10:00", "Done"),
                item("R1", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress",
                        "2024-01-05T10:00", "Removed"),
                item("R2", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "In Progress",
                        "2024-01-04T10:00", "Done", "2024-01-06T10:00", "Removed"),
                item("BACK", "2024-01-02T08:00", "To Do", "2024-01-03T10:00", "Removed",
                        "2024-01-04T10:00", "To Do", "2024-01-05T10:00", "In Progress", "2024-01-07T10:00", "Done"));
        private final Report r = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10");

        @Test
        @DisplayName("items removed at asOf are left out of items and counted as excluded")
        void leftOutOfItems() {
            assertThat(ids(r)).containsExactly("K", "BACK");
            assertThat(r.excluded().removed()).isEqualTo(2);
        }

        @Test
        @DisplayName("items removed at asOf are left out of arrivals, throughput and WIP")
        void leftOutOfDaily() {
            // arrivals: K 01-03, BACK 01-05; throughput: K 01-06, BACK 01-07 (R2's 01-04 finish is gone)
            // wip: K 01-03..01-06, BACK 01-05..01-07 → 0,0,1,1,2,2,1,0,0,0
            assertThat(Fx.arrivals(r)).containsExactly(0, 0, 1, 0, 1, 0, 0, 0, 0, 0);
            assertThat(Fx.throughput(r)).containsExactly(0, 0, 0, 0, 0, 1, 1, 0, 0, 0);
            assertThat(Fx.wip(r)).containsExactly(0, 0, 1, 1, 2, 2, 1, 0, 0, 0);
            // CFD on 01-02: only K and BACK exist for the report, both in Backlog
            assertThat(Fx.day(r, "2024-01-02").cfd()).containsExactly(2, 0, 0, 0, 0, 0, 0);
        }

        @Test
        @DisplayName("items removed at asOf are left out of cycle-time percentiles")
        void leftOutOfPercentiles() {
            // finished in window: K (4) and BACK (3) → sorted [3, 4]: P50 rank 1 → 3, P70 rank ⌈1.4⌉=2 → 4
            assertThat(r.cycleTime().count()).isEqualTo(2);
            assertThat(r.cycleTime().percentiles()).containsExactly(Map.entry(50, 3), Map.entry(70, 4),
                    Map.entry(85, 4), Map.entry(95, 4));
        }

        @Test
        @DisplayName("an item removed and later restored is counted, starting when it first commits")
        void restoredIsCounted() {
            Report.Item back = item(r, "BACK");
            assertThat(back.started()).isEqualTo(d("2024-01-05"));
            assertThat(back.finished()).isEqualTo(d("2024-01-07"));
            assertThat(back.cycleTimeDays()).isEqualTo(3);
            // moves into and out of removed stages are not backward moves
            assertThat(findings(r, "BACK")).isEmpty();
        }

        @Test
        @DisplayName("removal is judged by the state at asOf: removed later is still reported, removed then is not")
        void removedIsJudgedAtAsOf() {
            // asOf end of 01-04: R1 in In Progress (removed only on 01-05) → reported, age 4−3+1 = 2;
            // R2 in Done since 01-04T10 → finished 01-04, cycle 4−3+1 = 2; BACK back in To Do since 01-04T10
            Report at0104 = report(h, endOf("2024-01-04"), "2024-01-01", "2024-01-04");
            assertThat(ids(at0104)).containsExactly("K", "R1", "R2", "BACK");
            assertThat(item(at0104, "R1").ageDays()).isEqualTo(2);
            assertThat(item(at0104, "R2").cycleTimeDays()).isEqualTo(2);
            assertThat(at0104.excluded().removed()).isZero();
            // asOf end of 01-03: BACK is in Removed (01-03T10 → 01-04T10) → left out
            Report at0103 = report(h, endOf("2024-01-03"), "2024-01-01", "2024-01-03");
            assertThat(ids(at0103)).containsExactly("K", "R1", "R2");
            assertThat(at0103.excluded().removed()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("removed stages and starting")
    class RemovedStages {
        @Test
        @DisplayName("a removed stage never starts an item, though it comes after the commitment stage")
        void removedNeverStarts() {
            // created 01-02 in Removed (index 6 > commitment 1); 01-04T10 → To Do: not started, not aging
            History h = history(standard(), item("RS", "2024-01-02T08:00", "Removed", "2024-01-04T10:00", "To Do"));
            Report r = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10");
            Report.Item rs = item(r, "RS");
            assertThat(rs.stage()).isEqualTo("Backlog");
            assertThat(rs.started()).isNull();
            assertThat(rs.ageDays()).isNull();
            assertThat(r.aging().items()).isEmpty();
            assertThat(Fx.wip(r).stream().mapToInt(Integer::intValue).sum()).isZero();
        }

        @Test
        @DisplayName("back from a removed stage into progress: first keeps the first start, last restarts there")
        void restoredIntoProgress() {
            // 01-02T10 In Progress; 01-03T10 Removed; 01-06T10 In Progress; 01-08T10 Done
            // first: started 01-02 → 8−2+1 = 7; last: Removed → In Progress is a crossing → 8−6+1 = 3
            // moves into and out of a removed stage are not backward moves
            History h = history(standard(), item("RL", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress",
                    "2024-01-03T10:00", "Removed", "2024-01-06T10:00", "In Progress", "2024-01-08T10:00", "Done"));
            Report first = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.FIRST);
            Report last = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.LAST);
            assertThat(item(first, "RL").cycleTimeDays()).isEqualTo(7);
            assertThat(item(last, "RL").started()).isEqualTo(d("2024-01-06"));
            assertThat(item(last, "RL").cycleTimeDays()).isEqualTo(3);
            assertThat(findings(first, "RL")).isEmpty();
        }
    }

    @Nested
    @DisplayName("items created directly in a done state")
    class CreatedInDone {
        @Test
        @DisplayName("started = finished = created, cycle time 1, finding createdInDone")
        void createdInDone() {
            // created 01-05T10 in Done, never moved: started = finished = 01-05 → 1 day; zero duration → null
            History h = history(standard(), item("D", "2024-01-05T10:00", "Done"));
            Report r = report(h, endOf("2024-01-07"), "2024-01-04", "2024-01-07");
            Report.Item dn = item(r, "D");
            assertThat(dn.started()).isEqualTo(d("2024-01-05"));
            assertThat(dn.finished()).isEqualTo(d("2024-01-05"));
            assertThat(dn.cycleTimeDays()).isEqualTo(1);
            assertThat(dn.ageDays()).isNull();
            assertThat(dn.flowEfficiency()).isNull();
            assertThat(findings(r, "D")).containsEntry(Kind.CREATED_IN_DONE, 1);
            // Reported once, as createdInDone, not also as startedPastCommitment.
            assertThat(findings(r, "D")).doesNotContainKey(Kind.STARTED_PAST_COMMITMENT);
            assertThat(r.dataQuality().counts()).containsEntry(Kind.CREATED_IN_DONE, 1)
                    .containsEntry(Kind.STARTED_PAST_COMMITMENT, 0);
            // days 01-04..01-07: arrival, throughput and one day of WIP on 01-05
            assertThat(Fx.arrivals(r)).containsExactly(0, 1, 0, 0);
            assertThat(Fx.throughput(r)).containsExactly(0, 1, 0, 0);
            assertThat(Fx.wip(r)).containsExactly(0, 1, 0, 0);
        }
    }

    @Nested
    @DisplayName("the stage an item started and finished in")
    class StartedAndFinishedIn {
        /** The item's start and finish: the stage entered and the day of each, null when not reached. */
        private static void assertEnds(Report.Item item, String startedIn, String started, String finishedIn,
                                       String finished) {
            assertThat(item.startedIn()).as("startedIn").isEqualTo(startedIn);
            assertThat(item.started()).as("started").isEqualTo(started == null ? null : d(started));
            assertThat(item.finishedIn()).as("finishedIn").isEqualTo(finishedIn);
            assertThat(item.finished()).as("finished").isEqualTo(finished == null ? null : d(finished));
        }

        @Test
        @DisplayName("created in a done stage: started and finished in it, at creation")
        void createdInDone() {
            History h = history(standard(), item("D", "2024-01-05T10:00", "Done"));
            assertEnds(item(report(h, endOf("2024-01-07"), "2024-01-04", "2024-01-07"), "D"),
                    "Done", "2024-01-05", "Done", "2024-01-05");
        }

        @Test
        @DisplayName("created in a committed stage past commitment: started in it at creation, not yet finished")
        void createdPastCommitment() {
            History h = history(standard(), item("A", "2024-01-03T09:00", "In Review"));
            assertEnds(item(report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31"), "A"),
                    "Review", "2024-01-03", null, null);
        }

        @Test
        @DisplayName("skipped commitment: started in the stage it jumped to; straight to done starts and finishes there")
        void skippedCommitment() {
            History h = history(standard(),
                    item("W", "2024-01-02T08:00", "To Do", "2024-01-04T10:00", "In Review", "2024-01-06T10:00", "Done"),
                    item("X", "2024-01-02T08:00", "To Do", "2024-01-05T10:00", "Closed"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertEnds(item(r, "W"), "Review", "2024-01-04", "Done", "2024-01-06");
            assertEnds(item(r, "X"), "Closed", "2024-01-05", "Closed", "2024-01-05");
        }

        @Test
        @DisplayName("not started: both null")
        void notStarted() {
            History h = history(standard(), item("B", "2024-01-02T08:00", "To Do"));
            assertEnds(item(report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31"), "B"), null, null, null, null);
        }

        @Test
        @DisplayName("reopened: finished at the last entry into done; while reopened, not finished; Closed → Done keeps Closed")
        void reopened() {
            // 01-02T10 In Progress; 01-04T10 Done; 01-06T10 In Progress; 01-08T10 Closed; 01-09T10 Done
            History h = history(standard(), item("R", "2024-01-01T08:00", "To Do",
                    "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "Done",
                    "2024-01-06T10:00", "In Progress", "2024-01-08T10:00", "Closed", "2024-01-09T10:00", "Done"));
            // Closed → Done moves between two done stages: the finish stays at the entry into Closed
            assertEnds(item(report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31"), "R"),
                    "In Progress", "2024-01-02", "Closed", "2024-01-08");
            assertEnds(item(report(h, at("2024-01-07T00:00"), "2024-01-01", "2024-01-07"), "R"),
                    "In Progress", "2024-01-02", null, null);
            assertEnds(item(report(h, at("2024-01-05T00:00"), "2024-01-01", "2024-01-05"), "R"),
                    "In Progress", "2024-01-02", "Done", "2024-01-04");
        }

        @Test
        @DisplayName("start policy decides which crossing names the start stage")
        void startPolicy() {
            // 01-02T10 In Progress; 01-04T10 To Do; 01-07T10 In Review
            History h = history(standard(), item("L", "2024-01-01T08:00", "To Do",
                    "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "To Do", "2024-01-07T10:00", "In Review"));
            assertEnds(item(report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.FIRST), "L"),
                    "In Progress", "2024-01-02", null, null);
            assertEnds(item(report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10", StartPolicy.LAST), "L"),
                    "Review", "2024-01-07", null, null);
        }
    }
}
