package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReportCacheTest {
    private static final OrgId ORG = new OrgId("aaaaaaaa-0000-4000-8000-000000000001");
    private static final OrgId OTHER = new OrgId("bbbbbbbb-0000-4000-8000-000000000002");

    private static ReportQuery query(String day, String... types) {
        return new ReportQuery(null, ReportRequest.builder().asOf(Instant.parse(day + "T23:59:59Z"))
                .types(Set.of(types)).build(), false, ZoneId.of("UTC"));
    }

    private static ReportCache.Key key(OrgId org, String day, String version) {
        return new ReportCache.Key(org, "p1", query(day, "Bug", "Task"), version);
    }

    @Test
    void equalQueriesShareAnEntryWhateverTheOrderOfTheirTypes() {
        ReportCache cache = new ReportCache(1 << 20, Duration.ofMinutes(5));
        assertThat(cache.get(new ReportCache.Key(ORG, "p1", query("2025-03-10", "Bug", "Task"), "v1"),
                () -> new byte[] {1}).hit()).isFalse();
        ReportCache.Served again = cache.get(new ReportCache.Key(ORG, "p1", query("2025-03-10", "Task", "Bug"), "v1"),
                () -> new byte[] {2});
        assertThat(again.hit()).isTrue();
        assertThat(again.json()).containsExactly(1);
        assertThat(cache.get(key(ORG, "2025-03-10", "v2"), () -> new byte[] {3}).hit()).isFalse();
        assertThat(cache.get(key(OTHER, "2025-03-10", "v1"), () -> new byte[] {4}).json()).containsExactly(4);
    }

    @Test
    void aNewVersionDropsTheProjectsOlderEntriesAndForgetDropsAnOrganization() {
        ReportCache cache = new ReportCache(1 << 20, Duration.ofMinutes(5));
        cache.get(key(ORG, "2025-03-10", "v1"), () -> new byte[10]);
        cache.get(key(ORG, "2025-03-11", "v1"), () -> new byte[10]);
        cache.get(key(OTHER, "2025-03-10", "v1"), () -> new byte[10]);
        assertThat(cache.size()).isEqualTo(3);
        cache.get(key(ORG, "2025-03-10", "v2"), () -> new byte[10]);
        assertThat(cache.size()).isEqualTo(2); // ORG's two v1 entries went, OTHER's stayed
        assertThat(cache.get(key(OTHER, "2025-03-10", "v1"), () -> new byte[1]).hit()).isTrue();
        cache.forget(ORG);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(key(ORG, "2025-03-10", "v2"), () -> new byte[1]).hit()).isFalse();
    }

    @Test
    void theCacheHoldsNoMoreBytesThanItMay() {
        ReportCache cache = new ReportCache(1000, Duration.ofMinutes(5));
        for (int day = 1; day <= 20; day++) {
            cache.get(key(ORG, String.format("2025-03-%02d", day), "v1"), () -> new byte[300]);
        }
        cache.get(key(ORG, "2025-04-01", "v1"), () -> new byte[5000]); // larger than the whole cache: not kept
        // Caffeine evicts asynchronously: ask it to settle, then count.
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 50 && (sizes.isEmpty() || sizes.get(sizes.size() - 1) > 3); i++) {
            cache.get(key(ORG, "2025-03-01", "v1"), () -> new byte[300]);
            sizes.add(cache.size());
        }
        assertThat(sizes.get(sizes.size() - 1)).isLessThanOrEqualTo(3); // 3 × 300 bytes fit in 1,000
    }

    @Test
    void aFailedComputationIsNotKeptAndOffKeepsNothing() {
        ReportCache cache = new ReportCache(1 << 20, Duration.ofMinutes(5));
        assertThatThrownBy(() -> cache.get(key(ORG, "2025-03-10", "v1"), () -> {
            throw ApiException.badRequest("no");
        })).isInstanceOf(ApiException.class);
        assertThat(cache.get(key(ORG, "2025-03-10", "v1"), () -> new byte[] {7}).hit()).isFalse();

        ReportCache off = ReportCache.off();
        off.get(key(ORG, "2025-03-10", "v1"), () -> new byte[] {1});
        assertThat(off.get(key(ORG, "2025-03-10", "v1"), () -> new byte[] {2}).hit()).isFalse();
        assertThat(off.size()).isZero();
    }

    @Test
    void identicalRequestsArrivingTogetherComputeOnce() throws Exception {
        ReportCache cache = new ReportCache(1 << 20, Duration.ofMinutes(5));
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReportCache.Served>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> cache.get(key(ORG, "2025-03-10", "v1"), () -> {
                    computed.incrementAndGet();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new byte[] {9};
                })));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<ReportCache.Served> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).json()).containsExactly(9);
            }
            assertThat(computed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
