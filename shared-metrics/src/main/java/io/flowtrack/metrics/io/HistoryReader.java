package io.flowtrack.metrics.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.flowtrack.metrics.model.BlockedPeriod;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.HistoryValidator;
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
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
     * Reads a whole history into memory and validates it.
     *
     * @throws InvalidHistoryException for malformed JSON or an invalid history, naming what and where
     * @throws IOException             when the stream cannot be read
     */
    public History read(InputStream in) throws IOException {
        List<WorkItem> items = new ArrayList<>();
        Header header = stream(in, h -> items::add);
        return History.builder(header.workflow()).source(header.source()).timeZone(header.timeZone())
                .ignoreUnmappedStates(ignoreUnmappedStates).items(items).build();
    }

    /**
     * What a history says before its items: everything a consumer needs to take the items one by one.
     *
     * @param ignoreUnmappedStates whether this reader tolerates unmapped states
     */
    public record Header(String source, ZoneId timeZone, Workflow workflow, boolean ignoreUnmappedStates) {
    }

    /**
     * Streams a history: opens a consumer for its header, then hands it each item as it is parsed, so the
     * items need not be held in memory. When the header fields (source, timeZone, workflow,
     * commitmentStage) come before {@code items}, as this project writes them, items stream straight
     * through; otherwise they are buffered until the header is complete. Problems of the document itself
     * (malformed JSON, missing or mistyped fields, unknown categories, unparsable instants) are raised
     * here after the whole document is read; item-level checks (duplicates, unmapped states, order in
     * time) are the consumer's: {@link io.flowtrack.metrics.report.FlowEngine#session} does them.
     *
     * @return the header
     * @throws InvalidHistoryException naming every problem of the document
     */
    public Header stream(InputStream in, Function<Header, Consumer<WorkItem>> open) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            return new Pass(p).document(open);
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
        private final StringPool pool = new StringPool();
        private final BlockedEnd blockedFrom = new BlockedEnd();
        private final BlockedEnd blockedTo = new BlockedEnd();
        private String format;
        private String source;
        private String zoneText;
        private List<Stage> stages;
        private String commitment;
        private boolean sawSource;
        private boolean sawZone;
        private boolean sawCommitment;

        Pass(JsonParser p) {
            this.p = p;
        }

        Header document(Function<Header, Consumer<WorkItem>> open) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidHistoryException("the document must be a JSON object with format '" + FORMAT + "'");
            }
            Header header = null;
            Consumer<WorkItem> sink = null;
            List<WorkItem> buffered = null;
            boolean sawItems = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> format = text("format");
                    case "source" -> {
                        source = text("source");
                        sawSource = true;
                    }
                    case "timeZone" -> {
                        zoneText = text("timeZone");
                        sawZone = true;
                    }
                    case "workflow" -> stages = workflow();
                    case "commitmentStage" -> {
                        commitment = text("commitmentStage");
                        sawCommitment = true;
                    }
                    case "items" -> {
                        if (sawItems) {
                            problems.add("items: given twice");
                            p.skipChildren();
                        } else if (stages != null && sawSource && sawZone && sawCommitment && problems.isEmpty()) {
                            sawItems = true;
                            header = header();
                            sink = open.apply(header);
                            items(sink);
                        } else {
                            sawItems = true;
                            buffered = new ArrayList<>();
                            items(buffered::add);
                        }
                    }
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
            if (stages == null) {
                problems.add("workflow: missing");
            }
            if (!sawItems) {
                problems.add("items: missing");
            }
            ZoneId zone = zone();
            if (!problems.isEmpty()) {
                throw new InvalidHistoryException(HistoryValidator.capped(problems));
            }
            if (header == null) {
                header = new Header(source, zone, Workflow.of(stages, commitment), ignoreUnmappedStates);
                sink = open.apply(header);
                if (buffered != null) {
                    buffered.forEach(sink);
                }
            }
            return header;
        }

        private Header header() {
            return new Header(source, zone(), Workflow.of(stages, commitment), ignoreUnmappedStates);
        }

        /** The history's zone; an unknown id is a problem (reported once the document is read). */
        private ZoneId zone() {
            if (zoneText == null) {
                return ZoneId.of("UTC");
            }
            try {
                return ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                String problem = "timeZone: '" + zoneText + "' is not an IANA time zone id";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
                return ZoneId.of("UTC");
            }
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

        private void items(Consumer<WorkItem> sink) throws IOException {
            if (!expect(JsonToken.START_ARRAY, "items", "an array of items")) {
                return;
            }
            int index = 0;
            List<String> itemProblems = new ArrayList<>();
            List<StateChange> transitions = new ArrayList<>();
            List<Integer> inputIndex = new ArrayList<>();
            // "created" is parsed from the parser's buffer like every other instant; a bad text is kept
            // for its problem, which is listed after the fields' own, as ever.
            BlockedEnd created = new BlockedEnd();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!expect(JsonToken.START_OBJECT, "items[" + index + "]", "an object")) {
                    index++;
                    continue;
                }
                itemProblems.clear();
                transitions.clear();
                inputIndex.clear();
                String id = null;
                String type = null;
                String title = null;
                created.clear();
                String initial = null;
                boolean sawTransitions = false;
                List<BlockedPeriod> blocked = List.of();
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
                        case "type" -> type = pooled(token, "type", itemProblems);
                        case "title" -> title = token == JsonToken.VALUE_NULL ? null
                                : plain(token, "title", itemProblems);
                        case "created" -> {
                            if (token == JsonToken.VALUE_STRING) {
                                instantEnd(created);
                            } else {
                                created.clear();
                                itemProblems.add("created: expected a string");
                                p.skipChildren();
                            }
                        }
                        case "initialState" -> initial = pooled(token, "initialState", itemProblems);
                        case "transitions" -> {
                            sawTransitions = true;
                            transitions(token, transitions, inputIndex, itemProblems);
                        }
                        case "blocked" -> blocked = blocked(token, itemProblems);
                        default -> p.skipChildren();
                    }
                }
                String label = id == null ? "items[" + index + "]" : "item " + id;
                if (id == null) {
                    itemProblems.add("id: missing");
                }
                if (type == null) {
                    itemProblems.add("type: missing");
                }
                if (initial == null) {
                    itemProblems.add("initialState: missing");
                }
                if (!created.present) {
                    itemProblems.add("created: missing");
                } else if (created.badText != null) {
                    itemProblems.add(notAnInstant("created", created.badText));
                }
                if (!sawTransitions) {
                    itemProblems.add("transitions: missing (use [] for an item that never changed state)");
                }
                if (created.instant != null) {
                    // Checked here, by input position: the item sorts its transitions by time, so the
                    // model's later check could only name the sorted position, not the file's.
                    for (int t = 0; t < transitions.size(); t++) {
                        if (transitions.get(t).at().isBefore(created.instant)) {
                            itemProblems.add("transitions[" + inputIndex.get(t) + "].at " + transitions.get(t).at()
                                    + " is before created " + created.instant);
                        }
                    }
                }
                if (itemProblems.isEmpty()) {
                    sink.accept(new WorkItem(id, type, title, created.instant, initial, transitions, blocked));
                } else {
                    for (String problem : itemProblems) {
                        problems.add(label + ": " + problem);
                    }
                }
                index++;
            }
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
                // Labels such as "transitions[3].at" are made only when there is a problem to report.
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    itemProblems.add(transitionField(t, "") + ": expected an object");
                    p.skipChildren();
                    t++;
                    continue;
                }
                Instant instant = null;
                boolean sawAt = false;
                String from = null;
                String to = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "at" -> {
                            sawAt = true;
                            instant = instant(value, t, ".at", itemProblems);
                        }
                        case "from" -> from = value == JsonToken.VALUE_NULL ? null
                                : pooled(value, t, ".from", itemProblems);
                        case "to" -> to = pooled(value, t, ".to", itemProblems);
                        default -> p.skipChildren();
                    }
                }
                if (!sawAt) {
                    itemProblems.add(transitionField(t, ".at") + ": missing");
                }
                if (to == null) {
                    itemProblems.add(transitionField(t, ".to") + ": missing");
                }
                if (instant != null && to != null) {
                    out.add(new StateChange(instant, from, to));
                    inputIndex.add(t);
                }
                t++;
            }
        }

        /** An item's blocked periods: {@code [{"from": instant, "to": instant or absent}]}, any order. */
        private List<BlockedPeriod> blocked(JsonToken token, List<String> itemProblems) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (token != JsonToken.START_ARRAY) {
                itemProblems.add("blocked: expected an array of periods");
                p.skipChildren();
                return List.of();
            }
            List<BlockedPeriod> periods = new ArrayList<>(2);
            int b = 0;
            // As for transitions, labels such as "blocked[0].from" are made only when there is a problem, and
            // instants are parsed from the parser's buffer; problems are listed in the same order as ever.
            BlockedEnd from = blockedFrom;
            BlockedEnd to = blockedTo;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    itemProblems.add(blockedField(b, "") + ": expected an object with from and to");
                    p.skipChildren();
                    b++;
                    continue;
                }
                from.clear();
                to.clear();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "from" -> blockedEnd(value, from, b, ".from", itemProblems);
                        case "to" -> {
                            if (value == JsonToken.VALUE_NULL) {
                                to.clear();
                            } else {
                                blockedEnd(value, to, b, ".to", itemProblems);
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                if (!from.present) {
                    itemProblems.add(blockedField(b, ".from") + ": missing");
                } else if (from.badText != null) {
                    itemProblems.add(notAnInstant(blockedField(b, ".from"), from.badText));
                }
                if (to.badText != null) {
                    itemProblems.add(notAnInstant(blockedField(b, ".to"), to.badText));
                }
                if (from.instant != null && to.instant != null && to.instant.isBefore(from.instant)) {
                    itemProblems.add(blockedField(b, "") + ".to " + to.instant + " is before its from "
                            + from.instant);
                } else if (from.instant != null && (!to.present || to.instant != null)) {
                    periods.add(new BlockedPeriod(from.instant, to.instant));
                }
                b++;
            }
            return periods;
        }

        /** One instant field as read (a blocked period's end, an item's created): given or not, its instant, or
         * the text that is not one. */
        private static final class BlockedEnd {
            boolean present;
            Instant instant;
            String badText;

            void clear() {
                present = false;
                instant = null;
                badText = null;
            }
        }

        private void blockedEnd(JsonToken value, BlockedEnd end, int index, String suffix,
                                List<String> itemProblems) throws IOException {
            end.clear();
            if (value != JsonToken.VALUE_STRING) {
                itemProblems.add(blockedField(index, suffix) + ": expected a string");
                p.skipChildren();
                return;
            }
            instantEnd(end);
        }

        /** Reads the current string token into {@code end}, from the parser's buffer. */
        private void instantEnd(BlockedEnd end) throws IOException {
            end.clear();
            end.present = true;
            try {
                end.instant = Instants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (DateTimeException e) {
                end.badText = p.getText();
            }
        }

        private static String blockedField(int index, String suffix) {
            return "blocked[" + index + "]" + suffix;
        }

        private static String transitionField(int index, String suffix) {
            return "transitions[" + index + "]" + suffix;
        }

        /** An instant straight from the parser's buffer. */
        private Instant instant(JsonToken token, int index, String suffix, List<String> itemProblems)
                throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                itemProblems.add(transitionField(index, suffix) + ": expected a string");
                p.skipChildren();
                return null;
            }
            try {
                return Instants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (DateTimeException e) {
                itemProblems.add(notAnInstant(transitionField(index, suffix), p.getText()));
                return null;
            }
        }

        private String pooled(JsonToken token, int index, String suffix, List<String> itemProblems)
                throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                itemProblems.add(transitionField(index, suffix) + ": expected a string");
                p.skipChildren();
                return null;
            }
            return pool.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }

        private String notAnInstant(String field, String text) {
            return field + ": '" + text + "' is not an ISO-8601 instant (such as 2024-01-03T09:00:00Z)";
        }

        /** A string value, pooled: states and types repeat millions of times in a large history. */
        private String pooled(JsonToken token, String field, List<String> itemProblems) throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                itemProblems.add(field + ": expected a string");
                p.skipChildren();
                return null;
            }
            return pool.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }

        private String plain(JsonToken token, String field, List<String> itemProblems) throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                itemProblems.add(field + ": expected a string");
                p.skipChildren();
                return null;
            }
            return p.getText();
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
    }
}
