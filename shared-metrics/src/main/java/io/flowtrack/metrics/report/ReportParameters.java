package io.flowtrack.metrics.report;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.model.StartPolicy;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The report parameters of a web request (window, as-of, start policy, types, percentiles, SLE, forecast,
 * time zone), read and validated once for every host. A bad value raises an {@link IllegalArgumentException}
 * whose message names the parameter, so a host answers 400 with it; hosts add their own selection
 * parameters (project, query, area) and refuse everything else.
 *
 * @param request          the engine's request
 * @param startPolicyGiven whether the caller chose the start policy (else the host's configured one applies)
 * @param sleGiven         whether the caller gave an SLE (else the host's configured one applies)
 * @param timeZone         the zone in which days are counted
 */
public record ReportParameters(ReportRequest request, boolean startPolicyGiven, boolean sleGiven, ZoneId timeZone) {
    /** The parameter names read here. */
    public static final Set<String> NAMES = Set.of("from", "to", "asOf", "startPolicy", "types", "percentiles",
            "sleDays", "slePercentile", "forecastDays", "forecastItems", "trials", "seed", "timeZone");
    /** At most this many Monte Carlo trials per request: bounded work for a shared server. */
    public static final int MAX_TRIALS = 100_000;
    /** The longest forecast horizon and the most items a "when" forecast may ask for. */
    public static final int MAX_FORECAST_DAYS = 3650;
    public static final int MAX_FORECAST_ITEMS = 100_000;

    /**
     * Reads the parameters through {@code parameter} (name to value, null when absent); without {@code asOf} the
     * report is as of the moment the engine's request is built.
     *
     * @param defaultZone the zone when the request names none
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public static ReportParameters read(Function<String, String> parameter, ZoneId defaultZone) {
        return read(parameter, defaultZone, null);
    }

    /**
     * Reads the parameters through {@code parameter} (name to value, null when absent).
     *
     * @param defaultZone the zone when the request names none
     * @param defaultAsOf the moment the report is as of when the request names none (a host that caches reports
     *                    passes a rounded "now" so that equal requests are equal); null for the moment of reading
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public static ReportParameters read(Function<String, String> parameter, ZoneId defaultZone, Instant defaultAsOf) {
        Reader r = new Reader(parameter);
        ZoneId zone = r.zone(defaultZone);
        ReportRequest.Builder b = ReportRequest.builder();
        b.from(r.date("from"));
        b.to(r.date("to"));
        Instant asOf = r.asOf(zone);
        b.asOf(asOf != null ? asOf : defaultAsOf);
        String policy = parameter.apply("startPolicy");
        if (policy != null) {
            b.startPolicy(StartPolicy.fromJsonName(policy).orElseThrow(() ->
                    new IllegalArgumentException("startPolicy must be first or last, was '" + policy + "'")));
        }
        Set<String> types = r.types();
        if (types != null) {
            b.types(types);
        }
        List<Integer> percentiles = r.integers("percentiles");
        if (percentiles != null) {
            b.percentiles(percentiles);
        }
        Integer sleDays = r.integer("sleDays", 1, ReportRequest.Sle.MAX_DAYS);
        Integer slePercentile = r.integer("slePercentile", ReportRequest.Sle.MIN_PERCENTILE,
                ReportRequest.Sle.MAX_PERCENTILE);
        if (slePercentile != null && sleDays == null) {
            throw new IllegalArgumentException("slePercentile needs sleDays");
        }
        if (sleDays != null) {
            b.sle(new ReportRequest.Sle(sleDays, slePercentile));
        }
        Integer days = r.integer("forecastDays", 1, MAX_FORECAST_DAYS);
        Integer items = r.integer("forecastItems", 1, MAX_FORECAST_ITEMS);
        Integer trials = r.integer("trials", 1, MAX_TRIALS);
        Long seed = r.seed();
        if (days != null || items != null) {
            b.forecast(new ForecastRequest(days, items, trials == null ? MonteCarlo.DEFAULT_TRIALS : trials, seed,
                    null, null, null));
        } else if (trials != null || seed != null) {
            throw new IllegalArgumentException("trials and seed need forecastDays or forecastItems");
        }
        return new ReportParameters(b.build(), policy != null, sleDays != null, zone);
    }

    /**
     * The engine's request for a project: the caller's choices, and where the caller chose none, the project's
     * configured start policy and SLE; the project's working calendar. The one place where a host's configuration
     * meets a request (Jira's and Azure DevOps' report routes both come here).
     *
     * @param startPolicy the project's start policy, or null for the spec's default
     * @param sle         the project's SLE, or null for none
     * @param calendar    the project's working calendar, or null for calendar days only
     */
    public ReportRequest withProjectDefaults(StartPolicy startPolicy, ReportRequest.Sle sle,
                                             WorkingCalendar calendar) {
        ReportRequest r = request;
        StartPolicy policy = startPolicyGiven || startPolicy == null ? r.startPolicy() : startPolicy;
        ReportRequest.Sle chosenSle = sleGiven ? r.sle() : sle;
        WorkingCalendar chosenCalendar = r.calendar() != null ? r.calendar() : calendar;
        return new ReportRequest(r.asOf(), r.from(), r.to(), policy, r.percentiles(), chosenSle, r.types(),
                r.forecast(), chosenCalendar);
    }

    private record Reader(Function<String, String> parameter) {
        ZoneId zone(ZoneId fallback) {
            String text = parameter.apply("timeZone");
            if (text == null) {
                return fallback;
            }
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timeZone: '" + text + "' is not an IANA time zone id");
            }
        }

        LocalDate date(String name) {
            String text = parameter.apply(name);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(name + " must be a date such as 2024-06-30, was '" + text + "'");
            }
        }

        /** A date means the end of that day in {@code zone}; anything else must be an ISO-8601 instant. */
        Instant asOf(ZoneId zone) {
            String text = parameter.apply("asOf");
            if (text == null) {
                return null;
            }
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
                }
                return Instant.parse(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("asOf must be an ISO-8601 instant or a date, was '" + text + "'");
            }
        }

        Set<String> types() {
            String text = parameter.apply("types");
            if (text == null) {
                return null;
            }
            Set<String> set = new LinkedHashSet<>();
            for (String part : text.split(",")) {
                String type = part.trim();
                if (type.isEmpty() || type.length() > ReportRequest.MAX_TYPE_NAME_LENGTH) {
                    throw new IllegalArgumentException("types: each work item type is 1 to "
                            + ReportRequest.MAX_TYPE_NAME_LENGTH + " characters");
                }
                set.add(type);
            }
            return set;
        }

        Integer integer(String name, int min, int max) {
            String text = parameter.apply(name);
            if (text == null) {
                return null;
            }
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        }

        List<Integer> integers(String name) {
            String text = parameter.apply(name);
            if (text == null) {
                return null;
            }
            List<Integer> values = new ArrayList<>();
            for (String part : text.split(",")) {
                try {
                    values.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be whole numbers separated by commas, was '"
                            + text + "'");
                }
            }
            return values;
        }

        Long seed() {
            String text = parameter.apply("seed");
            if (text == null) {
                return null;
            }
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed must be a whole number, was '" + text + "'");
            }
        }
    }
}
