package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blocked work and the working calendar from the project's configuration, end to end against the fake organization
 * (issue 14): the blocked source decides which one field is asked for (none when the source is none), its flags give
 * the report's blocked time and blocked-now, a changed source re-reads the history, and the calendar gives working-day
 * figures. On H2 and PostgreSQL.
 *
 * <p>The data (UTC; weeks of March 2025, the 3rd a Monday; the 10th a holiday in the calendar):
 * <ul>
 *   <li>item 1: Active 03-03 10:00, Closed 03-11 10:00 (8 days = 691 200 s; 9 calendar days; working days Mon 3 …
 *       Fri 7, Tue 11 = 6). CMMI Blocked Yes 03-04 10:00 → No 03-05 16:00 (30 h = 108 000 s). Tagged "Blocked" from
 *       03-03 10:00 to 03-04 10:00 (24 h = 86 400 s).</li>
 *   <li>item 2: Active Thu 03-06 09:00, open. CMMI Blocked Yes from 03-10 12:00 (to asOf 03-12 12:00: 48 h =
 *       172 800 s, blocked now). Never tagged. Age 7 calendar days; working days Thu 6, Fri 7, Tue 11, Wed 12 = 4.</li>
 * </ul>
 */
class BlockedWorkApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static final String AS_OF = "2025-03-12T12:00:00Z";
    static final String STAGES = "\"stages\":[{\"name\":\"To do\",\"category\":\"proposed\",\"states\":[\"New\"]},"
            + "{\"name\":\"Doing\",\"category\":\"active\",\"states\":[\"Active\"]},"
            + "{\"name\":\"Done\",\"category\":\"done\",\"states\":[\"Closed\"]}],\"commitmentStage\":\"Doing\","
            + "\"startPolicy\":\"first\"";
    static final String CALENDAR = "\"calendar\":{\"workingDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\","
            + "\"FRIDAY\"],\"holidays\":[\"2025-03-10\"]}";

    static WorkItemRevision rev(int id, int rev, String state, String changed, String blocked, String tags) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        Map<String, String> fields = new LinkedHashMap<>();
        if (blocked != null) {
            fields.put(BlockedSource.FIELD, blocked);
        }
        if (tags != null) {
            fields.put("System.Tags", tags);
        }
        return new WorkItemRevision(id, rev, "Bug", state, "Fabrikam Fiber\\Web", created,
                changed == null ? created : Instant.parse(changed), null, fields, false);
    }

    static List<WorkItemRevision> data() {
        return List.of(
                rev(1, 1, "New", null, "No", null),
                rev(1, 2, "Active", "2025-03-03T10:00:00Z", "No", "Blocked; web"),
                rev(1, 3, "Active", "2025-03-04T10:00:00Z", "Yes", "web"),
                rev(1, 4, "Active", "2025-03-05T16:00:00Z", "No", "web"),
                rev(1, 5, "Closed", "2025-03-11T10:00:00Z", "No", "web"),
                rev(2, 1, "New", null, null, null),
                rev(2, 2, "Active", "2025-03-06T09:00:00Z", "No", "blockedish"),
                rev(2, 3, "Active", "2025-03-10T12:00:00Z", "Yes", "blockedish"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theBlockedSourceAndTheCalendarGiveTheReportsFigures(TestDatabases.Kind kind) throws Exception {
        try (ApiWorld world = new ApiWorld(DBS.get(kind), data())) {
            ApiWorld.Instance instance = world.startInstance();
            String configPath = "/orgs/" + world.orgA + "/projects/" + PROJECT + "/config";

            // No configuration: source none. Neither the blocked field nor the tags are asked for; nothing is blocked.
            world.connectAndSync(world.orgA);
            assertThat(fieldsAskedFor(world.azdoA)).isNotEmpty().allSatisfy(f -> assertThat(f)
                    .doesNotContain(BlockedSource.FIELD).doesNotContain("System.Tags"));
            JsonNode report = report(world, instance);
            assertThat(report.get("blocked").get("now").asInt()).isZero();
            assertThat(report.get("blocked").get("items").asInt()).isZero();
            assertThat(report.has("calendar")).isFalse();

            // Source field, with the calendar: the next sync re-reads the whole history with the field.
            HttpResponse<String> put = world.call("PUT", configPath, ALICE, "alice-access-token",
                    "{" + STAGES + "," + CALENDAR + ",\"blocked\":{\"source\":\"field\"}}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(world.revisions.watermark(world.orgA, PROJECT).continuationToken()).isNull();
            int before = world.azdoA.revisionRequests().size();
            world.sync(world.orgA);
            List<String> asked = fieldsAskedFor(world.azdoA).subList(before, fieldsAskedFor(world.azdoA).size());
            assertThat(asked).isNotEmpty().allSatisfy(f -> assertThat(f).contains(BlockedSource.FIELD)
                    .doesNotContain("System.Tags"));
            assertThat(world.azdoA.revisionRequests().get(before).query()).doesNotContainKey("continuationToken");
            report = report(world, instance);
            assertThat(item(report, "1").get("blockedSeconds").asLong()).isEqualTo(108_000);
            assertThat(item(report, "1").get("blockedNow").asBoolean()).isFalse();
            assertThat(item(report, "2").get("blockedSeconds").asLong()).isEqualTo(172_800);
            assertThat(item(report, "2").get("blockedNow").asBoolean()).isTrue();
            assertThat(report.get("blocked").get("items").asInt()).isEqualTo(1);
            assertThat(report.get("blocked").get("share").asDouble()).isEqualTo(108_000.0 / 691_200.0);
            assertThat(report.get("blocked").get("now").asInt()).isEqualTo(1);
            // The calendar: working-day figures beside the calendar-day ones.
            assertThat(report.get("calendar").get("workingDays")).hasSize(5);
            assertThat(report.get("calendar").get("holidays").get(0).asText()).isEqualTo("2025-03-10");
            assertThat(item(report, "1").get("cycleTimeDays").asInt()).isEqualTo(9);
            assertThat(item(report, "1").get("cycleTimeWorkingDays").asInt()).isEqualTo(6);
            assertThat(item(report, "2").get("ageDays").asInt()).isEqualTo(7);
            assertThat(item(report, "2").get("ageWorkingDays").asInt()).isEqualTo(4);
            assertThat(report.get("cycleTime").get("workingDays").get("percentiles").get("85").asInt()).isEqualTo(6);
            // Only the flag is kept: no value of the blocked field, no tags (System.Tags is not turned on).
            List<WorkItemRevision> stored = new ArrayList<>();
            world.revisions.forEachRevision(world.orgA, PROJECT, stored::add);
            assertThat(stored).hasSize(8).allSatisfy(r -> assertThat(r.fields()).isEmpty());
            assertThat(stored).filteredOn(WorkItemRevision::blocked).extracting(r -> r.workItemId() + "/" + r.rev())
                    .containsExactly("1/3", "2/3");

            // Bad blocked configurations are refused, naming what is wrong; the stored one stays.
            for (String bad : List.of("{\"source\":\"tag\",\"tag\":\"a;b\"}", "{\"source\":\"tag\",\"tag\":\" \"}",
                    "{\"source\":\"tag\",\"tag\":\"" + "x".repeat(129) + "\"}", "{\"source\":\"maybe\"}")) {
                HttpResponse<String> refused = world.call("PUT", configPath, ALICE, "alice-access-token",
                        "{" + STAGES + ",\"blocked\":" + bad + "}");
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(ApiWorld.json(refused).toString()).contains("blocked.");
            }
            JsonNode kept = ApiWorld.json(ApiWorld.call(instance, "GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                    + "/config", instance.token(ALICE), "alice-access-token", null));
            assertThat(kept.get("blocked").get("source").asText()).isEqualTo("field");
            assertThat(kept.get("calendar").get("holidays").get(0).asText()).isEqualTo("2025-03-10");
            assertThat(new ProjectConfigStore(world.db).blockedSource(world.orgA, PROJECT))
                    .isEqualTo(BlockedSource.field());

            // Source tag (the default name, Blocked): the stored flags go at once, the re-read asks for the tags only.
            put = world.call("PUT", configPath, ALICE, "alice-access-token",
                    "{" + STAGES + "," + CALENDAR + ",\"blocked\":{\"source\":\"tag\"}}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(ApiWorld.json(put).get("blocked").get("tag").asText()).isEqualTo("Blocked");
            assertThat(report(world, instance).get("blocked").get("now").asInt()).isZero(); // before any sync
            before = world.azdoA.revisionRequests().size();
            world.sync(world.orgA);
            asked = fieldsAskedFor(world.azdoA).subList(before, fieldsAskedFor(world.azdoA).size());
            assertThat(asked).isNotEmpty().allSatisfy(f -> assertThat(f).contains("System.Tags")
                    .doesNotContain(BlockedSource.FIELD));
            report = report(world, instance);
            assertThat(item(report, "1").get("blockedSeconds").asLong()).isEqualTo(86_400);
            assertThat(item(report, "2").get("blockedSeconds").asLong()).isZero(); // "blockedish" is another tag
            assertThat(item(report, "2").get("blockedNow").asBoolean()).isFalse();
            assertThat(report.get("blocked").get("share").asDouble()).isEqualTo(86_400.0 / 691_200.0);
            assertThat(report.get("blocked").get("now").asInt()).isZero();
            stored.clear();
            world.revisions.forEachRevision(world.orgA, PROJECT, stored::add);
            assertThat(stored).allSatisfy(r -> assertThat(r.fields()).isEmpty());
            assertThat(stored).filteredOn(WorkItemRevision::blocked).extracting(r -> r.workItemId() + "/" + r.rev())
                    .containsExactly("1/2");

            // Back to none: nothing blocked is kept, and the next sync asks for neither field again.
            put = world.call("PUT", configPath, ALICE, "alice-access-token", "{" + STAGES + "}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            stored.clear();
            world.revisions.forEachRevision(world.orgA, PROJECT, stored::add);
            assertThat(stored).noneMatch(WorkItemRevision::blocked);
            before = world.azdoA.revisionRequests().size();
            world.sync(world.orgA);
            asked = fieldsAskedFor(world.azdoA).subList(before, fieldsAskedFor(world.azdoA).size());
            assertThat(asked).isNotEmpty().allSatisfy(f -> assertThat(f).doesNotContain(BlockedSource.FIELD)
                    .doesNotContain("System.Tags"));
            report = report(world, instance);
            assertThat(report.get("blocked").get("items").asInt()).isZero();
            assertThat(report.has("calendar")).isFalse();
        }
    }

    /** The {@code fields} parameter of each revisions request the fake received, in order. */
    static List<String> fieldsAskedFor(FakeAzureDevOps fake) {
        return fake.revisionRequests().stream().map(r -> r.query().get("fields")).toList();
    }

    static JsonNode report(ApiWorld world, ApiWorld.Instance instance) throws Exception {
        HttpResponse<String> r = ApiWorld.call(instance, "GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                + "/report?asOf=" + AS_OF, instance.token(ALICE), "alice-access-token", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiWorld.json(r);
    }

    static JsonNode item(JsonNode report, String id) {
        for (JsonNode i : report.get("items")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no item " + id + " in " + report.get("items"));
    }
}
