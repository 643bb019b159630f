package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.HOUR;
import static io.flowtrack.metrics.spec.Fx.at;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.fourStages;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The additions of flow-definitions.md — stage breakdown, blocked time, working days, weekly series — on
 * hand-worked examples. Workflow {@link Fx#fourStages()}: Backlog[0] proposed, In Progress[1] active,
 * Review[2] waiting, Done[3] done.
 */
class AdditionsTest {
    // A: started 01-02T00, In Progress 6 h, Review 24 h, done 01-03T06 → 30 h, cycle 2 days (Tue–Wed)
    private static WorkItem a(WorkItem.Builder b) {
        return b.transition(at("2024-01-02T00:00"), "To Do", "In Progress")
                .transition(at("2024-01-02T06:00"), "In Progress", "In Review")
                .transition(at("2024-01-03T06:00"), "In Review", "Done").build();
    }

    private static WorkItem.Builder created(String id) {
        return WorkItem.builder(id, "Story", at("2024-01-01T00:00"), "To Do");
    }

    // B: In Progress 01-04T09 → Done 01-04T17: 8 h, cycle 1 day (Thu)
    private static final WorkItem B = item("B", "2024-01-01T00:00", "To Do", "2024-01-04T09:00", "In Progress",
            "2024-01-04T17:00", "Done");
    // C: started 01-05T00 (Fri), never finished
    private static final WorkItem C = item("C", "2024-01-01T00:00", "To Do", "2024-01-05T00:00", "In Progress");

    @Nested
    @DisplayName("where the time goes: stage breakdown")
    class Breakdown {
        @Test
        @DisplayName("per stage: items with time in it, total, share of Σ cycle time and nearest-rank percentiles")
        void shares() {
            Report r = report(history(fourStages(), a(created("A")), B, C), endOf("2024-01-31"), "2024-01-01",
                    "2024-01-31");
            // Σ (finished − started) over A and B = 30 h + 8 h = 38 h; C is unfinished and outside the set
            assertThat(r.stageBreakdown()).extracting(Report.StageShare::stage)
                    .containsExactly("Backlog", "In Progress", "Review", "Done");
            Report.StageShare backlog = r.stageBreakdown().get(0);
            assertThat(backlog.items()).isZero();
            assertThat(backlog.share()).isZero();
            assertThat(backlog.percentiles()).isEmpty();
            Report.StageShare inProgress = r.stageBreakdown().get(1);
            assertThat(inProgress.items()).isEqualTo(2);
            assertThat(inProgress.totalMillis()).isEqualTo(14 * 3_600_000L);
            assertThat(inProgress.share()).isCloseTo(14.0 / 38.0, within(1e-12));
            // time in stage 6 h and 8 h: P50 = 1st of 2 (⌈1.0⌉), P70/P85/P95 = 2nd (⌈1.4⌉ … ⌈1.9⌉)
            assertThat(inProgress.percentiles()).containsExactly(Map.entry(50, 6 * 3_600_000L),
                    Map.entry(70, 8 * 3_600_000L), Map.entry(85, 8 * 3_600_000L), Map.entry(95, 8 * 3_600_000L));
            Report.StageShare review = r.stageBreakdown().get(2);
            assertThat(review.items()).isEqualTo(1);
            assertThat(review.share()).isCloseTo(24.0 / 38.0, within(1e-12));
            assertThat(review.percentiles()).containsEntry(95, 24 * 3_600_000L);
            assertThat(r.stageBreakdown().stream().mapToDouble(Report.StageShare::share).sum())
                    .isCloseTo(1.0, within(1e-12));
        }

        @Test
        @DisplayName("removed stages have no row; no finished item gives shares of 0")
        void removedAndEmpty() {
            Report r = report(history(Fx.standard(), C), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(r.stageBreakdown()).extracting(Report.StageShare::stage)
                    .containsExactly("Backlog", "In Progress", "Review", "Testing", "Done", "Closed");
            assertThat(r.stageBreakdown()).allSatisfy(s -> {
                assertThat(s.items()).isZero();
                assertThat(s.share()).isZero();
            });
        }
    }

    @Nested
    @DisplayName("blocked time")
    class Blocked {
        // A's periods: 01-01T10–01-02T00:30 (before the start: 30 min count), 01-02T01–03 and 02–04 (overlap),
        // 04–05 (touching): one run 01–05 = 4 h; 01-03T05–01-04T00 (past the finish: 1 h counts). Total 5.5 h.
        private final WorkItem blockedA = a(created("A")
                .blocked(at("2024-01-02T02:00"), at("2024-01-02T04:00"))
                .blocked(at("2024-01-01T10:00"), at("2024-01-02T00:30"))
                .blocked(at("2024-01-02T01:00"), at("2024-01-02T03:00"))
                .blocked(at("2024-01-02T04:00"), at("2024-01-02T05:00"))
                .blocked(at("2024-01-03T05:00"), at("2024-01-04T00:00")));
        // B: a period after asOf does not count
        private final WorkItem blockedB = WorkItem.builder("B", "Story", at("2024-01-01T00:00"), "To Do")
                .transition(at("2024-01-04T09:00"), "To Do", "In Progress")
                .transition(at("2024-01-04T17:00"), "In Progress", "Done")
                .blocked(at("2024-02-05T00:00"), null).build();
        // C: blocked since 01-20T00 and still blocked
        private final WorkItem blockedC = WorkItem.builder("C", "Story", at("2024-01-01T00:00"), "To Do")
                .transition(at("2024-01-05T00:00"), "To Do", "In Progress")
                .blocked(at("2024-01-20T00:00"), null).build();
        // D: never started, though flagged
        private final WorkItem blockedD = WorkItem.builder("D", "Story", at("2024-01-01T00:00"), "To Do")
                .blocked(at("2024-01-10T00:00"), null).build();

        private Report report() {
            return Fx.report(history(fourStages(), blockedA, blockedB, blockedC, blockedD), endOf("2024-01-31"),
                    "2024-01-01", "2024-01-31");
        }

        @Test
        @DisplayName("merged periods, cut to [started, finished] and to asOf; not started: none")
        void perItem() {
            Report r = report();
            assertThat(Fx.item(r, "A").blockedMillis()).isEqualTo((long) (5.5 * HOUR * 1000));
            assertThat(Fx.item(r, "A").blockedNow()).isFalse();
            assertThat(Fx.item(r, "B").blockedMillis()).isZero();
            // 01-20T00 to the last nanosecond of 01-31: 12 days, to the millisecond
            assertThat(Fx.item(r, "C").blockedMillis()).isEqualTo(12 * 86_400_000L);
            assertThat(Fx.item(r, "C").blockedNow()).isTrue();
            assertThat(Fx.item(r, "D").blockedMillis()).isNull();
            assertThat(Fx.item(r, "D").blockedNow()).isFalse();
        }

        @Test
        @DisplayName("over the window: blocked items and share of the finished ones, items blocked now")
        void summary() {
            Report.Blocked b = report().blocked();
            assertThat(b.items()).isEqualTo(1);
            assertThat(b.share()).isCloseTo(5.5 / 38.0, within(1e-12));
            assertThat(b.now()).isEqualTo(1);
        }

        @Test
        @DisplayName("blocked time changes no other number")
        void changesNothingElse() {
            Report blocked = report();
            Report plain = Fx.report(history(fourStages(), a(created("A")), B, C,
                    item("D", "2024-01-01T00:00", "To Do")), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
            assertThat(blocked.cycleTime()).isEqualTo(plain.cycleTime());
            assertThat(blocked.daily()).isEqualTo(plain.daily());
            assertThat(blocked.flowEfficiency()).isEqualTo(plain.flowEfficiency());
            assertThat(blocked.stageBreakdown()).isEqualTo(plain.stageBreakdown());
            assertThat(blocked.items()).extracting(Report.Item::timeInStage)
                    .isEqualTo(plain.items().stream().map(Report.Item::timeInStage).toList());
        }

        @Test
        @DisplayName("the report's JSON carries blockedSeconds, blockedNow and the top-level blocked")
        void json() throws Exception {
            JsonNode json = new ObjectMapper().readTree(ReportWriter.toJson(report(), false));
            JsonNode a = json.get("items").get(0);
            assertThat(a.get("id").asText()).isEqualTo("A");
            assertThat(a.get("blockedSeconds").asDouble()).isEqualTo(5.5 * HOUR);
            assertThat(a.get("blockedNow").asBoolean()).isFalse();
            assertThat(json.get("items").get(3).has("blockedSeconds")).as("not started").isFalse();
            assertThat(json.get("blocked").get("items").asInt()).isEqualTo(1);
            assertThat(json.get("blocked").get("now").asInt()).isEqualTo(1);
            assertThat(json.get("blocked").get("share").asDouble()).isCloseTo(5.5 / 38.0, within(1e-12));
            assertThat(json.has("calendar")).isFalse();
            assertThat(a.has("cycleTimeWorkingDays")).isFalse();
        }
    }

    @Nested
    @DisplayName("weekly series")
    class Weekly {
        @Test
        @DisplayName("Monday-to-Sunday weeks; sums of the days inside the window; WIP of the last day inside it")
        void weeks() {
            History h = history(fourStages(), a(created("A")), B, C);
            // 2024-01-01 is a Monday; the window ends on Wednesday 01-10
            Report r = report(h, endOf("2024-01-31"), "2024-01-01", "2024-01-10");
            assertThat(r.weekly()).containsExactly(
                    new Report.Week(d("2024-01-01"), 7, false, 3, 2, 1),
                    new Report.Week(d("2024-01-08"), 3, true, 0, 0, 1));
        }

        @Test
        @DisplayName("a week cut by the window's start is partial and starts on its Monday")
        void cutAtStart() {
            Report r = report(history(fourStages(), a(created("A")), B, C), endOf("2024-01-31"), "2024-01-03",
                    "2024-01-07");
            // Wed 01-03 … Sun 01-07: arrivals B (01-04), C (01-05); throughput A (01-03), B (01-04); WIP on 01-07: C
            assertThat(r.weekly()).containsExactly(new Report.Week(d("2024-01-01"), 5, true, 2, 2, 1));
        }
    }

    @Nested
    @DisplayName("working days")
    class WorkingDays {
        // Monday to Friday, Wednesday 2024-01-03 a holiday
        private final WorkingCalendar calendar = new WorkingCalendar(WorkingCalendar.MONDAY_TO_FRIDAY,
                List.of(d("2024-01-03")));
        // E: Fri 01-05 → Tue 01-09: 5 calendar days, working 01-05, 01-08, 01-09 = 3
        private final WorkItem e = item("E", "2024-01-01T00:00", "To Do", "2024-01-05T10:00", "In Progress",
                "2024-01-09T10:00", "Done");
        // F: Sat 01-06 → Sun 01-07: no working date in its life → 1
        private final WorkItem f = item("F", "2024-01-01T00:00", "To Do", "2024-01-06T10:00", "In Progress",
                "2024-01-07T10:00", "Done");

        private Report report() {
            return FlowEngine.report(history(fourStages(), a(created("A")), B, C, e, f), ReportRequest.builder()
                    .asOf(endOf("2024-01-31")).from(d("2024-01-01")).to(d("2024-01-31")).calendar(calendar).build());
        }

        @Test
        @DisplayName("cycle time and age count working dates, at least 1; calendar-day figures stay")
        void perItem() {
            Report r = report();
            // A: Tue 01-02 → Wed 01-03 (holiday): 1 working date; calendar cycle time stays 2
            assertThat(Fx.item(r, "A").cycleTimeWorkingDays()).isEqualTo(1);
            assertThat(Fx.item(r, "A").cycleTimeDays()).isEqualTo(2);
            assertThat(Fx.item(r, "B").cycleTimeWorkingDays()).isEqualTo(1);
            assertThat(Fx.item(r, "E").cycleTimeWorkingDays()).isEqualTo(3);
            assertThat(Fx.item(r, "E").cycleTimeDays()).isEqualTo(5);
            assertThat(Fx.item(r, "F").cycleTimeWorkingDays()).isEqualTo(1);
            // C: Fri 01-05 … Wed 01-31: 1 + 3 × 5 + 3 = 19 working dates
            assertThat(Fx.item(r, "C").ageWorkingDays()).isEqualTo(19);
            assertThat(Fx.item(r, "C").ageDays()).isEqualTo(27);
            assertThat(Fx.item(r, "C").cycleTimeWorkingDays()).isNull();
            assertThat(Fx.item(r, "A").ageWorkingDays()).isNull();
        }

        @Test
        @DisplayName("working-day percentiles beside the calendar-day ones")
        void percentiles() {
            Report r = report();
            // working cycle times [1, 1, 1, 3]: ranks ⌈2⌉, ⌈2.8⌉, ⌈3.4⌉, ⌈3.8⌉ → 1, 1, 3, 3
            assertThat(r.cycleTime().workingDayPercentiles()).containsExactly(Map.entry(50, 1), Map.entry(70, 1),
                    Map.entry(85, 3), Map.entry(95, 3));
            // calendar [1, 2, 2, 5] is unchanged
            assertThat(r.cycleTime().percentiles()).containsExactly(Map.entry(50, 2), Map.entry(70, 2),
                    Map.entry(85, 5), Map.entry(95, 5));
        }

        @Test
        @DisplayName("forecasts sample working days only; 'when' answers in calendar days after asOf")
        void forecasts() {
            // one item finished on each weekday of 01-08 … 01-12, none at the weekend: working samples all 1
            WorkItem[] items = new WorkItem[5];
            for (int i = 0; i < 5; i++) {
                String day = "2024-01-" + String.format("%02d", 8 + i);
                items[i] = item("W" + i, "2024-01-01T00:00", "To Do", day + "T09:00", "In Progress", day + "T17:00",
                        "Done");
            }
            WorkingCalendar withHoliday = new WorkingCalendar(WorkingCalendar.MONDAY_TO_FRIDAY,
                    List.of(d("2024-02-01")));
            ForecastRequest forecast = new ForecastRequest(7, 3, 1000, 42L, d("2024-01-08"), d("2024-01-14"),
                    null);
            Report r = FlowEngine.report(history(fourStages(), items), ReportRequest.builder()
                    .asOf(endOf("2024-01-31")).from(d("2024-01-01")).to(d("2024-01-31")).forecast(forecast)
                    .calendar(withHoliday).build());
            Report.WorkingDayForecasts w = r.forecast().workingDays();
            // the 7 days after Wed 01-31: Thu 02-01 (holiday), Fri, Sat, Sun, Mon, Tue, Wed → 4 working days
            assertThat(w.howMany().target()).isEqualTo(7);
            assertThat(w.howMany().percentiles().values()).containsOnly(4);
            // the 3rd working day after asOf: Fri 02-02, Mon 02-05, Tue 02-06 → 6 calendar days
            assertThat(w.when().percentiles().values()).containsOnly(6);
            assertThat(w.whenDates().values()).containsOnly(d("2024-02-06"));
            assertThat(w.when().distribution()).containsExactly(new io.flowtrack.metrics.forecast.Forecast.Bucket(6, 1000));
            // the calendar-day forecasts are still there, drawn from all seven days
            assertThat(r.forecast().howMany().available()).isTrue();
            assertThat(r.forecast().when().available()).isTrue();
        }

        @Test
        @DisplayName("the report's JSON names the calendar and the working-day fields")
        void json() throws Exception {
            JsonNode json = new ObjectMapper().readTree(ReportWriter.toJson(report(), false));
            assertThat(json.get("calendar").get("workingDays").toString())
                    .isEqualTo("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]");
            assertThat(json.get("calendar").get("holidays").toString()).isEqualTo("[\"2024-01-03\"]");
            assertThat(json.get("cycleTime").get("workingDays").get("percentiles").get("85").asInt()).isEqualTo(3);
            JsonNode c = json.get("items").get(2);
            assertThat(c.get("id").asText()).isEqualTo("C");
            assertThat(c.get("ageWorkingDays").asInt()).isEqualTo(19);
            assertThat(c.get("cycleTimeWorkingDays").isNull()).isTrue();
        }

        @Test
        @DisplayName("a calendar counts working dates in constant time, holidays on weekends change nothing")
        void counter() {
            WorkingCalendar.Counter counter = new WorkingCalendar(WorkingCalendar.MONDAY_TO_FRIDAY,
                    List.of(d("2024-01-03"), d("2024-01-06"))).counter();
            assertThat(counter.count(d("2024-01-01").toEpochDay(), d("2024-01-31").toEpochDay())).isEqualTo(22);
            assertThat(counter.count(d("2024-01-06").toEpochDay(), d("2024-01-07").toEpochDay())).isZero();
            assertThat(counter.days(d("2024-01-06").toEpochDay(), d("2024-01-07").toEpochDay())).isEqualTo(1);
            assertThat(counter.isWorking(d("2024-01-03").toEpochDay())).isFalse();
            assertThat(WorkingCalendar.parseWorkingDays("sun,Sat")).containsExactlyInAnyOrder(DayOfWeek.SATURDAY,
                    DayOfWeek.SUNDAY);
            assertThat(WorkingCalendar.parseWorkingDays("MON-THU")).hasSize(4);
        }
    }

    @Test
    @DisplayName("start policy last: blocked time before the last start does not count")
    void blockedUnderLastPolicy() {
        // picked up 01-02, sent back 01-03, picked up again 01-10, done 01-11; blocked 01-02T12 … 01-10T12:
        // policy last counts 01-10T00 … 12 (12 h), policy first 01-02T12 … 01-10T12 (8 days)
        WorkItem w = WorkItem.builder("L", "Story", at("2024-01-01T00:00"), "To Do")
                .transition(at("2024-01-02T00:00"), "To Do", "In Progress")
                .transition(at("2024-01-03T00:00"), "In Progress", "To Do")
                .transition(at("2024-01-10T00:00"), "To Do", "In Progress")
                .transition(at("2024-01-11T00:00"), "In Progress", "Done")
                .blocked(at("2024-01-02T12:00"), at("2024-01-10T12:00")).build();
        Report last = report(history(fourStages(), w), endOf("2024-01-31"), "2024-01-01", "2024-01-31",
                StartPolicy.LAST);
        assertThat(Fx.item(last, "L").blockedMillis()).isEqualTo(12 * 3_600_000L);
        Report first = report(history(fourStages(), w), endOf("2024-01-31"), "2024-01-01", "2024-01-31");
        assertThat(Fx.item(first, "L").blockedMillis()).isEqualTo(8 * 24 * 3_600_000L);
    }

    @Test
    @DisplayName("shares stay true when the summed nanoseconds pass Long.MAX_VALUE (10 items of 50 years: 1.6e19 ns)")
    void sharesOfHugeSums() {
        WorkItem[] items = new WorkItem[10];
        for (int i = 0; i < items.length; i++) {
            items[i] = WorkItem.builder("H-" + i, "Story", at("2000-01-01T00:00"), "To Do")
                    .transition(at("2000-01-01T00:00"), "To Do", "In Progress")
                    .transition(at("2040-01-01T00:00"), "In Progress", "In Review")
                    .transition(at("2050-01-01T00:00"), "In Review", "Done")
                    .blocked(at("2000-01-01T00:00"), at("2025-01-01T00:00"))
                    .build();
        }
        Report r = report(history(fourStages(), items), endOf("2050-01-31"), "2049-06-01", "2050-01-31");
        // 2000-01-01 to 2040-01-01 is 14,610 days, to 2050-01-01 3,653 more; blocked for 9,132 days.
        double inProgress = 14_610.0 / 18_263.0;
        assertThat(r.stageBreakdown()).extracting(Report.StageShare::stage, Report.StageShare::items)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Backlog", 0),
                        org.assertj.core.groups.Tuple.tuple("In Progress", 10),
                        org.assertj.core.groups.Tuple.tuple("Review", 10), org.assertj.core.groups.Tuple.tuple("Done", 0));
        assertThat(r.stageBreakdown().get(1).share()).isCloseTo(inProgress, within(1e-12));
        assertThat(r.stageBreakdown().get(2).share()).isCloseTo(1 - inProgress, within(1e-12));
        assertThat(r.blocked().share()).isCloseTo(9_132.0 / 18_263.0, within(1e-12));
        assertThat(r.flowEfficiency()).isCloseTo(inProgress, within(1e-12));
    }
}
