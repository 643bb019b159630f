package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeAzureDevOps.Fault;
import io.flowtrack.azdo.fake.FakeTime;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzdoClientTest {
    static final String PROJECT = "Fabrikam Fiber";
    static final String PAT = "pat-secret-123";

    FakeAzureDevOps azdo;
    FakeTime time;

    @BeforeEach
    void start() throws Exception {
        azdo = FakeAzureDevOps.start().acceptPat(PAT);
        time = new FakeTime();
    }

    @AfterEach
    void stop() {
        azdo.close();
    }

    static WorkItemRevision rev(int id, int rev, String type, String state, String changed) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, rev, type, state, PROJECT + "\\Team A", created, rev == 1 ? created : Instant.parse(changed), "Item " + id, Map.of(), false);
    }

    /** Seven revisions of three items, in change order. */
    static List<WorkItemRevision> sevenRevisions() {
        return List.of(
                rev(1, 1, "Bug", "New", null),
                rev(2, 1, "User Story", "New", null),
                rev(1, 2, "Bug", "Active", "2025-03-02T10:00:00Z"),
                rev(3, 1, "Bug", "New", null),
                rev(2, 2, "User Story", "Active", "2025-03-03T10:00:00Z"),
                rev(1, 3, "Bug", "Closed", "2025-03-04T10:00:00Z"),
                rev(3, 2, "Bug", "Active", "2025-03-05T10:00:00Z"));
    }

    AzdoClient client(boolean personalFields) {
        return new AzdoClient(azdo.organizationUrl(), AzdoCredentials.pat(PAT), time.policy(),
                AzdoClient.defaultHttpClient(), personalFields, Duration.ofSeconds(10));
    }

    record Sync(List<WorkItemRevision> revisions, String token, int pages) {
    }

    /** What a sync loop does: follow continuation tokens until the last batch. */
    static Sync syncAll(AzdoClient client, String token, int pageSize) throws Exception {
        List<WorkItemRevision> all = new ArrayList<>();
        int pages = 0;
        while (true) {
            RevisionsPage page = client.revisions(PROJECT, token, pageSize);
            pages++;
            all.addAll(page.values());
            token = page.continuationToken();
            if (page.isLastBatch()) {
                return new Sync(all, token, pages);
            }
        }
    }

    @Test
    void pagesToTheEndWithContinuationTokensAndPicksUpOnlyNewRevisionsLater() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        AzdoClient client = client(false);

        RevisionsPage first = client.revisions(PROJECT, null, 3);
        assertThat(first.values()).extracting(WorkItemRevision::workItemId, WorkItemRevision::rev)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 1),
                        org.assertj.core.groups.Tuple.tuple(1, 2));
        assertThat(first.continuationToken()).isEqualTo("wm-3");
        assertThat(first.isLastBatch()).isFalse();

        Sync sync = syncAll(client, null, 3);
        assertThat(sync.pages()).isEqualTo(3);
        assertThat(sync.revisions()).isEqualTo(sevenRevisions().stream().map(r -> withoutPersonal(r)).toList());
        assertThat(sync.token()).isEqualTo("wm-7");
        assertThat(azdo.revisionRequests()).extracting(r -> r.query().get("continuationToken"))
                .containsExactly(null, null, "wm-3", "wm-6");

        // incremental: polling the last watermark returns nothing, then only what was added
        RevisionsPage nothing = client.revisions(PROJECT, sync.token(), 3);
        assertThat(nothing.values()).isEmpty();
        assertThat(nothing.isLastBatch()).isTrue();
        assertThat(nothing.continuationToken()).isEqualTo("wm-7");
        List<WorkItemRevision> more = List.of(rev(2, 3, "User Story", "Closed", "2025-03-06T10:00:00Z"),
                rev(4, 1, "Bug", "New", null));
        azdo.addRevisions(PROJECT, more);
        Sync next = syncAll(client, sync.token(), 3);
        assertThat(next.revisions()).isEqualTo(more.stream().map(AzdoClientTest::withoutPersonal).toList());
        assertThat(next.token()).isEqualTo("wm-9");
    }

    @Test
    void asksOnlyForTheFlowFieldsWithThePatAndApiVersion() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        RevisionsPage page = client(false).revisions(PROJECT, null, 500);

        FakeAzureDevOps.RecordedRequest request = azdo.revisionRequests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/fabrikam/Fabrikam Fiber/_apis/wit/reporting/workitemrevisions");
        assertThat(request.query().get("fields").split(",")).containsExactly(
                "System.Id", "System.Rev", "System.WorkItemType", "System.State",
                "System.AreaPath", "System.CreatedDate", "System.ChangedDate");
        assertThat(request.query()).containsEntry("api-version", "7.1").containsEntry("$maxPageSize", "500")
                .doesNotContainKeys("includeIdentityRef", "$expand", "continuationToken");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(":pat-secret-123".getBytes()));
        assertThat(request.header("X-TFS-FedAuthRedirect")).isEqualTo("Suppress");
        assertThat(page.values()).allSatisfy(r -> {
            assertThat(r.title()).isNull();
            assertThat(r.fields()).isEmpty();
        });
        assertThat(page.values().get(0).areaPath()).isEqualTo("Fabrikam Fiber\\Team A");
    }

    @Test
    void titleOnlyWhenSwitchedOnAndNeverTheAssignee() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        RevisionsPage page = client(true).revisions(PROJECT, null, 2);

        FakeAzureDevOps.RecordedRequest request = azdo.revisionRequests().get(0);
        assertThat(request.query().get("fields")).endsWith(",System.Title")
                .doesNotContain("Description", "History", "Comment", "AssignedTo");
        assertThat(request.query()).doesNotContainKey("includeIdentityRef");
        assertThat(page.values()).extracting(WorkItemRevision::title).containsExactly("Item 1", "Item 2");
    }

    @Test
    void stateCategoriesFromTheTypeListOrPerType() throws Exception {
        Map<String, String> bug = new LinkedHashMap<>();
        bug.put("New", "Proposed");
        bug.put("Active", "InProgress");
        bug.put("Resolved", "Resolved");
        bug.put("Closed", "Completed");
        Map<String, String> story = new LinkedHashMap<>();
        story.put("New", "Proposed");
        story.put("Active", "InProgress");
        story.put("Closed", "Completed");
        story.put("Removed", "Removed");
        azdo.setStates(PROJECT, "Bug", bug).setStates(PROJECT, "User Story", story);
        List<StateCategory> expected = List.of(
                new StateCategory("Bug", "New", "Proposed"), new StateCategory("Bug", "Active", "InProgress"),
                new StateCategory("Bug", "Resolved", "Resolved"), new StateCategory("Bug", "Closed", "Completed"),
                new StateCategory("User Story", "New", "Proposed"),
                new StateCategory("User Story", "Active", "InProgress"),
                new StateCategory("User Story", "Closed", "Completed"),
                new StateCategory("User Story", "Removed", "Removed"));

        assertThat(client(false).stateCategories(PROJECT)).isEqualTo(expected);
        assertThat(azdo.requests()).hasSize(1);

        azdo.inlineStates(false);
        assertThat(client(false).stateCategories(PROJECT)).isEqualTo(expected);
        assertThat(azdo.requests()).extracting(FakeAzureDevOps.RecordedRequest::path).containsExactly(
                "/fabrikam/Fabrikam Fiber/_apis/wit/workitemtypes",
                "/fabrikam/Fabrikam Fiber/_apis/wit/workitemtypes",
                "/fabrikam/Fabrikam Fiber/_apis/wit/workitemtypes/Bug/states",
                "/fabrikam/Fabrikam Fiber/_apis/wit/workitemtypes/User Story/states");
    }

    // ---- faults: each ends with exactly the right revisions, or the right exception ----

    @Test
    void http429WithRetryAfterIsWaitedOutThenTheSyncCompletes() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.okWithHeaders(Map.of()), // page 1 fine
                Fault.status(429).withRetryAfter("3"));                                           // page 2 throttled
        Sync sync = syncAll(client(false), null, 3);

        assertThat(sync.revisions()).isEqualTo(sevenRevisions().stream().map(AzdoClientTest::withoutPersonal).toList());
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(azdo.revisionRequests()).extracting(r -> r.query().get("continuationToken"))
                .containsExactly(null, "wm-3", "wm-3", "wm-6");
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.status(500), Fault.status(503), Fault.status(502));
        Sync sync = syncAll(client(false), null, 3);

        assertThat(sync.revisions()).hasSize(7).doesNotHaveDuplicates();
        // jitter 0: the shortest wait of each step, d/2 with d = 1 s, 2 s, 4 s
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
    }

    @Test
    void serverErrorsGiveUpAfterTheBoundedAttempts() {
        azdo.addRevisions(PROJECT, sevenRevisions());
        for (int i = 0; i < 10; i++) {
            azdo.enqueueFault(Fault.status(500));
        }
        assertThatThrownBy(() -> client(false).revisions(PROJECT, null, 3))
                .isInstanceOf(AzdoException.class).isNotInstanceOf(CredentialRejectedException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("6 attempts")
                .satisfies(e -> assertThat(((AzdoException) e).status()).isEqualTo(500));
        assertThat(azdo.apiCalls()).isEqualTo(6);
    }

    @Test
    void aConnectionDroppedMidPageIsRetriedWithoutLosingOrDuplicatingRevisions() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.okWithHeaders(Map.of()), Fault.dropMidPage());
        Sync sync = syncAll(client(false), null, 3);

        assertThat(sync.revisions()).isEqualTo(sevenRevisions().stream().map(AzdoClientTest::withoutPersonal).toList());
        assertThat(azdo.revisionRequests()).hasSize(4);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void malformedJsonIsRetriedThenSucceeds() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.malformedJson(), Fault.malformedJson());
        Sync sync = syncAll(client(false), null, 3);

        assertThat(sync.revisions()).isEqualTo(sevenRevisions().stream().map(AzdoClientTest::withoutPersonal).toList());
        assertThat(azdo.revisionRequests()).hasSize(5);
    }

    @Test
    void malformedJsonEveryTimeFailsWithAClearException() {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.malformedJson(), Fault.malformedJson(), Fault.malformedJson(), Fault.malformedJson());
        assertThatThrownBy(() -> client(false).revisions(PROJECT, null, 3))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("revisions: the response body was not the JSON expected")
                .hasMessageContaining("3 attempts");
        assertThat(azdo.apiCalls()).isEqualTo(3);
    }

    @Test
    void aRevokedTokenRaisesCredentialRejectedAtOnceWithoutRetries() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.revokeFromCall(2);
        AzdoClient client = client(false);
        RevisionsPage first = client.revisions(PROJECT, null, 3);
        assertThat(first.values()).hasSize(3);

        assertThatThrownBy(() -> client.revisions(PROJECT, first.continuationToken(), 3))
                .isInstanceOf(CredentialRejectedException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(PAT)
                .hasMessageNotContaining(Base64.getEncoder().encodeToString((":" + PAT).getBytes()));
        assertThat(azdo.apiCalls()).isEqualTo(2);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aWrongPatIsRejected() {
        azdo.addRevisions(PROJECT, sevenRevisions());
        AzdoClient client = new AzdoClient(azdo.organizationUrl(), AzdoCredentials.pat("other"), time.policy(),
                AzdoClient.defaultHttpClient(), false, Duration.ofSeconds(10));
        assertThatThrownBy(() -> client.stateCategories(PROJECT)).isInstanceOf(CredentialRejectedException.class);
        assertThat(azdo.apiCalls()).isEqualTo(1);
    }

    @Test
    void retryAfterOnA200SlowsTheNextCallDown() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        azdo.enqueueFault(Fault.retryAfterOnOk("2"));
        AzdoClient client = client(false);
        RevisionsPage first = client.revisions(PROJECT, null, 3);
        assertThat(first.values()).hasSize(3);
        assertThat(time.sleeps()).isEmpty(); // the 200 itself is not an error

        client.revisions(PROJECT, first.continuationToken(), 3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
        client.revisions(PROJECT, "wm-6", 3);
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void rateLimitHeadersSlowTheClientBeforeItIsThrottled() throws Exception {
        azdo.addRevisions(PROJECT, sevenRevisions());
        long reset = time.instant().getEpochSecond() + 60;
        azdo.enqueueFault(
                // 100 of 200 TSTUs left: plenty, no pause
                Fault.okWithHeaders(Map.of("X-RateLimit-Limit", "200", "X-RateLimit-Remaining", "100",
                        "X-RateLimit-Reset", Long.toString(reset))),
                // 10 left, reset in 60 s: spread them, 6 s per call
                Fault.okWithHeaders(Map.of("X-RateLimit-Limit", "200", "X-RateLimit-Remaining", "10",
                        "X-RateLimit-Reset", Long.toString(reset))),
                // the server delayed this one by 1.5 s: wait as long again
                Fault.okWithHeaders(Map.of("X-RateLimit-Delay", "1.5")));
        AzdoClient client = client(false);
        client.revisions(PROJECT, null, 3);
        assertThat(time.sleeps()).isEmpty();
        client.revisions(PROJECT, "wm-3", 3);
        client.revisions(PROJECT, "wm-6", 3);
        client.revisions(PROJECT, "wm-7", 3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(6), Duration.ofMillis(1500));
    }

    static WorkItemRevision withoutPersonal(WorkItemRevision r) {
        return new WorkItemRevision(r.workItemId(), r.rev(), r.workItemType(), r.state(),
                r.areaPath(), r.createdDate(), r.changedDate(), null, r.fields(), false);
    }
}
