package io.flowtrack.jira.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.permission.GlobalPermissionKey;
import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.query.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.LogCapture;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.audit.ReadRetention;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.config.FlowConfigService;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.config.FlowAuditEntity;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.prefs.PreferencesStore;
import io.flowtrack.jira.prefs.UserControls;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.jira.report.JiraReports;
import java.net.URI;
import javax.ws.rs.core.Response;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST resources (their classes, constructed by HK2) served by a real javax JAX-RS runtime (Jersey 2) on 127.0.0.1, with Jira's services
 * mocked and the configuration stored for real by Active Objects on H2.
 */
class RestResourcesTest {
    private static final String BASE = "/rest/flowtrack/1.0";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JiraFixture jira = new JiraFixture();
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final ProjectManager projects = mock(ProjectManager.class);
    private final PermissionManager permissions = mock(PermissionManager.class);
    private final GlobalPermissionManager globalPermissions = mock(GlobalPermissionManager.class);
    private final SearchService search = mock(SearchService.class);
    private final ApplicationUser alice = JiraFixture.user("alice-key");
    private final ApplicationUser admin = JiraFixture.user("admin-key");
    private final Project ft = mock(Project.class);
    private final Project secret = mock(Project.class);
    private EntityManagerActiveObjects ao;
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        when(ft.getName()).thenReturn("FlowTrack");
        when(secret.getId()).thenReturn(10_001L);
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        when(projects.getProjectByCurrentKey("SECRET")).thenReturn(secret);
        for (ApplicationUser u : List.of(alice, admin)) {
            when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, u)).thenReturn(true);
        }
        when(permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, ft, admin)).thenReturn(true);
        when(authentication.getLoggedInUser()).thenReturn(alice);

        ao = EntityManagerActiveObjects.onH2();
        FlowConfigStore store = new FlowConfigStore(ao, Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"),
                ZoneOffset.UTC));
        Access access = new Access(authentication, projects, permissions, globalPermissions);
        JiraReports reports = JiraReports.uncached(new IssueSearch(search, new SearchLimits(100, 50)),
                new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(jira.statusManager));
        ReadAudit audit = new ReadAudit(ao, Clock.fixed(Instant.parse("2024-06-02T08:00:00Z"), ZoneOffset.UTC),
                new ReadRetention(90, 1000));
        FlowConfigService configs = new FlowConfigService(store, jira.statusManager);
        PreferencesStore preferences = new PreferencesStore(ao, Clock.fixed(Instant.parse("2024-06-02T08:00:00Z"),
                ZoneOffset.UTC));
        // The resource classes, constructed by HK2 as REST v2 does (RestClassesTest wires them from the real
        // Spring context instead of these hand-made collaborators).
        ResourceConfig app = new ResourceConfig(ReportResource.class, ConfigResource.class, AuditResource.class,
                PreferencesResource.class).register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(access).to(Access.class);
                        bind(reports).to(JiraReports.class);
                        bind(store).to(FlowConfigStore.class);
                        bind(audit).to(ReadAudit.class);
                        bind(configs).to(FlowConfigService.class);
                        bind(preferences).to(PreferencesStore.class);
                    }
                });
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0" + BASE + "/"), app);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ao.close();
    }

    /** Jira answers {@code jql} with the given issues. */
    private void jiraFinds(String jql, List<Issue> issues) throws Exception {
        JiraFixture.searchFinds(search, jql, issues);
    }

    private List<Issue> issues() {
        return jira.twoIssues();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return mapper.readTree(response.body());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aProjectReportIsAFlowtrackReport() throws Exception {
        jiraFinds("project = 10000", issues());
        HttpResponse<String> r = get("/report?project=FT&asOf=2024-03-10&forecastItems=5&seed=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("source").asText()).isEqualTo("jira");
        assertThat(report.get("asOf").asText()).isEqualTo("2024-03-10T23:59:59.999999999Z");
        assertThat(report.get("stages")).extracting(JsonNode::asText).containsExactly("To Do", "In Progress", "Done");
        assertThat(report.get("items")).extracting(i -> i.get("id").asText()).containsExactlyInAnyOrder("FT-1", "FT-2");
        assertThat(report.get("daily").get(0).get("cfd")).hasSize(3);
        assertThat(report.get("cycleTime").get("percentiles").get("85").asInt()).isEqualTo(3);
        assertThat(report.get("aging").get("items").get(0).get("ageDays").asInt()).isEqualTo(6);
        assertThat(report.get("forecast").get("when").get("items").asInt()).isEqualTo(5);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void jqlAndSavedFiltersAreSearchedAsTheUser() throws Exception {
        jiraFinds("type = Bug ORDER BY key", issues());
        assertThat(get("/report?jql=" + q("type = Bug ORDER BY key")).statusCode()).isEqualTo(200);
        verify(search).parseQuery(alice, "type = Bug ORDER BY key");

        jiraFinds("filter = 10100", issues());
        assertThat(get("/report?filter=10100&project=FT").statusCode()).isEqualTo(200);
        verify(search).parseQuery(alice, "filter = 10100");
    }

    @Test
    void anonymousRequestsAreRefused() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(null);
        HttpResponse<String> r = get("/report?project=FT");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("unauthenticated");
        assertThat(get("/config/FT").statusCode()).isEqualTo(401);
        verify(search, never()).parseQuery(any(), anyString());
    }

    @Test
    void aProjectTheUserMayNotBrowseLooksLikeNoProject() throws Exception {
        HttpResponse<String> hidden = get("/report?project=SECRET");
        HttpResponse<String> missing = get("/report?project=NOPE");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(hidden).get("error").asText()).isEqualTo(json(missing).get("error").asText());
        assertThat(get("/config/SECRET").statusCode()).isEqualTo(404);
        verify(search, never()).parseQuery(any(), anyString());
    }

    @Test
    void badParametersAreClear400s() throws Exception {
        for (String[] c : new String[][] {
                {"/report?project=FT&asof=2024-03-10", "asof"},
                {"/report?project=FT&asOf=tomorrow", "asOf"},
                {"/report?project=FT&from=2024-03-10&to=2024-03-01", "starts"},
                {"/report?project=FT&project=XX", "2 times"},
                {"/report?jql=x&filter=1", "not both"},
                {"/report?filter=abc", "filter"},
                {"/report", "project, jql or filter"},
                {"/report?project=FT&forecastDays=0", "forecastDays"}}) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode body = json(r);
            assertThat(body.get("error").asText()).isEqualTo("bad_request");
            assertThat(body.get("message").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void tooManyIssuesIsA422ThatSaysWhatToDo() throws Exception {
        jiraFinds("project = 10000", issues());
        Query query = search.parseQuery(alice, "project = 10000").getQuery();
        when(search.searchCount(any(), eq(query))).thenReturn(250L);
        HttpResponse<String> r = get("/report?project=FT");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).isEqualTo("too_many_issues");
        assertThat(json(r).get("message").asText()).contains("250 issues match", "at most 100", "Narrow");
    }

    @Test
    void invalidJqlIsA400WithJiraMessages() throws Exception {
        SearchService.ParseResult parsed = mock(SearchService.ParseResult.class);
        MessageSet errors = mock(MessageSet.class);
        when(errors.getErrorMessages()).thenReturn(Set.of("Error in the JQL Query: Expecting operator."));
        when(parsed.isValid()).thenReturn(false);
        when(parsed.getErrors()).thenReturn(errors);
        when(search.parseQuery(alice, "project FT")).thenReturn(parsed);
        HttpResponse<String> r = get("/report?jql=" + q("project FT"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("bad_selection");
        assertThat(json(r).get("details").get(0).asText()).contains("Expecting operator");
    }

    private static final String CONFIG = """
            {"stages": [
               {"name": "Backlog", "category": "proposed", "statuses": ["1"]},
               {"name": "Doing", "category": "active", "statuses": ["3"]},
               {"name": "Review", "category": "waiting", "statuses": ["10001"]},
               {"name": "Shipped", "category": "done", "statuses": ["10002"]}],
             "commitmentStage": "Doing", "startPolicy": "last", "sle": {"days": 10, "percentile": 85},
             "includeTitles": false, "blockedField": "Flagged", "calendar": null}""";

    @Test
    void projectAdminsWriteTheConfigurationAndBrowsersReadIt() throws Exception {
        JsonNode before = json(get("/config/FT"));
        assertThat(before.get("configured").asBoolean()).isFalse();
        assertThat(before.get("project").get("key").asText()).isEqualTo("FT");

        HttpResponse<String> denied = send("PUT", "/config/FT", CONFIG);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("error").asText()).isEqualTo("forbidden");

        when(authentication.getLoggedInUser()).thenReturn(admin);
        HttpResponse<String> saved = send("PUT", "/config/FT", CONFIG);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("config")).isEqualTo(mapper.readTree(CONFIG));

        when(authentication.getLoggedInUser()).thenReturn(alice);
        JsonNode read = json(get("/config/FT"));
        assertThat(read.get("configured").asBoolean()).isTrue();
        assertThat(read.get("config")).isEqualTo(mapper.readTree(CONFIG));

        // The report now uses the project's stages, start policy and SLE.
        jiraFinds("project = 10000", issues());
        JsonNode report = json(get("/report?project=FT&asOf=2024-03-10"));
        assertThat(report.get("stages")).extracting(JsonNode::asText)
                .containsExactly("Backlog", "Doing", "Review", "Shipped");
        assertThat(report.get("startPolicy").asText()).isEqualTo("last");
        assertThat(report.get("sle").get("days").asInt()).isEqualTo(10);

        assertThat(get("/config/FT/audit").statusCode()).isEqualTo(403);
        when(authentication.getLoggedInUser()).thenReturn(admin);
        JsonNode audit = json(get("/config/FT/audit"));
        assertThat(audit.get("entries").get(0).get("actorKey").asText()).isEqualTo("admin-key");
        assertThat(audit.get("entries").get(0).get("action").asText()).isEqualTo("config.saved");
        assertThat(audit.get("entries").get(0).get("at").asText()).isEqualTo("2024-06-01T10:00:00Z");

        HttpResponse<String> reset = send("DELETE", "/config/FT", null);
        assertThat(json(reset).get("configured").asBoolean()).isFalse();
        assertThat(json(get("/config/FT/audit")).get("entries").get(0).get("action").asText())
                .isEqualTo("config.reset");
    }

    @Test
    void theSleFollowsTheEnginesOneRuleDays1To3650AndAnOptionalPercentile1To100() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        String sle = "\"sle\": {\"days\": 10, \"percentile\": 85}";
        // The rule of the Azure DevOps backend and of the report's own sleDays/slePercentile (ReportRequest.Sle).
        for (String ok : List.of("{\"days\": 3650, \"percentile\": 100}", "{\"days\": 1, \"percentile\": 1}",
                "{\"days\": 14, \"percentile\": null}")) {
            HttpResponse<String> r = send("PUT", "/config/FT", CONFIG.replace(sle, "\"sle\": " + ok));
            assertThat(r.statusCode()).as(ok + ": " + r.body()).isEqualTo(200);
        }
        for (String bad : List.of("{\"days\": 3651, \"percentile\": 85}", "{\"days\": 0, \"percentile\": 85}",
                "{\"days\": 10, \"percentile\": 101}", "{\"days\": 10, \"percentile\": 0}")) {
            HttpResponse<String> r = send("PUT", "/config/FT", CONFIG.replace(sle, "\"sle\": " + bad));
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("SLE");
        }
        // The last good one stays: days 14 without a percentile.
        JsonNode kept = json(get("/config/FT")).get("config").get("sle");
        assertThat(kept.get("days").asInt()).isEqualTo(14);
        assertThat(kept.get("percentile").isNull()).isTrue();
    }

    @Test
    void theCalendarIsReadByTheEnginesOneRuleAsInTheAzureDevOpsBackend() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        HttpResponse<String> ok = send("PUT", "/config/FT", CONFIG.replace("\"calendar\": null",
                "\"calendar\": {\"workingDays\": [\"fri\", \"Monday\", \"TUE\"], \"holidays\": [\"2026-12-26\", \"2026-12-25\"]}"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode calendar = json(get("/config/FT")).get("config").get("calendar");
        assertThat(calendar.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "FRIDAY");
        assertThat(calendar.get("holidays")).extracting(JsonNode::asText).containsExactly("2026-12-25", "2026-12-26");
        // The same refusals, word for word, as the backend's config route (WorkingCalendar.of).
        for (String[] c : new String[][] {
                {"\"workingDays\": [], \"holidays\": []", "calendar.workingDays: at least one"},
                {"\"workingDays\": [\"MON\", \"MONDAY\"], \"holidays\": []", "calendar.workingDays: MONDAY is listed twice"},
                {"\"workingDays\": [\"MON\"], \"holidays\": [\"25/12/2026\"]",
                        "calendar.holidays[0]: '25/12/2026' is not a date"}}) {
            HttpResponse<String> bad = send("PUT", "/config/FT",
                    CONFIG.replace("\"calendar\": null", "\"calendar\": {" + c[0] + "}"));
            assertThat(bad.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(bad.body()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void jiraAdministratorsMayWriteAnyProjectTheyCanBrowse() throws Exception {
        when(globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, alice)).thenReturn(true);
        assertThat(send("PUT", "/config/FT", CONFIG).statusCode()).isEqualTo(200);
    }

    /** CONFIG with a Monday-to-Friday calendar and 2024-03-07 (a Thursday) as a holiday. */
    private static final String WITH_CALENDAR = CONFIG.replace("\"calendar\": null",
            "\"calendar\": {\"workingDays\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"],"
                    + " \"holidays\": [\"2024-03-07\"]}");

    private static JsonNode item(JsonNode report, String id) {
        for (JsonNode item : report.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id);
    }

    /**
     * A calendar saved through the REST route is the project's, and reports add working-day figures from it: FT-1
     * moved Saturday 03-02 to Monday 03-04 (3 calendar days, 1 working day); FT-2 in progress since Tuesday 03-05 is 6
     * days old on Sunday 03-10, 3 working days with Thursday's holiday.
     */
    @Test
    void aCalendarSavedThroughTheRestRouteGivesReportsWorkingDayFigures() throws Exception {
        jiraFinds("project = 10000", issues());
        JsonNode without = json(get("/report?project=FT&asOf=2024-03-10"));
        assertThat(without.has("calendar")).isFalse();
        assertThat(item(without, "FT-1").has("cycleTimeWorkingDays")).isFalse();

        when(authentication.getLoggedInUser()).thenReturn(admin);
        HttpResponse<String> saved = send("PUT", "/config/FT", WITH_CALENDAR);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode calendar = json(saved).get("config").get("calendar");
        assertThat(calendar.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(calendar.get("holidays")).extracting(JsonNode::asText).containsExactly("2024-03-07");

        when(authentication.getLoggedInUser()).thenReturn(alice);
        assertThat(json(get("/config/FT")).get("config").get("calendar")).isEqualTo(calendar);
        JsonNode report = json(get("/report?project=FT&asOf=2024-03-10"));
        assertThat(report.get("calendar").get("workingDays")).hasSize(5);
        assertThat(report.get("calendar").get("holidays")).extracting(JsonNode::asText).containsExactly("2024-03-07");
        assertThat(item(report, "FT-1").get("cycleTimeDays").asInt()).isEqualTo(3);
        assertThat(item(report, "FT-1").get("cycleTimeWorkingDays").asInt()).isEqualTo(1);
        assertThat(item(report, "FT-2").get("ageWorkingDays").asInt()).isEqualTo(3);
        assertThat(report.get("cycleTime").get("workingDays").get("percentiles").get("85").asInt()).isEqualTo(1);
    }

    /** A bad calendar or blocked field is a 400 that names it, and the project keeps the configuration it had. */
    @Test
    void aBadCalendarIsRefusedNamingItAndTheOldConfigurationIsKept() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        assertThat(send("PUT", "/config/FT", WITH_CALENDAR).statusCode()).isEqualTo(200);
        JsonNode before = json(get("/config/FT")).get("config");
        String days = "[\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"]";
        for (String[] c : new String[][] {
                {WITH_CALENDAR.replace("\"FRI\"", "\"FUNDAY\""), "calendar.workingDays: 'FUNDAY' is not a weekday"},
                {WITH_CALENDAR.replace("\"FRI\"", "\"MON\""), "calendar.workingDays: MONDAY is listed twice"},
                {WITH_CALENDAR.replace(days, "[]"), "calendar.workingDays: at least one working weekday"},
                {WITH_CALENDAR.replace(days, "\"FRI-MON\""), "calendar.workingDays: the range 'FRI-MON' ends before"},
                {WITH_CALENDAR.replace("\"2024-03-07\"", "\"2024-02-30\""), "calendar.holidays[0]: '2024-02-30' is not a date"},
                {WITH_CALENDAR.replace("\"2024-03-07\"", "20240307"), "calendar.holidays[0]: a date"},
                {WITH_CALENDAR.replace("\"holidays\"", "\"holiday\""), "calendar.holiday: unknown field"},
                {CONFIG.replace("\"calendar\": null", "\"calendar\": \"MON-FRI\""), "calendar: an object"},
                {CONFIG.replace("\"calendar\": null", "\"calendar\": {}"), "calendar.workingDays: required"},
                {CONFIG.replace("\"Flagged\"", "\" \""), "blockedField: a field name"},
                {CONFIG.replace("\"Flagged\"", "\"status\""), "blockedField: the status is not a blocked field"}}) {
            HttpResponse<String> r = send("PUT", "/config/FT", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).as(c[0]).contains(c[1]);
        }
        assertThat(json(get("/config/FT")).get("config")).isEqualTo(before);
        assertThat(json(get("/config/FT/audit")).get("entries")).hasSize(1);
    }

    /** PUTs {@code body} as FT's configuration and expects a 400 whose message starts with {@code message}. */
    private void refused(String body, String message) throws Exception {
        HttpResponse<String> r = send("PUT", "/config/FT", body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).as(body).startsWith(message);
    }

    private JsonNode putAndGet(String body) throws Exception {
        HttpResponse<String> r = send("PUT", "/config/FT", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(get("/config/FT")).get("config");
    }

    // Issue 15: the rules below are the engine's (FlowSettings, FlowSettingsJson), the same in the Azure DevOps
    // backend's AdminApiTest.

    @Test
    void unknownFieldsAreRefusedNamingTheField() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        refused(CONFIG.replace("\"sle\":", "\"sla\": 1, \"sle\":"), "sla: unknown field; known: blockedField, calendar,");
        refused(CONFIG.replace("\"statuses\": [\"1\"]", "\"states\": [\"1\"]"),
                "stages[0].states: unknown field; known: category, name, statuses");
        refused(CONFIG.replace("\"percentile\": 85", "\"percentile\": 85, \"share\": 1"), "sle.share: unknown field");
        // The backend's own field is not this host's.
        refused(CONFIG.replace("\"sle\":", "\"blocked\": {\"source\": \"none\"}, \"sle\":"), "blocked: unknown field");
    }

    @Test
    void aRepeatedKeyIsRefusedNotTakenLastWins() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        refused(CONFIG.replace("\"startPolicy\": \"last\"", "\"startPolicy\": \"last\", \"startPolicy\": \"first\""),
                "the body is not JSON");
    }

    @Test
    void atMost50StagesAndStageNamesOf1To100Characters() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        StringBuilder many = new StringBuilder("{\"stages\": [");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\": \"S").append(i).append("\", \"category\": \"active\"}");
        }
        refused(many.append("]}").toString(), "stages: at most 50 stages, got 51");
        refused(CONFIG.replace("\"Shipped\"", "\"" + "S".repeat(101) + "\""), "stages[3].name: 1 to 100 characters");
        refused(CONFIG.replace("\"Shipped\"", "\"  \""), "stages[3].name: 1 to 100 characters");
        assertThat(putAndGet(CONFIG.replace("\"Shipped\"", "\"" + "S".repeat(100) + "\""))
                .get("stages").get(3).get("name").asText()).hasSize(100);
    }

    @Test
    void eachStatusIsANonBlankStringOrWholeNumberAndAJiraStatusId() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        refused(CONFIG.replace("[\"10002\"]", "[\"10002\", \"\"]"), "stages[3].statuses[1]: a string of 1 to 256");
        refused(CONFIG.replace("[\"10002\"]", "[true]"), "stages[3].statuses[0]: a string of 1 to 256");
        refused(CONFIG.replace("[\"10002\"]", "\"10002\""), "stages[3].statuses: an array of strings");
        refused(CONFIG.replace("[\"10002\"]", "[\"x1\"]"), "stages[3].statuses: 'x1' is not a Jira status id");
        assertThat(putAndGet(CONFIG.replace("[\"10002\"]", "[10002]")).get("stages").get(3).get("statuses").get(0)
                .asText()).isEqualTo("10002");
    }

    @Test
    void theSleIsWholeNumbersNotTextOrFractions() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        refused(CONFIG.replace("\"days\": 10", "\"days\": \"10\""), "sle.days: a whole number of days");
        refused(CONFIG.replace("\"days\": 10", "\"days\": 10.5"), "sle.days: a whole number of days");
        refused(CONFIG.replace("\"percentile\": 85", "\"percentile\": 85.5"), "sle.percentile: a whole number");
        refused(CONFIG.replace("{\"days\": 10, \"percentile\": 85}", "10"), "sle: an object");
        refused(CONFIG.replace("\"days\": 10", "\"days\": 3651"), "sle.days: SLE days must be from 1 to 3650");
    }

    @Test
    void theStartPolicyIsFirstWhenAbsentAndOtherwiseFirstOrLast() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        assertThat(putAndGet(CONFIG.replace("\"startPolicy\": \"last\",", "")).get("startPolicy").asText())
                .isEqualTo("first");
        assertThat(putAndGet(CONFIG).get("startPolicy").asText()).isEqualTo("last");
        refused(CONFIG.replace("\"last\"", "\"LAST\""), "startPolicy: first or last, was 'LAST'");
        refused(CONFIG.replace("\"last\"", "1"), "startPolicy: a string is required");
    }

    @Test
    void theWorkingDaysMayBeOneRangeAsInTheBackend() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        JsonNode calendar = putAndGet(CONFIG.replace("\"calendar\": null", "\"calendar\": {\"workingDays\": \"MON-THU\"}"))
                .get("calendar");
        assertThat(calendar.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY");
        assertThat(calendar.get("holidays")).isEmpty();
        refused(CONFIG.replace("\"calendar\": null", "\"calendar\": {\"workingDays\": \"MON-XYZ\"}"),
                "calendar.workingDays: ");
    }

    @Test
    void badConfigurationsAreRefusedNamingTheField() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        for (String[] c : new String[][] {
                {"not json", "not JSON"},
                {"[]", "JSON object"},
                {"{\"stages\": []}", "stages"},
                {CONFIG.replace("\"includeTitles\"", "\"includeTitle\""), "includeTitle"},
                {CONFIG.replace("\"waiting\"", "\"paused\""), "stages[2].category"},
                {CONFIG.replace("\"Doing\", \"startPolicy\"", "\"Nowhere\", \"startPolicy\""), "commitmentStage"},
                {CONFIG.replace("\"Review\", \"category\"", "\"Doing\", \"category\""), "duplicate stage"},
                {CONFIG.replace("\"days\": 10", "\"days\": 0"), "SLE days"},
                {CONFIG.replace("[\"10001\"]", "[\"3\"]"), "already mapped"},
                {CONFIG.replace("[\"10001\"]", "[\"abc\"]"), "not a Jira status id"}}) {
            HttpResponse<String> r = send("PUT", "/config/FT", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(r).get("message").asText()).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> unknown = send("PUT", "/config/FT", CONFIG.replace("[\"10001\"]", "[\"55555\"]"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_status");
        assertThat(json(unknown).get("details")).extracting(JsonNode::asText).containsExactly("55555");
        assertThat(json(get("/config/FT")).get("configured").asBoolean()).isFalse();
    }

    @Test
    void everyReportReadIsAuditedAndProjectAdminsReadTheirProjectsReads() throws Exception {
        jiraFinds("project = 10000", issues());
        assertThat(get("/report?project=FT&asOf=2024-03-10&forecastItems=5&seed=7").statusCode()).isEqualTo(200);
        jiraFinds("type = Bug", issues().subList(0, 1));
        HttpResponse<String> bugs = get("/report?jql=" + q("type = Bug") + "&project=FT");
        assertThat(bugs.statusCode()).as(bugs.body()).isEqualTo(200);
        jiraFinds("filter = 10100", issues());
        assertThat(get("/report?filter=10100&project=FT").statusCode()).isEqualTo(200);
        jiraFinds("assignee = currentUser()", issues());
        assertThat(get("/report?jql=" + q("assignee = currentUser()")).statusCode()).isEqualTo(200); // no project

        assertThat(get("/config/FT/audit").statusCode()).isEqualTo(403); // alice only browses FT
        when(authentication.getLoggedInUser()).thenReturn(admin);
        JsonNode reads = json(get("/config/FT/audit")).get("reads");
        assertThat(reads).hasSize(3);
        assertThat(reads).extracting(r -> r.get("selection").get("kind").asText())
                .containsExactly("filter", "jql", "project");
        assertThat(reads).extracting(r -> r.get("selection").get("text").asText())
                .containsExactly("10100", "type = Bug", "FT");
        assertThat(reads).extracting(r -> r.get("issues").asInt()).containsExactly(2, 1, 2);
        JsonNode projectRead = reads.get(2);
        assertThat(projectRead.get("actorKey").asText()).isEqualTo("alice-key");
        assertThat(projectRead.get("at").asText()).isEqualTo("2024-06-02T08:00:00Z");
        assertThat(projectRead.get("project").asText()).isEqualTo("FT");
        assertThat(projectRead.get("parameters")).isEqualTo(mapper.readTree("{\"asOf\": \"2024-03-10\", \"forecastItems\": \"5\", \"seed\": \"7\"}"));
        assertThat(projectRead.get("selection").get("cut").asBoolean()).isFalse();
        assertThat(json(get("/config/FT/audit?limit=1")).get("reads")).hasSize(1);
    }

    @Test
    void onlyJiraAdministratorsReadEveryReportReadIncludingThoseWithoutAProject() throws Exception {
        jiraFinds("assignee = currentUser()", issues());
        assertThat(get("/report?jql=" + q("assignee = currentUser()")).statusCode()).isEqualTo(200);
        jiraFinds("project = 10000", issues());
        assertThat(get("/report?project=FT").statusCode()).isEqualTo(200);

        when(authentication.getLoggedInUser()).thenReturn(admin); // a project admin is not enough
        HttpResponse<String> denied = get("/audit/reads");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("error").asText()).isEqualTo("forbidden");

        when(globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, admin)).thenReturn(true);
        JsonNode all = json(get("/audit/reads")).get("reads");
        assertThat(all).extracting(r -> r.get("selection").get("kind").asText()).containsExactly("project", "jql");
        assertThat(all.get(1).get("project").isNull()).isTrue();
        assertThat(json(get("/audit/reads?project=FT")).get("reads")).hasSize(1);
        when(authentication.getLoggedInUser()).thenReturn(null);
        assertThat(get("/audit/reads").statusCode()).isEqualTo(401);
    }

    /** A body that never ends, counting what was read of it. */
    private static final class EndlessBody extends java.io.InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return '{';
        }
    }

    @Test
    void anEndlessBodyIsReadOnlyUpToItsBoundAndRefused() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(admin);
        Access access = new Access(authentication, projects, permissions, globalPermissions);
        EndlessBody controls = new EndlessBody();
        Response refused = new PreferencesResource(access, new PreferencesStore(ao, Clock.systemUTC()))
                .write("FT", controls);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(controls.read).isBetween((long) UserControls.MAX_BODY, 2L * UserControls.MAX_BODY);

        EndlessBody config = new EndlessBody();
        Response tooLarge = new ConfigResource(access, new FlowConfigService(new FlowConfigStore(ao, Clock.systemUTC()),
                jira.statusManager), new ReadAudit(ao, Clock.systemUTC(), new ReadRetention(90, 1000)))
                .write("FT", config);
        assertThat(tooLarge.getStatus()).isEqualTo(400);
        assertThat(config.read).isBetween((long) FlowConfigService.MAX_BODY_CHARS, 2L * FlowConfigService.MAX_BODY_CHARS);
        assertThat(json(get("/config/FT")).get("configured").asBoolean()).isFalse();
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequestAfterTheAccessChecks() throws Exception {
        // JAX-RS answers a query parameter it cannot convert with 404, as if the route did not exist.
        when(authentication.getLoggedInUser()).thenReturn(null);
        HttpResponse<String> anonymous = get("/audit/reads?limit=many");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("/config/FT/audit?limit=many").statusCode()).isEqualTo(401);
        when(authentication.getLoggedInUser()).thenReturn(alice); // only browses FT
        assertThat(get("/config/FT/audit?limit=many").statusCode()).isEqualTo(403);
        assertThat(get("/audit/reads?limit=many").statusCode()).isEqualTo(403);

        when(authentication.getLoggedInUser()).thenReturn(admin);
        when(globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, admin)).thenReturn(true);
        for (String path : List.of("/config/FT/audit?limit=many", "/audit/reads?limit=many",
                "/audit/reads?limit=99999999999", "/config/FT/audit?limit=")) {
            HttpResponse<String> bad = get(path);
            assertThat(bad.statusCode()).as(path + ": " + bad.body()).isEqualTo(400);
            assertThat(json(bad).get("error").asText()).isEqualTo("bad_request");
        }
        assertThat(get("/audit/reads?limit=5").statusCode()).isEqualTo(200);
        assertThat(get("/config/FT/audit?limit=0").statusCode()).isEqualTo(200); // bounded, as before
    }

    @Test
    void aLongJqlIsAuditedCutToItsBoundWithItsLength() throws Exception {
        String jql = "summary ~ \"" + "x".repeat(2_990) + "\"";
        jiraFinds(jql, issues());
        assertThat(get("/report?project=FT&jql=" + q(jql)).statusCode()).isEqualTo(200);
        when(authentication.getLoggedInUser()).thenReturn(admin);
        JsonNode selection = json(get("/config/FT/audit")).get("reads").get(0).get("selection");
        assertThat(selection.get("text").asText()).hasSize(2_000).isEqualTo(jql.substring(0, 2_000));
        assertThat(selection.get("length").asInt()).isEqualTo(jql.length());
        assertThat(selection.get("cut").asBoolean()).isTrue();
    }

    @Test
    void refusedRequestsReadNothingAndAreNotAuditedAsReads() throws Exception {
        jiraFinds("project = 10000", issues());
        Query query = search.parseQuery(alice, "project = 10000").getQuery();
        when(search.searchCount(any(), eq(query))).thenReturn(250L);
        assertThat(get("/report?project=FT").statusCode()).isEqualTo(422);
        assertThat(get("/report?project=SECRET").statusCode()).isEqualTo(404);
        assertThat(get("/report?project=FT&asOf=tomorrow").statusCode()).isEqualTo(400);
        when(authentication.getLoggedInUser()).thenReturn(admin);
        assertThat(json(get("/config/FT/audit")).get("reads")).isEmpty();
    }

    @Test
    void noJqlValueReachesJirasLogWhenTheSearchOrTheAuditFails() throws Exception {
        try (LogCapture log = LogCapture.of(Responses.class)) {
            String secretJql = "summary ~ \"acquisition of Initech\"";
            jiraFinds(secretJql, issues());
            Query query = search.parseQuery(alice, secretJql).getQuery();
            when(search.searchCount(any(), eq(query))).thenThrow(new com.atlassian.jira.issue.search.SearchException() {
                @Override
                public String getMessage() {
                    return "search failed for " + secretJql;
                }
            });
            assertThat(get("/report?jql=" + q(secretJql)).statusCode()).isEqualTo(500);

            jiraFinds(secretJql, issues());
            try (java.sql.Connection c = ao.entityManager().getProvider().getConnection();
                 java.sql.Statement drop = c.createStatement()) {
                drop.execute("DROP TABLE " + EntityManagerActiveObjects.PREFIX + "FLOW_READ"); // the audit cannot be written
            }
            HttpResponse<String> unaudited = get("/report?jql=" + q(secretJql));
            assertThat(unaudited.statusCode()).isEqualTo(500);
            assertThat(unaudited.body()).doesNotContain("Initech");
            assertThat(log.records()).hasSize(2)
                    .allSatisfy(r -> assertThat(LogCapture.text(r)).doesNotContain("Initech"));
        }
    }

    private static final String CONTROLS = """
            {"window": {"kind": "custom", "from": "2024-01-01", "to": "2024-03-31"}, "types": ["Bug", "Story", "Bug"],
             "startPolicy": "last", "forecastDays": 14, "forecastItems": 25}""";

    private FlowAuditEntity[] preferenceAudits() {
        return ao.find(FlowAuditEntity.class, net.java.ao.Query.select().where("ACTION_NAME = ?", "preferences.saved"));
    }

    @Test
    void eachUserKeepsTheirOwnControlsPerProjectAndAChangeIsAudited() throws Exception {
        assertThat(json(get("/preferences/FT")).get("controls").isNull()).isTrue();

        HttpResponse<String> saved = send("PUT", "/preferences/FT", CONTROLS);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode canonical = mapper.readTree("""
                {"window": {"kind": "custom", "from": "2024-01-01", "to": "2024-03-31"}, "types": ["Bug", "Story"],
                 "startPolicy": "last", "forecastDays": 14, "forecastItems": 25}""");
        assertThat(json(saved).get("controls")).isEqualTo(canonical);
        assertThat(json(get("/preferences/FT")).get("controls")).isEqualTo(canonical);
        assertThat(send("PUT", "/preferences/FT", CONTROLS).statusCode()).isEqualTo(200);

        FlowAuditEntity[] audits = preferenceAudits();
        assertThat(audits).hasSize(1);
        assertThat(audits[0].getActorKey()).isEqualTo("alice-key");
        assertThat(audits[0].getProjectId()).isEqualTo(10_000L);
        assertThat(mapper.readTree(audits[0].getDetails())).isEqualTo(canonical);

        // Another user of the same project has their own (none yet); the admin audit lists configuration only.
        when(authentication.getLoggedInUser()).thenReturn(admin);
        assertThat(json(get("/preferences/FT")).get("controls").isNull()).isTrue();
        assertThat(json(get("/config/FT/audit")).get("entries")).isEmpty();
        String last30 = """
                {"window": {"kind": "last", "days": 30}, "types": [], "startPolicy": null, "forecastDays": 30,
                 "forecastItems": 20}""";
        assertThat(send("PUT", "/preferences/FT", last30).statusCode()).isEqualTo(200);
        assertThat(preferenceAudits()).hasSize(2);
        when(authentication.getLoggedInUser()).thenReturn(alice);
        assertThat(json(get("/preferences/FT")).get("controls")).isEqualTo(canonical);
    }

    @Test
    void theChoiceOfWorkingDaysIsKeptWithTheControlsAndOnlyCalendarOrWorkingIsAccepted() throws Exception {
        String working = CONTROLS.replace("\"forecastItems\": 25", "\"forecastItems\": 25, \"days\": \"working\"");
        HttpResponse<String> saved = send("PUT", "/preferences/FT", working);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode canonical = mapper.readTree("""
                {"window": {"kind": "custom", "from": "2024-01-01", "to": "2024-03-31"}, "types": ["Bug", "Story"],
                 "startPolicy": "last", "forecastDays": 14, "forecastItems": 25, "days": "working"}""");
        assertThat(json(saved).get("controls")).isEqualTo(canonical);
        assertThat(json(get("/preferences/FT")).get("controls")).isEqualTo(canonical);
        for (String bad : new String[] {"\"weekdays\"", "\"Working\"", "5", "null", "[\"working\"]"}) {
            HttpResponse<String> refused = send("PUT", "/preferences/FT",
                    CONTROLS.replace("\"forecastItems\": 25", "\"forecastItems\": 25, \"days\": " + bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("days: calendar or working");
        }
        assertThat(json(get("/preferences/FT")).get("controls")).isEqualTo(canonical);
    }

    @Test
    void controlsAreOnlyForLoggedInUsersWhoMayBrowseTheProject() throws Exception {
        HttpResponse<String> hidden = send("PUT", "/preferences/SECRET", CONTROLS);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(get("/preferences/NOPE").statusCode()).isEqualTo(404);
        when(authentication.getLoggedInUser()).thenReturn(null);
        assertThat(get("/preferences/FT").statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/preferences/FT", CONTROLS).statusCode()).isEqualTo(401);
        assertThat(preferenceAudits()).isEmpty();
    }

    @Test
    void badControlsAreRefusedNamingTheField() throws Exception {
        for (String[] c : new String[][] {
                {"not json", "not JSON"},
                {"[]", "JSON object"},
                {CONTROLS.replace("\"forecastItems\": 25", "\"forecastItems\": 25, \"admin\": true"), "admin"},
                {CONTROLS.replace("\"startPolicy\": \"last\", ", ""), "startPolicy: required"},
                {CONTROLS.replace("\"last\"", "\"middle\""), "startPolicy"},
                {CONTROLS.replace("\"custom\"", "\"next\""), "window.kind"},
                {CONTROLS.replace("2024-03-31", "2023-12-31"), "from is after to"},
                {CONTROLS.replace("2024-03-31", "2024-02-30"), "window.to"},
                {CONTROLS.replace("{\"kind\": \"custom\", \"from\": \"2024-01-01\", \"to\": \"2024-03-31\"}",
                        "{\"kind\": \"last\", \"days\": 60}"), "window"},
                {CONTROLS.replace("\"Story\"", "\"" + "x".repeat(129) + "\""), "types"},
                {CONTROLS.replace("\"Story\"", "7"), "types"},
                {CONTROLS.replace("\"forecastDays\": 14", "\"forecastDays\": 0"), "forecastDays"},
                {CONTROLS.replace("\"forecastItems\": 25", "\"forecastItems\": 2.5"), "forecastItems"},
                {"{\"types\": [\"" + "x".repeat(UserControls.MAX_BODY) + "\"]}", "longer than"}}) {
            HttpResponse<String> r = send("PUT", "/preferences/FT", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).as(c[0]).contains(c[1]);
        }
        assertThat(json(get("/preferences/FT")).get("controls").isNull()).isTrue();
        assertThat(preferenceAudits()).isEmpty();
    }
}
