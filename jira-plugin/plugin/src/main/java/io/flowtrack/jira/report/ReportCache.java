package io.flowtrack.jira.report;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.metrics.report.ReportParameters;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Reports already computed on this node, so that a dashboard of eight items over one filter computes once: the
 * first request computes, requests for the same key that arrive meanwhile wait for it (on their own threads, no
 * computation of theirs), later ones find it.
 *
 * <p>Safe on a Data Center cluster without invalidation messages: the key carries what the report is computed
 * from — the selection, the project configuration, the engine parameters (with {@code asOf}, which the resource
 * rounds to the minute) and {@link MatchedIssues}, the fingerprint of the issues <em>the requesting user's own
 * search</em> matched, read from the shared database on every request. So an entry is only ever found by a request
 * whose search matched exactly the same issues at the same versions: a user who may see other issues has another
 * key, and a changed issue makes a new key on every node (old entries simply age out). What the key does not see —
 * an administrator re-categorising a status, which changes the default workflow without touching issues — lasts
 * at most {@value #TTL_PROPERTY} (default {@value #DEFAULT_TTL_SECONDS} s).
 *
 * <p>Bounded by the total number of report items held ({@value #MAX_ITEMS_PROPERTY}, default
 * {@value #DEFAULT_MAX_ITEMS}; {@code 0} switches the cache off).
 */
public final class ReportCache {
    public static final String MAX_ITEMS_PROPERTY = "flowtrack.reportCache.maxItems";
    public static final String TTL_PROPERTY = "flowtrack.reportCache.ttlSeconds";
    public static final long DEFAULT_MAX_ITEMS = 200_000;
    public static final long DEFAULT_TTL_SECONDS = 300;

    /** What a report is computed from. */
    public record Key(String selection, Optional<FlowConfig> config, ReportParameters parameters,
                      MatchedIssues matched) {
    }

    private final AsyncCache<Key, JiraReports.Result> reports;

    public ReportCache(long maxItems, Duration ttl) {
        this.reports = maxItems <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxItems)
                .weigher((Key k, JiraReports.Result r) -> 1 + r.report().items().size())
                .expireAfterWrite(ttl).buildAsync();
    }

    /** The configured cache. */
    public static ReportCache fromSystemProperties() {
        long ttl = Long.getLong(TTL_PROPERTY, DEFAULT_TTL_SECONDS);
        return new ReportCache(Long.getLong(MAX_ITEMS_PROPERTY, DEFAULT_MAX_ITEMS),
                Duration.ofSeconds(ttl < 1 ? DEFAULT_TTL_SECONDS : ttl));
    }

    /** A cache that holds nothing (tests and the benchmark). */
    public static ReportCache off() {
        return new ReportCache(0, Duration.ofSeconds(DEFAULT_TTL_SECONDS));
    }

    /**
     * The report of this key: cached, being computed by another request (then awaited), or computed now on the
     * calling thread (Jira's request thread, with its authentication and database context). A failed computation is
     * not kept; requests that awaited it fail the same way.
     */
    public JiraReports.Result get(Key key, Supplier<JiraReports.Result> compute) {
        if (reports == null) {
            return compute.get();
        }
        ConcurrentMap<Key, CompletableFuture<JiraReports.Result>> map = reports.asMap();
        CompletableFuture<JiraReports.Result> mine = new CompletableFuture<>();
        CompletableFuture<JiraReports.Result> existing = map.putIfAbsent(key, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        try {
            JiraReports.Result result = compute.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            map.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** For tests: how many reports are held. */
    long size() {
        return reports == null ? 0 : reports.synchronous().estimatedSize();
    }
}
