package io.flowtrack.jira.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.permission.GlobalPermissionKey;
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
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.host.HostFramework;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of the plugin's REST resources, served as a Jira REST v2 module serves them: the resource CLASSES of the
 * descriptor's {@code <rest><package>} given to Jersey, HK2 constructing each per request through its
 * {@code @Inject} constructor, the parameters resolved from the plugin's real Spring context
 * ({@code META-INF/spring/flowtrack-context.xml}) on a Felix framework whose system bundle registers Jira's services.
 * Each Jira version's test ({@link RestClassesTest} for Jira 10, Jira11RestClassesTest for Jira 11) says how that
 * version starts Spring and which Jersey serves; the tour and its checks are this one.
 */
public abstract class RestRouteTour {
    protected static final String BASE = "/rest/flowtrack/1.0";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JiraFixture jira = new JiraFixture();
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final GlobalPermissionManager globalPermissions = mock(GlobalPermissionManager.class);
    private final SearchService search = mock(SearchService.class);
    private final ApplicationUser alice = JiraFixture.user("alice-key");
    private final ApplicationUser admin = JiraFixture.user("admin-key");
    private HostFramework host;
    private EntityManagerActiveObjects ao;
    private ConfigurableApplicationContext spring;
    private HttpServer server;
    private String base;

    @BeforeEach
    public void start() throws Exception {
        Project ft = mock(Project.class);
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        when(ft.getName()).thenReturn("FlowTrack");
        ProjectManager projects = mock(ProjectManager.class);
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        PermissionManager permissions = mock(PermissionManager.class);
        for (ApplicationUser u : List.of(alice, admin)) {
            when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, u)).thenReturn(true);
        }
        when(permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, ft, admin)).thenReturn(true);
        when(globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, admin)).thenReturn(true);
        when(authentication.getLoggedInUser()).thenReturn(alice);
        JiraFixture.searchFinds(search, "project = 10000", jira.twoIssues());
        ao = EntityManagerActiveObjects.onH2();

        host = new HostFramework();
        host.register(JiraAuthenticationContext.class, authentication);
        host.register(ProjectManager.class, projects);
        host.register(PermissionManager.class, permissions);
        host.register(GlobalPermissionManager.class, globalPermissions);
        host.register(SearchService.class, search);
        host.register(ChangeHistoryManager.class, jira.changeHistory);
        host.register(StatusManager.class, jira.statusManager);
        host.register(ActiveObjects.class, ao);
        spring = startSpring(host);
        server = serve(spring, restPackage(), URI.create("http://127.0.0.1:0" + BASE + "/"));
        base = "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
    }

    /** The plugin's Spring context, started on {@code host} as the Jira version under test starts it. */
    protected abstract ConfigurableApplicationContext startSpring(HostFramework host) throws Exception;

    /**
     * Serves the resource classes of {@code restPackage} at {@code at} with the Jersey of the Jira version under test,
     * HK2 building each from {@code spring}'s beans.
     */
    protected abstract HttpServer serve(ConfigurableApplicationContext spring, String restPackage, URI at)
            throws Exception;

    /** The {@code @Inject} and {@code @Path} of the Jira version under test (javax for Jira 10, jakarta for 11). */
    protected abstract Class<? extends Annotation> injectAnnotation();

    protected abstract Class<? extends Annotation> pathAnnotation();

    /** The package the descriptor's REST module scans for resources. */
    private String restPackage() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/atlassian-plugin.xml")) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var packages = f.newDocumentBuilder().parse(in).getElementsByTagName("package");
            assertThat(packages.getLength()).isEqualTo(1);
            return packages.item(0).getTextContent().trim();
        }
    }

    @AfterEach
    public void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (spring != null) {
            spring.close();
        }
        host.close();
        ao.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    private static final String CONFIG = """
            {"stages": [
               {"name": "Backlog", "category": "proposed", "statuses": ["1"]},
               {"name": "Doing", "category": "active", "statuses": ["3"]},
               {"name": "Shipped", "category": "done", "statuses": ["10002"]}],
             "commitmentStage": "Doing", "startPolicy": "first", "sle": {"days": 10, "percentile": 85},
             "includeTitles": false, "blockedField": "Flagged", "calendar": null}""";

    private static final String CONTROLS = """
            {"window": {"kind": "last", "days": 30}, "types": ["Story"], "startPolicy": null, "forecastDays": 30,
             "forecastItems": 20}""";

    @Test
    public void everyRouteIsServedByResourcesHk2ConstructsFromThePluginsSpringContext() throws Exception {
        // GET /report: Jira's search and history through the context's osgi:reference proxies, audited in AO.
        JsonNode report = ok("GET", "/report?project=FT&asOf=2024-03-10", null);
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("items")).extracting(i -> i.get("id").asText()).containsExactlyInAnyOrder("FT-1", "FT-2");
        // GET /config/{projectKey}
        assertThat(ok("GET", "/config/FT", null).get("configured").asBoolean()).isFalse();
        // GET and PUT /preferences/{projectKey}
        assertThat(ok("GET", "/preferences/FT", null).get("controls").isNull()).isTrue();
        assertThat(ok("PUT", "/preferences/FT", CONTROLS).get("controls").get("types").get(0).asText())
                .isEqualTo("Story");
        assertThat(ok("GET", "/preferences/FT", null).get("controls").get("forecastDays").asInt()).isEqualTo(30);

        when(authentication.getLoggedInUser()).thenReturn(admin);
        // PUT /config/{projectKey}, then the report uses it
        assertThat(ok("PUT", "/config/FT", CONFIG).get("config")).isEqualTo(mapper.readTree(CONFIG));
        assertThat(ok("GET", "/report?project=FT&asOf=2024-03-10", null).get("stages")).extracting(JsonNode::asText)
                .containsExactly("Backlog", "Doing", "Shipped");
        // GET /config/{projectKey}/audit
        JsonNode audit = ok("GET", "/config/FT/audit", null);
        assertThat(audit.get("entries").get(0).get("action").asText()).isEqualTo("config.saved");
        assertThat(audit.get("reads")).hasSize(2);
        // DELETE /config/{projectKey}
        assertThat(ok("DELETE", "/config/FT", null).get("configured").asBoolean()).isFalse();
        // GET /audit/reads
        JsonNode reads = ok("GET", "/audit/reads", null).get("reads");
        assertThat(reads).extracting(r -> r.get("actorKey").asText()).containsExactly("admin-key", "alice-key");
    }

    @Test
    public void theResourcesAreConstructedByTheirInjectConstructorPerRequestNeverShared() throws Exception {
        Set<Class<?>> resources = Set.of(ReportResource.class, ConfigResource.class, AuditResource.class,
                PreferencesResource.class);
        for (Class<?> resource : resources) {
            assertThat(resource.isAnnotationPresent(pathAnnotation())).as(resource.getSimpleName()).isTrue();
            Constructor<?>[] constructors = resource.getConstructors();
            assertThat(constructors).as(resource.getSimpleName()).hasSize(1);
            assertThat(constructors[0].isAnnotationPresent(injectAnnotation())).as(resource.getSimpleName()).isTrue();
        }
        // The beans the resources are built from are the context's, one each.
        assertThat(Set.of("access", "jiraReports", "flowConfigStore", "flowConfigService", "readAudit",
                "preferencesStore").stream().map(spring::getBean).collect(Collectors.toSet())).hasSize(6);
        assertThat(send("GET", "/config/FT", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/config/FT", null).statusCode()).isEqualTo(200);
    }
}
