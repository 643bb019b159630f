package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The report cache through the API, with two service instances on one database (H2, and PostgreSQL as a shared
 * deployment would run): identical requests are answered from the cache only while the project's data version is
 * unchanged — whichever instance changed the data — and the caller is authorised and audited every time.
 */
class ReportCacheApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static HttpResponse<String> report(ApiWorld.Instance instance, OrgId org, String query, String user,
                                               String accessToken) throws Exception {
        return ApiWorld.call(instance, "GET", "/orgs/" + org + "/projects/" + ApiWorld.PROJECT + "/report" + query,
                user == null ? null : instance.token(user), accessToken, null);
    }

    private static String cache(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue(ProjectRoutes.CACHE_HEADER).orElseThrow();
    }

    private static int completed(HttpResponse<String> r) throws Exception {
        return ApiWorld.json(r).get("cycleTime").get("count").asInt();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void identicalReportsComeFromTheCacheOnlyWhileTheDataIsUnchangedOnEveryInstance(TestDatabases.Kind kind)
            throws Exception {
        try (ApiWorld world = new ApiWorld(DBS.get(kind), List.of(ApiWorld.rev(1, 1, "New", null),
                ApiWorld.rev(1, 2, "Active", "2025-03-02T10:00:00Z"), ApiWorld.rev(1, 3, "Closed", "2025-03-04T10:00:00Z"),
                ApiWorld.rev(2, 1, "New", null), ApiWorld.rev(2, 2, "Active", "2025-03-05T10:00:00Z")))) {
            ApiWorld.Instance one = world.startInstance();
            ApiWorld.Instance two = world.startInstance();
            world.connectAndSync(world.orgA);
            OrgId a = world.orgA;
            String alice = ApiWorld.ALICE;
            String aliceToken = "alice-access-token";

            // The same question twice, then with its parameters in another order: computed once.
            HttpResponse<String> first = report(one, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(first)).isEqualTo("miss");
            HttpResponse<String> again = report(one, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(again)).isEqualTo("hit");
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(cache(report(one, a, "?types=Bug&asOf=2025-03-10", alice, aliceToken))).isEqualTo("hit");
            assertThat(cache(report(one, a, "?asOf=2025-03-11&types=Bug", alice, aliceToken))).isEqualTo("miss");
            assertThat(completed(first)).isEqualTo(1);

            // Authorisation comes before the cache, every time; and every read is audited, hit or miss.
            assertThat(report(one, a, "?asOf=2025-03-10&types=Bug", ApiWorld.MALLORY, "mallory-access-token")
                    .statusCode()).isEqualTo(403);
            assertThat(report(one, a, "?asOf=2025-03-10&types=Bug", null, aliceToken).statusCode()).isEqualTo(401);
            assertThat(report(one, a, "?asOf=2025-03-10&types=Bug", alice, null).statusCode()).isEqualTo(403);
            assertThat(cache(report(one, a, "?asOf=2025-03-10&types=Bug", ApiWorld.BOB, "bob-access-token")))
                    .isEqualTo("hit");
            List<AuditEntry> reads = world.audit.list(a, 100, null).stream()
                    .filter(e -> e.action().equals("report.read")).toList();
            assertThat(reads).hasSize(5);
            assertThat(reads.get(0).actor()).isEqualTo(ApiWorld.BOB);

            // The other instance has its own cache, and the same answer.
            HttpResponse<String> elsewhere = report(two, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(elsewhere)).isEqualTo("miss");
            assertThat(elsewhere.body()).isEqualTo(first.body());
            assertThat(cache(report(two, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken))).isEqualTo("hit");

            // A sync that loads nothing changes nothing.
            assertThat(two.sync().sync(a, ApiWorld.PROJECT).revisions()).isZero();
            assertThat(cache(report(one, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken))).isEqualTo("hit");

            // Instance two loads new rows (item 2 closes): instance one's cached report is never served again.
            world.azdoA.addRevisions(ApiWorld.PROJECT, List.of(ApiWorld.rev(2, 3, "Closed", "2025-03-07T10:00:00Z")));
            assertThat(two.sync().sync(a, ApiWorld.PROJECT).revisions()).isEqualTo(1);
            HttpResponse<String> fresh = report(one, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(fresh)).isEqualTo("miss");
            assertThat(completed(fresh)).isEqualTo(2);
            assertThat(one.cache().size()).isEqualTo(1); // the entries of the old version were dropped
            HttpResponse<String> freshTwo = report(two, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(freshTwo)).isEqualTo("miss");
            assertThat(freshTwo.body()).isEqualTo(fresh.body());

            // A configuration written through instance two: instance one computes again, with the SLE it sets.
            HttpResponse<String> put = world.call("PUT", "/orgs/" + a + "/projects/" + ApiWorld.PROJECT + "/config",
                    alice, aliceToken, ApiWorld.VALID_CONFIG);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> configured = report(two, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken);
            assertThat(cache(configured)).isEqualTo("miss");
            assertThat(ApiWorld.json(configured).get("sle").get("days").asInt()).isEqualTo(10);
            assertThat(ApiWorld.json(fresh).has("sle")).isFalse(); // before the configuration: no SLE

            // Without asOf a report is as of now to the minute: cached within the minute, computed anew after it.
            assertThat(cache(report(one, a, "", alice, aliceToken))).isEqualTo("miss");
            assertThat(cache(report(one, a, "", alice, aliceToken))).isEqualTo("hit");
            world.time.advance(Duration.ofMinutes(1));
            assertThat(cache(report(one, a, "", alice, aliceToken))).isEqualTo("miss");

            // Disconnecting drops the organization's reports from the cache of the instance that did it; the others
            // can no longer reach theirs (the organization is gone before the cache is asked).
            assertThat(world.call("DELETE", "/orgs/" + a + "/connection", alice, aliceToken, null).statusCode())
                    .isEqualTo(200);
            assertThat(one.cache().size()).isZero();
            assertThat(report(two, a, "?asOf=2025-03-10&types=Bug", alice, aliceToken).statusCode()).isEqualTo(404);
        }
    }
}
