package io.flowtrack.metrics.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Instants to calendar days of a zone, and the first and last instant of a day. */
class DayClockTest {
    private final DayClock utc = new DayClock(ZoneId.of("UTC"));
    private final DayClock la = new DayClock(ZoneId.of("America/Los_Angeles"));
    private final DayClock auckland = new DayClock(ZoneId.of("Pacific/Auckland"));

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @Test
    @DisplayName("2024-03-05T02:00Z is 03-05 in UTC, 03-04 in Los Angeles (UTC−8), 03-05 in Auckland (UTC+13)")
    void datesDiffer() {
        assertThat(utc.date(at("2024-03-05T02:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(la.date(at("2024-03-05T02:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(auckland.date(at("2024-03-05T02:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 5));
        // 2024-03-05T12:00Z is 03-06 01:00 in Auckland
        assertThat(auckland.date(at("2024-03-05T12:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 6));
        // day() is the epoch day of date()
        assertThat(la.day(at("2024-03-05T02:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 4).toEpochDay());
    }

    @Test
    @DisplayName("day boundaries in Los Angeles follow the offset in force: 08:00Z in winter, 07:00Z in summer")
    void boundariesFollowDst() {
        assertThat(la.date(at("2024-03-09T07:59:59Z"))).isEqualTo(LocalDate.of(2024, 3, 8));
        assertThat(la.date(at("2024-03-09T08:00:00Z"))).isEqualTo(LocalDate.of(2024, 3, 9));
        assertThat(la.date(at("2024-07-01T06:59:59Z"))).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(la.date(at("2024-07-01T07:00:00Z"))).isEqualTo(LocalDate.of(2024, 7, 1));
    }

    @Test
    @DisplayName("the spring-forward day in Los Angeles (2024-03-10) runs 08:00Z to 07:00Z next day: 23 h")
    void springForward() {
        LocalDate day = LocalDate.of(2024, 3, 10);
        assertThat(la.startOfDay(day)).isEqualTo(at("2024-03-10T08:00:00Z"));
        assertThat(la.endOfDay(day)).isEqualTo(at("2024-03-11T06:59:59.999999999Z"));
        assertThat(Duration.between(la.startOfDay(day), la.endOfDay(day)).plusNanos(1)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    @DisplayName("the fall-back day in Los Angeles (2024-11-03) runs 07:00Z to 08:00Z next day: 25 h")
    void fallBack() {
        LocalDate day = LocalDate.of(2024, 11, 3);
        assertThat(la.startOfDay(day)).isEqualTo(at("2024-11-03T07:00:00Z"));
        assertThat(la.endOfDay(day)).isEqualTo(at("2024-11-04T07:59:59.999999999Z"));
        // 23:50 PST on 11-03 is still 11-03
        assertThat(la.date(at("2024-11-04T07:50:00Z"))).isEqualTo(day);
    }

    @Test
    @DisplayName("end of a day is the last nanosecond before the next day starts (UTC and Auckland)")
    void endOfDay() {
        assertThat(utc.endOfDay(LocalDate.of(2024, 3, 31))).isEqualTo(at("2024-03-31T23:59:59.999999999Z"));
        // Auckland is UTC+13 on 2024-03-05: the day ends at 2024-03-05T10:59:59.999999999Z
        assertThat(auckland.endOfDay(LocalDate.of(2024, 3, 5))).isEqualTo(at("2024-03-05T10:59:59.999999999Z"));
        assertThat(auckland.date(auckland.endOfDay(LocalDate.of(2024, 3, 5)))).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(auckland.date(auckland.endOfDay(LocalDate.of(2024, 3, 5)).plusNanos(1)))
                .isEqualTo(LocalDate.of(2024, 3, 6));
    }

    @Test
    @DisplayName("instants before 1970 and fixed offsets floor to the right day")
    void beforeEpochAndFixedOffsets() {
        assertThat(utc.date(at("1969-12-31T23:00:00Z"))).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(utc.date(at("1969-12-31T23:59:59.999999999Z"))).isEqualTo(LocalDate.of(1969, 12, 31));
        DayClock minus5 = new DayClock(ZoneOffset.ofHours(-5));
        assertThat(minus5.date(at("2024-01-01T04:59:59Z"))).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(minus5.date(at("2024-01-01T05:00:00Z"))).isEqualTo(LocalDate.of(2024, 1, 1));
    }
}
