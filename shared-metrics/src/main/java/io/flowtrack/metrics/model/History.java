package io.flowtrack.metrics.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
        HistoryValidator validator = new HistoryValidator(workflow, ignoreUnmapped);
        for (WorkItem item : items) {
            validator.check(item);
        }
        validator.throwIfInvalid();
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
