package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import io.flowtrack.azdo.model.FieldSelection;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented example bodies (MicrosoftDocs/vsts-rest-api-specs, MIT), trimmed to what is read. */
class AzdoJsonTest {
    // GET__wit_reporting_workItemRevisions.json: no continuationToken, only nextLink; string identities
    static final String PLAIN = """
            {"values":[
              {"id":1,"rev":2,"fields":{"System.Id":1,"System.AreaPath":"Fabrikam-Fiber-Git",
                "System.TeamProject":"Fabrikam-Fiber-Git","System.Rev":2,"System.RevisedDate":"2014-03-18T17:19:02.093Z",
                "System.WorkItemType":"Product Backlog Item","System.State":"New","System.Reason":"New backlog item",
                "System.CreatedDate":"2014-03-18T17:16:56.25Z","System.CreatedBy":"Jamal Hartnett <fabrikamfiber4@hotmail.com>",
                "System.ChangedDate":"2014-03-18T17:17:05.76Z",
                "System.Title":"Technician can check on parts orders on Windows Phone",
                "Microsoft.VSTS.Common.BacklogPriority":1000000000}}],
             "nextLink":"https://dev.azure.com/fabrikam/_apis/wit/reporting/workItemRevisions?continuationToken=3;2;1&api-version=2.0",
             "isLastBatch":true}
            """;

    // GET__..._includeIdentityRef-true_watermark-794.json: identity refs, ClosedDate, continuationToken
    static final String IDENTITY_REF = """
            {"values":[
              {"id":3,"rev":8,"fields":{"System.Id":3,"System.AreaPath":"Fabrikam-Fiber-Git",
                "System.TeamProject":"Fabrikam-Fiber-Git","System.Rev":8,"System.WorkItemType":"Product Backlog Item",
                "System.State":"Done","System.CreatedDate":"2014-03-18T17:17:06.857Z",
                "System.CreatedBy":{"id":"d291b0c4-a05c-4ea6-8df1-4b41d5f39eff","uniqueName":"Jamal Hartnett <fabrikamfiber4@hotmail.com>"},
                "System.ChangedDate":"2015-06-23T18:25:16.137Z",
                "System.AssignedTo":{"id":"d6245f20-2af8-44f4-9451-8107cb2767db","uniqueName":"Normal Paulk <fabrikamfiber16@hotmail.com>"},
                "System.Title":"Technician can submit invoices on Windows Phone",
                "Microsoft.VSTS.Common.ClosedDate":"2014-03-18T17:19:02.093Z"}}],
             "nextLink":"https://dev.azure.com/fabrikam/_apis/wit/reporting/workItemRevisions?continuationToken=813;350;1&includeIdentityRef=true&api-version=2.0",
             "continuationToken":"813;350;1","isLastBatch":true}
            """;

    // GET__workitem_type_states.json
    static final String STATES = """
            {"count":5,"value":[{"name":"New","color":"b2b2b2","category":"Proposed"},
              {"name":"Active","color":"007acc","category":"InProgress"},
              {"name":"CustomState","color":"5688E0","category":"InProgress"},
              {"name":"Resolved","color":"ff9d00","category":"Resolved"},
              {"name":"Closed","color":"339933","category":"Completed"}]}
            """;

    @Test
    void revisionsWithTheTokenOnlyInNextLink() throws IOException {
        RevisionsPage page = AzdoJson.revisionsPage(PLAIN, new FieldSelection(true, Set.of()));
        assertThat(page.continuationToken()).isEqualTo("3;2;1");
        assertThat(page.isLastBatch()).isTrue();
        assertThat(page.values()).containsExactly(new WorkItemRevision(1, 2,
                "Product Backlog Item", "New", "Fabrikam-Fiber-Git", Instant.parse("2014-03-18T17:16:56.250Z"),
                Instant.parse("2014-03-18T17:17:05.760Z"),
                "Technician can check on parts orders on Windows Phone", Map.of(), false));
    }

    @Test
    void aRevisionKeepsNothingItWasNotAllowedToWhateverArrives() throws IOException {
        // the example carries title, assignee, creator and closed date: with nothing switched on none is read
        RevisionsPage page = AzdoJson.revisionsPage(IDENTITY_REF);
        assertThat(page.continuationToken()).isEqualTo("813;350;1");
        WorkItemRevision r = page.values().get(0);
        assertThat(r.title()).isNull();
        assertThat(r.fields()).isEmpty();
        assertThat(r.state()).isEqualTo("Done");
        assertThat(r.toString()).doesNotContain("Normal Paulk", "Jamal", "invoices", "2014-03-18T17:19:02");
    }

