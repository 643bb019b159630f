package io.flowtrack.metrics.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A work item as a tracker knows it: identity, type, creation and its state changes.
 *
 * <p>Transitions are kept in time order; equal timestamps keep their input order (the sort is stable).
 *
 * @param id           the tracker's key ("FT-12", "4711")
 * @param type         the work item type ("Story", "Bug")
 * @param title        optional; hosts fill it only when titles are switched on
 * @param created      when the item was created
 * @param initialState the tracker state the item was created in
 * @param transitions  the state changes, sorted by {@code at}
 * @param blocked      the periods in which the item was blocked, in any order, possibly overlapping; empty
 *                     when the host reads no blocked field
 */
public record WorkItem(String id, String type, String title, Instant created, String initialState,
                       List<StateChange> transitions, List<BlockedPeriod> blocked) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(initialState, "initialState");
        transitions = inTimeOrder(transitions);
        blocked = blocked == null || blocked.isEmpty() ? List.of() : List.copyOf(blocked);
    }

    /** An item that was never blocked (or whose host reads no blocked field). */
    public WorkItem(String id, String type, String title, Instant created, String initialState,
                    List<StateChange> transitions) {
        this(id, type, title, created, initialState, transitions, List.of());
    }

    private static List<StateChange> inTimeOrder(List<StateChange> transitions) {
        for (int i = 1; i < transitions.size(); i++) {
            if (transitions.get(i).at().isBefore(transitions.get(i - 1).at())) {
                List<StateChange> sorted = new ArrayList<>(transitions);
                sorted.sort(Comparator.comparing(StateChange::at)); // List.sort is stable
                return List.copyOf(sorted);
            }
        }
        return List.copyOf(transitions);
    }

    public static Builder builder(String id, String type, Instant created, String initialState) {
        return new Builder(id, type, created, initialState);
    }

    /** Collects an item's transitions one by one, as host adapters read them. */
    public static final class Builder {
        private final String id;
        private final String type;
        private final Instant created;
        private final String initialState;
        private String title;
        private final List<StateChange> transitions = new ArrayList<>();
        private final List<BlockedPeriod> blocked = new ArrayList<>();

        private Builder(String id, String type, Instant created, String initialState) {
            this.id = id;
            this.type = type;
            this.created = created;
            this.initialState = initialState;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder transition(Instant at, String from, String to) {
            transitions.add(new StateChange(at, from, to));
            return this;
        }

        /** A blocked period; {@code to} null while still blocked. */
        public Builder blocked(Instant from, Instant to) {
            blocked.add(new BlockedPeriod(from, to));
            return this;
        }

        public WorkItem build() {
            return new WorkItem(id, type, title, created, initialState, transitions, blocked);
        }
    }
}
