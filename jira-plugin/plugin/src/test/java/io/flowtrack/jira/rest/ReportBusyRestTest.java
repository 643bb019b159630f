package io.flowtrack.jira.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.audit.ReadRetention;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.jira.report.ReportCache;
import io.flowtrack.jira.report.ReportGate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's bound and the report cache as a client meets them, over HTTP through a real JAX-RS runtime
 * (Jersey 2): a computation beyond the bound is a 503 with Retry-After and the documented JSON error body, and
 * every report served — computed or found in the cache — writes its read-audit entry.
 */
class ReportBusyRestTest {
    private static final String BASE = "/rest/flowtrack/1.0";
    private final JiraFixture jira = new JiraFixture();
    private final SearchService search = mock(SearchService.class);
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final ProjectManager projects = mock(ProjectManager.class);
    private final PermissionManager permissions = mock(PermissionManager.class);
    private final ApplicationUser alice = mock(ApplicationUser.class);
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch jiraAnswers = new CountDownLatch(1);
    private final CountDownLatch jiraAsked = new CountDownLatch(1);
    private EntityManagerActiveObjects ao;
    private ReadAudit audit;
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Project ft = mock(Project.class);
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, alice)).thenReturn(true);
        when(alice.getKey()).thenReturn("alice-key");
        when(authentication.getLoggedInUser()).thenReturn(alice);
        List<Issue> issues = jira.twoIssues();
        for (Issue issue : issues) {
            lenient().when(issue.getUpdated()).thenReturn(Timestamp.from(Instant.parse("2024-03-08T12:00:00Z")));
        }
        // The history of FT-2 is slow when the filter is read: one computation stays in progress until released.
        List<?> slow = jira.changeHistory.getChangeItemsForField(issues.get(1), StatusHistory.STATUS_FIELD);
        JiraFixture.searchFinds(search, "filter = 10100", issues);
        JiraFixture.searchFinds(search, "project = 10000", issues.subList(0, 1));
        when(jira.changeHistory.getChangeItemsForField(issues.get(1), StatusHistory.STATUS_FIELD)).thenAnswer(a -> {
            jiraAsked.countDown();
            jiraAnswers.await(10, TimeUnit.SECONDS);
            return slow;
        });
        ao = EntityManagerActiveObjects.onH2();
        Clock clock = Clock.fixed(Instant.parse("2024-06-02T08:00:00Z"), ZoneOffset.UTC);
        audit = new ReadAudit(ao, clock, new ReadRetention(90, 1000));
        JiraReports reports = new JiraReports(new IssueSearch(search, new SearchLimits(100, 50)),
                new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(jira.statusManager),
                new ReportGate(1, 7), new ReportCache(10_000, Duration.ofMinutes(5)));
        Access access = new Access(authentication, projects, permissions, mock(GlobalPermissionManager.class));
        ResourceConfig app = new ResourceConfig().registerInstances(
                new ReportResource(access, reports, new FlowConfigStore(ao, clock), audit));
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0" + BASE + "/"), app);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
    }

    @AfterEach
    void stop() {
        jiraAnswers.countDown();
        server.stop(0);
        ao.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyond_the_bound_a_report_is_a_503_with_retry_after_and_the_json_error_body() throws Exception {
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
                URI.create(base + "/report?filter=10100&asOf=2024-03-10")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jiraAsked.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> busy = get("/report?project=FT&asOf=2024-03-10");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("7");
        assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(busy.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = new ObjectMapper().readTree(busy.body());
        assertThat(body.get("error").asText()).isEqualTo("busy");
        assertThat(body.get("message").asText()).contains("7 s");
        assertThat(body.get("details")).isEmpty();

        jiraAnswers.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/report?project=FT&asOf=2024-03-10").statusCode()).isEqualTo(200);
        // The refused request read nothing and is not in the read audit; both served ones are.
        assertThat(audit.reads(10_000L, 10)).hasSize(1);
        assertThat(audit.reads(null, 10)).hasSize(2);
    }

    @Test
    void a_report_found_in_the_cache_is_audited_like_a_computed_one() throws Exception {
        jiraAnswers.countDown();
        for (int item = 0; item < 8; item++) {
            assertThat(get("/report?filter=10100&asOf=2024-03-10").statusCode()).isEqualTo(200);
        }
        assertThat(audit.reads(null, 20)).hasSize(8);
        // Eight items, one computation: each issue's history was read once (plus the set-up's own read of FT-2's).
        org.mockito.Mockito.verify(jira.changeHistory, org.mockito.Mockito.times(2 + 1))
                .getChangeItemsForField(any(), org.mockito.ArgumentMatchers.eq(StatusHistory.STATUS_FIELD));
    }
}
