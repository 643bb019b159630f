package io.flowtrack.azdo.api;

import static io.flowtrack.azdo.api.ApiWorld.ALICE;
import static io.flowtrack.azdo.api.ApiWorld.BOB;
import static io.flowtrack.azdo.api.ApiWorld.MALLORY;
import static io.flowtrack.azdo.api.ApiWorld.PAT;
import static io.flowtrack.azdo.api.ApiWorld.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.store.AuditEntry;
import io.flowtrack.azdo.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The projects and teams the pages list through the backend, with the organization's stored credential (the
 * extension's token has only vso.work; both Azure DevOps APIs declare vso.project): a project's teams for its
 * members, the organization's projects for its administrators, ids and names only, audited. Against the fake
 * organization, through the real service.
 */
class DirectoryApiTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();
    static final String OTHER_PROJECT = "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1";
    static final String WEB_TEAM = "564e8204-a90b-4432-883b-d4363c6125ca";
    static final String MOBILE_TEAM = "66df9be7-3586-467b-9c5f-425b29afedfd";

    static ApiWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new ApiWorld(DBS.get(TestDatabases.Kind.H2), List.of(ApiWorld.rev(1, 1, "New", null)));
        world.azdoA.addProject(OTHER_PROJECT, "Fabrikam-Fiber-TFVC")
                .addTeam(PROJECT, WEB_TEAM, "Web Team").addTeam(PROJECT, MOBILE_TEAM, "Mobile Team");
        world.startInstance();
        world.connectAndSync(world.orgA);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String teams() {
        return "/orgs/" + world.orgA + "/projects/" + PROJECT + "/teams";
    }

    static String projects() {
        return "/orgs/" + world.orgA + "/projects";
    }

    /** The requests the fake organization saw for this path, with the organization's PAT. */
    static List<FakeAzureDevOps.RecordedRequest> asked(String path) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
        List<FakeAzureDevOps.RecordedRequest> out = new ArrayList<>();
        for (FakeAzureDevOps.RecordedRequest r : world.azdoA.requests()) {
            if (r.path().equals("/fabrikam" + path)) {
                assertThat(r.header("Authorization")).isEqualTo(basic);
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aMemberOfTheProjectGetsItsTeamsIdAndNameOnlyReadWithTheStoredCredential() throws Exception {
        int before = asked("/_apis/projects/" + PROJECT + "/teams").size();
        HttpResponse<String> r = world.call("GET", teams(), BOB, "bob-access-token", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = ApiWorld.json(r).get("teams");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(WEB_TEAM);
        assertThat(list.get(0).get("name").asText()).isEqualTo("Web Team");
        assertThat(list.get(1).get("name").asText()).isEqualTo("Mobile Team");
        for (JsonNode team : list) {
            assertThat(team.size()).as("only id and name: " + team).isEqualTo(2);
        }
        assertThat(r.body()).doesNotContain("description", "identityUrl", PAT);
        List<FakeAzureDevOps.RecordedRequest> calls = asked("/_apis/projects/" + PROJECT + "/teams");
        assertThat(calls).hasSize(before + 1);
        assertThat(calls.get(calls.size() - 1).query()).containsEntry("api-version", "7.1").containsKey("$top");
        AuditEntry last = world.audit.list(world.orgA, 1, null).get(0);
        assertThat(last.action()).isEqualTo("teams.read");
        assertThat(last.actor()).isEqualTo(BOB);
        assertThat(last.target()).isEqualTo(PROJECT);
        assertThat(last.detail()).isEqualTo("teams=2");
    }

    @Test
    void theTeamsRouteRefusesWithoutAppTokenWithoutAccessTokenAndToAUserWhoCannotReadTheProject() throws Exception {
        int before = asked("/_apis/projects/" + PROJECT + "/teams").size();
        assertThat(world.call("GET", teams(), null, "bob-access-token", null).statusCode()).isEqualTo(401);
        assertThat(world.call("GET", teams(), BOB, null, null).statusCode()).isEqualTo(403);
        // Mallory is a user of the organization without access to the project.
        HttpResponse<String> mallory = world.call("GET", teams(), MALLORY, "mallory-access-token", null);
        assertThat(mallory.statusCode()).as(mallory.body()).isEqualTo(403);
        assertThat(ApiWorld.json(mallory).get("error").asText()).isEqualTo("forbidden");
        // A path that names no project of the organization is refused by the same membership check as the report.
        assertThat(world.call("GET", "/orgs/" + world.orgA + "/projects/not-a-guid/teams", BOB, "bob-access-token",
                null).statusCode()).isEqualTo(403);
        // None of them made the backend ask Azure DevOps with the organization's credential.
        assertThat(asked("/_apis/projects/" + PROJECT + "/teams")).hasSize(before);
    }

    @Test
    void anAdminListsTheOrganizationsProjectsAndAMemberOrAnonymousCallerIsRefused() throws Exception {
        HttpResponse<String> r = world.call("GET", projects(), ALICE, "alice-access-token", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = ApiWorld.json(r).get("projects");
        assertThat(list).hasSize(2);
        List<String> names = new ArrayList<>();
        for (JsonNode p : list) {
            assertThat(p.size()).as("only id and name: " + p).isEqualTo(2);
            names.add(p.get("id").asText() + "=" + p.get("name").asText());
        }
        assertThat(names).containsExactlyInAnyOrder(PROJECT + "=Fabrikam Fiber", OTHER_PROJECT + "=Fabrikam-Fiber-TFVC");
        assertThat(r.body()).doesNotContain("description", "wellFormed");
        AuditEntry last = world.audit.list(world.orgA, 1, null).get(0);
        assertThat(last.action()).isEqualTo("projects.read");
        assertThat(last.actor()).isEqualTo(ALICE);
        assertThat(last.detail()).isEqualTo("projects=2");

        int before = asked("/_apis/projects").size();
        HttpResponse<String> bob = world.call("GET", projects(), BOB, "bob-access-token", null);
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(403);
        assertThat(ApiWorld.json(bob).get("error").asText()).isEqualTo("forbidden");
        assertThat(world.call("GET", projects(), MALLORY, "mallory-access-token", null).statusCode()).isEqualTo(403);
        assertThat(world.call("GET", projects(), ALICE, null, null).statusCode()).isEqualTo(403);
        assertThat(world.call("GET", projects(), null, "alice-access-token", null).statusCode()).isEqualTo(401);
        assertThat(world.call("GET", projects() + "?top=5", ALICE, "alice-access-token", null).statusCode())
                .isEqualTo(400);
        assertThat(asked("/_apis/projects")).as("refused callers cost no Azure DevOps call").hasSize(before);
    }

    @Test
    void anOrganizationThatIsNotConnectedHasNoDirectory() throws Exception {
        // Organization B was never connected here: the settings page then falls back to the page's own listing.
        HttpResponse<String> r = world.call("GET", "/orgs/" + world.orgB + "/projects", MALLORY, "mallory-access-token",
                null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ApiWorld.json(r).get("error").asText()).isEqualTo("organization_not_connected");
    }

    @Test
    void aRevokedCredentialOrAFailingOrganizationIsAClearErrorNotAnEmptyList() throws Exception {
        world.azdoA.enqueueFault(FakeAzureDevOps.Fault.status(404));
        HttpResponse<String> gone = world.call("GET", teams(), BOB, "bob-access-token", null);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);

        world.azdoA.enqueueFault(FakeAzureDevOps.Fault.status(401));
        HttpResponse<String> rejected = world.call("GET", teams(), BOB, "bob-access-token", null);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(502);
        assertThat(ApiWorld.json(rejected).get("error").asText()).isEqualTo("credential_rejected");
        assertThat(rejected.body()).doesNotContain(PAT);
    }
}
