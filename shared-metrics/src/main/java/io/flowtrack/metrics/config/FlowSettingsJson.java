package io.flowtrack.metrics.config;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one JSON shape of the {@link FlowSettings} both hosts share, read strictly and written back:
 * <pre>{"stages": [{"name": "In Progress", "category": "active", "states": ["Active"]}, …],
 *  "commitmentStage": "In Progress", "startPolicy": "first", "sle": {"days": 14, "percentile": 85},
 *  "calendar": {"workingDays": ["MONDAY", …, "FRIDAY"], "holidays": ["2024-12-25"]}}</pre>
 * The name of a stage's list of tracker states is the host's ({@code "statuses"} in Jira, whose states are status
 * ids; {@code "states"} in Azure DevOps); a host adds its own top-level fields, which this reader hands back
 * unread. Rules: {@code stages} a non-empty array of at most {@value FlowSettings#MAX_STAGES}; a stage's name a
 * string of 1 to {@value FlowSettings#MAX_NAME_LENGTH} characters, its category one of the flow categories, its
 * states an array of strings (a whole number is taken as its digits; absent or null is none); {@code startPolicy}
 * first (also when absent or null) or last; {@code sle} null or {@code {"days", "percentile"}} with whole numbers
 * (the percentile may be left out or null) checked by {@link ReportRequest.Sle}; {@code calendar} null or
 * {@code {"workingDays", "holidays"}} checked by {@link WorkingCalendar#of}, the working days a list of weekday names
 * or one range such as {@code "MON-FRI"}. Unknown fields, repeated keys and wrong types are refused; every message
 * starts with the field, e.g. {@code stages[1].category: one of …}.
 */
public final class FlowSettingsJson {
    /** The top-level fields read here. */
    public static final Set<String> FIELDS = Set.of("stages", "commitmentStage", "startPolicy", "sle", "calendar");
    private static final Set<String> CALENDAR_FIELDS = Set.of("workingDays", "holidays");
    private static final Set<String> SLE_FIELDS = Set.of("days", "percentile");

    private final String statesField;
    private final Set<String> fields;
    private final Set<String> stageFields;

    /**
     * @param statesField the host's name for a stage's tracker states
     * @param hostFields  the host's own top-level fields, handed back by {@link #read} unread
     */
    public FlowSettingsJson(String statesField, Set<String> hostFields) {
        this.statesField = Objects.requireNonNull(statesField, "statesField");
        Set<String> all = new HashSet<>(FIELDS);
        for (String f : hostFields) {
            if (!all.add(f)) {
                throw new IllegalArgumentException("the host field " + f + " is a shared one");
            }
        }
        this.fields = Set.copyOf(all);
        this.stageFields = Set.of("name", "category", statesField);
    }

    /**
     * A read configuration: the shared settings, and the host's own fields as they came (absent ones left out).
     *
     * @param settings   the shared settings, valid
     * @param hostFields the host's fields present in the body, by name, as plain values ({@link ConfigJson})
     */
    public record Read(FlowSettings settings, Map<String, Object> hostFields) {
        public Read {
            hostFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hostFields));
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public Read read(String body) {
        return read(ConfigJson.parseObject(body));
    }

    /** As {@link #read(String)}, from a parsed object ({@link ConfigJson#parseObject}). */
    public Read read(Map<String, Object> root) {
        ConfigJson.onlyKnown(root, fields, "");
        Object stagesValue = root.get("stages");
        if (!(stagesValue instanceof List<?> stagesList) || stagesList.isEmpty()) {
            throw new IllegalArgumentException("stages: a non-empty array is required");
        }
        if (stagesList.size() > FlowSettings.MAX_STAGES) {
            throw new IllegalArgumentException("stages: at most " + FlowSettings.MAX_STAGES + " stages, got "
                    + stagesList.size());
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < stagesList.size(); i++) {
            stages.add(stage(stagesList.get(i), "stages[" + i + "]"));
        }
        String commitment = ConfigJson.optionalText(root, "commitmentStage", "commitmentStage");
        String policyText = ConfigJson.optionalText(root, "startPolicy", "startPolicy");
        StartPolicy policy = policyText == null ? StartPolicy.FIRST : StartPolicy.fromJsonName(policyText)
                .orElseThrow(() -> new IllegalArgumentException("startPolicy: first or last, was '" + policyText
                        + "'"));
        ReportRequest.Sle sle = sle(root.get("sle"));
        WorkingCalendar calendar = calendar(root.get("calendar"));
        Map<String, Object> host = new LinkedHashMap<>();
        root.forEach((k, v) -> {
            if (!FIELDS.contains(k)) {
                host.put(k, v);
            }
        });
        return new Read(new FlowSettings(stages, commitment, policy, sle, calendar), host);
    }

    /**
     * The shared fields of {@code settings} in their JSON shape, in order, as plain values a host adds its own
     * fields to and writes ({@link ConfigJson#write} or its own mapper). Absent SLE and calendar are written null.
     */
    public Map<String, Object> write(FlowSettings settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> stages = new ArrayList<>();
        for (Stage stage : settings.stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", stage.name());
            s.put("category", stage.category().jsonName());
            s.put(statesField, stage.states());
            stages.add(s);
        }
        root.put("stages", stages);
        root.put("commitmentStage", settings.commitmentStage());
        root.put("startPolicy", settings.startPolicy().jsonName());
        root.put("sle", sle(settings.sle()));
        root.put("calendar", calendar(settings.calendar()));
        return root;
    }

    /** The JSON form of an SLE, null for none. */
    public static Map<String, Object> sle(ReportRequest.Sle sle) {
        if (sle == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("days", sle.days());
        s.put("percentile", sle.percentile());
        return s;
    }

    /** The JSON form of a calendar, as the engine reads it: full weekday names in week order, dates ascending. */
    public static Map<String, Object> calendar(WorkingCalendar calendar) {
        if (calendar == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("workingDays", calendar.orderedWorkingDays().stream().map(Enum::name).toList());
        c.put("holidays", calendar.holidays().stream().map(LocalDate::toString).toList());
        return c;
    }

    private Stage stage(Object value, String where) {
        Map<String, Object> node = ConfigJson.optionalObject(value, where, "an object is required", stageFields);
        if (node == null) {
            throw new IllegalArgumentException(where + ": an object is required");
        }
        String name = ConfigJson.optionalText(node, "name", where + ".name");
        if (name == null) {
            throw new IllegalArgumentException(where + ".name: required");
        }
        if (name.isBlank() || name.length() > FlowSettings.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(where + ".name: " + FlowSettings.nameRule());
        }
        String categoryText = ConfigJson.optionalText(node, "category", where + ".category");
        Category category = categoryText == null ? null : Category.fromJsonName(categoryText).orElse(null);
        if (category == null) {
            throw new IllegalArgumentException(where + ".category: one of " + Category.acceptedNames());
        }
        Object statesValue = node.get(statesField);
        List<String> states = new ArrayList<>();
        String statesWhere = where + "." + statesField;
        if (statesValue != null) {
            if (!(statesValue instanceof List<?> list)) {
                throw new IllegalArgumentException(statesWhere + ": an array of strings is required");
            }
            for (int j = 0; j < list.size(); j++) {
                Object state = list.get(j);
                String text = state instanceof String s ? s : ConfigJson.wholeNumber(state) != null
                        ? state.toString() : null;
                if (text == null || text.isBlank() || text.length() > FlowSettings.MAX_STATE_LENGTH) {
                    throw new IllegalArgumentException(statesWhere + "[" + j + "]: a string of 1 to "
                            + FlowSettings.MAX_STATE_LENGTH + " characters, not blank");
                }
                states.add(text);
            }
        }
        return new Stage(name, category, states);
    }

    private static ReportRequest.Sle sle(Object value) {
        Map<String, Object> node = ConfigJson.optionalObject(value, "sle",
                "an object {\"days\": …, \"percentile\": …} or null", SLE_FIELDS);
        if (node == null) {
            return null;
        }
        Integer days = ConfigJson.wholeNumber(node.get("days"));
        if (days == null) {
            throw new IllegalArgumentException("sle.days: a whole number of days is required");
        }
        Object percentileValue = node.get("percentile");
        Integer percentile = ConfigJson.wholeNumber(percentileValue);
        if (percentileValue != null && percentile == null) {
            throw new IllegalArgumentException("sle.percentile: a whole number from "
                    + ReportRequest.Sle.MIN_PERCENTILE + " to " + ReportRequest.Sle.MAX_PERCENTILE);
        }
        return sle(days, percentile);
    }

    /**
     * The engine's SLE of these figures, a refusal naming {@code sle.days} or {@code sle.percentile}; also for a
     * host's older stored forms of it.
     */
    public static ReportRequest.Sle sle(int days, Integer percentile) {
        try {
            return new ReportRequest.Sle(days, percentile);
        } catch (IllegalArgumentException e) {
            boolean daysOk = days >= 1 && days <= ReportRequest.Sle.MAX_DAYS;
            throw new IllegalArgumentException((daysOk ? "sle.percentile: " : "sle.days: ") + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the calendar's field that is wrong (the engine's own message) */
    private static WorkingCalendar calendar(Object value) {
        Map<String, Object> node = ConfigJson.optionalObject(value, "calendar",
                "an object {\"workingDays\": […], \"holidays\": […]} or null", CALENDAR_FIELDS);
        if (node == null) {
            return null;
        }
        return WorkingCalendar.of(workingDays(node.get("workingDays")), texts(node.get("holidays"),
                "calendar.holidays", "an array of dates such as \"2024-12-25\"", "a date such as \"2024-12-25\""));
    }

    private static List<String> workingDays(Object value) {
        if (value instanceof String text) {
            try {
                return WorkingCalendar.parseWorkingDays(text).stream().map(Enum::name).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calendar.workingDays: " + e.getMessage());
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("calendar.workingDays: required, e.g. [\"MONDAY\", …, \"FRIDAY\"]"
                    + " or \"MON-FRI\"");
        }
        return texts(value, "calendar.workingDays", "an array of weekday names or a range such as \"MON-FRI\"",
                "one weekday name such as \"MONDAY\"");
    }

    /** An array of strings as a list (null for null); anything else names the field. */
    private static List<String> texts(Object value, String where, String expected, String each) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": " + expected);
        }
        List<String> values = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new IllegalArgumentException(where + "[" + i + "]: " + each);
            }
            values.add(text);
        }
        return values;
    }
}
