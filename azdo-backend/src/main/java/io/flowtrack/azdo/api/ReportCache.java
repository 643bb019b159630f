package io.flowtrack.azdo.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowtrack.azdo.model.OrgId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Computed reports (their JSON), bounded in bytes, keyed by organization, project, the normalised query and the
 * project's data version as read from the database ({@code DataVersions}). The version changes in the transaction
 * that changes the data and is never used again, so an entry can only be found while its data is current, on this
 * instance or any other: the cache is an optimisation that cannot serve stale data. Entries of older versions are
 * dropped as soon as a request shows a project's version moved on; {@link #forget(OrgId)} drops an organization's
 * at once (disconnect).
 *
 * <p>Authorisation and audit are not its business: callers check the user before asking and audit after.
 * Identical requests that arrive together compute the report once. Only computed reports enter the (Caffeine)
 * cache; computations under way wait in a map of their own, so a failed computation is never handed to Caffeine
 * (whose asynchronous cache logs every failed load with its whole stack trace: one per request, a flood).
 */
public final class ReportCache {
    /** What identifies one computed report: equal queries are equal {@link ReportQuery} records. */
    public record Key(OrgId org, String projectId, ReportQuery query, String dataVersion) {
        public Key {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(dataVersion, "dataVersion");
        }
    }

    /** A report's JSON and whether it came from the cache. */
    public record Served(byte[] json, boolean hit) {
    }

    private record Project(OrgId org, String projectId) {
    }

    private final Cache<Key, byte[]> cache;
    private final ConcurrentMap<Key, CompletableFuture<byte[]>> computing = new ConcurrentHashMap<>();
    private final ConcurrentMap<Project, String> versions = new ConcurrentHashMap<>();

    /**
     * @param maxBytes           the most report JSON kept, in bytes; 0 keeps nothing
     * @param unusedFor          an entry not asked for this long goes
     */
    public ReportCache(long maxBytes, Duration unusedFor) {
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, byte[] json) -> json.length)
                .expireAfterAccess(unusedFor)
                // Eviction on the caller's thread: the bound holds when put returns, not once a pool thread
                // gets round to it (on a loaded machine ReportCacheTest saw 5 entries in a cache that fits 3).
                .executor(Runnable::run)
                .build();
    }

    /** A cache that keeps nothing: every request computes. */
    public static ReportCache off() {
        return new ReportCache(0, Duration.ZERO);
    }

    /**
     * The report for {@code key}: from the cache, or computed by {@code compute} (once for identical requests that
     * arrive together) and kept. A computation that throws is not kept; its exception comes out unchanged.
     */
    public Served get(Key key, Supplier<byte[]> compute) {
        if (cache == null) {
            return new Served(compute.get(), false);
        }
        dropOlderVersions(key);
        byte[] kept = cache.getIfPresent(key);
        if (kept != null) {
            return new Served(kept, true);
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> existing = computing.putIfAbsent(key, mine);
        if (existing == null && (kept = cache.getIfPresent(key)) != null) { // computed meanwhile
            computing.remove(key, mine);
            mine.complete(kept);
            return new Served(kept, true);
        }
        if (existing != null) {
            try {
                return new Served(existing.join(), true);
            } catch (CompletionException e) {
                // The request we waited for failed: compute for ourselves (and fail on our own terms).
                return new Served(compute.get(), false);
            }
        }
        try {
            byte[] json = compute.get();
            if (computing.remove(key, mine)) { // not forgotten (disconnected) meanwhile
                cache.put(key, json);
            }
            mine.complete(json);
            return new Served(json, false);
        } catch (RuntimeException | Error e) {
            computing.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Drops every entry of the organization (it was disconnected). */
    public void forget(OrgId org) {
        versions.keySet().removeIf(p -> p.org().equals(org));
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.org().equals(org));
            computing.keySet().removeIf(k -> k.org().equals(org));
        }
    }

    /** How many reports are kept (for tests and metrics). */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    private void dropOlderVersions(Key key) {
        Project project = new Project(key.org(), key.projectId());
        String previous = versions.put(project, key.dataVersion());
        if (previous != null && !previous.equals(key.dataVersion())) {
            Map<Key, byte[]> entries = cache.asMap();
            entries.keySet().removeIf(k -> k.org().equals(key.org()) && k.projectId().equals(key.projectId())
                    && !k.dataVersion().equals(key.dataVersion()));
        }
    }
}
