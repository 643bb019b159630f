package io.flowtrack.jira.prefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's controls as a user saves them (the shared bundle's {@code Controls}: window, types, start
 * policy, forecast days and items, and — optional, absent in what dashboards before it saved — whether cycle time
 * and forecasts count calendar or working days), validated field by field and written back as canonical JSON, so the store
 * only ever holds what the dashboard itself could have sent. Anything else is an {@link IllegalArgumentException}
 * naming the field (a 400 at the REST layer).
 */
public final class UserControls {
    /** A request body longer than this is refused before it is parsed. */
    public static final int MAX_BODY = 20_000;
    static final int MAX_TYPES = 100;
    static final int MAX_TYPE_LENGTH = ReportRequest.MAX_TYPE_NAME_LENGTH;
    static final int MAX_FORECAST_DAYS = ReportParameters.MAX_FORECAST_DAYS;
    static final int MAX_FORECAST_ITEMS = ReportParameters.MAX_FORECAST_ITEMS;
    private static final Set<Integer> LAST_DAYS = Set.of(30, 90, 180);
    private static final Set<String> FIELDS = Set.of("window", "types", "startPolicy", "forecastDays", "forecastItems",
            "days");
    private static final Set<String> DAY_COUNTS = Set.of("calendar", "working");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UserControls() {
    }

    /** The canonical JSON of a valid body. */
    public static String canonical(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("body: the controls are required");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("body: longer than " + MAX_BODY + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body: a JSON object is required");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + ": not a dashboard control");
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("window", window(required(root, "window")));
        out.set("types", types(required(root, "types")));
        JsonNode policy = required(root, "startPolicy");
        if (policy.isNull()) {
            out.putNull("startPolicy");
        } else if (policy.isTextual() && List.of("first", "last").contains(policy.asText())) {
            out.put("startPolicy", policy.asText());
        } else {
            throw new IllegalArgumentException("startPolicy: first, last or null");
        }
        out.put("forecastDays", count(root, "forecastDays", MAX_FORECAST_DAYS));
        out.put("forecastItems", count(root, "forecastItems", MAX_FORECAST_ITEMS));
        JsonNode days = root.get("days");
        if (days != null) {
            if (!days.isTextual() || !DAY_COUNTS.contains(days.asText())) {
                throw new IllegalArgumentException("days: calendar or working");
            }
            out.put("days", days.asText());
        }
        return out.toString();
    }

    private static JsonNode required(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    private static ObjectNode window(JsonNode window) {
        if (!window.isObject()) {
            throw new IllegalArgumentException("window: an object is required");
        }
        ObjectNode out = MAPPER.createObjectNode();
        String kind = window.path("kind").asText("");
        if (kind.equals("last")) {
            JsonNode days = window.get("days");
            if (window.size() != 2 || days == null || !days.isInt() || !LAST_DAYS.contains(days.asInt())) {
                throw new IllegalArgumentException("window: {kind: last, days: 30, 90 or 180}");
            }
            out.put("kind", "last");
            out.put("days", days.asInt());
        } else if (kind.equals("custom")) {
            if (window.size() != 3) {
                throw new IllegalArgumentException("window: {kind: custom, from, to}");
            }
            LocalDate from = date(window.get("from"), "window.from");
            LocalDate to = date(window.get("to"), "window.to");
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("window: from is after to");
            }
            out.put("kind", "custom");
            out.put("from", from.toString());
            out.put("to", to.toString());
        } else {
            throw new IllegalArgumentException("window.kind: last or custom");
        }
        return out;
    }

    private static LocalDate date(JsonNode value, String field) {
        if (value == null || !value.isTextual() || value.asText().length() != 10) {
            throw new IllegalArgumentException(field + ": a date YYYY-MM-DD is required");
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date YYYY-MM-DD is required");
        }
    }

    private static ArrayNode types(JsonNode types) {
        if (!types.isArray() || types.size() > MAX_TYPES) {
            throw new IllegalArgumentException("types: a list of at most " + MAX_TYPES + " type names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode type : types) {
            if (!type.isTextual() || type.asText().isBlank() || type.asText().length() > MAX_TYPE_LENGTH) {
                throw new IllegalArgumentException("types: each a name of 1 to " + MAX_TYPE_LENGTH + " characters");
            }
            names.add(type.asText());
        }
        ArrayNode out = MAPPER.createArrayNode();
        names.forEach(out::add);
        return out;
    }

    private static int count(JsonNode root, String name, int max) {
        JsonNode value = required(root, name);
        if (!value.isInt() || value.asInt() < 1 || value.asInt() > max) {
            throw new IllegalArgumentException(name + ": a whole number from 1 to " + max);
        }
        return value.asInt();
    }
}
