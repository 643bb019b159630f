package io.flowtrack.jira.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link FlowConfig}, used by the REST resource and the audit log:
 * <pre>{"stages": [{"name": "In Progress", "category": "active", "statuses": ["3"]}, …],
 *  "commitmentStage": "In Progress", "startPolicy": "first", "sle": {"days": 14, "percentile": 85},
 *  "includeTitles": false, "blockedField": "Flagged",
 *  "calendar": {"workingDays": ["MONDAY", …, "FRIDAY"], "holidays": ["2024-12-25"]}}</pre>
 * {@code blockedField} absent or null is Jira Software's Flagged; {@code calendar} absent or null is none (no
 * working-day figures). Working days are English weekday names, full or three letters ({@code MON}), or one range
 * text such as {@code "MON-FRI"}; holidays are ISO dates. The calendar is checked by the engine's
 * {@link WorkingCalendar}, so the plugin and the command line accept the same calendars.
 * Reading is strict: unknown fields, wrong types and invalid values are refused with a message that names
 * the field.
 */
public final class FlowConfigJson {
    private static final Set<String> FIELDS = Set.of("stages", "commitmentStage", "startPolicy", "sle",
            "includeTitles", "blockedField", "calendar");
    private static final Set<String> CALENDAR_FIELDS = Set.of("workingDays", "holidays");
    private static final Set<String> STAGE_FIELDS = Set.of("name", "category", "statuses");
    private static final Set<String> SLE_FIELDS = Set.of("days", "percentile");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    public ObjectNode toJson(FlowConfig config) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode stages = root.putArray("stages");
        for (StageConfig stage : config.stages()) {
            ObjectNode s = stages.addObject();
            s.put("name", stage.name());
            s.put("category", stage.category().jsonName());
            ArrayNode statuses = s.putArray("statuses");
            stage.statusIds().forEach(statuses::add);
        }
        root.put("commitmentStage", config.commitmentStage());
        root.put("startPolicy", config.startPolicy().jsonName());
        if (config.sle() == null) {
            root.putNull("sle");
        } else {
            ObjectNode sle = root.putObject("sle");
            sle.put("days", config.sle().days());
            sle.put("percentile", config.sle().percentile());
        }
        root.put("includeTitles", config.includeTitles());
        root.put("blockedField", config.blockedField());
        if (config.calendar() == null) {
            root.putNull("calendar");
        } else {
            ObjectNode calendar = root.putObject("calendar");
            ArrayNode days = calendar.putArray("workingDays");
            config.calendar().orderedWorkingDays().forEach(d -> days.add(d.name()));
            ArrayNode holidays = calendar.putArray("holidays");
            config.calendar().holidays().forEach(h -> holidays.add(h.toString()));
        }
        return root;
    }

    public String toText(FlowConfig config) {
        return toJson(config).toString();
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public FlowConfig read(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        onlyKnown(root, FIELDS, "");
        JsonNode stagesNode = root.get("stages");
        if (stagesNode == null || !stagesNode.isArray() || stagesNode.isEmpty()) {
            throw new IllegalArgumentException("stages: a non-empty array is required");
        }
        if (stagesNode.size() > FlowConfig.MAX_STAGES) {
            throw new IllegalArgumentException("stages: at most " + FlowConfig.MAX_STAGES + " stages");
        }
        List<StageConfig> stages = new ArrayList<>();
        for (int i = 0; i < stagesNode.size(); i++) {
            stages.add(stage(stagesNode.get(i), "stages[" + i + "]"));
        }
        String commitment = optionalText(root, "commitmentStage");
        String policyText = optionalText(root, "startPolicy");
        StartPolicy policy = policyText == null ? StartPolicy.FIRST : StartPolicy.fromJsonName(policyText)
                .orElseThrow(() -> new IllegalArgumentException("startPolicy: first or last, was '" + policyText + "'"));
        ReportRequest.Sle sle = sle(root.get("sle"));
        JsonNode titles = root.get("includeTitles");
        if (titles != null && !titles.isNull() && !titles.isBoolean()) {
            throw new IllegalArgumentException("includeTitles: true or false");
        }
        String blockedField = optionalText(root, "blockedField");
        WorkingCalendar calendar = calendar(root.get("calendar"));
        return new FlowConfig(stages, commitment, policy, sle, titles != null && titles.asBoolean(), blockedField,
                calendar);
    }

    /** @throws IllegalArgumentException naming the calendar's field that is wrong (the engine's own message) */
    private static WorkingCalendar calendar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "calendar: an object {\"workingDays\": […], \"holidays\": […]} or null");
        }
        onlyKnown(node, CALENDAR_FIELDS, "calendar.");
        // The engine's one reading of a configured calendar (WorkingCalendar.of), as the Azure DevOps backend's;
        // a text such as "MON-FRI" for the working days is this page's shorthand for the list it names.
        return WorkingCalendar.of(workingDays(node.get("workingDays")), texts(node.get("holidays"),
                "calendar.holidays", "an array of dates such as \"2024-12-25\"", "a date such as \"2024-12-25\""));
    }

    private static List<String> workingDays(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return WorkingCalendar.parseWorkingDays(node.asText()).stream().map(Enum::name).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calendar.workingDays: " + e.getMessage());
            }
        }
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("calendar.workingDays: required, e.g. [\"MONDAY\", …, \"FRIDAY\"]"
                    + " or \"MON-FRI\"");
        }
        return texts(node, "calendar.workingDays", "an array of weekday names or a range such as \"MON-FRI\"",
                "one weekday name such as \"MONDAY\"");
    }

    /** An array of strings as a list (null for an absent or null field); anything else names the field. */
    private static List<String> texts(JsonNode node, String where, String expected, String each) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": " + expected);
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isTextual()) {
                throw new IllegalArgumentException(where + "[" + i + "]: " + each);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static StageConfig stage(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": an object is required");
        }
        onlyKnown(node, STAGE_FIELDS, where + ".");
        String name = optionalText(node, "name");
        if (name == null) {
            throw new IllegalArgumentException(where + ".name: required");
        }
        String categoryText = optionalText(node, "category");
        Category category = categoryText == null ? null : Category.fromJsonName(categoryText).orElse(null);
        if (category == null) {
            throw new IllegalArgumentException(where + ".category: one of " + Category.acceptedNames());
        }
        JsonNode statusesNode = node.get("statuses");
        List<String> statuses = new ArrayList<>();
        if (statusesNode != null && !statusesNode.isNull()) {
            if (!statusesNode.isArray()) {
                throw new IllegalArgumentException(where + ".statuses: an array of status ids is required");
            }
            for (JsonNode id : statusesNode) {
                if (!id.isTextual() && !id.isIntegralNumber()) {
                    throw new IllegalArgumentException(where + ".statuses: status ids are strings such as \"10001\"");
                }
                statuses.add(id.asText());
            }
        }
        return new StageConfig(name, category, statuses);
    }

    private static ReportRequest.Sle sle(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("sle: an object {\"days\": …, \"percentile\": …} or null");
        }
        onlyKnown(node, SLE_FIELDS, "sle.");
        JsonNode days = node.get("days");
        JsonNode percentile = node.get("percentile");
        if (days == null || !days.canConvertToInt() || !days.isIntegralNumber()) {
            throw new IllegalArgumentException("sle.days: a whole number of days is required");
        }
        if (percentile != null && !percentile.isNull() && !percentile.isIntegralNumber()) {
            throw new IllegalArgumentException("sle.percentile: a whole number from 1 to 100");
        }
        return new ReportRequest.Sle(days.intValue(),
                percentile == null || percentile.isNull() ? null : percentile.intValue());
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": a string is required");
        }
        return value.asText();
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(prefix + name + ": unknown field; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
