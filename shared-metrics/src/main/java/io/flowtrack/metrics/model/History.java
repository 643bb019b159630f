package io.flowtrack.metrics.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a tracker knows: a workflow and the items with their state changes. This is the engine's
 * input; hosts build it with {@link #builder(Workflow)}, files are read by
 * {@link io.flowtrack.metrics.io.HistoryReader}. A built history is valid: every id is unique, every
 * state is mapped (unless unmapped states are explicitly ignored), no transition precedes its item's
 * creation.
 *
 * @param source                where it came from ("jira", "azure-devops", ...); may be null
 * @param timeZone              the zone in which days are counted
 * @param workflow              the stages
 * @param items                 the items, in input order
 * @param ignoreUnmappedStates  when true, states no stage maps are tolerated: the engine skips them and
 *                              reports them as data-quality findings instead of rejecting the history
 */
public record History(String source, ZoneId timeZone, Workflow workflow, List<WorkItem> items,
                      boolean ignoreUnmappedStates) {

    /** At most this many problems are listed in one error, then a count of the rest. */
    static final int MAX_LISTED_PROBLEMS = 50;

    public History {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(workflow, "workflow");
        items = List.copyOf(items);
        validate(workflow, items, ignoreUnmappedStates);
    }

    public static Builder builder(Workflow workflow) {
        return new Builder(workflow);
    }

    private static void validate(Workflow workflow, List<WorkItem> items, boolean ignoreUnmapped) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>(items.size() * 2);
        Map<String, List<String>> unmapped = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            WorkItem item = items.get(i);
            if (item.id().isBlank()) {
                problems.add("items[" + i + "].id: must not be blank");
            }
            Integer earlier = firstIndexOfId.putIfAbsent(item.id(), i);
            if (earlier != null) {
                problems.add("item " + item.id() + ": duplicate item id (items[" + earlier + "] and items[" + i + "])");
            }
            if (!workflow.maps(item.initialState())) {
                noteUnmapped(unmapped, item.initialState(), "item " + item.id() + " initialState");
            }
            List<StateChange> transitions = item.transitions();
            for (int t = 0; t < transitions.size(); t++) {
                StateChange change = transitions.get(t);
                if (change.at().isBefore(item.created())) {
                    problems.add("item " + item.id() + ": transitions[" + t + "].at " + change.at()
                            + " is before created " + item.created());
                }
                if (!workflow.maps(change.to())) {
                    noteUnmapped(unmapped, change.to(), "item " + item.id() + " transitions[" + t + "].to");
                }
                if (change.from() != null && !workflow.maps(change.from())) {
                    noteUnmapped(unmapped, change.from(), "item " + item.id() + " transitions[" + t + "].from");
                }
            }
        }
        if (!unmapped.isEmpty() && !ignoreUnmapped) {
            StringBuilder line = new StringBuilder("unmapped states (no stage of the workflow maps them): ");
            boolean first = true;
            for (Map.Entry<String, List<String>> e : unmapped.entrySet()) {
                if (!first) {
                    line.append("; ");
                }
                first = false;
                line.append('\'').append(e.getKey()).append("' (").append(String.join(", ", e.getValue()))
                        .append(')');
            }
            problems.add(0, line.toString());
        }
        if (!problems.isEmpty()) {
            throw new InvalidHistoryException(capped(problems));
        }
    }

    private static void noteUnmapped(Map<String, List<String>> unmapped, String state, String where) {
        List<String> places = unmapped.computeIfAbsent(state, s -> new ArrayList<>());
        if (places.size() < 3) {
            places.add(where);
        } else if (places.size() == 3) {
            places.add("...");
        }
    }

    static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_LISTED_PROBLEMS) {
            return problems;
        }
        List<String> head = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
        head.add("... and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more problems");
        return head;
    }

    /** Collects items for a history; {@link #build()} validates the whole. */
    public static final class Builder {
        private final Workflow workflow;
        private final List<WorkItem> items = new ArrayList<>();
        private String source;
        private ZoneId timeZone = ZoneId.of("UTC");
        private boolean ignoreUnmappedStates;

        private Builder(Workflow workflow) {
            this.workflow = Objects.requireNonNull(workflow, "workflow");
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
            return this;
        }

        public Builder ignoreUnmappedStates(boolean ignore) {
            this.ignoreUnmappedStates = ignore;
            return this;
        }

        public Builder item(WorkItem item) {
            items.add(Objects.requireNonNull(item, "item"));
            return this;
        }

        public Builder items(List<WorkItem> more) {
            more.forEach(this::item);
            return this;
        }

        /** @throws InvalidHistoryException naming every problem found */
        public History build() {
            return new History(source, timeZone, workflow, items, ignoreUnmappedStates);
        }
    }
}
