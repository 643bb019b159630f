package io.flowtrack.metrics.report;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.stats.Percentiles;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What report to compute. Build one with {@link #builder()}; unset values take the spec's defaults.
 *
 * @param asOf        the moment the report is computed for; only history at or before it counts
 * @param from        first day of the window; null for the day the earliest reported item was created
 * @param to          last day of the window; null for the day of {@code asOf}
 * @param startPolicy {@code first} (default) or {@code last}
 * @param percentiles the cycle-time (and pace) percentiles, default 50, 70, 85, 95
 * @param sle         the service-level expectation to measure attainment against, or null
 * @param types       work item types to report on; empty for all
 * @param forecast    the Monte Carlo forecasts to run, or null for none
 * @param calendar    the working calendar, or null: with one, the report adds working-day figures beside
 *                    every calendar-day one (flow-definitions.md, "Working days (optional)")
 */
public record ReportRequest(Instant asOf, LocalDate from, LocalDate to, StartPolicy startPolicy,
                            List<Integer> percentiles, Sle sle, Set<String> types, ForecastRequest forecast,
                            WorkingCalendar calendar) {

    /** The longest window a report may span, in days (a century). */
    public static final int MAX_WINDOW_DAYS = 36_525;
    /** The longest work item type name a request may filter on (after trimming). */
    public static final int MAX_TYPE_NAME_LENGTH = 128;

    public ReportRequest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(startPolicy, "startPolicy");
        percentiles = Percentiles.validated(percentiles == null ? Percentiles.DEFAULT : percentiles, "percentiles");
        types = types == null ? Set.of() : Set.copyOf(types);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the window starts (" + from + ") after it ends (" + to + ")");
        }
    }

    /**
     * A service-level expectation: {@code percentile}% of items finish within {@code days} days.
     *
     * @param days       the SLE in days (cycle time, +1 convention)
     * @param percentile the share the team aims for, in percent; null when only attainment is wanted
     */
    public record Sle(int days, Integer percentile) {
        /** The longest SLE, in days (ten years), as for a forecast's horizon. */
        public static final int MAX_DAYS = 3650;
        /** The SLE percentile is a share of items in percent: 1 to 100 (100: every item within the days). */
        public static final int MIN_PERCENTILE = 1;
        public static final int MAX_PERCENTILE = 100;

        /**
         * The one SLE rule of every host and the CLI: days from 1 to {@link #MAX_DAYS}; a percentile, when given,
         * from {@link #MIN_PERCENTILE} to {@link #MAX_PERCENTILE}.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public Sle {
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("SLE days must be from 1 to " + MAX_DAYS + ", was " + days);
            }
            if (percentile != null && (percentile < MIN_PERCENTILE || percentile > MAX_PERCENTILE)) {
                throw new IllegalArgumentException("SLE percentile must be from " + MIN_PERCENTILE + " to "
                        + MAX_PERCENTILE + ", was " + percentile);
            }
        }
    }

    /** A request without a working calendar. */
    public ReportRequest(Instant asOf, LocalDate from, LocalDate to, StartPolicy startPolicy,
                         List<Integer> percentiles, Sle sle, Set<String> types, ForecastRequest forecast) {
        this(asOf, from, to, startPolicy, percentiles, sle, types, forecast, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: now, the whole history, start policy first, percentiles 50/70/85/95, no SLE, no forecast. */
    public static final class Builder {
        private Instant asOf;
        private LocalDate from;
        private LocalDate to;
        private StartPolicy startPolicy = StartPolicy.FIRST;
        private List<Integer> percentiles;
        private Sle sle;
        private Set<String> types = Set.of();
        private ForecastRequest forecast;
        private WorkingCalendar calendar;

        public Builder asOf(Instant value) {
            this.asOf = value;
            return this;
        }

        public Builder from(LocalDate value) {
            this.from = value;
            return this;
        }

        public Builder to(LocalDate value) {
            this.to = value;
            return this;
        }

        public Builder startPolicy(StartPolicy value) {
            this.startPolicy = value;
            return this;
        }

        public Builder percentiles(List<Integer> value) {
            this.percentiles = value;
            return this;
        }

        public Builder sle(Sle value) {
            this.sle = value;
            return this;
        }

        public Builder types(Set<String> value) {
            this.types = value;
            return this;
        }

        public Builder forecast(ForecastRequest value) {
            this.forecast = value;
            return this;
        }

        public Builder calendar(WorkingCalendar value) {
            this.calendar = value;
            return this;
        }

        public ReportRequest build() {
            return new ReportRequest(asOf == null ? Instant.now() : asOf, from, to, startPolicy, percentiles, sle,
                    types, forecast, calendar);
        }
    }
}
