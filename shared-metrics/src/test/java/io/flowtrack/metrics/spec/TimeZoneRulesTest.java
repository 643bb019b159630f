package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.HOUR;
import static io.flowtrack.metrics.spec.Fx.arrivals;
import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.fourStages;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.report;
import static io.flowtrack.metrics.spec.Fx.throughput;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.Report;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Days are calendar dates in the report's time zone": the same instants give other dates, cycle
 * times and daily rows when the history's zone is not UTC, and a DST day is still one day.
 * Workflow {@link Fx#fourStages()}: Backlog, In Progress, Review, Done.
 */
class TimeZoneRulesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    // created 2024-03-01T20:00Z To Do; 2024-03-05T02:00Z In Progress; 2024-03-07T09:00Z Done
    // LA is UTC−8 until 03-10: started 03-04 18:00 local, finished 03-07 01:00 local
    private final WorkItem la = item("LA", "2024-03-01T20:00", "To Do", "2024-03-05T02:00", "In Progress",
            "2024-03-07T09:00", "Done");

    @Test
    @DisplayName("Los Angeles: a transition at 2024-03-05T02:00Z starts the item on 03-04 (cycle 4 there, 3 in UTC)")
    void losAngelesDates() {
        // LA:  started 03-04, finished 03-07 → 7−4+1 = 4 days
        // UTC: started 03-05, finished 03-07 → 7−5+1 = 3 days
        Report inLa = report(history(fourStages(), LA, la), Instant.parse("2024-03-31T12:00:00Z"), "2024-03-04",
                "2024-03-07");
        Report inUtc = report(history(fourStages(), UTC, la), Instant.parse("2024-03-31T12:00:00Z"), "2024-03-04",
                "2024-03-07");
        assertThat(Fx.item(inLa, "LA").started()).isEqualTo(d("2024-03-04"));
        assertThat(Fx.item(inLa, "LA").cycleTimeDays()).isEqualTo(4);
        assertThat(Fx.item(inUtc, "LA").started()).isEqualTo(d("2024-03-05"));
        assertThat(Fx.item(inUtc, "LA").cycleTimeDays()).isEqualTo(3);
        // the daily rows move with the dates: arrival on 03-04 in LA, on 03-05 in UTC
        assertThat(arrivals(inLa)).containsExactly(1, 0, 0, 0);
        assertThat(arrivals(inUtc)).containsExactly(0, 1, 0, 0);
        assertThat(throughput(inLa)).containsExactly(0, 0, 0, 1);
        assertThat(Fx.wip(inLa)).containsExactly(1, 1, 1, 1);
        assertThat(Fx.wip(inUtc)).containsExactly(0, 1, 1, 1);
        // the exact time in progress does not depend on the zone: 03-05T02 → 03-07T09 = 55 h
        assertThat(Fx.item(inLa, "LA").timeInStage().seconds(1)).isEqualTo(55 * HOUR);
    }

    @Test
    @DisplayName("Auckland (UTC+13): a finish at 2024-03-05T12:00Z falls on 03-06 local (cycle 3 there, 2 in UTC)")
    void aucklandDates() {
        // created 2024-03-01T00:00Z; In Progress 2024-03-04T10:30Z (= 03-04 23:30 NZDT); Done 2024-03-05T12:00Z (= 03-06 01:00)
        // Auckland: 6−4+1 = 3 days; UTC: started 03-04, finished 03-05 → 2 days
        WorkItem nz = item("NZ", "2024-03-01T00:00", "To Do", "2024-03-04T10:30", "In Progress",
                "2024-03-05T12:00", "Done");
        Report inNz = report(history(fourStages(), AUCKLAND, nz), Instant.parse("2024-03-20T00:00:00Z"), null, null);
        Report inUtc = report(history(fourStages(), UTC, nz), Instant.parse("2024-03-20T00:00:00Z"), null, null);
        assertThat(Fx.item(inNz, "NZ").started()).isEqualTo(d("2024-03-04"));
        assertThat(Fx.item(inNz, "NZ").finished()).isEqualTo(d("2024-03-06"));
        assertThat(Fx.item(inNz, "NZ").cycleTimeDays()).isEqualTo(3);
        assertThat(Fx.item(inUtc, "NZ").finished()).isEqualTo(d("2024-03-05"));
        assertThat(Fx.item(inUtc, "NZ").cycleTimeDays()).isEqualTo(2);
        // created 2024-03-01T00:00Z is 03-01 13:00 in Auckland: the default window starts 03-01 in both;
        // asOf 2024-03-20T00:00Z is 03-20 13:00 in Auckland and 03-20 in UTC
        assertThat(inNz.from()).isEqualTo(d("2024-03-01"));
        assertThat(inNz.to()).isEqualTo(d("2024-03-20"));
    }

    @Test
    @DisplayName("Auckland: asOf = end of local day 03-05 (2024-03-05T10:59:59.999999999Z) excludes the 12:00Z finish")
    void aucklandEndOfLocalDay() {
        // the Done transition at 12:00Z is after asOf → unfinished; age = 03-05 − 03-04 + 1 = 2 days
        WorkItem nz = item("NZ", "2024-03-01T00:00", "To Do", "2024-03-04T10:30", "In Progress",
                "2024-03-05T12:00", "Done");
        Instant endOf0305 = Instant.parse("2024-03-05T10:59:59.999999999Z");
        Report r = report(history(fourStages(), AUCKLAND, nz), endOf0305, null, null);
        assertThat(r.to()).isEqualTo(d("2024-03-05"));
        assertThat(Fx.item(r, "NZ").finished()).isNull();
        assertThat(Fx.item(r, "NZ").ageDays()).isEqualTo(2);
    }

    @Test
    @DisplayName("CFD counts an item from its local creation date (LA: created 2024-03-05T02:00Z is 03-04)")
    void cfdCreatedOnLocalDate() {
        // window 03-04..03-05, asOf 03-06T00:00Z: LA → created 03-04 → [1,0,0,0] on 03-04; UTC → created 03-05
        WorkItem c = item("C", "2024-03-05T02:00", "To Do");
        Instant asOf = Instant.parse("2024-03-06T00:00:00Z");
        Report inLa = report(history(fourStages(), LA, c), asOf, "2024-03-04", "2024-03-05");
        Report inUtc = report(history(fourStages(), UTC, c), asOf, "2024-03-04", "2024-03-05");
        assertThat(Fx.item(inLa, "C").created()).isEqualTo(d("2024-03-04"));
        assertThat(inLa.daily()).extracting(Report.Day::cfd).containsExactly(List.of(1, 0, 0, 0), List.of(1, 0, 0, 0));
        assertThat(inUtc.daily()).extracting(Report.Day::cfd).containsExactly(List.of(0, 0, 0, 0), List.of(1, 0, 0, 0));
    }

    @Test
    @DisplayName("DST spring forward (LA 2024-03-10 has 23 h): 22 h inside that day is cycle time 1")
    void springForwardDay() {
        // In Progress 2024-03-10T08:30Z (00:30 PST), Done 2024-03-11T06:30Z (23:30 PDT): both local 03-10
        // LA: 10−10+1 = 1 day; UTC: 03-10 → 03-11 = 2 days; exact duration 22 h, all active
        WorkItem dst = item("S", "2024-03-09T12:00", "To Do", "2024-03-10T08:30", "In Progress",
                "2024-03-11T06:30", "Done");
        Instant asOf = Instant.parse("2024-03-12T12:00:00Z");
        Report inLa = report(history(fourStages(), LA, dst), asOf, "2024-03-09", "2024-03-11");
        Report inUtc = report(history(fourStages(), UTC, dst), asOf, "2024-03-09", "2024-03-11");
        assertThat(Fx.item(inLa, "S").finished()).isEqualTo(d("2024-03-10"));
        assertThat(Fx.item(inLa, "S").cycleTimeDays()).isEqualTo(1);
        assertThat(Fx.item(inUtc, "S").cycleTimeDays()).isEqualTo(2);
        assertThat(Fx.item(inLa, "S").timeInStage().seconds(1)).isEqualTo(22 * HOUR);
        assertThat(Fx.item(inLa, "S").flowEfficiency()).isEqualTo(1.0);
        assertThat(Fx.wip(inLa)).containsExactly(0, 1, 0);
    }

    @Test
    @DisplayName("DST fall back (LA 2024-11-03 has 25 h): 24 h 40 min inside that day is still cycle time 1")
    void fallBackDay() {
        // In Progress 2024-11-03T07:10Z (00:10 PDT), Done 2024-11-04T07:50Z (23:50 PST): both local 11-03
        // LA: 1 day; UTC: 11-03 → 11-04 = 2 days; exact duration 24 h 40 min = 88 800 s
        WorkItem dst = item("F", "2024-11-01T12:00", "To Do", "2024-11-03T07:10", "In Progress",
                "2024-11-04T07:50", "Done");
        Instant asOf = Instant.parse("2024-11-10T12:00:00Z");
        History inLa = history(fourStages(), LA, dst);
        Report r = report(inLa, asOf, "2024-11-02", "2024-11-04");
        assertThat(Fx.item(r, "F").started()).isEqualTo(d("2024-11-03"));
        assertThat(Fx.item(r, "F").finished()).isEqualTo(d("2024-11-03"));
        assertThat(Fx.item(r, "F").cycleTimeDays()).isEqualTo(1);
        assertThat(Fx.item(r, "F").timeInStage().seconds(1)).isEqualTo(88_800.0);
        assertThat(throughput(r)).containsExactly(0, 1, 0);
        assertThat(Fx.item(report(history(fourStages(), UTC, dst), asOf, null, null), "F").cycleTimeDays())
                .isEqualTo(2);
    }
}
