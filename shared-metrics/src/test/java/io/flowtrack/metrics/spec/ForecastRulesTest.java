package io.flowtrack.metrics.spec;

import static io.flowtrack.metrics.spec.Fx.d;
import static io.flowtrack.metrics.spec.Fx.endOf;
import static io.flowtrack.metrics.spec.Fx.history;
import static io.flowtrack.metrics.spec.Fx.item;
import static io.flowtrack.metrics.spec.Fx.standard;
import static io.flowtrack.metrics.spec.Fx.throughput;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Forecasts through the engine: the samples are the daily throughputs of the sampling window (default
 * [from, to]); answers derived by hand from the sample distribution (see MonteCarloTest for the
 * arithmetic); "when" dates count from the day after asOf.
 */
class ForecastRulesTest {
    // window 01-01..01-04, daily throughput [0, 1, 0, 2]:
    // T1 finished 01-02; T2, T3 finished 01-04; R finished 01-03 but is removed at asOf (not a sample)
    private final History sampleHistory = history(standard(),
            item("T1", "2024-01-01T08:00", "To Do", "2024-01-01T10:00", "In Progress", "2024-01-02T10:00", "Done"),
            item("T2", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-04T10:00", "Done"),
            item("T3", "2024-01-01T08:00", "To Do", "2024-01-03T10:00", "In Progress", "2024-01-04T12:00", "Done"),
            item("R", "2024-01-01T08:00", "To Do", "2024-01-02T10:00", "In Progress", "2024-01-03T10:00", "Done",
                    "2024-01-04T15:00", "Removed"));

    private Report forecast(History h, String from, String to, ForecastRequest f) {
        return FlowEngine.report(h, ReportRequest.builder().asOf(endOf(to)).from(d(from)).to(d(to)).forecast(f).build());
    }

    @Test
    @DisplayName("the samples are the window's daily throughput [0,1,0,2]: how many in 2 days = 3/2/1/0 at 10/30/70/95 %")
    void howManyFromWindowThroughput() {
        Report r = forecast(sampleHistory, "2024-01-01", "2024-01-04",
                new ForecastRequest(2, null, 10_000, 42L, null, null, List.of(10, 30, 70, 95)));
        assertThat(throughput(r)).containsExactly(0, 1, 0, 2);
        assertThat(r.forecast().samplingFrom()).isEqualTo(d("2024-01-01"));
        assertThat(r.forecast().samplingTo()).isEqualTo(d("2024-01-04"));
        assertThat(r.forecast().howMany().percentiles()).containsExactly(Map.entry(10, 3), Map.entry(30, 2),
                Map.entry(70, 1), Map.entry(95, 0));
        assertThat(r.forecast().when()).isNull();
    }

    @Test
    @DisplayName("when will 2 items be done from [0,1,0,2]: 2/3/5/7 days at 30/60/85/95 %, dated from the day after asOf")
    void whenFromWindowThroughput() {
        // asOf = end of 01-04 → day 1 is 01-05: 2 days → 01-06, 3 → 01-07, 5 → 01-09, 7 → 01-11
        Report r = forecast(sampleHistory, "2024-01-01", "2024-01-04",
                new ForecastRequest(null, 2, 10_000, 42L, null, null, List.of(30, 60, 85, 95)));
        assertThat(r.forecast().when().percentiles()).containsExactly(Map.entry(30, 2), Map.entry(60, 3),
                Map.entry(85, 5), Map.entry(95, 7));
        assertThat(r.forecast().whenDates()).containsExactly(Map.entry(30, d("2024-01-06")),
                Map.entry(60, d("2024-01-07")), Map.entry(85, d("2024-01-09")), Map.entry(95, d("2024-01-11")));
    }

    @Test
    @DisplayName("an explicit sampling window replaces [from, to] as the source of samples")
    void samplingWindow() {
        // sampling 01-04..01-04 → samples [2]: 3 days bring 6; 5 items take ⌈5/2⌉ = 3 days
        Report r = forecast(sampleHistory, "2024-01-01", "2024-01-04", new ForecastRequest(3, 5, 1000, 7L,
                d("2024-01-04"), d("2024-01-04"), null));
        assertThat(r.forecast().samplingFrom()).isEqualTo(d("2024-01-04"));
        assertThat(r.forecast().howMany().percentiles().values()).containsOnly(6);
        assertThat(r.forecast().when().percentiles().values()).containsOnly(3);
        assertThat(r.forecast().whenDates().values()).containsOnly(LocalDate.of(2024, 1, 7));
    }

    @Test
    @DisplayName("a sampling window without any finished item gives no forecast, with a reason")
    void zeroSamples() {
        // 01-01 and 01-03 have throughput 0 (R's finish on 01-03 does not count: R is removed)
        for (String day : List.of("2024-01-01", "2024-01-03")) {
            Report r = forecast(sampleHistory, "2024-01-01", "2024-01-04", new ForecastRequest(14, 20, 1000, 1L,
                    d(day), d(day), null));
            assertThat(r.forecast().howMany().available()).as(day).isFalse();
            assertThat(r.forecast().howMany().reason()).as(day).isNotBlank();
            assertThat(r.forecast().when().available()).as(day).isFalse();
            assertThat(r.forecast().whenDates()).as(day).isNull();
        }
    }

    @Test
    @DisplayName("one item finished every day: how many in 14 days = 14, 20 items take 20 days at every confidence")
    void allOnes() {
        // D1..D5 finish on 01-01..01-05, one a day; asOf end of 01-05 → 20 days later is 01-25
        History h = history(standard(),
                item("D1", "2024-01-01T08:00", "To Do", "2024-01-01T09:00", "In Progress", "2024-01-01T10:00", "Done"),
                item("D2", "2024-01-01T08:00", "To Do", "2024-01-01T09:00", "In Progress", "2024-01-02T10:00", "Done"),
                item("D3", "2024-01-01T08:00", "To Do", "2024-01-01T09:00", "In Progress", "2024-01-03T10:00", "Done"),
                item("D4", "2024-01-01T08:00", "To Do", "2024-01-01T09:00", "In Progress", "2024-01-04T10:00", "Done"),
                item("D5", "2024-01-01T08:00", "To Do", "2024-01-01T09:00", "In Progress", "2024-01-05T10:00", "Done"));
        Report r = forecast(h, "2024-01-01", "2024-01-05", new ForecastRequest(14, 20, 10_000, 42L, null, null, null));
        assertThat(r.forecast().howMany().percentiles()).containsExactly(Map.entry(50, 14), Map.entry(70, 14),
                Map.entry(85, 14), Map.entry(95, 14));
        assertThat(r.forecast().when().percentiles()).containsExactly(Map.entry(50, 20), Map.entry(70, 20),
                Map.entry(85, 20), Map.entry(95, 20));
        assertThat(r.forecast().whenDates().values()).containsOnly(d("2024-01-25"));
        assertThat(r.forecast().howMany().trials()).isEqualTo(10_000);
    }

    @Test
    @DisplayName("a seed makes the forecast repeatable; without one a seed is drawn, reported, and reproduces it")
    void seeds() {
        ForecastRequest seeded = new ForecastRequest(5, 3, 2000, 123L, null, null, null);
        Forecast a = forecast(sampleHistory, "2024-01-01", "2024-01-04", seeded).forecast().howMany();
        Forecast b = forecast(sampleHistory, "2024-01-01", "2024-01-04", seeded).forecast().howMany();
        assertThat(a).isEqualTo(b);
        assertThat(a.seed()).isEqualTo(123L);

        Forecast drawn = forecast(sampleHistory, "2024-01-01", "2024-01-04",
                new ForecastRequest(5, null, 2000, null, null, null, null)).forecast().howMany();
        Forecast again = forecast(sampleHistory, "2024-01-01", "2024-01-04",
                new ForecastRequest(5, null, 2000, drawn.seed(), null, null, null)).forecast().howMany();
        assertThat(again).isEqualTo(drawn);
    }

    @Test
    @DisplayName("no forecast requested: the report has none")
    void noForecast() {
        Report r = FlowEngine.report(sampleHistory, ReportRequest.builder().asOf(endOf("2024-01-04")).build());
        assertThat(r.forecast()).isNull();
    }
}
