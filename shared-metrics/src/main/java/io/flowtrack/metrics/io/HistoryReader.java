package io.flowtrack.metrics.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code flowtrack-history/1} document with Jackson's streaming parser: items are read one by
 * one, never as a tree, so a history of a million items costs only its model. Fields may come in any
 * order; unknown fields are skipped. Every problem names the item (or workflow entry) and the field; a
 * history with any problem raises {@link InvalidHistoryException} and nothing of it is used.
 */
public final class HistoryReader {
    public static final String FORMAT = "flowtrack-history/1";

    private final JsonFactory factory;
    private final boolean ignoreUnmappedStates;

    private HistoryReader(boolean ignoreUnmappedStates) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1_000_000).build())
                .build();
        this.ignoreUnmappedStates = ignoreUnmappedStates;
    }

    /** A reader that rejects unmapped states, as the spec requires by default. */
    public static HistoryReader strict() {
        return new HistoryReader(false);
    }

    /** A reader that tolerates unmapped states; the report lists them as data-quality findings. */
    public static HistoryReader ignoringUnmappedStates() {
        return new HistoryReader(true);
    }

    public History read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    /**
     * @throws InvalidHistoryException for malformed JSON or an invalid history, naming what and where
     * @throws IOException             when the stream cannot be read
     */
    public History read(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            return new Pass(p).document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidHistoryException("malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** One read of one document; collects problems as it goes. */
    private final class Pass {
        private final JsonParser p;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> pool = new HashMap<>();

        Pass(JsonParser p) {
            this.p = p;
        }

        History document() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidHistoryException("the document must be a JSON object with format '" + FORMAT + "'");
            }
            String format = null;
            String source = null;
            String zoneText = null;
            List<Stage> stages = null;
            String commitment = null;
            List<WorkItem> items = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> format = text("format");
                    case "source" -> source = text("source");
                    case "timeZone" -> zoneText = text("timeZone");
                    case "workflow" -> stages = workflow();
                    case "commitmentStage" -> commitment = text("commitmentStage");
                    case "items" -> items = items();
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                problems.add("unexpected content after the document's end");
            }
            if (format == null) {
                problems.add(0, "format: missing; expected '" + FORMAT + "'");
            } else if (!FORMAT.equals(format)) {
                problems.add(0, "format: '" + format + "' is not supported; expected '" + FORMAT + "'");
            }
            ZoneId zone = ZoneId.of("UTC");
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    problems.add("timeZone: '" + zoneText + "' is not an IANA time zone id");
                }
            }
            if (stages == null) {
                problems.add("workflow: missing");
            }
            if (items == null) {
                problems.add("items: missing");
            }
            if (!problems.isEmpty()) {
                throw new InvalidHistoryException(problems.size() > 50
                        ? capped(problems) : problems);
            }
            Workflow workflow = Workflow.of(stages, commitment);
            return History.builder(workflow).source(source).timeZone(zone).ignoreUnmappedStates(ignoreUnmappedStates)
                    .items(items).build();
        }

        private List<Stage> workflow() throws IOException {
            List<Stage> stages = new ArrayList<>();
            if (!expect(JsonToken.START_ARRAY, "workflow", "an array of stages")) {
                return stages;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String where = "workflow[" + index + "]";
                if (!expect(JsonToken.START_OBJECT, where, "an object")) {
                    index++;
                    continue;
                }
                String name = null;
                String category = null;
                List<String> states = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "stage" -> name = text(where + ".stage");
                        case "category" -> category = text(where + ".category");
                        case "states" -> states = strings(where + ".states");
                        default -> p.skipChildren();
                    }
                }
                String label = name == null ? where : where + " (" + name + ")";
                Category parsed = null;
                if (name == null || name.isBlank()) {
                    problems.add(where + ".stage: missing stage name");
                }
                if (category == null) {
                    problems.add(label + ".category: missing; expected one of " + Category.acceptedNames());
                } else {
                    parsed = Category.fromJsonName(category).orElse(null);
                    if (parsed == null) {
                        problems.add(label + ".category: unknown category '" + category + "'; expected one of "
                                + Category.acceptedNames());
                    }
                }
                if (states == null) {
                    problems.add(label + ".states: missing; expected an array of state names");
                }
                if (parsed != null && name != null && !name.isBlank() && states != null) {
                    stages.add(new Stage(name, parsed, states));
                }
                index++;
            }
            return stages;
        }

        private List<WorkItem> items() throws IOException {
            List<WorkItem> items = new ArrayList<>();
            if (!expect(JsonToken.START_ARRAY, "items", "an array of items")) {
                return items;
            }
            int index = 0;
            List<String> itemProblems = new ArrayList<>();
            List<StateChange> transitions = new ArrayList<>();
            List<Integer> inputIndex = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String where = "items[" + index + "]";
                if (!expect(JsonToken.START_OBJECT, where, "an object")) {
                    index++;
                    continue;
                }
                itemProblems.clear();
                transitions.clear();
                inputIndex.clear();
                String id = null;
                String type = null;
                String title = null;
                String createdText = null;
                String initial = null;
                boolean sawTransitions = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken token = p.nextToken();
                    switch (field) {
                        case "id" -> {
                            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
                                id = p.getText();
                            } else {
                                itemProblems.add("id: expected a string");
                                p.skipChildren();
                            }
                        }
                        case "type" -> type = itemText(token, "type", itemProblems);
                        case "title" -> title = token == JsonToken.VALUE_NULL ? null
                                : itemText(token, "title", itemProblems);
                        case "created" -> createdText = itemText(token, "created", itemProblems);
                        case "initialState" -> initial = itemText(token, "initialState", itemProblems);
                        case "transitions" -> {
                            sawTransitions = true;
                            transitions(token, transitions, inputIndex, itemProblems);
                        }
                        default -> p.skipChildren();
                    }
                }
                String label = id == null ? where : "item " + id;
                if (id == null) {
                    itemProblems.add("id: missing");
                }
                if (type == null) {
                    itemProblems.add("type: missing");
                }
                if (initial == null) {
                    itemProblems.add("initialState: missing");
                }
                Instant created = null;
                if (createdText == null) {
                    itemProblems.add("created: missing");
                } else {
                    created = instant(createdText, "created", itemProblems);
                }
                if (!sawTransitions) {
                    itemProblems.add("transitions: missing (use [] for an item that never changed state)");
                }
                if (created != null) {
                    // Checked here, by input position: the item sorts its transitions by time, so the
                    // model's later check could only name the sorted position, not the file's.
                    for (int t = 0; t < transitions.size(); t++) {
                        if (transitions.get(t).at().isBefore(created)) {
                            itemProblems.add("transitions[" + inputIndex.get(t) + "].at " + transitions.get(t).at()
                                    + " is before created " + created);
                        }
                    }
                }
                if (itemProblems.isEmpty()) {
                    items.add(new WorkItem(id, type, title, created, initial, transitions));
                } else {
                    for (String problem : itemProblems) {
                        problems.add(label + ": " + problem);
                    }
                }
                index++;
            }
            return items;
        }

        private void transitions(JsonToken token, List<StateChange> out, List<Integer> inputIndex,
                                 List<String> itemProblems)
                throws IOException {
            if (token != JsonToken.START_ARRAY) {
                itemProblems.add("transitions: expected an array");
                p.skipChildren();
                return;
            }
            int t = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String where = "transitions[" + t + "]";
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    itemProblems.add(where + ": expected an object");
                    p.skipChildren();
                    t++;
                    continue;
                }
                String at = null;
                String from = null;
                String to = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "at" -> at = itemText(value, where + ".at", itemProblems);
                        case "from" -> from = value == JsonToken.VALUE_NULL ? null
                                : itemText(value, where + ".from", itemProblems);
                        case "to" -> to = itemText(value, where + ".to", itemProblems);
                        default -> p.skipChildren();
                    }
                }
                Instant instant = null;
                if (at == null) {
                    itemProblems.add(where + ".at: missing");
                } else {
                    instant = instant(at, where + ".at", itemProblems);
                }
                if (to == null) {
                    itemProblems.add(where + ".to: missing");
                }
                if (instant != null && to != null) {
                    out.add(new StateChange(instant, from, to));
                    inputIndex.add(t);
                }
                t++;
            }
        }

        private Instant instant(String text, String field, List<String> itemProblems) {
            try {
                return Instants.parse(text);
            } catch (DateTimeException e) {
                itemProblems.add(field + ": '" + text + "' is not an ISO-8601 instant (such as 2024-01-03T09:00:00Z)");
                return null;
            }
        }

        /** A string value, pooled: states and types repeat millions of times in a large history. */
        private String itemText(JsonToken token, String field, List<String> itemProblems) throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                itemProblems.add(field + ": expected a string");
                p.skipChildren();
                return null;
            }
            String value = p.getText();
            String pooled = pool.putIfAbsent(value, value);
            return pooled == null ? value : pooled;
        }

        private String text(String field) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                problems.add(field + ": expected a string");
                p.skipChildren();
                return null;
            }
            return p.getText();
        }

        private List<String> strings(String field) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                problems.add(field + ": expected an array of strings");
                p.skipChildren();
                return null;
            }
            List<String> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    values.add(p.getText());
                } else {
                    problems.add(field + "[" + values.size() + "]: expected a string");
                    p.skipChildren();
                }
            }
            return values;
        }

        private boolean expect(JsonToken token, String field, String what) throws IOException {
            if (p.currentToken() == token) {
                return true;
            }
            problems.add(field + ": expected " + what);
            p.skipChildren();
            return false;
        }

        private List<String> capped(List<String> all) {
            List<String> head = new ArrayList<>(all.subList(0, 50));
            head.add("... and " + (all.size() - 50) + " more problems");
            return head;
        }
    }
}
