package io.flowtrack.jira.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;

/**
 * Issues' status histories already read, so a second report does not query Jira's change history again for an
 * issue that has not changed. An entry is used only while the issue's {@code updated} time is the one it was read
 * at (every status change, move or edit bumps it), so the cache can never serve a stale history; it holds no
 * permissions — the search still runs as the requesting user and decides which issues a report contains.
 *
 * <p>Node-local by design and safe on Data Center: it is never the source of truth, each node validates entries
 * against the shared database's {@code updated}, so no invalidation has to cross the cluster. Bounded by the total
 * number of transitions it holds ({@value #MAX_TRANSITIONS_PROPERTY}, default {@value #DEFAULT_MAX_TRANSITIONS}).
 */
public final class HistoryCache {
    public static final String MAX_TRANSITIONS_PROPERTY = "flowtrack.cache.maxTransitions";
    public static final long DEFAULT_MAX_TRANSITIONS = 500_000;

    /** A history as read, with the issue's update time, whether the title was read and from which blocked field. */
    record Entry(Instant updated, boolean withTitle, String blockedField, WorkItem item) {
    }

    private final Cache<Long, Entry> entries;

    /** @param maxTransitions the bound; 0 or less holds nothing (Caffeine's weight 0 would evict only later) */
    public HistoryCache(long maxTransitions) {
        this.entries = maxTransitions <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxTransitions)
                .weigher((Long id, Entry e) -> 1 + e.item().transitions().size() + e.item().blocked().size()).build();
    }

    /** The configured cache; {@code flowtrack.cache.maxTransitions=0} switches it off. */
    public static HistoryCache fromSystemProperties() {
        return new HistoryCache(Long.getLong(MAX_TRANSITIONS_PROPERTY, DEFAULT_MAX_TRANSITIONS));
    }

    /**
     * The cached history of an issue, if it was read at exactly this update time with the same title setting and
     * the same blocked field (an admin who names another field gets histories read from it).
     */
    WorkItem get(long issueId, Instant updated, boolean withTitle, String blockedField) {
        Entry e = entries == null ? null : entries.getIfPresent(issueId);
        return e != null && e.updated().equals(updated) && e.withTitle() == withTitle
                && java.util.Objects.equals(e.blockedField(), blockedField) ? e.item() : null;
    }

    void put(long issueId, Instant updated, boolean withTitle, String blockedField, WorkItem item) {
        if (entries != null) {
            entries.put(issueId, new Entry(updated, withTitle, blockedField, item));
        }
    }

    /** For tests and the benchmark: let pending evictions happen and count what is held. */
    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
