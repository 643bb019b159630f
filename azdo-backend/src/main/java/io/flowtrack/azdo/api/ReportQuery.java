package io.flowtrack.azdo.api;

import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.ReportRequest;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report filters of a request, validated: every parameter is checked and a bad one is a 400 that
 * names it. Unknown parameters are refused too, so a typo never silently means "all".
 *
 * @param areaPath    only work items under this area path (inclusive), or null
 * @param request     the engine's request (window, as-of, start policy, types, percentiles, SLE, forecast)
 * @param startPolicyGiven whether the caller chose the start policy (else the project's configured one applies)
 * @param timeZone    the zone in which days are counted
 */
public record ReportQuery(String areaPath, ReportRequest request, boolean startPolicyGiven, ZoneId timeZone) {
    // Equal queries (records all the way down; work item types are a set) ask for the same report: the report
    // cache keys by this record.
    static final Set<String> PARAMETERS = Set.of("from", "to", "asOf", "startPolicy", "types", "areaPath",
            "percentiles", "sleDays", "slePercentile", "forecastDays", "forecastItems", "trials", "seed", "timeZone");
    /** At most this many Monte Carlo trials per request: bounded work for a shared service. */
    static final int MAX_TRIALS = 100_000;

    /**
     * Reads and validates the query string; {@code zone} is the project's default time zone. Without
     * {@code asOf} the report is as of {@code now} to the minute (seconds dropped), so identical requests within
     * a minute are the same request — and can be answered from the report cache.
     */
    public static ReportQuery from(Context ctx, ZoneId defaultZone, Instant now) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "'; known: " + String.join(", ",
                        PARAMETERS.stream().sorted().toList()));
            }
        }
        ZoneId zone = defaultZone;
        String zoneText = ctx.queryParam("timeZone");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("timeZone: '" + zoneText + "' is not an IANA time zone id");
            }
        }
        ReportRequest.Builder b = ReportRequest.builder();
        b.from(date(ctx, "from"));
        b.to(date(ctx, "to"));
        String asOf = ctx.queryParam("asOf");
        b.asOf(asOf != null ? asOf(asOf, zone) : now.truncatedTo(ChronoUnit.MINUTES));
        String policy = ctx.queryParam("startPolicy");
        if (policy != null) {
            b.startPolicy(StartPolicy.fromJsonName(policy).orElseThrow(
                    () -> ApiException.badRequest("startPolicy must be first or last, was '" + policy + "'")));
        }
        String types = ctx.queryParam("types");
        if (types != null) {
            Set<String> set = new LinkedHashSet<>();
            for (String t : types.split(",")) {
                String type = t.trim();
                if (type.isEmpty() || type.length() > 128) {
                    throw ApiException.badRequest("types: each work item type is 1 to 128 characters");
                }
                set.add(type);
            }
            b.types(set);
        }
        String percentiles = ctx.queryParam("percentiles");
        if (percentiles != null) {
            b.percentiles(integers("percentiles", percentiles));
        }
        Integer sleDays = integer(ctx, "sleDays", 1, 3650);
        Integer slePercentile = integer(ctx, "slePercentile", 1, 100);
        if (slePercentile != null && sleDays == null) {
            throw ApiException.badRequest("slePercentile needs sleDays");
        }
        if (sleDays != null) {
            b.sle(new ReportRequest.Sle(sleDays, slePercentile));
        }
        Integer forecastDays = integer(ctx, "forecastDays", 1, 3650);
        Integer forecastItems = integer(ctx, "forecastItems", 1, 100_000);
        Integer trials = integer(ctx, "trials", 1, MAX_TRIALS);
        Long seed = null;
        String seedText = ctx.queryParam("seed");
        if (seedText != null) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("seed must be a whole number, was '" + seedText + "'");
            }
        }
        if (forecastDays != null || forecastItems != null) {
            b.forecast(new ForecastRequest(forecastDays, forecastItems,
                    trials == null ? MonteCarlo.DEFAULT_TRIALS : trials, seed, null, null, null));
        } else if (trials != null || seed != null) {
            throw ApiException.badRequest("trials and seed need forecastDays or forecastItems");
        }
        String area = ctx.queryParam("areaPath");
        if (area != null && (area.isBlank() || area.length() > 4000)) {
            throw ApiException.badRequest("areaPath must be 1 to 4000 characters");
        }
        try {
            return new ReportQuery(area, b.build(), policy != null, zone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static LocalDate date(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(name + " must be a date such as 2024-06-30, was '" + text + "'");
        }
    }

    private static Instant asOf(String text, ZoneId zone) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
            }
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("asOf must be an ISO-8601 instant or a date, was '" + text + "'");
        }
    }

    private static Integer integer(Context ctx, String name, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + text + "'");
        }
    }

    private static List<Integer> integers(String name, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be whole numbers separated by commas, was '" + text + "'");
            }
        }
        return values;
    }
}
