package io.flowtrack.azdo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.model.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lock a sync write takes on its organization orders it against a disconnect only: two syncs of one
 * organization that fail at the same time (a revoked credential fails every project's sync) each record the
 * failure and set the organization's status in a {@link OrganizationStore#whileConnected} transaction, and both
 * must commit — a shared lock upgraded to a row update by both would deadlock on PostgreSQL.
 */
public class OrganizationLockTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoWritersThatBothUpdateTheOrganizationDoNotDeadlock(TestDatabases.Kind kind) throws Exception {
        Database db = DBS.get(kind);
        OrgId org = TestDatabases.connectedOrg(db);
        OrganizationStore organizations = new OrganizationStore(db);
        RevisionStore revisions = new RevisionStore(db);
        // H2 takes the exclusive lock for a write: there the second writer waits before the barrier, so the
        // barrier only holds both writers inside their transactions on PostgreSQL.
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String project : List.of("project-a", "project-b")) {
                writers.add(pool.submit(() -> organizations.whileConnected(org, () -> {
                    revisions.recordFailure(org, project, "credential_rejected", "revoked",
                            java.time.Instant.parse("2025-03-01T09:00:00Z"));
                    if (kind == TestDatabases.Kind.POSTGRES) {
                        await(bothLocked);
                    }
                    organizations.updateStatus(org, Organization.Status.CREDENTIAL_REJECTED, "revoked " + project);
                })));
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS); // a deadlock aborts one of them with an exception
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(organizations.get(org).orElseThrow().status()).isEqualTo(Organization.Status.CREDENTIAL_REJECTED);
        assertThat(revisions.watermark(org, "project-a").lastSyncStatus()).isEqualTo("credential_rejected");
        assertThat(revisions.watermark(org, "project-b").lastSyncStatus()).isEqualTo("credential_rejected");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer never took its lock", e);
        }
    }
}
