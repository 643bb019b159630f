package io.flowtrack.jira.jira11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.search.SearchResults;
import com.atlassian.jira.issue.status.Status;
import com.atlassian.jira.issue.status.category.StatusCategory;
import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.query.Query;
import com.atlassian.sal.api.transaction.TransactionCallback;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.audit.FlowReadEntity;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.audit.ReadRetention;
import net.java.ao.DBParam;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.FlowConfigEntity;
import io.flowtrack.jira.config.FlowConfigService;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.jira.rest.Access;
import io.flowtrack.jira.prefs.FlowPrefsEntity;
import io.flowtrack.jira.prefs.PreferencesStore;
import io.flowtrack.jira.rest.ConfigResource;
import io.flowtrack.jira.rest.PreferencesResource;
import io.flowtrack.jira.rest.ReportResource;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jira11 jar — produced by the Eclipse Transformer from the jira10 jar, never compiled from a second copy of
 * the code — served by Jersey 3 (jakarta.ws.rs) on 127.0.0.1, with Jira's services mocked.
 */
class Jira11RestTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final ApplicationUser alice = mock(ApplicationUser.class);
    private final FlowReadEntity auditedRead = mock(FlowReadEntity.class);
    private HttpServer server;
    private String base;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        Project ft = mock(Project.class);
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        ProjectManager projects = mock(ProjectManager.class);
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        PermissionManager permissions = mock(PermissionManager.class);
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, alice)).thenReturn(true);
        when(authentication.getLoggedInUser()).thenReturn(alice);
        when(alice.getKey()).thenReturn("alice-key");

        Status open = status("1", "new");
        Status done = status("10002", "done");
        StatusManager statuses = mock(StatusManager.class);
        when(statuses.getStatus("1")).thenReturn(open);
        when(statuses.getStatus("10002")).thenReturn(done);
        Issue issue = mock(Issue.class);
        IssueType story = mock(IssueType.class);
        when(story.getName()).thenReturn("Story");
        when(issue.getId()).thenReturn(1L);
        when(issue.getKey()).thenReturn("FT-1");
        when(issue.getIssueType()).thenReturn(story);
        when(issue.getCreated()).thenReturn(Timestamp.from(Instant.parse("2024-03-01T09:00:00Z")));
        ChangeItemBean toDone = mock(ChangeItemBean.class);
        when(toDone.getFrom()).thenReturn("1");
        when(toDone.getTo()).thenReturn("10002");
        when(toDone.getCreated()).thenReturn(Timestamp.from(Instant.parse("2024-03-03T09:00:00Z")));
        ChangeHistoryManager changes = mock(ChangeHistoryManager.class);
        when(changes.getChangeItemsForField(issue, "status")).thenReturn(List.of(toDone));

        SearchService search = mock(SearchService.class);
        SearchService.ParseResult parsed = mock(SearchService.ParseResult.class);
        Query query = mock(Query.class);
        SearchResults<Issue> page = mock(SearchResults.class);
        when(page.getResults()).thenReturn(List.of(issue));
        when(parsed.isValid()).thenReturn(true);
        when(parsed.getQuery()).thenReturn(query);
        when(search.parseQuery(alice, "project = 10000")).thenReturn(parsed);
        when(search.validateQuery(alice, query)).thenReturn(mock(MessageSet.class));
        when(search.searchCount(alice, query)).thenReturn(1L);
        when(search.search(eq(alice), eq(query), any())).thenReturn(page);

        ActiveObjects ao = mock(ActiveObjects.class);
        when(ao.executeInTransaction(any())).thenAnswer(a -> a.getArgument(0, TransactionCallback.class).doInTransaction());
        when(ao.find(eq(FlowConfigEntity.class), any(net.java.ao.Query.class))).thenReturn(new FlowConfigEntity[0]);
        FlowConfigStore store = new FlowConfigStore(ao, Clock.systemUTC());
        when(ao.create(eq(FlowReadEntity.class), any(DBParam[].class))).thenReturn(auditedRead);
        ReadAudit audit = new ReadAudit(ao, Clock.systemUTC(), new ReadRetention(90, 1000));

        Access access = new Access(authentication, projects, permissions, mock(GlobalPermissionManager.class));
        JiraReports reports = JiraReports.uncached(new IssueSearch(search, new SearchLimits(100, 50)),
                new StatusHistory(changes, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(statuses));
        when(ao.find(eq(FlowPrefsEntity.class), any(net.java.ao.Query.class))).thenReturn(new FlowPrefsEntity[0]);
        ResourceConfig app = new ResourceConfig().registerInstances(new ReportResource(access, reports, store, audit),
                new ConfigResource(access, new FlowConfigService(store, statuses), audit),
                new PreferencesResource(access, new PreferencesStore(ao, Clock.systemUTC())));
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/rest/flowtrack/1.0/"), app);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/rest/flowtrack/1.0";
    }

    private static Status status(String id, String categoryKey) {
        Status status = mock(Status.class);
        StatusCategory category = mock(StatusCategory.class);
        when(category.getKey()).thenReturn(categoryKey);
        when(status.getId()).thenReturn(id);
        when(status.getStatusCategory()).thenReturn(category);
        return status;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTransformedResourcesAreJakartaTyped() {
        Method report = Arrays.stream(ReportResource.class.getMethods()).filter(m -> m.getName().equals("report"))
                .findFirst().orElseThrow();
        assertThat(report.getReturnType().getName()).isEqualTo("jakarta.ws.rs.core.Response");
        assertThat(report.getParameterTypes()[0].getName()).isEqualTo("jakarta.ws.rs.core.UriInfo");
        assertThat(ReportResource.class.getAnnotation(jakarta.ws.rs.Path.class).value()).isEqualTo("/report");
    }

    @Test
    void aProjectReportIsServedByTheJakartaRuntime() throws Exception {
        HttpResponse<String> r = get("/report?project=FT&asOf=2024-03-10");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).contains("\"format\":\"flowtrack-report/1\"", "\"source\":\"jira\"", "\"id\":\"FT-1\"");
        org.mockito.Mockito.verify(auditedRead).setSelectionText("FT"); // the read was audited
        org.mockito.Mockito.verify(auditedRead).save();
    }

    @Test
    void errorsAreJsonThere() throws Exception {
        when(authentication.getLoggedInUser()).thenReturn(null);
        HttpResponse<String> r = get("/report?project=FT");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthenticated\"");
        when(authentication.getLoggedInUser()).thenReturn(alice);
        assertThat(get("/config/FT").body()).contains("\"configured\":false");
    }

    @Test
    void theUsersPreferencesAreServedAndValidatedThere() throws Exception {
        assertThat(get("/preferences/FT").body()).isEqualTo("{\"project\":\"FT\",\"controls\":null}");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/preferences/FT"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"x\": 1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\":\"bad_request\"", "x: not a dashboard control");
    }
}
