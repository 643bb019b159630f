package io.flowtrack.azdo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeAzureDevOps.Fault;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.report.HistoryAssembler;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationEraser;
import io.flowtrack.azdo.store.OrganizationEraserTest;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.SyncLease;
import io.flowtrack.azdo.store.TestDatabases;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extraction end to end through a local fake Azure DevOps into a real database (H2 and PostgreSQL):
 * every case ends with exactly the right rows and the report they give.
 */
class ProjectSyncTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String PROJECT = ConnectedOrganization.PROJECT;
    private static final String PAT = "pat-for-sync-tests-0001";

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
        for (String type : List.of("Bug", "User Story")) {
            azdo.setStates(PROJECT, type, Map.of("New", "Proposed", "Active", "InProgress",
                    "Resolved", "Resolved", "Closed", "Completed", "Removed", "Removed"));
        }
        return azdo;
    }

    /** Everything one test needs, on one database, for a fresh organization. */
    private final class World extends ConnectedOrganization {
        final SyncLease lease;
        final AuditLog audit;

        World(TestDatabases.Kind kind) throws Exception {
            super(DBS.get(kind), startFake(), PAT);
            lease = new SyncLease(db);
            audit = new AuditLog(db);
        }

        ProjectSync sync(String owner) {
            return sync(owner, null);
        }

        /** A sync that reads each project's blocked source from {@code configs} (null: none). */
        ProjectSync sync(String owner, ProjectConfigStore configs) {
            return sync(lease, audit, configs, time.policy(), new ProjectSync.Settings(3, owner, Duration.ofMinutes(10),
                    time));
        }

        List<WorkItemRevision> stored() {
            List<WorkItemRevision> rows = new ArrayList<>();
            revisions.forEachRevision(org, PROJECT, rows::add);
            return rows;
        }

        String report() {
            return ReportWriter.toJson(FlowEngine.report(HistoryAssembler.assemble(stored(),
                    categories.list(org, PROJECT), null, null, ZoneId.of("UTC")),
                    ReportRequest.builder().asOf(Instant.parse("2025-03-31T00:00:00Z")).build()), false);
        }
    }

    static WorkItemRevision rev(int id, int rev, String type, String state, String changed) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, type, state, PROJECT + "\\Team A", created, rev == 1 ? created : Instant.parse(changed), null, Map.of(), false);
    }

    /** Eight revisions of three items, in change order: item 1 closes 3 days after it started. */
    static List<WorkItemRevision> eight() {
        return List.of(
                rev(1, 1, "Bug", "New", null),
                rev(2, 1, "User Story", "New", null),
                rev(1, 2, "Bug", "Active", "2025-03-02T10:00:00Z"),
                rev(3, 1, "Bug", "New", null),
                rev(2, 2, "User Story", "Active", "2025-03-03T10:00:00Z"),
                rev(1, 3, "Bug", "Closed", "2025-03-04T10:00:00Z"),
                rev(3, 2, "Bug", "Active", "2025-03-05T10:00:00Z"),
                rev(2, 3, "User Story", "Resolved", "2025-03-09T10:00:00Z"));
    }

    /** The report computed straight from the revisions, without the database: what the sync must give. */
    private static String expectedReport(List<WorkItemRevision> revisions, World w) {
        return ReportWriter.toJson(FlowEngine.report(HistoryAssembler.assemble(revisions,
                w.categories.list(w.org, PROJECT), null, null, ZoneId.of("UTC")),
                ReportRequest.builder().asOf(Instant.parse("2025-03-31T00:00:00Z")).build()), false);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFullSyncThenAnIncrementalOneLoadsEveryRevisionOnce(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight().subList(0, 6));
        ProjectSync.Result first = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(first.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(first.revisions()).isEqualTo(6);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(6);
        String watermark = w.revisions.watermark(w.org, PROJECT).continuationToken();
        assertThat(watermark).isNotNull();

        azdo.addRevisions(PROJECT, eight().subList(6, 8));
        int before = azdo.revisionRequests().size();
        ProjectSync.Result second = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(second.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(second.revisions()).isEqualTo(2);
        assertThat(azdo.revisionRequests().get(before).query()).containsEntry("continuationToken", watermark);
        assertThat(w.stored()).containsExactlyInAnyOrderElementsOf(eight());
        assertThat(w.report()).isEqualTo(expectedReport(eight(), w));
        assertThat(w.report()).contains("\"cycleTimeDays\":3");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void throttlingServerErrorsDroppedConnectionsAndBrokenJsonEndWithExactlyTheRightRows(TestDatabases.Kind kind)
            throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight());
        azdo.enqueueFault(Fault.okWithHeaders(Map.of())); // the states call is answered normally
        azdo.enqueueFault(Fault.status(429).withRetryAfter("7"), Fault.status(500), Fault.dropMidPage(),
                Fault.malformedJson(), Fault.status(503));
        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(8);
        assertThat(w.stored()).containsExactlyInAnyOrderElementsOf(eight());
        assertThat(time.sleeps()).contains(Duration.ofSeconds(7));
        assertThat(w.report()).isEqualTo(expectedReport(eight(), w));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTokenRevokedMidSyncStopsTheConnectionKeepsWhatWasLoadedAndResumesAfterReconnecting(TestDatabases.Kind kind)
            throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight());
        azdo.revokeFromCall(3); // call 1: states, call 2: first page, call 3 on: 401
        ProjectSync.Result stopped = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(stopped.outcome()).isEqualTo(ProjectSync.Outcome.CREDENTIAL_REJECTED);
        assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(3); // the one page loaded before
        assertThat(w.organizations.get(w.org).orElseThrow().status()).isEqualTo(Organization.Status.CREDENTIAL_REJECTED);
        assertThat(w.revisions.watermark(w.org, PROJECT).lastSyncStatus()).isEqualTo("credential_rejected");
        assertThat(w.audit.list(w.org, 10, null)).extracting(e -> e.action()).contains("sync.stopped");

        int calls = azdo.apiCalls();
        ProjectSync.Result again = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(again.outcome()).isEqualTo(ProjectSync.Outcome.CREDENTIAL_REJECTED);
        assertThat(azdo.apiCalls()).as("no crash loop: a stopped connection makes no calls").isEqualTo(calls);

        // An admin connects the organization again with a fresh token: the sync resumes at the watermark.
        azdo.revokeFromCall(Integer.MAX_VALUE);
        w.organizations.updateStatus(w.org, Organization.Status.CONNECTED, null);
        ProjectSync.Result resumed = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(resumed.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(resumed.revisions()).isEqualTo(5);
        assertThat(w.stored()).containsExactlyInAnyOrderElementsOf(eight());
        assertThat(w.report()).isEqualTo(expectedReport(eight(), w));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailureAfterRetriesKeepsTheWatermarkAndTheNextSyncCompletes(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight());
        azdo.enqueueFault(Fault.okWithHeaders(Map.of())); // states, answered normally
        azdo.enqueueFault(Fault.okWithHeaders(Map.of())); // the first page (3 revisions), answered normally
        List<Fault> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failures.add(Fault.status(500));
        }
        azdo.enqueueFault(failures.toArray(Fault[]::new));
        ProjectSync.Result failed = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(failed.outcome()).isEqualTo(ProjectSync.Outcome.FAILED);
        assertThat(w.organizations.get(w.org).orElseThrow().status()).isEqualTo(Organization.Status.FAILING);
        long loaded = w.revisions.count(w.org, PROJECT);
        assertThat(loaded).isEqualTo(3);
        String watermark = w.revisions.watermark(w.org, PROJECT).continuationToken();
        assertThat(watermark).isNotNull();
        assertThat(w.revisions.watermark(w.org, PROJECT).lastSyncStatus()).isEqualTo("failed");

        ProjectSync.Result next = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(next.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(next.revisions()).isEqualTo(8 - loaded);
        assertThat(azdo.revisionRequests().get(azdo.revisionRequests().size() - 3).query().get("continuationToken"))
                .isEqualTo(watermark);
        assertThat(w.stored()).containsExactlyInAnyOrderElementsOf(eight());
        assertThat(w.organizations.get(w.org).orElseThrow().status()).isEqualTo(Organization.Status.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aServicePrincipalsStoredSecretGetsOneEntraTokenForTheWholeSync(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.acceptServicePrincipal("tenant-1", "client-1", "entra-client-secret-0001", 3600);
        azdo.addRevisions(PROJECT, eight());
        w.credentials.save(w.org, new Credential.Entra("tenant-1", "client-1", new Secret("entra-client-secret-0001")),
                "admin@fabrikam");
        ProjectSync sync = new ProjectSync(new ProjectSync.Stores(w.organizations, w.credentials, w.revisions,
                w.categories, w.lease, w.audit, null),
                (url, creds, personal) -> new AzdoClient(url, creds, time.policy(), AzdoClient.defaultHttpClient(), personal,
                        Duration.ofSeconds(5)),
                new StoredCredentials(azdo.tokenEndpointTemplate(), AzdoClient.defaultHttpClient(), time.policy(), time),
                new ProjectSync.Settings(3, "instance-a", Duration.ofMinutes(10), time));
        ProjectSync.Result result = sync.sync(w.org, PROJECT);
        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(w.stored()).containsExactlyInAnyOrderElementsOf(eight());
        assertThat(azdo.tokensIssued()).isEqualTo(1);
        assertThat(azdo.revisionRequests()).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer "));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void titlesAndAssigneesAreReadAndKeptOnlyWhileTheOrganizationSwitchesThemOn(TestDatabases.Kind kind)
            throws Exception {
        World w = new World(kind);
        List<WorkItemRevision> titled = new ArrayList<>();
        for (WorkItemRevision r : eight()) {
            titled.add(new WorkItemRevision(r.workItemId(), r.rev(), r.workItemType(), r.state(),
                    r.areaPath(), r.createdDate(), r.changedDate(), "Item " + r.workItemId(), Map.of(), false));
        }
        azdo.addRevisions(PROJECT, titled.subList(0, 4));
        // Off (the default): not asked for, not stored.
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        assertThat(azdo.revisionRequests().get(0).query().get("fields")).doesNotContain("System.Title")
                .doesNotContain("System.AssignedTo");
        assertThat(w.stored()).allSatisfy(r -> {
            assertThat(r.title()).isNull();
            assertThat(r.fields()).isEmpty();
        });
        // On: asked for and kept; the report shows titles.
        w.organizations.setPersonalFields(w.org, true);
        azdo.addRevisions(PROJECT, titled.subList(4, 8));
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        int last = azdo.revisionRequests().size() - 1;
        assertThat(azdo.revisionRequests().get(last).query().get("fields")).contains("System.Title")
                .doesNotContain("System.AssignedTo");
        assertThat(w.stored().subList(0, 8)).anySatisfy(r -> assertThat(r.title()).isNotNull());
        assertThat(w.report()).contains("\"title\":\"Item 2\"");
        // Off again: what was kept is erased, not just hidden.
        w.organizations.setPersonalFields(w.org, false);
        assertThat(w.revisions.forgetPersonalFields(w.org)).isPositive();
        assertThat(w.stored()).allSatisfy(r -> {
            assertThat(r.title()).isNull();
            assertThat(r.fields()).isEmpty();
        });
        assertThat(w.organizations.personalFields(w.org)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aProjectIsSyncedByOneInstanceAtATime(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight());
        assertThat(w.lease.tryAcquire(w.org, PROJECT, "instance-b", Duration.ofMinutes(10))).isTrue();
        ProjectSync.Result busy = w.sync("instance-a").sync(w.org, PROJECT);
        assertThat(busy.outcome()).isEqualTo(ProjectSync.Outcome.BUSY);
        assertThat(azdo.apiCalls()).isZero();
        w.lease.release(w.org, PROJECT, "instance-b");
        assertThat(w.sync("instance-a").sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSyncRunningWhileTheOrganizationIsDisconnectedWritesNothingMore(TestDatabases.Kind kind) throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight()); // pages of 3: the sync asks three times
        OrganizationEraser eraser = new OrganizationEraser(w.db);
        azdo.beforeRevisionsPage(n -> {
            if (n == 2) { // page 1 is stored; the sync waits for page 2 while an admin disconnects
                assertThat(w.revisions.count(w.org, PROJECT)).isEqualTo(3);
                eraser.erase(w.org, true).orElseThrow();
            }
        });

        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.NOT_CONNECTED);
        assertThat(azdo.revisionRequests()).hasSize(2); // it stopped at the page it could not store
        assertThat(OrganizationEraserTest.rowsOf(w.db, w.org).values()).containsOnly(0L);
        assertThat(w.audit.list(w.org, 10, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCredentialRejectedAfterTheOrganizationWasDisconnectedRecordsNothing(TestDatabases.Kind kind)
            throws Exception {
        World w = new World(kind);
        azdo.addRevisions(PROJECT, eight());
        OrganizationEraser eraser = new OrganizationEraser(w.db);
        azdo.beforeRevisionsPage(n -> {
            if (n == 2) { // the admin disconnects, and revokes the PAT, while the sync waits for page 2
                eraser.erase(w.org, true).orElseThrow();
                azdo.revokeFromCall(1);
            }
        });

        ProjectSync.Result result = w.sync("instance-a").sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.NOT_CONNECTED);
        // No failure record, status or "sync.stopped" audit entry for an organization that is gone: no row at all.
        assertThat(OrganizationEraserTest.rowsOf(w.db, w.org).values()).containsOnly(0L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aBlockedSourceChangedDuringASyncStopsItAndTheNextSyncReadsEverythingAgain(TestDatabases.Kind kind)
            throws Exception {
        World w = new World(kind);
        List<WorkItemRevision> blockedEverywhere = eight().stream().map(r -> new WorkItemRevision(r.workItemId(),
                r.rev(), r.workItemType(), r.state(), r.areaPath(), r.createdDate(), r.changedDate(), null,
                Map.of(BlockedSource.FIELD, "Yes", "System.Tags", "Blocked"), false)).toList();
        azdo.addRevisions(PROJECT, blockedEverywhere); // pages of 3: the sync asks three times
        ProjectConfigStore configs = new ProjectConfigStore(w.db);
        configs.put(w.org, PROJECT, "{}", "admin", BlockedSource.field());
        azdo.beforeRevisionsPage(n -> {
            if (n == 2) { // page 1 is stored with the field's flags; then an admin names a tag instead
                assertThat(w.stored()).hasSize(3).allMatch(WorkItemRevision::blocked);
                configs.put(w.org, PROJECT, "{}", "admin", BlockedSource.tag("Blocked"));
            }
        });

        ProjectSync.Result result = w.sync("instance-a", configs).sync(w.org, PROJECT);

        assertThat(result.outcome()).isEqualTo(ProjectSync.Outcome.SOURCE_CHANGED);
        assertThat(azdo.revisionRequests()).hasSize(2); // page 2 was read with the old source and refused
        assertThat(w.stored()).hasSize(3).noneMatch(WorkItemRevision::blocked); // the change cleared the flags
        assertThat(w.revisions.watermark(w.org, PROJECT).continuationToken()).isNull(); // and reset the watermark

        azdo.beforeRevisionsPage(n -> { });
        assertThat(w.sync("instance-a", configs).sync(w.org, PROJECT).outcome()).isEqualTo(ProjectSync.Outcome.SYNCED);
        List<FakeAzureDevOps.RecordedRequest> again = azdo.revisionRequests().subList(2, azdo.revisionRequests().size());
        assertThat(again.get(0).query()).doesNotContainKey("continuationToken"); // from the start
        assertThat(again).allSatisfy(r -> assertThat(r.query().get("fields")).contains("System.Tags")
                .doesNotContain(BlockedSource.FIELD));
        assertThat(w.stored()).hasSize(8).allMatch(WorkItemRevision::blocked).allMatch(r -> r.fields().isEmpty());
    }
}
