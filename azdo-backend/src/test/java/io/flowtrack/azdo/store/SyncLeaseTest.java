package io.flowtrack.azdo.store;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.model.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncLeaseTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final Instant T0 = Instant.parse("2025-02-01T08:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    private static OrgId org() {
        return new OrgId(UUID.randomUUID().toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void onlyOneOwnerHoldsTheLeaseUntilItExpires(TestDatabases.Kind kind) {
        FakeTime clock = new FakeTime(T0);
        SyncLease lease = new SyncLease(DBS.get(kind), clock);
        OrgId org = org();

        assertThat(lease.tryAcquire(org, "p1", "instance-a", TTL)).isTrue();
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isFalse();
        assertThat(lease.holder(org, "p1")).contains(new SyncLease.Lease("instance-a", T0.plus(TTL)));
        // another project, or another organization's same project, is a separate lease
        assertThat(lease.tryAcquire(org, "p2", "instance-b", TTL)).isTrue();
        assertThat(lease.tryAcquire(org(), "p1", "instance-b", TTL)).isTrue();

        clock.advance(Duration.ofMinutes(4));
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isFalse();
        assertThat(lease.tryAcquire(org, "p1", "instance-a", TTL)).as("the holder cannot take it again").isFalse();
        assertThat(lease.renew(org, "p1", "instance-b", TTL)).as("only the holder renews").isFalse();
        assertThat(lease.renew(org, "p1", "instance-a", TTL)).isTrue(); // renewal, to T0+9m
        clock.advance(Duration.ofMinutes(4));
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(lease.holder(org, "p1")).isEmpty();
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isTrue(); // expired: taken over
        assertThat(lease.holder(org, "p1").map(SyncLease.Lease::owner)).contains("instance-b");
        assertThat(lease.tryAcquire(org, "p1", "instance-a", TTL)).isFalse();
        assertThat(lease.renew(org, "p1", "instance-a", TTL)).as("a lease taken over is lost for good").isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void eachRunHasATokenOfItsOwnSoTwoRunsOfOneInstanceExcludeEachOther(TestDatabases.Kind kind) {
        SyncLease lease = new SyncLease(DBS.get(kind), new FakeTime(T0));
        OrgId org = org();
        String first = SyncLease.newRunToken("instance-a");
        String second = SyncLease.newRunToken("instance-a");
        assertThat(first).isNotEqualTo(second).startsWith("instance-a/");
        assertThat(lease.tryAcquire(org, "p1", first, TTL)).isTrue();
        assertThat(lease.tryAcquire(org, "p1", second, TTL)).isFalse();
        assertThat(lease.release(org, "p1", second)).as("the second run's finally frees nothing").isFalse();
        assertThat(lease.holder(org, "p1").map(SyncLease.Lease::owner)).contains(first);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void releaseFreesTheLeaseOnlyForItsOwner(TestDatabases.Kind kind) {
        SyncLease lease = new SyncLease(DBS.get(kind), new FakeTime(T0));
        OrgId org = org();
        assertThat(lease.tryAcquire(org, "p1", "instance-a", TTL)).isTrue();
        assertThat(lease.release(org, "p1", "instance-b")).isFalse();
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isFalse();
        assertThat(lease.release(org, "p1", "instance-a")).isTrue();
        assertThat(lease.tryAcquire(org, "p1", "instance-b", TTL)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void concurrentInstancesRacingForOneLeaseYieldOneWinner(TestDatabases.Kind kind) throws Exception {
        Database db = DBS.get(kind);
        FakeTime clock = new FakeTime(T0);
        int instances = 4;
        for (int round = 0; round < 10; round++) {
            OrgId org = org();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    SyncLease lease = new SyncLease(db, clock); // one per instance
                    String owner = "instance-" + i;
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        return lease.tryAcquire(org, "p1", owner, TTL);
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
