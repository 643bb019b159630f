package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One sync run per project whatever happens (concurrent "sync now" and scheduled runs, a lost lease, a crashed
 * instance), the watermark kept when the last page has no token, and a stop when the server makes no progress: on
 * H2 and PostgreSQL, counting the page requests the fake Azure DevOps saw.
 */
class SyncRunTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String PROJECT = ConnectedOrganization.PROJECT;
    private static final String PAT = "pat-for-sync-run-tests-01";

    private FakeAzureDevOps azdo;
    private final FakeTime time = new FakeTime(Instant.parse("2025-04-01T00:00:00Z"));

    @AfterEach
    void stop() {
        if (azdo != null) {
            azdo.close();
        }
    }

    private FakeAzureDevOps startFake() throws Exception {
        azdo = FakeAzureDevOps.start().acceptPat(PAT).maxPageSize(3);
        azdo.setStates(PROJECT, "Bug", Map.of("New", "Proposed", "Active", "InProgress", "Closed", "Completed"));
        azdo.setStates(PROJECT, "User Story", Map.of("New", "Proposed", "Active", "InProgress",
                "Resolved", "Resolved", "Closed", "Completed"));
        azdo.addRevisions(PROJECT, ProjectSyncTest.eight());
        return azdo;
    }

    private final class World extends ConnectedOrganization {
        final ProjectStore projects;

        World(TestDatabases.Kind kind) throws Exception {
            super(DBS.get(kind), startFake(), PAT);
            projects = new ProjectStore(db);
        }

        /** One instance's sync, its lease judged by {@code leaseClock}. */
        ProjectSync sync(String instance, Clock leaseClock, Duration ttl) {
            return sync(new SyncLease(db, leaseClock), new AuditLog(db), null, time.policy(),
                    new ProjectSync.Settings(3, instance, ttl, time));
        }

        ProjectSync sync(String instance) {
            return sync(instance, time, Duration.ofMinutes(10));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoSyncNowCallsAndAScheduledRunFetchEachPageOnce(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        w.projects.upsert(w.org, new Project(PROJECT, PROJECT, true));
        ProjectSync sync = w.sync("instance-a"); // one per process, as Backend wires it
        SyncScheduler scheduler = new SyncScheduler(w.organizations, w.projects, sync);
        CountDownLatch firstPageAsked = new CountDownLatch(1);
        azdo.beforeRevisionsPage(n -> {
            if (n == 1) { // the first run waits for its first page while the others start
                firstPageAsked.countDown();
                sleep(700);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<ProjectSync.Result> first = pool.submit(() -> sync.sync(w.org, PROJECT));
            assertThat(firstPageAsked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Future<ProjectSync.Result> second = pool.submit(() -> sync.sync(w.org, PROJECT));
            Future<?> scheduled = pool.submit(scheduler::runOnce);
            assertThat(second.get().outcome()).isEqualTo(ProjectSync.Outcome.BUSY);
            scheduled.get();
            assertThat(first.get().outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        } finally {
            pool.shutdownNow();
            scheduler.close();
        }
        assertThat(azdo.revisionRequests()).as("8 revisions in pages of 3: 3 distinct pages, each asked once")
                .hasSize(3);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(8);
        assertThat(new SyncLease(w.db, time).holder(w.org, PROJECT)).as("released by its run").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSyncNowRunIsReportedToTheListenerAsAScheduledRunIs(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SyncNow now = new SyncNow(w.sync("instance-a"), Duration.ofSeconds(20),
                (outcome, revisions, took) -> told.add(outcome + " " + revisions + (took.isNegative() ? " ?" : "")))) {
            SyncNow.Answer answer = now.run(w.org, PROJECT);
            assertThat(answer).isInstanceOf(SyncNow.Finished.class);
            assertThat(((SyncNow.Finished) answer).result().outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
            assertThat(told).containsExactly("SYNCED 8");
            assertThat(now.run(w.org, "no-such-project")).isInstanceOf(SyncNow.Finished.class);
            assertThat(told).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void manyInstancesStartingAtOnceSyncTheProjectOnce(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        int runs = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Future<ProjectSync.Result>> results = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                ProjectSync sync = w.sync(i % 2 == 0 ? "instance-a" : "instance-b");
                Callable<ProjectSync.Result> run = () -> {
                    go.await();
                    return sync.sync(w.org, PROJECT);
                };
                results.add(pool.submit(run));
            }
            go.countDown();
            int synced = 0;
            for (Future<ProjectSync.Result> f : results) {
                ProjectSync.Outcome outcome = f.get().outcome();
                synced += outcome == ProjectSync.Outcome.SYNCED ? 1 : 0;
                assertThat(outcome).isIn(ProjectSync.Outcome.SYNCED, ProjectSync.Outcome.BUSY);
            }
            // Runs that started after the first finished may sync again (from the watermark: one page each).
            assertThat(synced).isPositive();
            assertThat(azdo.revisionRequests()).hasSizeLessThanOrEqualTo(3 + (synced - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRunWhoseLeaseWasTakenOverStoresNothingMoreAndStops(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        SyncLease other = new SyncLease(w.db, time);
        String otherRun = SyncLease.newRunToken("instance-b");
        azdo.beforeRevisionsPage(n -> {
            if (n == 2) { // run A stalls past its lease (a long GC pause, a frozen VM); instance B takes over
                time.advance(Duration.ofMinutes(11));
                assertThat(other.tryAcquire(w.org, PROJECT, otherRun, Duration.ofMinutes(10))).isTrue();
            }
        });
        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.LEASE_LOST);
        assertThat(w.revisions.count(w.org, PROJECT)).as("page 2 was fenced off").isEqualTo(3);
        assertThat(w.revisions.watermark(w.org, PROJECT).continuationToken()).isEqualTo("wm-3");
        assertThat(azdo.revisionRequests()).hasSize(2);
        assertThat(other.holder(w.org, PROJECT).map(SyncLease.Lease::owner)).as("A left B's lease alone")
                .contains(otherRun);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCrashedInstancesLeaseIsTakenOverWithinAMinute(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        // The crashed instance's run took the lease as every run does, then died without releasing it.
        assertThat(new SyncLease(w.db, time).tryAcquire(w.org, PROJECT, SyncLease.newRunToken("instance-crashed"),
                ProjectSync.DEFAULT_LEASE_TTL)).isTrue();
        ProjectSync restarted = w.sync("instance-restarted", time, ProjectSync.DEFAULT_LEASE_TTL);
        assertThat(restarted.sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.BUSY);

        assertThat(ProjectSync.DEFAULT_LEASE_TTL).isLessThanOrEqualTo(Duration.ofMinutes(1));
        time.advance(ProjectSync.DEFAULT_LEASE_TTL.plusSeconds(1));
        assertThat(restarted.sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aHeartbeatKeepsAShortLeaseWhileAPageTakesLongerThanIt(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        // Two seconds: the heartbeat (a third of the lease) then tolerates a stall of more than a second on a busy
        // machine; at 900 ms a loaded build missed a renewal and let the rival in.
        Duration ttl = Duration.ofSeconds(2);
        SyncLease rival = new SyncLease(w.db, Clock.systemUTC());
        AtomicInteger takeovers = new AtomicInteger();
        azdo.beforeRevisionsPage(n -> {
            if (n == 1) { // the first page takes 5 s, two and a half times the lease: a rival tries all along
                long until = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < until) {
                    if (rival.tryAcquire(w.org, PROJECT, SyncLease.newRunToken("instance-rival"), ttl)) {
                        takeovers.incrementAndGet();
                    }
                    sleep(100);
                }
            }
        });
        ProjectSync.Result result = w.sync("instance-a", Clock.systemUTC(), ttl).sync(w.org, PROJECT);
        assertThat(takeovers.get()).as("the heartbeat renewed the lease").isZero();
        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aLastPageWithoutTokenKeepsTheLastGoodWatermark(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.lastPageWithoutToken(true);
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(w.revisions.watermark(w.org, PROJECT).continuationToken())
                .as("the token the last page was asked with").isEqualTo("wm-6");

        int before = azdo.revisionRequests().size();
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(azdo.revisionRequests()).as("one page again, not the whole history").hasSize(before + 1);
        assertThat(azdo.revisionRequests().get(before).query()).containsEntry("continuationToken", "wm-6");
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void emptyPagesHandingBackTheSameTokenStopTheRunWithAStatus(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        String good = w.revisions.watermark(w.org, PROJECT).continuationToken();
        int before = azdo.revisionRequests().size();
        azdo.stall(FakeAzureDevOps.Stall.SAME_TOKEN);

        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.NO_PROGRESS);
        assertThat(azdo.revisionRequests().size() - before).isEqualTo(1);
        assertThat(w.revisions.watermark(w.org, PROJECT).lastSyncStatus()).isEqualTo("no_progress");
        assertThat(w.revisions.watermark(w.org, PROJECT).continuationToken()).isEqualTo(good);
        assertThat(w.organizations.get(w.org).orElseThrow().statusDetail()).contains("no progress");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aServerThatNeverEndsStopsTheRunAfterABoundOfEmptyPages(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.stall(FakeAzureDevOps.Stall.ENDLESS);

        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.NO_PROGRESS);
        assertThat(azdo.revisionRequests()).hasSize(ProjectSync.MAX_EMPTY_PAGES_IN_A_ROW);
        assertThat(w.revisions.watermark(w.org, PROJECT).lastSyncStatus()).isEqualTo("no_progress");
        assertThat(w.revisions.count(w.org, PROJECT)).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
