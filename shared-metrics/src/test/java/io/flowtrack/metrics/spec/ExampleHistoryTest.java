package io.flowtrack.metrics.spec;

import io.flowtrack.metrics.aging.AgingItem;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.findings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.quality.Finding.Kind;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The spec's example-history.json with {@code --as-of 2024-03-31} semantics (the last nanosecond of
 * that UTC day), default window, start policy first. Every expected value was worked out by hand from
 * the file. Stages: Backlog[0], Selected[1] (proposed), In Progress[2], Review[3] (waiting),
 * Testing[4], Done[5], Removed[6]; commitment In Progress.
 */
class ExampleHistoryTest {
    private static final Instant AS_OF = Instant.parse("2024-03-31T23:59:59.999999999Z");
    private static Report report;

    static Path exampleHistory() {
        String specDir = System.getProperty("flowtrack.spec.dir");
        if (specDir != null) {
            Path p = Path.of(specDir, "example-history.json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path p : new Path[] {Path.of("../examples/example-history.json"),
                Path.of("shared-metrics/../examples/example-history.json")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("example-history.json not found (flowtrack.spec.dir=" + specDir + ")");
    }

    @BeforeAll
    static void read() throws IOException {
        History h = HistoryReader.strict().read(exampleHistory());
        report = FlowEngine.report(h, ReportRequest.builder().asOf(AS_OF).build());
    }

    @Test
    @DisplayName("FT-5: Selected → In Progress 01-08 → Review → Testing → Resolved 01-12: cycle 5, exact stage times")
    void ft5() {
        // started 01-08T04:37:50, finished 01-12T04:10:31 → 12−8+1 = 5 days
        // In Progress 04:37:50 → 05:47:00 = 4 150 s; Review → 01-12T00:09:58 = 325 378 s;
        // Testing → 04:10:31 = 14 433 s; duration 343 961 s; active 18 583 s
        Report.Item i = Fx.item(report, "FT-5");
        assertThat(i.started()).isEqualTo(d("2024-01-08"));
        assertThat(i.finished()).isEqualTo(d("2024-01-12"));
        assertThat(i.cycleTimeDays()).isEqualTo(5);
        assertThat(i.timeInStage().seconds(2)).isEqualTo(4_150.0);
        assertThat(i.timeInStage().seconds(3)).isEqualTo(325_378.0);
        assertThat(i.timeInStage().seconds(4)).isEqualTo(14_433.0);
        assertThat(i.timeInStage().seconds(1)).isZero(); // Selected, before the start
        assertThat(i.flowEfficiency()).isCloseTo(18_583.0 / 343_961.0, within(1e-12));
        assertThat(findings(report, "FT-5")).isEmpty();
    }

    @Test
    @DisplayName("FT-1: In Progress 02-14, back to New the same morning: started, unfinished, age 47 in Backlog")
    void ft1() {
        // started 02-14T03:01:12; at asOf in Backlog ("New") → age = 03-31 − 02-14 + 1 = (15 + 31) + 1 = 47
        // In Progress 03:01:12 → 05:51:35 = 10 223 s; Backlog 02-14T05:51:35 → asOf = 46 d + 65 304.999999999 s
        Report.Item i = Fx.item(report, "FT-1");
        assertThat(i.stage()).isEqualTo("Backlog");
        assertThat(i.started()).isEqualTo(d("2024-02-14"));
        assertThat(i.finished()).isNull();
        assertThat(i.ageDays()).isEqualTo(47);
        assertThat(i.timeInStage().seconds(2)).isEqualTo(10_223.0);
        assertThat(i.timeInStage().seconds(0)).isCloseTo(46 * 86_400.0 + 65_304.999999999, within(1e-3));
        assertThat(findings(report, "FT-1")).containsOnly(Map.entry(Kind.BACK_BEFORE_COMMITMENT, 1),
                Map.entry(Kind.BACKWARD_MOVES, 1));
    }

    @Test
    @DisplayName("FT-15: In Progress 01-26 → Review 01-30 → Resolved 01-31: cycle 6, efficiency 279 619 / 414 088")
    void ft15() {
        // In Progress 01-26T23:20:04 → 01-30T05:00:23 = 3 d 5:40:19 = 279 619 s
        // Review → 01-31T18:21:32 = 1 d 13:21:09 = 134 469 s; duration 414 088 s
        Report.Item i = Fx.item(report, "FT-15");
        assertThat(i.started()).isEqualTo(d("2024-01-26"));
        assertThat(i.finished()).isEqualTo(d("2024-01-31"));
        assertThat(i.cycleTimeDays()).isEqualTo(6);
        assertThat(i.timeInStage().seconds(2)).isEqualTo(279_619.0);
        assertThat(i.timeInStage().seconds(3)).isEqualTo(134_469.0);
        assertThat(i.flowEfficiency()).isCloseTo(279_619.0 / 414_088.0, within(1e-12));
    }

    @Test
    @DisplayName("FT-8 skips In Progress after a backflow; FT-39 is reopened from Closed; FT-22 and FT-13 are unfinished")
    void otherItems() {
        // FT-8: To Do → Selected → To Do (back) → Selected → In Review 01-09 → Testing → Resolved 01-16 → 8 days
        assertThat(Fx.item(report, "FT-8").cycleTimeDays()).isEqualTo(8);
        assertThat(findings(report, "FT-8")).containsOnly(Map.entry(Kind.BACKWARD_MOVES, 1),
                Map.entry(Kind.STARTED_PAST_COMMITMENT, 1));
        // FT-39: created in Active 02-11; Closed 02-22, QA again, Done 02-25 → 25−11+1 = 15
        assertThat(Fx.item(report, "FT-39").finished()).isEqualTo(d("2024-02-25"));
        assertThat(Fx.item(report, "FT-39").cycleTimeDays()).isEqualTo(15);
        assertThat(findings(report, "FT-39")).containsOnly(Map.entry(Kind.REOPENED, 1), Map.entry(Kind.BACKWARD_MOVES, 1));
        // FT-22: created in In Progress 02-24, In Review since 02-25 → age (5 + 31) + 1 = 37
        assertThat(Fx.item(report, "FT-22").stage()).isEqualTo("Review");
        assertThat(Fx.item(report, "FT-22").ageDays()).isEqualTo(37);
        // FT-13: Selected → Won't Do → Open: restored to the backlog, never started
        assertThat(Fx.item(report, "FT-13").stage()).isEqualTo("Backlog");
        assertThat(Fx.item(report, "FT-13").started()).isNull();
    }

    @Test
    @DisplayName("window, exclusions and cycle-time percentiles of the whole example")
    void wholeExample() {
        // removed at asOf: FT-7, FT-17, FT-37 → 40 − 3 = 37 items; earliest created FT-2 (01-02)
        assertThat(report.excluded().removed()).isEqualTo(3);
        assertThat(report.items()).hasSize(37);
        assertThat(report.from()).isEqualTo(d("2024-01-02"));
        assertThat(report.to()).isEqualTo(d("2024-03-31"));
        assertThat(report.daily()).hasSize(90); // 30 + 29 + 31
        // 14 finished: cycle times sorted 1,2,4,5,5,5,6,7,8,9,10,13,15,26
        // P50 rank 7 → 6; P70 rank ⌈9.8⌉=10 → 9; P85 rank ⌈11.9⌉=12 → 13; P95 rank ⌈13.3⌉=14 → 26
        assertThat(report.cycleTime().count()).isEqualTo(14);
        assertThat(report.throughput().total()).isEqualTo(14);
        assertThat(report.cycleTime().percentiles()).containsExactly(Map.entry(50, 6), Map.entry(70, 9),
                Map.entry(85, 13), Map.entry(95, 26));
        assertThat(report.cycleTime().min()).isEqualTo(1);
        assertThat(report.cycleTime().max()).isEqualTo(26);
    }

    @Test
    @DisplayName("aging: 14 items in progress at asOf, the oldest FT-38 (80), FT-19 (76), FT-10 (75), FT-29 (72)")
    void aging() {
        // FT-38 started 01-12 → 19 + 29 + 31 + 1 = 80; FT-19 01-16 → 76; FT-10 01-17 → 75;
        // FT-29 01-20, back in To Do → 72
        assertThat(report.wip().current()).isEqualTo(14);
        assertThat(report.aging().items()).hasSize(14);
        assertThat(report.aging().items().subList(0, 4)).extracting(AgingItem::id, AgingItem::stage,
                AgingItem::ageDays).containsExactly(tuple("FT-38", "Testing", 80),
                tuple("FT-19", "Review", 76), tuple("FT-10", "In Progress", 75), tuple("FT-29", "Backlog", 72));
    }
}
