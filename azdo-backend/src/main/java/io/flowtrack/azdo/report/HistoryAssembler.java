package io.flowtrack.azdo.report;

import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a project's stored revisions into the engine's {@link History}.
 *
 * <ul>
 *   <li>Workflow: the project's {@link ProjectFlowConfig} when there is one, else
 *       {@link #defaultWorkflow(List)} from the state categories.</li>
 *   <li>Each work item: id as string, type, title (only when extracted), created = System.CreatedDate,
 *       initial state = the state of its first known revision, a transition at System.ChangedDate
 *       whenever the state differs from the previous revision's. Type and area path are the latest
 *       revision's (where the item is now). Duplicate (id, rev) pairs count once.</li>
 *   <li>Filters on the latest revision: area path under a prefix (the path itself or below it, case
 *       insensitive, as Azure DevOps paths are), and work item types.</li>
 *   <li>A state no stage maps (a state removed from the process, a type outside the categories) does not
 *       fail the history: unmapped states are ignored by the engine and reported as data-quality findings
 *       ({@code unmappedStates}).</li>
 * </ul>
 */
public final class HistoryAssembler {
    public static final String SOURCE = "azure-devops";

    /**
     * An area path a filter accepts: the path itself, and with {@code includeChildren} every path below it (as a
     * team's area paths are configured, {@code teamfieldvalues}). Case insensitive, as Azure DevOps paths are.
     */
    public record Area(String path, boolean includeChildren) {
        public Area {
            Objects.requireNonNull(path, "path");
            while (path.endsWith("\\")) {
                path = path.substring(0, path.length() - 1);
            }
        }

        boolean accepts(String areaPath) {
            String p = areaPath == null ? "" : areaPath.toLowerCase(Locale.ROOT);
            String mine = path.toLowerCase(Locale.ROOT);
            return p.equals(mine) || (includeChildren && p.startsWith(mine + "\\"));
        }
    }

    /**
     * Which items to include, judged on each item's latest revision; empty means no restriction.
     *
     * @param areas an item is included when any of these accepts its area path (none: any area)
     * @param types work item types to keep
     * @param also  a further test (extended fields, tags), or null
     */
    public record Filter(List<Area> areas, Set<String> types, Predicate<WorkItemRevision> also) {
        public static final Filter NONE = new Filter(List.of(), Set.of(), null);

        public Filter {
            areas = areas == null ? List.of() : List.copyOf(areas);
            types = types == null ? Set.of() : Set.copyOf(types);
        }

        /** @param areaPathUnder e.g. {@code Fabrikam\Team A}: that area and everything below it (null: any) */
        public Filter(String areaPathUnder, Set<String> types) {
            this(areaPathUnder == null || areaPathUnder.isBlank() ? List.of() : List.of(new Area(areaPathUnder, true)),
                    types, null);
        }

        public boolean accepts(WorkItemRevision latest) {
            if (!types.isEmpty() && types.stream().noneMatch(t -> t.equalsIgnoreCase(latest.workItemType()))) {
                return false;
            }
            if (!areas.isEmpty() && areas.stream().noneMatch(a -> a.accepts(latest.areaPath()))) {
                return false;
            }
            return also == null || also.test(latest);
        }
    }

    private HistoryAssembler() {
    }

    /**
     * @param revisions  the project's revisions; any order (sorted here by work item id, then rev)
     * @param categories the project's state categories (all types)
     * @param config     the admin's flow configuration, or null for the default workflow
     * @param filter     which items to include
     * @param timeZone   the zone days are counted in
     * @throws io.flowtrack.metrics.model.InvalidHistoryException when the configuration is not a valid workflow
     */
    public static History assemble(List<WorkItemRevision> revisions, List<StateCategory> categories,
                                   ProjectFlowConfig config, Filter filter, ZoneId timeZone) {
        Workflow workflow = config == null ? defaultWorkflow(categories) : workflow(config);
        Filter f = filter == null ? Filter.NONE : filter;
        List<WorkItemRevision> sorted = new ArrayList<>(revisions);
        sorted.sort(Comparator.comparingInt(WorkItemRevision::workItemId).thenComparingInt(WorkItemRevision::rev));
        History.Builder history = History.builder(workflow).source(SOURCE).timeZone(timeZone)
                .ignoreUnmappedStates(true);
        try (ItemStream items = new ItemStream(f, history::item)) {
            sorted.forEach(items);
        }
        return history.build();
    }

    /**
     * Turns revisions that arrive in (work item id, rev) order — as the store streams them — into work
     * items, one at a time, so a project's history never has to sit in a list. A repeated (id, rev) keeps
     * the later copy; revisions out of order are a programming error.
     */
    public static final class ItemStream implements java.util.function.Consumer<WorkItemRevision>, AutoCloseable {
        private final Filter filter;
        private final java.util.function.Consumer<WorkItem> sink;
        private final List<WorkItemRevision> current = new ArrayList<>();

        public ItemStream(Filter filter, java.util.function.Consumer<WorkItem> sink) {
            this.filter = filter == null ? Filter.NONE : filter;
            this.sink = sink;
        }

        @Override
        public void accept(WorkItemRevision r) {
            if (!current.isEmpty()) {
                WorkItemRevision last = current.get(current.size() - 1);
                if (r.workItemId() < last.workItemId()
                        || (r.workItemId() == last.workItemId() && r.rev() < last.rev())) {
                    throw new IllegalStateException("revisions must arrive ordered by (work item id, rev)");
                }
                if (r.workItemId() != last.workItemId()) {
                    flush();
                } else if (r.rev() == last.rev()) {
                    current.set(current.size() - 1, r); // a duplicate (id, rev): the later copy wins
                    return;
                }
            }
            current.add(r);
        }

        private void flush() {
            if (!current.isEmpty() && filter.accepts(current.get(current.size() - 1))) {
                sink.accept(workItem(current));
            }
            current.clear();
        }

        /** Hands over the last item. */
        @Override
        public void close() {
            flush();
        }
    }

    private static WorkItem workItem(List<WorkItemRevision> revisions) {
        WorkItemRevision first = revisions.get(0);
        WorkItemRevision latest = revisions.get(revisions.size() - 1);
        Instant created = first.createdDate();
        WorkItem.Builder item = WorkItem.builder(Integer.toString(first.workItemId()), latest.workItemType(),
                created, first.state());
        String title = latest.title();
        if (title != null && !title.isEmpty()) {
            item.title(title);
        }
        String state = first.state();
        for (WorkItemRevision r : revisions.subList(1, revisions.size())) {
            if (!r.state().equals(state)) {
                // a changed date before creation (clock skew between servers) is clamped to creation
                Instant at = r.changedDate().isBefore(created) ? created : r.changedDate();
                item.transition(at, state, r.state());
                state = r.state();
            }
        }
        // Blocked periods: a run of consecutive blocked revisions is one period, from the first one's change to the
        // change of the next revision that is not blocked (none: still blocked).
        Instant blockedFrom = null;
        Instant lastAt = created;
        for (WorkItemRevision r : revisions) {
            Instant at = r.changedDate().isBefore(lastAt) ? lastAt : r.changedDate(); // clamped: never backwards
            lastAt = at;
            if (r.blocked() && blockedFrom == null) {
                blockedFrom = at;
            } else if (!r.blocked() && blockedFrom != null) {
                item.blocked(blockedFrom, at);
                blockedFrom = null;
            }
        }
        if (blockedFrom != null) {
            item.blocked(blockedFrom, null);
        }
        return item.build();
    }

    /**
     * The default workflow: Proposed → "Proposed" (proposed), InProgress → "In Progress" (active),
     * Resolved and Completed → "Done" (done), Removed → "Removed" (removed, only when some state is in that
     * category). States are listed under their stage in the order first seen. A state name that has
     * different categories in different types goes to the category most of its types give it (ties: the
     * earlier stage). Unknown categories are left out (their states stay unmapped).
     */
    public static Workflow defaultWorkflow(List<StateCategory> categories) {
        Map<String, EnumMap<Category, Integer>> votes = new LinkedHashMap<>();
        for (StateCategory sc : categories) {
            Category c = category(sc.category());
            if (c != null) {
                votes.computeIfAbsent(sc.state(), s -> new EnumMap<>(Category.class)).merge(c, 1, Integer::sum);
            }
        }
        Map<Category, List<String>> states = new EnumMap<>(Category.class);
        for (Category c : List.of(Category.PROPOSED, Category.ACTIVE, Category.DONE, Category.REMOVED)) {
            states.put(c, new ArrayList<>());
        }
        votes.forEach((state, v) -> {
            Category best = v.entrySet().stream()
                    .max(Comparator.<Map.Entry<Category, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            states.get(best).add(state);
        });
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("Proposed", Category.PROPOSED, states.get(Category.PROPOSED)));
        stages.add(new Stage("In Progress", Category.ACTIVE, states.get(Category.ACTIVE)));
        stages.add(new Stage("Done", Category.DONE, states.get(Category.DONE)));
        if (!states.get(Category.REMOVED).isEmpty()) {
            stages.add(new Stage("Removed", Category.REMOVED, states.get(Category.REMOVED)));
        }
        return Workflow.of(stages, null);
    }

    /** Azure Boards' state category → the engine's category; null for an unknown one. */
    static Category category(String azdoCategory) {
        if (azdoCategory == null) {
            return null;
        }
        return switch (azdoCategory) {
            case "Proposed" -> Category.PROPOSED;
            case "InProgress" -> Category.ACTIVE;
            case "Resolved", "Completed" -> Category.DONE;
            case "Removed" -> Category.REMOVED;
            default -> null;
        };
    }

    public static Workflow workflow(ProjectFlowConfig config) {
        Objects.requireNonNull(config, "config");
        return config.workflow();
    }
}
