package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.BOB;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.TestDatabases;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A team's widget reports exactly that team's items (issue 12): the team's area paths, as {@code teamfieldvalues}
 * gives them with their include-children flags, go to the report as areaPath / areaPathExact; tags and extended
 * fields filter only once an admin turned them on, and turning one off erases it. Against the fake organization,
 * through the real service.
 */
class TeamsAndFiltersApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    static ApiWorld world;

    static WorkItemRevision active(int id, String area) {
        Instant created = Instant.parse("2025-03-01T09:00:00Z").plus(Duration.ofHours(id));
        return new WorkItemRevision(id, 1, "Bug", "Active", "Fabrikam Fiber\\" + area, created, created, null,
                Map.of(), false);
    }

    @BeforeAll
    static void start() throws Exception {
        world = new ApiWorld(DBS.get(TestDatabases.Kind.H2), List.of(
                active(1, "Web"), active(2, "Web\\Checkout"), active(3, "Mobile"), active(4, "Mobile\\iOS"),
                active(5, "Other"), active(6, "Webshop"), active(7, "mobile\\Android")));
        world.azdoA.sendUnaskedFields(true)
                .itemFields(PROJECT, 1, Map.of("System.Tags", "vip; Customer-X", "Custom.Risk", "High"))
                .itemFields(PROJECT, 3, Map.of("System.Tags", "customer-x", "Custom.Risk", "Low"))
                .itemFields(PROJECT, 4, Map.of("Custom.Risk", "high"));
        world.startInstance();
        world.connectAndSync(world.orgA);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The ids of the report's in-progress items (every item here is in progress). */
    static TreeSet<String> items(String query) throws Exception {
        HttpResponse<String> r = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT + "/report?asOf="
                + "2025-03-20T00:00:00Z" + query, BOB, "bob-access-token", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        TreeSet<String> ids = new TreeSet<>();
        for (JsonNode item : ApiWorld.json(r).get("aging").get("items")) {
            ids.add(item.get("id").asText());
        }
        return ids;
    }

    @Test
    void aTeamWithTwoAreaPathsReportsExactlyThatTeamsItems() throws Exception {
        // teamfieldvalues: {"value": "Fabrikam Fiber\\Web", "includeChildren": false},
        //                  {"value": "Fabrikam Fiber\\Mobile", "includeChildren": true}
        assertThat(items("&areaPathExact=" + q("Fabrikam Fiber\\Web") + "&areaPath=" + q("Fabrikam Fiber\\Mobile")))
                .containsExactly("1", "3", "4", "7");
        // the same paths in another order are the same report
        assertThat(items("&areaPath=" + q("Fabrikam Fiber\\Mobile") + "&areaPathExact=" + q("Fabrikam Fiber\\Web")))
                .containsExactly("1", "3", "4", "7");
        // one path with its children, as before
        assertThat(items("&areaPath=" + q("Fabrikam Fiber\\Web"))).containsExactly("1", "2");
        assertThat(items("")).hasSize(7);
    }

    @Test
    void tooManyOrBadAreaPathsAreRefusedWithTheirName() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= ReportQuery.MAX_AREA_PATHS; i++) {
            many.append("&areaPath=").append(q("Fabrikam Fiber\\A" + i));
        }
        for (String bad : List.of(many.toString(), "&areaPathExact=", "&tag=a%3Bb", "&field=Custom.Risk",
                "&field=System.Title%3Dx", "&field=System.Tags%3Dvip")) {
            HttpResponse<String> r = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT + "/report?x=1"
                    .replace("x=1", bad.substring(1)), BOB, "bob-access-token", null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void tagsAndFieldsFilterOnlyOnceTurnedOnAndTurningOneOffErasesIt() throws Exception {
        // not turned on: nothing of them was stored, so filtering by them is refused rather than answering "none"
        HttpResponse<String> refused = world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT
                + "/report?tag=vip", BOB, "bob-access-token", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("System.Tags");

        // a member cannot turn fields on
        HttpResponse<String> byBob = world.call("PUT", "/orgs/" + world.orgA + "/fields", BOB, "bob-access-token",
                "{\"fields\":[\"System.Tags\"]}");
        assertThat(byBob.statusCode()).isEqualTo(403);
        for (String bad : List.of("{\"fields\":[\"System.AssignedTo\"]}", "{\"fields\":[\"System.Description\"]}",
                "{\"fields\":\"System.Tags\"}", "{\"fields\":[1]}", "{\"fields\":[],\"more\":1}", "[]")) {
            assertThat(world.call("PUT", "/orgs/" + world.orgA + "/fields", ALICE, "alice-access-token", bad)
                    .statusCode()).as(bad).isEqualTo(400);
        }

        HttpResponse<String> on = world.call("PUT", "/orgs/" + world.orgA + "/fields", ALICE, "alice-access-token",
                "{\"fields\":[\"System.Tags\",\"Custom.Risk\"]}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(ApiWorld.json(on).get("added").toString()).isEqualTo("[\"Custom.Risk\",\"System.Tags\"]");
        assertThat(world.revisions.latestFieldValues(world.orgA, PROJECT, java.util.Set.of("Custom.Risk")))
                .as("extracted by the next sync, not by the switch").isEmpty();
        // the next sync extracts every revision again (the watermark restarted), so old items get the field too
        assertThat(world.revisions.watermark(world.orgA, PROJECT).continuationToken()).isNull();
        world.sync(world.orgA);

        assertThat(items("&tag=VIP")).containsExactly("1");
        assertThat(items("&tag=customer-x")).containsExactly("1", "3");
        assertThat(items("&tag=vip&tag=customer-x")).containsExactly("1", "3"); // any of the tags
        assertThat(items("&field=" + q("Custom.Risk=HIGH"))).containsExactly("1", "4");
        assertThat(items("&field=" + q("Custom.Risk=high") + "&tag=customer-x")).containsExactly("1");
        assertThat(items("&field=" + q("Custom.Risk=high") + "&field=" + q("Custom.Risk=low"))).containsExactly("1", "3", "4");
        assertThat(items("&areaPath=" + q("Fabrikam Fiber\\Mobile") + "&field=" + q("Custom.Risk=high")))
                .containsExactly("4");

        // off: erased (not only hidden), audited with the names, and refused as a filter again
        HttpResponse<String> off = world.call("PUT", "/orgs/" + world.orgA + "/fields", ALICE, "alice-access-token",
                "{\"fields\":[\"Custom.Risk\"]}");
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(ApiWorld.json(off).get("removed").toString()).isEqualTo("[\"System.Tags\"]");
        assertThat(ApiWorld.json(off).get("valuesDeleted").asInt()).isEqualTo(2);
        assertThat(world.revisions.latestFieldValues(world.orgA, PROJECT, java.util.Set.of("System.Tags"))).isEmpty();
        assertThat(world.call("GET", "/orgs/" + world.orgA + "/projects/" + PROJECT + "/report?tag=vip", BOB,
                "bob-access-token", null).statusCode()).isEqualTo(400);
        List<String> details = new ArrayList<>();
        for (AuditEntry e : world.audit.list(world.orgA, 100, null)) {
            if (e.action().equals("fields.write")) {
                details.add(e.detail());
            }
        }
        assertThat(details).containsExactly(
                "fields=[Custom.Risk] added=[] removed=[System.Tags] valuesDeleted=2",
                "fields=[Custom.Risk, System.Tags] added=[Custom.Risk, System.Tags] removed=[] valuesDeleted=0");
        HttpResponse<String> read = world.call("GET", "/orgs/" + world.orgA + "/fields", ALICE, "alice-access-token",
                null);
        assertThat(ApiWorld.json(read).get("fields").toString()).isEqualTo("[\"Custom.Risk\"]");
        assertThat(world.call("GET", "/orgs/" + world.orgA + "/fields", BOB, "bob-access-token", null).statusCode())
                .isEqualTo(403);
    }
}
