package io.flowtrack.azdo.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.report.HistoryAssembler;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The warm form of each synced project's history: its work items, assembled once from the stored revisions, in
 * memory, so a report that is not cached still costs only the engine's walk over the items, not a read of every
 * revision. Keyed by the project's data version (read from the database for each request), so a history can never
 * outlive its data: a sync, a configuration change or a purge gives the project a new version, and the old form is
 * dropped. Bounded in memory by an estimate of each history's size (least recently used go first); a project whose
 * history is larger than the whole bound is not kept (its reports read the store). Thread-safe: a history is
 * immutable once built, and identical loads that arrive together build it once.
 */
public final class ProjectHistories {
    /** One project's history at one data version. */
    public record Key(OrgId org, String projectId, String dataVersion) {
        public Key {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(dataVersion, "dataVersion");
        }
    }

    /**
     * A project's items in (work item id) order, each with the stub of its latest revision (type and area path,
     * what the report filters look at).
     */
    public static final class History {
        private final WorkItem[] items;
        private final WorkItemRevision[] latest;
        private final long bytes;

        History(List<WorkItem> items, List<WorkItemRevision> latest, long bytes) {
            this.items = items.toArray(WorkItem[]::new);
            this.latest = latest.toArray(WorkItemRevision[]::new);
            this.bytes = bytes;
        }

        /** Hands every item the filter accepts to {@code sink}, in order. */
        public void forEach(HistoryAssembler.Filter filter, Consumer<WorkItem> sink) {
            for (int i = 0; i < items.length; i++) {
                if (filter.accepts(latest[i])) {
                    sink.accept(items[i]);
                }
            }
        }

        public int size() {
            return items.length;
        }

        /** The estimated memory it holds. */
        public long bytes() {
            return bytes;
        }
    }

    /** Builds a history from revisions streamed in (work item id, rev) order. */
    public static final class Builder implements Consumer<WorkItemRevision>, AutoCloseable {
        private final List<WorkItem> items = new ArrayList<>();
        private final List<WorkItemRevision> latest = new ArrayList<>();
        private final Map<String, String> strings = new HashMap<>(); // one copy of each type, state and area path
        private final HistoryAssembler.ItemStream stream;
        private WorkItemRevision last;
        private WorkItemRevision pending;
        private long bytes;

        public Builder() {
            stream = new HistoryAssembler.ItemStream(HistoryAssembler.Filter.NONE, this::take);
        }

        @Override
        public void accept(WorkItemRevision r) {
            // The extended fields (tags, admin-chosen fields) stay on the item's stub: report filters read them.
            WorkItemRevision slim = new WorkItemRevision(r.workItemId(), r.rev(), canonical(r.workItemType()),
                    canonical(r.state()), canonical(r.areaPath()), r.createdDate(), r.changedDate(), r.title(),
                    r.fields(), r.blocked());
            if (last != null && last.workItemId() != slim.workItemId()) {
                pending = stub(last); // the item the stream hands over now
            }
            last = slim;
            stream.accept(slim);
        }

        private void take(WorkItem item) {
            items.add(item);
            latest.add(pending);
            bytes += estimate(item) + estimate(pending.fields());
        }

        /** The history built (call once, after the last revision). */
        public History build() {
            if (last != null) {
                pending = stub(last);
            }
            stream.close();
            last = null;
            return new History(items, latest, bytes + 32L * strings.size());
        }

        @Override
        public void close() {
            // nothing held outside the heap
        }

        private String canonical(String s) {
            return s == null ? null : strings.computeIfAbsent(s, k -> k);
        }

        private static WorkItemRevision stub(WorkItemRevision r) {
            return new WorkItemRevision(r.workItemId(), r.rev(), r.workItemType(), r.state(), r.areaPath(),
                    r.createdDate(), r.changedDate(), null, r.fields(), false);
        }

        /** Object headers, references, the id, created instant, transitions and title; shared strings not counted. */
        private static long estimate(WorkItem item) {
            long size = 48 + 48 + 24 + 72 + 32; // item, id string, created, stub revision, list and array slots
            size += (24 + 24 + 8) * (long) item.transitions().size(); // per change: record, its instant, its slot
            size += item.blocked().size() * (24L + 24 + 24 + 8); // period record, its two instants, its slot
            if (item.title() != null) {
                size += 48 + item.title().length();
            }
            return size;
        }

        /** The extended fields a stub keeps: a map entry, key and value strings each. */
        private static long estimate(java.util.Map<String, String> fields) {
            long size = fields.isEmpty() ? 0 : 48;
            for (java.util.Map.Entry<String, String> e : fields.entrySet()) {
                size += 32 + 48 + e.getKey().length() + 48 + e.getValue().length();
            }
            return size;
        }
    }

    private final Cache<Key, History> cache;
    private final long maxBytes;

    /** @param maxBytes the most memory the histories may hold (an estimate); 0 keeps none */
    public ProjectHistories(long maxBytes, Duration unusedFor) {
        this.maxBytes = maxBytes;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes / 1024)
                .weigher((Key k, History h) -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, h.bytes() / 1024)))
                .expireAfterAccess(unusedFor)
                .build();
    }

    /** Keeps nothing: every report reads the store. */
    public static ProjectHistories off() {
        return new ProjectHistories(0, Duration.ZERO);
    }

    /** Whether histories are kept at all. */
    public boolean enabled() {
        return cache != null;
    }

    /**
     * The project's history at {@code key}'s version: kept, or built by {@code load} (once for identical requests
     * arriving together) and kept if it fits. A load that throws keeps nothing; the exception comes out unchanged.
     * Histories of the project's other versions are dropped.
     */
    public History get(Key key, java.util.function.Supplier<History> load) {
        if (cache == null) {
            return load.get();
        }
        cache.asMap().keySet().removeIf(k -> k.org().equals(key.org()) && k.projectId().equals(key.projectId())
                && !k.dataVersion().equals(key.dataVersion()));
        History h = cache.get(key, k -> load.get());
        if (h.bytes() > maxBytes) {
            cache.invalidate(key); // larger than the whole bound: do not evict everything else for it
        }
        return h;
    }

    /** Drops every history of the organization (disconnected). */
    public void forget(OrgId org) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.org().equals(org));
        }
    }

    /** How many histories are kept. */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }
}