    @Test
    void typeStates() throws IOException {
        assertThat(AzdoJson.typeStates("Bug", STATES)).containsExactly(
                new StateCategory("Bug", "New", "Proposed"), new StateCategory("Bug", "Active", "InProgress"),
                new StateCategory("Bug", "CustomState", "InProgress"), new StateCategory("Bug", "Resolved", "Resolved"),
                new StateCategory("Bug", "Closed", "Completed"));
    }

    @Test
    void brokenBodiesAreIOExceptionsAndRevisionsWithoutStateAreSkipped() throws IOException {
        assertThatThrownBy(() -> AzdoJson.revisionsPage(PLAIN.substring(0, 200))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AzdoJson.revisionsPage("{\"values\":[]}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AzdoJson.revisionsPage("{\"values\":[],\"isLastBatch\":false}"))
                .hasMessageContaining("no continuation token");
        RevisionsPage page = AzdoJson.revisionsPage("""
                {"values":[{"id":9,"rev":1,"fields":{"System.WorkItemType":"Bug"}}],"continuationToken":"x","isLastBatch":false}
                """);
        assertThat(page.values()).isEmpty();
        assertThat(page.continuationToken()).isEqualTo("x");
    }

    static final String BLOCKED = """
            {"values":[
              {"id":5,"rev":1,"fields":{"System.Id":5,"System.Rev":1,"System.WorkItemType":"Task","System.State":"Active",
                "System.CreatedDate":"2025-03-01T09:00:00Z","System.ChangedDate":"2025-03-01T09:00:00Z",
                "Microsoft.VSTS.CMMI.Blocked":"Yes","System.Tags":"web; Blocked"}},
              {"id":5,"rev":2,"fields":{"System.Id":5,"System.Rev":2,"System.WorkItemType":"Task","System.State":"Active",
                "System.CreatedDate":"2025-03-01T09:00:00Z","System.ChangedDate":"2025-03-02T09:00:00Z",
                "Microsoft.VSTS.CMMI.Blocked":"No","System.Tags":"web"}}],
             "continuationToken":"7","isLastBatch":true}
            """;

    @Test
    void theBlockedFlagComesFromTheProjectsSourceAndNoValueIsKept() throws IOException {
        java.util.function.Function<io.flowtrack.azdo.model.BlockedSource, java.util.List<Boolean>> flags = source -> {
            try {
                return AzdoJson.revisionsPage(BLOCKED, FieldSelection.NONE, source).values().stream()
                        .map(WorkItemRevision::blocked).toList();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(flags.apply(io.flowtrack.azdo.model.BlockedSource.NONE)).containsExactly(false, false);
        assertThat(flags.apply(io.flowtrack.azdo.model.BlockedSource.field())).containsExactly(true, false);
        assertThat(flags.apply(io.flowtrack.azdo.model.BlockedSource.tag("blocked"))).containsExactly(true, false);
        assertThat(flags.apply(io.flowtrack.azdo.model.BlockedSource.tag("web"))).containsExactly(true, true);
        // Read for the flag, the tags are not kept unless System.Tags is an extended field the organization turned on.
        assertThat(AzdoJson.revisionsPage(BLOCKED, FieldSelection.NONE, io.flowtrack.azdo.model.BlockedSource.tag("Blocked"))
                .values()).allSatisfy(r -> assertThat(r.fields()).isEmpty());
        assertThat(AzdoJson.revisionsPage(BLOCKED, new FieldSelection(false, Set.of(FieldSelection.TAGS)),
                io.flowtrack.azdo.model.BlockedSource.tag("Blocked")).values().get(0).fields())
                .isEqualTo(Map.of(FieldSelection.TAGS, "Blocked; web"));
    }

    @Test
    void theClientAsksForTheSourcesOneFieldOnce() {
        AzdoClient client = new AzdoClient(java.net.URI.create("http://127.0.0.1:1/fabrikam"), AzdoCredentials.pat("p"),
                RetryPolicy.standard(), AzdoClient.defaultHttpClient(), new FieldSelection(false, Set.of(FieldSelection.TAGS)),
                java.time.Duration.ofSeconds(1));
        assertThat(client.fields(io.flowtrack.azdo.model.BlockedSource.NONE)).containsExactlyElementsOf(
                concat(AzdoClient.FLOW_FIELDS, FieldSelection.TAGS));
        assertThat(client.fields(io.flowtrack.azdo.model.BlockedSource.tag("Blocked"))).containsExactlyElementsOf(
                concat(AzdoClient.FLOW_FIELDS, FieldSelection.TAGS)); // already asked for: once
        assertThat(client.fields(io.flowtrack.azdo.model.BlockedSource.field())).containsExactlyElementsOf(
                concat(concat(AzdoClient.FLOW_FIELDS, FieldSelection.TAGS), io.flowtrack.azdo.model.BlockedSource.FIELD));
    }

    private static java.util.List<String> concat(java.util.List<String> list, String more) {
        java.util.List<String> out = new java.util.ArrayList<>(list);
        out.add(more);
        return out;
    }
}
