package io.flowtrack.metrics.spec;

import io.flowtrack.metrics.aging.AgingItem;
import io.flowtrack.metrics.aging.StagePace;
import io.flowtrack.metrics.quality.ItemFindings;
import static io.flowtrack.metrics.spec.Fx.at;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.finding;
import static io.flowtrack.metrics.spec.Fx.findings;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.quality.Finding.Kind;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The aging-WIP chart (aging items, pace zones per in-flow stage) and the data-quality findings.
 * Workflow {@link Fx#standard()}: Backlog[0], In Progress[1] active, Review[2] waiting, Testing[3]
 * active, Done[4], Closed[5], Removed[6]; in-flow stages: In Progress, Review, Testing.
 */
class AgingAndQualityTest {

    @Nested
    @DisplayName("aging work in progress")
    class Aging {
        // asOf end of 01-10, SLE 5 days
        // G1: 01-02T10 In Progress; 01-03T10 In Review → Review, age 10−2+1 = 9 (beyond)
        // G2: 01-08T10 In Progress → In Progress, age 3
        // G3: created 01-10T08 in Testing → Testing, age 1
        // G4: 01-01T10 In Progress; 01-02T10 To Do → Backlog, age 10 (beyond), back before commitment
        // N: never started; F: finished 01-04 → neither ages
        private final History h = history(standard(),
                item("G1", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "In Review"),
                item("G2", "2024-01-01T08:00", "To Do", "2024-01-08T10:00", "In Progress"),
                item("G3", "2024-01-10T08:00", "Testing"),
                item("G4", "2024-01-01T08:00", "To Do", "2024-01-01T10:00", "In Progress", "2024-01-02T10:00", "To Do"),
                item("N", "2024-01-01T08:00", "To Do"),
                item("F", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "Done"));

        private Report report() {
            return FlowEngine.report(h, ReportRequest.builder().asOf(endOf("2024-01-10")).from(d("2024-01-01"))
                    .to(d("2024-01-10")).sle(new ReportRequest.Sle(5, 85)).build());
        }

        @Test
        @DisplayName("aging items: every started, unfinished item with its stage and age, oldest first, beyond the SLE flagged")
        void agingItems() {
            Report r = report();
            assertThat(r.aging().items()).extracting(AgingItem::id, AgingItem::stage,
                    AgingItem::ageDays, AgingItem::beyondSle).containsExactly(
                    tuple("G4", "Backlog", 10, true),
                    tuple("G1", "Review", 9, true),
                    tuple("G2", "In Progress", 3, false),
                    tuple("G3", "Testing", 1, false));
            assertThat(r.sle().agingBeyondSle()).isEqualTo(2);
            assertThat(r.wip().current()).isEqualTo(4);
            // F finished 01-04 → cycle 4−2+1 = 3 ≤ 5: the only item in the window, within the SLE
            assertThat(r.sle().withinSle()).isEqualTo(1);
        }

        @Test
        @DisplayName("an age of exactly the SLE days is not beyond it")
        void ageEqualToSle() {
            // SLE 9 days: G1 (age 9) is not beyond, G4 (10) is
            Report r = FlowEngine.report(h, ReportRequest.builder().asOf(endOf("2024-01-10")).from(d("2024-01-01"))
                    .to(d("2024-01-10")).sle(new ReportRequest.Sle(9, null)).build());
            assertThat(r.aging().items()).extracting(AgingItem::id, AgingItem::beyondSle)
                    .containsExactly(tuple("G4", true), tuple("G1", false), tuple("G2", false), tuple("G3", false));
        }
    }

    @Nested
    @DisplayName("pace zones")
    class Pace {
        // finished in January; started = day s, the age at which an item last moved past a stage = date − s + 1
        // P1: 01-02T10 In Progress; 01-04T10 In Review; 01-05T10 Testing; 01-07T10 Done
        //     past In Progress 01-04 → 3; past Review 01-05 → 4; past Testing 01-07 → 6
        // P2: 01-02T10 In Progress; 01-03T10 Testing (skips Review); 01-03T12 Done
        //     past In Progress 01-03 → 2; past Review (jumped over) 01-03 → 2; past Testing 01-03 → 2
        // P3: 01-10T10 In Review (skips In Progress); 01-12T10 Done (skips Testing); started 01-10
        //     past In Progress (jumped over) 01-10 → 1; past Review 01-12 → 3; past Testing (jumped) 01-12 → 3
        private final History h = history(standard(),
                item("P1", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-04T10:00",
                        "In Review", "2024-01-05T10:00", "Testing", "2024-01-07T10:00", "Done"),
                item("P2", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00",
                        "Testing", "2024-01-03T12:00", "Done"),
                item("P3", "2024-01-01T08:00", "To Do", "2024-01-10T10:00", "In Review", "2024-01-12T10:00", "Done"));

        @Test
        @DisplayName("pace zones per in-flow stage: percentiles of the age at which items last moved past it, skips included")
        void paceZones() {
            // n = 3: P50 rank 2, P70 rank ⌈2.1⌉ = 3, P85 3, P95 3
            // In Progress [1,2,3] → 2,3,3,3; Review [2,3,4] → 3,4,4,4; Testing [2,3,6] → 3,6,6,6
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(r.aging().pace()).extracting(StagePace::stage, StagePace::count,
                    StagePace::percentiles).containsExactly(
                    tuple("In Progress", 3, Map.of(50, 2, 70, 3, 85, 3, 95, 3)),
                    tuple("Review", 3, Map.of(50, 3, 70, 4, 85, 4, 95, 4)),
                    tuple("Testing", 3, Map.of(50, 3, 70, 6, 85, 6, 95, 6)));
        }

        @Test
        @DisplayName("pace zones use the last move past a stage after a move back")
        void paceAfterBackflow() {
            // Q: 01-02T10 In Progress; 01-03T10 In Review; 01-05T10 In Progress (back); 01-06T10 In Review;
            //    01-06T12 Testing; 01-08T10 Done → past In Progress last 01-06 → 5 (not 01-03 → 2);
            //    past Review 01-06 → 5; past Testing 01-08 → 7
            History q = history(standard(), item("Q", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress",
                    "2024-01-03T10:00", "In Review", "2024-01-05T10:00", "In Progress", "2024-01-06T10:00", "In Review",
                    "2024-01-06T12:00", "Testing", "2024-01-08T10:00", "Done"));
            Report r = report(q, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(r.aging().pace()).extracting(StagePace::stage, p -> p.percentiles().get(50))
                    .containsExactly(tuple("In Progress", 5), tuple("Review", 5), tuple("Testing", 7));
        }

        @Test
        @DisplayName("pace zones only use items finished in the window")
        void paceOnlyWindow() {
            // window 01-08..01-31: only P3 finished inside → In Progress [1], Review [3], Testing [3]
            Report r = report(h, endOf("2024-01-31"), "2024-01-08", "2024-01-31");
            assertThat(r.aging().pace()).extracting(StagePace::stage, StagePace::count,
                    p -> p.percentiles().get(95)).containsExactly(
                    tuple("In Progress", 1, 1), tuple("Review", 1, 3), tuple("Testing", 1, 3));
        }
    }

    @Nested
    @DisplayName("data-quality findings")
    class Quality {
        @Test
        @DisplayName("backward moves are counted per item; moves into and out of removed stages are not backward")
        void backwardMoves() {
            // BM: To Do → In Progress → In Review → In Progress (back 1) → To Do (back 2) → In Progress → Done
            // RM: To Do → Removed → To Do: no backward move (removed stages are out of the flow)
            History h = history(standard(),
                    item("BM", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00",
                            "In Review", "2024-01-04T10:00", "In Progress", "2024-01-05T10:00", "To Do",
                            "2024-01-06T10:00", "In Progress", "2024-01-07T10:00", "Done"),
                    item("RM", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "Removed", "2024-01-03T10:00", "To Do"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(findings(r, "BM")).containsExactly(Map.entry(Kind.BACKWARD_MOVES, 2));
            assertThat(findings(r, "RM")).isEmpty();
            assertThat(r.dataQuality().counts()).containsEntry(Kind.BACKWARD_MOVES, 1);
        }

        @Test
        @DisplayName("a transition whose from is not the item's state is a fromMismatch; the timeline follows to")
        void fromMismatch() {
            // created 01-01 To Do; 01-02T10 "In Review" → "In Progress" (item was in To Do: mismatch);
            // 01-03T10 In Progress → Done (matches) → count 1; started 01-02, finished 01-03 → 2 days
            WorkItem fm = WorkItem.builder("FM", "Bug", at("2024-01-01T08:00"), "To Do")
                    .transition(at("2024-01-02T10:00"), "In Review", "In Progress")
                    .transition(at("2024-01-03T10:00"), "In Progress", "Done").build();
            // a transition without from is never a mismatch
            WorkItem nf = WorkItem.builder("NF", "Bug", at("2024-01-01T08:00"), "To Do")
                    .transition(at("2024-01-02T10:00"), null, "In Progress").build();
            Report r = report(history(standard(), fm, nf), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(findings(r, "FM")).containsExactly(Map.entry(Kind.FROM_MISMATCH, 1));
            assertThat(finding(r, "FM", Kind.FROM_MISMATCH).detail()).contains("In Review").contains("To Do");
            assertThat(Fx.item(r, "FM").cycleTimeDays()).isEqualTo(2);
            assertThat(findings(r, "NF")).isEmpty();
            assertThat(r.dataQuality().counts()).containsEntry(Kind.FROM_MISMATCH, 1);
        }

        @Test
        @DisplayName("transitions are taken in time order; equal timestamps keep their input order")
        void timeOrderAndTies() {
            // OO: input order [In Progress → Done at 01-05, To Do → In Progress at 01-03] → sorted: no mismatch,
            //     started 01-03, finished 01-05 → 3 days
            WorkItem oo = WorkItem.builder("OO", "Story", at("2024-01-01T08:00"), "To Do")
                    .transition(at("2024-01-05T10:00"), "In Progress", "Done")
                    .transition(at("2024-01-03T10:00"), "To Do", "In Progress").build();
            // TIE: both at 01-03T10 in input order To Do → In Progress, In Progress → Done → Done, cycle 1
            WorkItem tie = WorkItem.builder("TIE", "Story", at("2024-01-01T08:00"), "To Do")
                    .transition(at("2024-01-03T10:00"), "To Do", "In Progress")
                    .transition(at("2024-01-03T10:00"), "In Progress", "Done").build();
            // EIT: the same two at one instant in the other input order: In Progress → Done first (from mismatches
            //      To Do), then To Do → In Progress (from mismatches Done) → ends In Progress, unfinished;
            //      started 01-03T10 (entered Done), age 31−3+1 = 29
            WorkItem eit = WorkItem.builder("EIT", "Story", at("2024-01-01T08:00"), "To Do")
                    .transition(at("2024-01-03T10:00"), "In Progress", "Done")
                    .transition(at("2024-01-03T10:00"), "To Do", "In Progress").build();
            Report r = report(history(standard(), oo, tie, eit), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(Fx.item(r, "OO").cycleTimeDays()).isEqualTo(3);
            assertThat(findings(r, "OO")).isEmpty();
            assertThat(Fx.item(r, "TIE").stage()).isEqualTo("Done");
            assertThat(Fx.item(r, "TIE").cycleTimeDays()).isEqualTo(1);
            assertThat(Fx.item(r, "EIT").stage()).isEqualTo("In Progress");
            assertThat(Fx.item(r, "EIT").finished()).isNull();
            assertThat(Fx.item(r, "EIT").ageDays()).isEqualTo(29);
            assertThat(findings(r, "EIT")).containsEntry(Kind.FROM_MISMATCH, 2);
        }

        @Test
        @DisplayName("startedPastCommitment and backBeforeCommitment are flagged and counted per item")
        void commitmentFindings() {
            // SP: To Do → In Review (skips In Progress); BB: In Progress then back to To Do, unfinished
            History h = history(standard(),
                    item("SP", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Review"),
                    item("BB", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "To Do"),
                    item("OK", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress"));
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(findings(r, "SP")).containsExactly(Map.entry(Kind.STARTED_PAST_COMMITMENT, 1));
            assertThat(findings(r, "BB")).containsOnly(Map.entry(Kind.BACK_BEFORE_COMMITMENT, 1),
                    Map.entry(Kind.BACKWARD_MOVES, 1));
            assertThat(findings(r, "OK")).isEmpty();
            assertThat(r.dataQuality().items()).extracting(ItemFindings::id).containsExactly("SP", "BB");
            assertThat(r.dataQuality().counts()).containsEntry(Kind.STARTED_PAST_COMMITMENT, 1)
                    .containsEntry(Kind.BACK_BEFORE_COMMITMENT, 1).containsEntry(Kind.BACKWARD_MOVES, 1)
                    .containsEntry(Kind.CREATED_IN_DONE, 0).containsEntry(Kind.REOPENED, 0);
        }

        // U1: created 01-01 To Do; 01-02T10 → "Blocked" (unmapped, skipped: stays in Backlog);
        //     01-04T10 Blocked → In Progress; 01-06T10 → Done → started 01-04, finished 01-06 → 3 days
        // U2: created 01-01 in "Triage" (unmapped → first stage, Backlog); 01-03T10 Triage → In Progress
        private final WorkItem u1 = item("U1", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "Blocked",
                "2024-01-04T10:00", "In Progress", "2024-01-06T10:00", "Done");
        private final WorkItem u2 = item("U2", "2024-01-01T08:00", "Triage", "2024-01-03T10:00", "In Progress");

        @Test
        @DisplayName("unmapped states, when ignored, are skipped and listed per item")
        void unmappedIgnored() {
            History h = History.builder(standard()).ignoreUnmappedStates(true).item(u1).item(u2).build();
            Report r = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10");
            Report.Item i1 = Fx.item(r, "U1");
            assertThat(i1.started()).isEqualTo(d("2024-01-04"));
            assertThat(i1.cycleTimeDays()).isEqualTo(3);
            // Blocked was skipped, so 01-02..01-03 count as Backlog in the CFD: [2,0,...] on 01-02
            assertThat(Fx.day(r, "2024-01-02").cfd()).containsExactly(2, 0, 0, 0, 0, 0, 0);
            assertThat(finding(r, "U1", Kind.UNMAPPED_STATES).detail()).contains("Blocked");
            assertThat(Fx.item(r, "U2").stage()).isEqualTo("In Progress");
            assertThat(Fx.item(r, "U2").ageDays()).isEqualTo(8); // 10−3+1
            assertThat(finding(r, "U2", Kind.UNMAPPED_STATES).detail()).contains("Triage");
            assertThat(r.dataQuality().counts()).containsEntry(Kind.UNMAPPED_STATES, 2);
        }

        @Test
        @DisplayName("a skipped unmapped state is still the tracker state: leaving it is no fromMismatch")
        void unmappedStateIsNoFromMismatch() {
            // U1's history is consistent (To Do → Blocked, Blocked → In Progress, In Progress → Done), and so is
            // U2's (created in Triage, Triage → In Progress): only the unmapped states are findings
            History h = History.builder(standard()).ignoreUnmappedStates(true).item(u1).item(u2).build();
            Report r = report(h, endOf("2024-01-10"), "2024-01-01", "2024-01-10");
            assertThat(findings(r, "U1")).containsExactly(Map.entry(Kind.UNMAPPED_STATES, 1));
            assertThat(findings(r, "U2")).containsExactly(Map.entry(Kind.UNMAPPED_STATES, 1));
            assertThat(r.dataQuality().counts()).containsEntry(Kind.FROM_MISMATCH, 0);
        }

        @Test
        @DisplayName("unmapped states, when not ignored, reject the history naming every one of them")
        void unmappedRejected() {
            assertThatThrownBy(() -> History.builder(standard()).item(u1).item(u2).build())
                    .isInstanceOf(InvalidHistoryException.class)
                    .hasMessageContaining("'Blocked'").hasMessageContaining("'Triage'")
                    .hasMessageContaining("item U1").hasMessageContaining("item U2");
        }
    }
}
