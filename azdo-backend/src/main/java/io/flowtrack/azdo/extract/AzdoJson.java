package io.flowtrack.azdo.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.Tags;
import io.flowtrack.azdo.model.WorkItemRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Azure DevOps REST bodies the extractor uses, exactly as the documented examples show them.
 * Every shape problem is an {@link IOException}, so {@link RetryPolicy} treats it as a malformed body.
 */
public final class AzdoJson {
    private static final Logger LOG = LoggerFactory.getLogger(AzdoJson.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzdoJson() {
    }

    /**
     * A {@code StreamedBatch} of the reporting revisions API: {@code values[] {id, rev, fields{}}},
     * {@code continuationToken} (or, in older answers, only {@code nextLink} carrying it), {@code isLastBatch}.
     * A revision without type, state, created or changed date cannot describe flow: it is skipped and logged
     * by id and rev, not treated as a broken page (retrying would not help).
     */
    public static RevisionsPage revisionsPage(String body) throws IOException {
        return revisionsPage(body, FieldSelection.NONE);
    }

    /**
     * As {@link #revisionsPage(String)}, reading the title and extended fields only as far as {@code allowed} lets
     * the service keep them: whatever else a revision carries (assignee, descriptions, fields not asked for) is not
     * read into it.
     */
    public static RevisionsPage revisionsPage(String body, FieldSelection allowed) throws IOException {
        return revisionsPage(body, allowed, BlockedSource.NONE);
    }

    /**
     * As {@link #revisionsPage(String, FieldSelection)}, with each revision's blocked flag read by {@code blocked}:
     * only the flag is kept, not the field's value (the tags stay only when System.Tags is an allowed extended field).
     */
    public static RevisionsPage revisionsPage(String body, FieldSelection allowed, BlockedSource blocked)
            throws IOException {
        JsonNode root = readObject(body);
        JsonNode values = root.get("values");
        if (values == null || !values.isArray()) {
            throw new IOException("revisions batch without a 'values' array");
        }
        if (!root.has("isLastBatch") || !root.get("isLastBatch").isBoolean()) {
            throw new IOException("revisions batch without 'isLastBatch'");
        }
        List<WorkItemRevision> revisions = new ArrayList<>(values.size());
        for (JsonNode value : values) {
            WorkItemRevision revision = revision(value, allowed, blocked);
            if (revision != null) {
                revisions.add(revision);
            }
        }
        String token = text(root, "continuationToken");
        if (token == null) {
            token = tokenFromNextLink(text(root, "nextLink"));
        }
        boolean last = root.get("isLastBatch").asBoolean();
        if (token == null && !last) {
            throw new IOException("revisions batch that is not the last has no continuation token");
        }
        return new RevisionsPage(revisions, token, last);
    }

    private static WorkItemRevision revision(JsonNode value, FieldSelection allowed, BlockedSource blocked)
            throws IOException {
        if (!value.isObject()) {
            throw new IOException("a revision is not an object");
        }
        JsonNode fields = value.path("fields");
        int id = fields.has("System.Id") ? fields.get("System.Id").asInt() : value.path("id").asInt();
        int rev = fields.has("System.Rev") ? fields.get("System.Rev").asInt() : value.path("rev").asInt();
        String type = text(fields, "System.WorkItemType");
        String state = text(fields, "System.State");
        Instant created = date(fields, "System.CreatedDate");
        Instant changed = date(fields, "System.ChangedDate");
        if (id <= 0 || rev <= 0) {
            throw new IOException("a revision without a positive id and rev");
        }
        if (type == null || state == null || created == null || changed == null) {
            LOG.warn("skipping revision {} of work item {}: it lacks type, state, created or changed date", rev, id);
            return null;
        }
        Map<String, String> extended = new LinkedHashMap<>();
        for (String name : allowed.extended()) {
            String v = scalar(fields.get(name));
            if (v != null && name.equals(FieldSelection.TAGS)) {
                v = Tags.normalise(v);
            }
            if (v != null && !v.isEmpty() && v.length() <= FieldSelection.MAX_VALUE_CHARS) {
                extended.put(name, v);
            }
        }
        boolean isBlocked = false;
        for (String name : blocked.fieldsRead()) {
            isBlocked |= blocked.blocked(scalar(fields.get(name)));
        }
        return new WorkItemRevision(id, rev, type, state, text(fields, "System.AreaPath"), created, changed,
                allowed.title() ? text(fields, "System.Title") : null, extended, isBlocked);
    }

    /** A field's value as text when it is a string, number or boolean; null for objects (identities), arrays, null. */
    private static String scalar(JsonNode v) {
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    /**
     * The states of the work item types: either the {@code value[]} of {@code workitemtypes/{type}/states}
     * ({@code [{name, color, category}]}) for one type.
     */
    public static List<StateCategory> typeStates(String workItemType, String body) throws IOException {
        JsonNode root = readObject(body);
        return states(workItemType, root.get("value"));
    }

    /** The names of the (enabled) work item types of {@code workitemtypes}, with their states when listed inline. */
    public static List<TypeEntry> workItemTypes(String body) throws IOException {
        JsonNode root = readObject(body);
        JsonNode value = root.get("value");
        if (value == null || !value.isArray()) {
            throw new IOException("work item types without a 'value' array");
        }
        List<TypeEntry> types = new ArrayList<>();
        for (JsonNode type : value) {
            String name = text(type, "name");
            if (name == null) {
                throw new IOException("a work item type without a name");
            }
            if (type.path("isDisabled").asBoolean(false)) {
                continue;
            }
            JsonNode inline = type.get("states");
            types.add(new TypeEntry(name, inline != null && inline.isArray() ? states(name, inline) : null,
                    fieldNames(type.get("fields"))));
        }
        return types;
    }

    /**
     * A work item type; {@code states} is null when the list did not include them, {@code fields} (the reference names
     * of the type's fields, WorkItemType.fields[].referenceName) null when it did not include those.
     */
    public record TypeEntry(String name, List<StateCategory> states, java.util.Set<String> fields) {
    }

    private static java.util.Set<String> fieldNames(JsonNode fields) {
        if (fields == null || !fields.isArray()) {
            return null;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode f : fields) {
            if (f.path("referenceName").isTextual()) {
                names.add(f.path("referenceName").asText());
            }
        }
        return java.util.Set.copyOf(names);
    }

    private static List<StateCategory> states(String type, JsonNode array) throws IOException {
        if (array == null || !array.isArray()) {
            throw new IOException("states of '" + type + "' without a 'value' array");
        }
        List<StateCategory> states = new ArrayList<>(array.size());
        for (JsonNode s : array) {
            String name = text(s, "name");
            String category = text(s, "category");
            if (category == null) {
                category = text(s, "stateCategory"); // the process API's name for the same value
            }
            if (name == null || category == null) {
                throw new IOException("a state of '" + type + "' without name or category");
            }
            states.add(new StateCategory(type, name, category));
        }
        return states;
    }

    private static JsonNode readObject(String body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("the body is not a JSON object");
        }
        return root;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant date(JsonNode fields, String field) throws IOException {
        String text = text(fields, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException(field + " is not a date-time: '" + text + "'", e);
        }
    }

    static String tokenFromNextLink(String nextLink) {
        if (nextLink == null) {
            return null;
        }
        String query;
        try {
            query = URI.create(nextLink).getRawQuery();
        } catch (IllegalArgumentException e) {
            int q = nextLink.indexOf('?');
            query = q < 0 ? null : nextLink.substring(q + 1);
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase("continuationToken")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
