package io.flowtrack.azdo.api;

import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.report.HistoryAssembler;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report filters of a request, validated: every parameter is checked and a bad one is a 400 that
 * names it. Unknown parameters are refused too, so a typo never silently means "all". The engine's parameters
 * are read by the engine's {@link ReportParameters} (the same rules and messages as every host); these are this
 * service's own:
 * <ul>
 *   <li>{@code areaPath} (repeatable): items under that area path (the path and every path below it);
 *       {@code areaPathExact} (repeatable): items in exactly that area path. An item is included when any of them
 *       matches: a team's area paths ({@code teamfieldvalues}, each with its include-children flag) become one
 *       of each. At most {@value #MAX_AREA_PATHS} in all.</li>
 *   <li>{@code tag} (repeatable): items carrying any of these tags (case-insensitive); needs tags (System.Tags)
 *       turned on for the organization.</li>
 *   <li>{@code field} (repeatable): {@code Reference.Name=value}, items whose latest value of that turned-on
 *       extended field equals one of the values given for it (case-insensitive); several fields must all match.</li>
 * </ul>
 *
 * @param areas            the area paths, or empty for all
 * @param tags             the tags, lower case, or empty
 * @param fields           extended field → accepted values (lower case), or empty
 * @param request          the engine's request (window, as-of, start policy, types, percentiles, SLE, forecast)
 * @param startPolicyGiven whether the caller chose the start policy (else the project's configured one applies)
 * @param timeZone         the zone in which days are counted
 */
public record ReportQuery(List<HistoryAssembler.Area> areas, Set<String> tags, Map<String, Set<String>> fields,
                          ReportRequest request, boolean startPolicyGiven, ZoneId timeZone) {
    // Equal queries (records all the way down; sets and maps compare by content) ask for the same report: the report
    // cache keys by this record.
    static final Set<String> PARAMETERS = Stream.concat(ReportParameters.NAMES.stream(),
            Stream.of("areaPath", "areaPathExact", "tag", "field")).collect(Collectors.toUnmodifiableSet());
    static final int MAX_AREA_PATHS = 50;
    static final int MAX_TAGS = 20;
    static final int MAX_FIELD_FILTERS = 20;

    public ReportQuery {
        areas = List.copyOf(areas);
        tags = Set.copyOf(tags);
        fields = Map.copyOf(fields);
    }

    /** One area path (and everything below it), or null for all; no tag or field filter. */
    public ReportQuery(String areaPath, ReportRequest request, boolean startPolicyGiven, ZoneId timeZone) {
        this(areaPath == null ? List.of() : List.of(new HistoryAssembler.Area(areaPath, true)), Set.of(), Map.of(),
                request, startPolicyGiven, timeZone);
    }

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
        // sorted and distinct, so that the same paths in another order are the same (cached) report
        TreeMap<String, HistoryAssembler.Area> areas = new TreeMap<>();
        for (String name : List.of("areaPathExact", "areaPath")) {
            for (String area : ctx.queryParams(name)) {
                if (area == null || area.isBlank() || area.length() > 4000) {
                    throw ApiException.badRequest(name + " must be 1 to 4000 characters");
                }
                boolean under = name.equals("areaPath");
                areas.put(area.toLowerCase(Locale.ROOT) + (under ? "\u0000under" : "\u0000exact"),
                        new HistoryAssembler.Area(area, under));
            }
        }
        if (areas.size() > MAX_AREA_PATHS) {
            throw ApiException.badRequest("at most " + MAX_AREA_PATHS + " areaPath and areaPathExact values in all");
        }
        Set<String> tags = new TreeSet<>();
        for (String tag : ctx.queryParams("tag")) {
            if (tag == null || tag.isBlank() || tag.length() > 400 || tag.contains(";")) {
                throw ApiException.badRequest("tag must be 1 to 400 characters without ';'");
            }
            tags.add(tag.trim().toLowerCase(Locale.ROOT));
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.badRequest("at most " + MAX_TAGS + " tag values");
        }
        Map<String, Set<String>> fields = new TreeMap<>();
        List<String> given = ctx.queryParams("field");
        if (given.size() > MAX_FIELD_FILTERS) {
            throw ApiException.badRequest("at most " + MAX_FIELD_FILTERS + " field values");
        }
        for (String f : given) {
            int eq = f == null ? -1 : f.indexOf('=');
            String name = eq < 0 ? null : f.substring(0, eq);
            String value = eq < 0 ? null : f.substring(eq + 1);
            if (name == null || FieldSelection.refusal(name) != null || name.equals(FieldSelection.TAGS)
                    || value.isEmpty() || value.length() > FieldSelection.MAX_VALUE_CHARS) {
                throw ApiException.badRequest("field must be Reference.Name=value (an extended field other than"
                        + " System.Tags, which has tag; a value of 1 to " + FieldSelection.MAX_VALUE_CHARS
                        + " characters)");
            }
            fields.computeIfAbsent(name, n -> new TreeSet<>()).add(value.toLowerCase(Locale.ROOT));
        }
        return new ReportQuery(new ArrayList<>(areas.values()), tags, fields, parameters.request(),
                parameters.startPolicyGiven(), parameters.timeZone());
    }

    /** The extended fields the filters read (System.Tags for tags). */
    Set<String> fieldsRead() {
        Set<String> out = new TreeSet<>(fields.keySet());
        if (!tags.isEmpty()) {
            out.add(FieldSelection.TAGS);
        }
        return out;
    }
}
