package io.flowtrack.azdo.store;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RevisionStoreTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

    static WorkItemRevision rev(int id, int rev, String state) {
        Instant created = T0.plusSeconds(id * 3600L);
        Instant changed = created.plusSeconds(rev * 60L).plusNanos(123_000_000L);
        return new WorkItemRevision(id, rev, "User Story", state, "Fabrikam\\Team A", created, changed, rev == 1 ? "Story " + id : null, Map.of(), false);
    }

    static List<WorkItemRevision> all(RevisionStore store, OrgId org, String project) {
        List<WorkItemRevision> out = new ArrayList<>();
        store.forEachRevision(org, project, out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void batchRoundTripsEveryFieldInWorkItemAndRevOrder(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        List<WorkItemRevision> batch = List.of(rev(7, 2, "Active"), rev(3, 1, "New"), rev(7, 1, "New"),
                rev(3, 2, "Closed"), rev(12, 1, "New"));
        store.saveBatch(org, "p1", batch, "token-1", T0);

        assertThat(all(store, org, "p1")).containsExactly(rev(3, 1, "New"), rev(3, 2, "Closed"), rev(7, 1, "New"),
                rev(7, 2, "Active"), rev(12, 1, "New"));
        assertThat(store.count(org, "p1")).isEqualTo(5);
        assertThat(store.count(org, "p2")).isZero();
        assertThat(all(store, org, "p2")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void savingTheSameBatchTwiceIsIdempotent(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        List<WorkItemRevision> batch = List.of(rev(1, 1, "New"), rev(1, 2, "Active"), rev(2, 1, "New"));
        store.saveBatch(org, "p1", batch, "token-1", T0);
        store.saveBatch(org, "p1", batch, "token-1", T0.plusSeconds(60));
        assertThat(store.count(org, "p1")).isEqualTo(3);
        assertThat(all(store, org, "p1")).containsExactly(rev(1, 1, "New"), rev(1, 2, "Active"), rev(2, 1, "New"));

        // a re-delivered revision replaces the stored one rather than adding a row
        store.saveBatch(org, "p1", List.of(rev(1, 2, "Resolved")), "token-2", T0.plusSeconds(120));
        assertThat(store.count(org, "p1")).isEqualTo(3);
        assertThat(all(store, org, "p1")).extracting(WorkItemRevision::state).containsExactly("New", "Resolved", "New");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aBatchHoldingOneRevisionTwiceStoresItOnceTheLastDeliveryWinning(TestDatabases.Kind kind) {
        // PostgreSQL sends a batch as multi-row upserts, which may not touch one row twice: the store dedupes.
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        store.saveBatch(org, "p1", List.of(rev(1, 1, "New"), rev(1, 2, "Active"), rev(1, 2, "Resolved"),
                rev(2, 1, "New")), "token-1", T0);
        assertThat(all(store, org, "p1")).containsExactly(rev(1, 1, "New"), rev(1, 2, "Resolved"), rev(2, 1, "New"));
        assertThat(store.watermark(org, "p1").rowsLoaded()).isEqualTo(4); // what was received, as before
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aLargeBatchLoadsEveryRowOnce(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        List<WorkItemRevision> batch = new ArrayList<>();
        for (int id = 1; id <= 700; id++) {
            batch.add(rev(id, 1, "New"));
            batch.add(rev(id, 2, "Active"));
        }
        store.saveBatch(org, "p1", batch, "token-1", T0);
        store.saveBatch(org, "p1", batch.subList(600, 1400), "token-2", T0); // half of it again
        assertThat(store.count(org, "p1")).isEqualTo(1400);
        assertThat(all(store, org, "p1")).containsExactlyInAnyOrderElementsOf(batch);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theReportReadLeavesOutWhatReportsDoNotUse(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        store.saveBatch(org, "p1", List.of(rev(3, 1, "New"), rev(3, 2, "Closed")), "token-1", T0);
        List<WorkItemRevision> read = new ArrayList<>();
        store.forEachRevisionForReport(org, "p1", read::add);
        assertThat(read).containsExactly(
                new WorkItemRevision(3, 1, "User Story", "New", "Fabrikam\\Team A", rev(3, 1, "New").createdDate(), rev(3, 1, "New").changedDate(), "Story 3", Map.of(), false),
                new WorkItemRevision(3, 2, "User Story", "Closed", "Fabrikam\\Team A", rev(3, 2, "Closed").createdDate(), rev(3, 2, "Closed").changedDate(), null, Map.of(), false));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void watermarkAdvancesWithItsRows(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        assertThat(store.watermark(org, "p1")).isEqualTo(Watermark.NONE);

        store.saveBatch(org, "p1", List.of(rev(1, 1, "New"), rev(2, 1, "New")), "token-1", T0);
        assertThat(store.watermark(org, "p1")).isEqualTo(new Watermark("token-1", T0, "ok", null, 2));

        store.saveBatch(org, "p1", List.of(rev(1, 2, "Active")), "token-2", T0.plusSeconds(300));
        assertThat(store.watermark(org, "p1"))
                .isEqualTo(new Watermark("token-2", T0.plusSeconds(300), "ok", null, 3));
        // an empty last page still moves the token (the API hands a new one at the end)
        store.saveBatch(org, "p1", List.of(), "token-3", T0.plusSeconds(600));
        assertThat(store.watermark(org, "p1").continuationToken()).isEqualTo("token-3");
        assertThat(store.watermark(org, "p1").rowsLoaded()).isEqualTo(3);
        assertThat(store.watermark(org, "p2")).isEqualTo(Watermark.NONE);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aBatchFailingHalfwayLeavesNeitherRowsNorWatermark(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        store.saveBatch(org, "p1", List.of(rev(1, 1, "New")), "token-1", T0);
        Watermark before = store.watermark(org, "p1");

        // the last row's state is longer than the column allows: the database refuses it
        List<WorkItemRevision> batch = List.of(rev(1, 2, "Active"), rev(2, 1, "New"), rev(3, 1, "New"),
                rev(4, 1, "x".repeat(300)));
        assertThatThrownBy(() -> store.saveBatch(org, "p1", batch, "token-2", T0.plusSeconds(60)))
                .isInstanceOf(StoreException.class);

        assertThat(store.count(org, "p1")).isEqualTo(1);
        assertThat(all(store, org, "p1")).containsExactly(rev(1, 1, "New"));
        assertThat(store.watermark(org, "p1")).isEqualTo(before);

        // the same batch without the bad row then goes through, with its watermark
        store.saveBatch(org, "p1", batch.subList(0, 3), "token-2", T0.plusSeconds(90));
        assertThat(store.count(org, "p1")).isEqualTo(4);
        assertThat(store.watermark(org, "p1").continuationToken()).isEqualTo("token-2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailureIsRecordedWithoutMovingTheToken(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        store.saveBatch(org, "p1", List.of(rev(1, 1, "New")), "token-1", T0);
        store.recordFailure(org, "p1", "unauthorized", "the token was revoked", T0.plusSeconds(60));
        assertThat(store.watermark(org, "p1"))
                .isEqualTo(new Watermark("token-1", T0.plusSeconds(60), "unauthorized", "the token was revoked", 1));
        store.saveBatch(org, "p1", List.of(), "token-2", T0.plusSeconds(120));
        assertThat(store.watermark(org, "p1"))
                .isEqualTo(new Watermark("token-2", T0.plusSeconds(120), "ok", null, 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void streamsManyRowsInOrder(TestDatabases.Kind kind) {
        RevisionStore store = new RevisionStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        List<WorkItemRevision> batch = new ArrayList<>();
        for (int id = 2500; id >= 1; id--) {
            batch.add(rev(id, 1, "New"));
        }
        store.saveBatch(org, "p1", batch, "t", T0);
        int[] seen = {0};
        int[] lastId = {0};
        store.forEachRevision(org, "p1", r -> {
            assertThat(r.workItemId()).isGreaterThan(lastId[0]);
            lastId[0] = r.workItemId();
            seen[0]++;
        });
        assertThat(seen[0]).isEqualTo(2500);
        assertThat(store.count(org, "p1")).isEqualTo(2500);
    }
}
