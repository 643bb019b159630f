package io.flowtrack.metrics.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a history's items one at a time, as a {@link History} is built or a large file is streamed,
 * and collects every problem: blank or duplicate ids, transitions before creation, and states no stage
 * maps (all named in one message, unless unmapped states are ignored). Not thread-safe.
 */
public final class HistoryValidator {
    /** At most this many problems are listed in one error, then a count of the rest. */
    static final int MAX_LISTED_PROBLEMS = 50;

    private final Workflow workflow;
    private final boolean ignoreUnmapped;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> firstIndexOfId = new HashMap<>();
    private final Map<String, List<String>> unmapped = new LinkedHashMap<>();
    private int index;

    public HistoryValidator(Workflow workflow, boolean ignoreUnmapped) {
        this.workflow = workflow;
        this.ignoreUnmapped = ignoreUnmapped;
    }

    /** Checks the next item (items are numbered in the order they are checked). */
    public void check(WorkItem item) {
        int i = index++;
        if (item.id().isBlank()) {
            problems.add("items[" + i + "].id: must not be blank");
        }
        Integer earlier = firstIndexOfId.putIfAbsent(item.id(), i);
        if (earlier != null) {
            problems.add("item " + item.id() + ": duplicate item id (items[" + earlier + "] and items[" + i + "])");
        }
        if (!workflow.maps(item.initialState())) {
            noteUnmapped(item.initialState(), item.id(), "initialState");
        }
        List<StateChange> transitions = item.transitions();
        for (int t = 0; t < transitions.size(); t++) {
            StateChange change = transitions.get(t);
            if (change.at().isBefore(item.created())) {
                problems.add("item " + item.id() + ": transitions[" + t + "].at " + change.at()
                        + " is before created " + item.created());
            }
            if (!workflow.maps(change.to())) {
                noteUnmapped(change.to(), item.id(), "transitions[" + t + "].to");
            }
            if (change.from() != null && !workflow.maps(change.from())) {
                noteUnmapped(change.from(), item.id(), "transitions[" + t + "].from");
            }
        }
    }

    /** @throws InvalidHistoryException naming every problem found so far */
    public void throwIfInvalid() {
        List<String> all = new ArrayList<>();
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
            all.add(line.toString());
        }
        all.addAll(problems);
        if (!all.isEmpty()) {
            throw new InvalidHistoryException(capped(all));
        }
    }

    private void noteUnmapped(String state, String id, String field) {
        List<String> places = unmapped.computeIfAbsent(state, s -> new ArrayList<>());
        if (places.size() < 3) {
            places.add("item " + id + " " + field);
        } else if (places.size() == 3) {
            places.add("...");
        }
    }

    /** The first {@link #MAX_LISTED_PROBLEMS} problems and a count of the rest. */
    public static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_LISTED_PROBLEMS) {
            return problems;
        }
        List<String> head = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
        head.add("... and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more problems");
        return head;
    }
}
