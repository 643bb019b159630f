package io.flowtrack.azdo.api;

import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report filters of a request, validated: every parameter is checked and a bad one is a 400 that
 * names it. Unknown parameters are refused too, so a typo never silently means "all". The engine's parameters
 * are read by the engine's {@link ReportParameters} (the same rules and messages as every host); only
 * {@code areaPath} is this service's own.
 *
 * @param areaPath    only work items under this area path (inclusive), or null
 * @param request     the engine's request (window, as-of, start policy, types, percentiles, SLE, forecast)
 * @param startPolicyGiven whether the caller chose the start policy (else the project's configured one applies)
 * @param timeZone    the zone in which days are counted
 */
public record ReportQuery(String areaPath, ReportRequest request, boolean startPolicyGiven, ZoneId timeZone) {
    // Equal queries (records all the way down; work item types are a set) ask for the same report: the report
    // cache keys by this record.
    static final Set<String> PARAMETERS = Stream.concat(ReportParameters.NAMES.stream(), Stream.of("areaPath"))
            .collect(Collectors.toUnmodifiableSet());

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
        ReportParameters parameters;
        try {
            parameters = ReportParameters.read(ctx::queryParam, defaultZone, now.truncatedTo(ChronoUnit.MINUTES));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String area = ctx.queryParam("areaPath");
        if (area != null && (area.isBlank() || area.length() > 4000)) {
            throw ApiException.badRequest("areaPath must be 1 to 4000 characters");
        }
        return new ReportQuery(area, parameters.request(), parameters.startPolicyGiven(), parameters.timeZone());
    }
}
