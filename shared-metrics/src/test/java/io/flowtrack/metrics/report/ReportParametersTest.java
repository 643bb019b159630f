package io.flowtrack.metrics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.StartPolicy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportParametersTest {
    private static ReportParameters read(Map<String, String> query) {
        return ReportParameters.read(query::get, ZoneOffset.UTC);
    }

    @Test
    void everyParameterReachesTheEngineRequest() {
        ReportParameters p = read(Map.ofEntries(Map.entry("from", "2024-01-01"), Map.entry("to", "2024-03-31"),
                Map.entry("asOf", "2024-03-31"), Map.entry("startPolicy", "last"), Map.entry("types", "Story, Bug"),
                Map.entry("percentiles", "50,85"), Map.entry("sleDays", "10"), Map.entry("slePercentile", "85"),
                Map.entry("forecastItems", "20"), Map.entry("trials", "500"), Map.entry("seed", "7"),
                Map.entry("timeZone", "Europe/Berlin")));
        ReportRequest r = p.request();
        assertThat(r.from()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.to()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(p.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        // A date means the end of that day in the request's zone (Berlin is UTC+2 on 31 March 2024).
        assertThat(r.asOf()).isEqualTo(Instant.parse("2024-03-31T21:59:59.999999999Z"));
        assertThat(r.startPolicy()).isEqualTo(StartPolicy.LAST);
        assertThat(r.types()).isEqualTo(Set.of("Story", "Bug"));
        assertThat(r.percentiles()).containsExactly(50, 85);
        assertThat(r.sle()).isEqualTo(new ReportRequest.Sle(10, 85));
        assertThat(r.forecast().whenItems()).isEqualTo(20);
        assertThat(r.forecast().trials()).isEqualTo(500);
        assertThat(r.forecast().seed()).isEqualTo(7L);
        assertThat(p.startPolicyGiven()).isTrue();
        assertThat(p.sleGiven()).isTrue();
    }

    @Test
    void nothingGivenMeansTheDefaults() {
        ReportParameters p = read(Map.of());
        assertThat(p.request().forecast()).isNull();
        assertThat(p.request().sle()).isNull();
        assertThat(p.startPolicyGiven()).isFalse();
        assertThat(p.sleGiven()).isFalse();
        assertThat(p.timeZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aHostsDefaultAsOfAppliesOnlyWhenTheRequestNamesNone() {
        Instant minute = Instant.parse("2025-03-10T12:34:00Z");
        assertThat(ReportParameters.read(Map.<String, String>of()::get, ZoneOffset.UTC, minute).request().asOf())
                .isEqualTo(minute);
        assertThat(ReportParameters.read(Map.of("asOf", "2025-03-01T00:00:00Z")::get, ZoneOffset.UTC, minute)
                .request().asOf()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void aBadValueIsRefusedWithItsName() {
        Map<String, Map<String, String>> cases = Map.ofEntries(
                Map.entry("from", Map.of("from", "yesterday")),
                Map.entry("asOf", Map.of("asOf", "soon")),
                Map.entry("startPolicy", Map.of("startPolicy", "middle")),
                Map.entry("sleDays", Map.of("sleDays", "0")),
                Map.entry("slePercentile", Map.of("slePercentile", "85")),
                Map.entry("trials", Map.of("trials", "5")),
                Map.entry("forecastDays", Map.of("forecastDays", "x")),
                Map.entry("timeZone", Map.of("timeZone", "Mars/Olympus")),
                Map.entry("percentiles", Map.of("percentiles", "50,a")),
                Map.entry("types", Map.of("types", " , ")),
                Map.entry("seed", Map.of("seed", "1.5")),
                Map.entry("forecastItems", Map.of("forecastItems", "100001")));
        cases.forEach((name, query) -> assertThatThrownBy(() -> read(query)).as(name)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> read(Map.of("from", "2024-02-01", "to", "2024-01-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts");
    }

    @Test
    void theOneSleRuleDaysOneTo3650AndAnOptionalPercentileOneTo100() {
        assertThat(new ReportRequest.Sle(1, 1)).isNotNull();
        assertThat(new ReportRequest.Sle(3650, 100)).isNotNull();
        assertThat(new ReportRequest.Sle(14, null).percentile()).isNull();
        for (int[] bad : new int[][] {{0, 85}, {3651, 85}, {14, 0}, {14, 101}}) {
            assertThatThrownBy(() -> new ReportRequest.Sle(bad[0], bad[1])).as(bad[0] + "/" + bad[1])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLE");
        }
        // The query reads by the same rule: 100 is a percentile, 3651 days is not.
        assertThat(read(Map.of("sleDays", "3650", "slePercentile", "100")).request().sle())
                .isEqualTo(new ReportRequest.Sle(3650, 100));
        assertThatThrownBy(() -> read(Map.of("sleDays", "3651"))).hasMessageContaining("sleDays");
        assertThatThrownBy(() -> read(Map.of("sleDays", "9", "slePercentile", "101")))
                .hasMessageContaining("slePercentile");
    }

    @Test
    void aProjectsDefaultsFillOnlyWhatTheCallerDidNotChoose() {
        WorkingCalendar weekdays = new WorkingCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), java.util.List.of());
        ReportRequest.Sle configured = new ReportRequest.Sle(20, 90);

        ReportRequest none = read(Map.of()).withProjectDefaults(StartPolicy.LAST, configured, weekdays);
        assertThat(none.startPolicy()).isEqualTo(StartPolicy.LAST);
        assertThat(none.sle()).isEqualTo(configured);
        assertThat(none.calendar()).isEqualTo(weekdays);

        ReportRequest chosen = read(Map.of("startPolicy", "first", "sleDays", "5", "slePercentile", "70"))
                .withProjectDefaults(StartPolicy.LAST, configured, null);
        assertThat(chosen.startPolicy()).isEqualTo(StartPolicy.FIRST);
        assertThat(chosen.sle()).isEqualTo(new ReportRequest.Sle(5, 70));
        assertThat(chosen.calendar()).isNull();

        // A project without a policy or SLE leaves the spec's defaults: first entry, no SLE.
        ReportRequest bare = read(Map.of("types", "Bug")).withProjectDefaults(null, null, null);
        assertThat(bare.startPolicy()).isEqualTo(StartPolicy.FIRST);
        assertThat(bare.sle()).isNull();
        assertThat(bare.types()).containsExactly("Bug");
    }
}
