package io.flowtrack.jira.browser;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.REVIEW;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.admin.FlowConfigAction;
import io.flowtrack.jira.admin.FlowProjectAction;
import io.flowtrack.jira.admin.JiraVelocity;
import io.flowtrack.jira.admin.RequiredResources;
import io.flowtrack.jira.admin.SettingsView;
import io.flowtrack.jira.packaging.PluginJar;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.audit.ReadRetention;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.config.FlowConfigService;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.jira.prefs.PreferencesStore;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.jira.rest.Access;
import io.flowtrack.jira.rest.PreferencesResource;
import io.flowtrack.jira.rest.ReportResource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The project flow page and the dashboard items in Debian's headless Chromium ({@code src/test/browser/}, node:test
 * with playwright-core): the page rendered from the packaged jira10 jar's template by Velocity, the web-resources
 * served from that jar as Jira's resource manager would (dependencies first, jsI18n applied), and the plugin's REST
 * resources served for real by Jersey on 127.0.0.1 with Jira's services mocked over a realistic history (two
 * hundred days of a team's issues). Screenshots: target/screenshots/jira/.
 */
class JiraDashboardsBrowserIT {
    private static final String CONTEXT = "/jira";
    private static final String PLUGIN = "io.flowtrack.jira";
    private static final Pattern JS_I18N = Pattern.compile("AJS\\.I18n\\.getText\\('([^']+)'\\)");
    private static final Path BROWSER = Path.of("src/test/browser");

    private final JiraFixture jira = new JiraFixture();
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final ProjectManager projects = mock(ProjectManager.class);
    private final PermissionManager permissions = mock(PermissionManager.class);
    private final SearchService search = mock(SearchService.class);
    private final JiraVelocity velocity = new JiraVelocity();
    private EntityManagerActiveObjects ao;
    private FlowConfigStore configs;
    private HttpServer server;
    private Access access;
    private PluginJar jar;
    private Document descriptor;
    private Properties i18n;

    @BeforeEach
    void start() throws Exception {
        ApplicationUser alice = mock(ApplicationUser.class);
        when(alice.getKey()).thenReturn("alice-key");
        when(authentication.getLoggedInUser()).thenReturn(alice);
        project(10_000L, "FT", "Flow Track", alice);
        project(10_002L, "EMPTY", "Nothing yet", alice);
        List<Issue> history = teamHistory();
        jiraFinds("project = 10000", history);
        jiraFinds("filter = 10100", history.subList(0, history.size() / 2));
        jiraFinds("project = 10002", List.of());

        jar = new PluginJar("flowtrack.jira10.jar");
        descriptor = jar.xml("atlassian-plugin.xml");
        i18n = jar.properties("i18n/flowtrack.properties");
        ao = EntityManagerActiveObjects.onH2();
        access = new Access(authentication, projects, permissions, mock(GlobalPermissionManager.class));
        JiraReports reports = JiraReports.uncached(new IssueSearch(search, new SearchLimits(5_000, 500)),
                new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(jira.statusManager));
        configs = new FlowConfigStore(ao, Clock.systemUTC());
        ResourceConfig app = new ResourceConfig().registerInstances(
                new ReportResource(access, reports, configs,
                        new ReadAudit(ao, Clock.systemUTC(), new ReadRetention(90, 1000))),
                new PreferencesResource(access, new PreferencesStore(ao, Clock.systemUTC())));
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0" + CONTEXT + "/rest/flowtrack/1.0/"), app);
        server.createContext(CONTEXT + "/rest/agile/1.0/", this::agile);
        server.createContext(CONTEXT + "/secure/FlowTrackProject.jspa", this::projectPage);
        server.createContext(CONTEXT + "/secure/FlowTrackConfig.jspa", this::settingsPage);
        server.createContext(CONTEXT + "/download/resources/", this::resource);
        server.createContext(CONTEXT + "/test/", this::testFile);
        // Browsers ask every origin for an icon; Jira has one, this server answers "no content".
        server.createContext("/favicon.ico", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (ao != null) {
            ao.close();
        }
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void theFlowPageAndTheDashboardItemsWorkInChromium() throws Exception {
        Path screenshots = Path.of("target/screenshots/jira").toAbsolutePath();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "--test-concurrency=1",
                "jira-dashboards.test.mjs").directory(BROWSER.toFile()).redirectErrorStream(true);
        node.environment().put("FLOWTRACK_JIRA_BASE", "http://127.0.0.1:" + server.getAddress().getPort());
        node.environment().put("FLOWTRACK_SCREENSHOTS", screenshots.toString());
        Path log = Files.createDirectories(Path.of("target")).resolve("jira-browser-tests.log");
        node.redirectOutput(log.toFile());
        Process process = node.start();
        try {
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String output = Files.readString(log);
            assertThat(finished).as("the browser tests finish within 5 minutes:\n" + output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("ℹ fail 0").containsPattern("ℹ pass [1-9]");
        } finally {
            // Always stopped, Chromium included (it is node's child).
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(screenshots.resolve("project-page.png")).exists();
    }

    private void project(long id, String key, String name, ApplicationUser user) {
        Project project = mock(Project.class);
        when(project.getId()).thenReturn(id);
        when(project.getKey()).thenReturn(key);
        when(project.getName()).thenReturn(name);
        when(projects.getProjectByCurrentKey(key)).thenReturn(project);
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, project, user)).thenReturn(true);
        when(permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, project, user)).thenReturn(true);
    }

    /** Jira answers {@code jql} with the given issues. */
    private void jiraFinds(String jql, List<Issue> issues) throws Exception {
        JiraFixture.searchFinds(search, jql, issues);
    }

    /**
     * Two hundred days of a team up to now: about one new issue a day (stories, bugs, tasks), most taken into
     * progress, some through review, most of those done after a few days to a few weeks; a seeded random, so
     * every run has the same shape.
     */
    private List<Issue> teamHistory() {
        Random random = new Random(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<Issue> issues = new ArrayList<>();
        String[] types = {"Story", "Story", "Bug", "Task"};
        for (int n = 1; n <= 200; n++) {
            Instant created = now.minus(200 - n, ChronoUnit.DAYS).minus(random.nextInt(20), ChronoUnit.HOURS);
            List<JiraFixture.Change> changes = new ArrayList<>();
            String status = OPEN;
            Instant at = created.plus(1 + random.nextInt(72), ChronoUnit.HOURS);
            if (random.nextInt(10) < 8 && at.isBefore(now)) {
                changes.add(change(at.toString(), OPEN, IN_PROGRESS));
                status = IN_PROGRESS;
                at = at.plus(12 + random.nextInt(24 * 12), ChronoUnit.HOURS);
                if (random.nextBoolean() && at.isBefore(now)) {
                    changes.add(change(at.toString(), IN_PROGRESS, REVIEW));
                    status = REVIEW;
                    at = at.plus(4 + random.nextInt(24 * 4), ChronoUnit.HOURS);
                }
                if (random.nextInt(10) < 8 && at.isBefore(now)) {
                    changes.add(change(at.toString(), status, DONE));
                    status = DONE;
                }
            }
            issues.add(jira.issue("FT-" + n, types[random.nextInt(types.length)], created.toString(), status,
                    changes.toArray(JiraFixture.Change[]::new)));
        }
        return issues;
    }

    /**
     * A stand-in for Jira Software's board API (/rest/agile/1.0/, field names as in its public REST reference): FT
     * has one board the user may see (7, whose saved filter is 10100); board 8 exists but is not the user's to see,
     * so Jira answers 404 for it; EMPTY's board list answers 404, as a Jira without Jira Software does.
     */
    private void agile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring((CONTEXT + "/rest/agile/1.0/").length());
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "application/json", "{\"errorMessages\":[\"GET only\"]}");
        } else if (path.equals("board") && query.contains("projectKeyOrId=FT&") && query.contains("startAt=0")) {
            send(exchange, 200, "application/json", "{\"maxResults\":50,\"startAt\":0,\"isLast\":true,\"values\":["
                    + "{\"id\":7,\"self\":\"http://jira/rest/agile/1.0/board/7\",\"name\":\"FT team board\","
                    + "\"type\":\"kanban\"}]}");
        } else if (path.equals("board/7/configuration")) {
            send(exchange, 200, "application/json", "{\"id\":7,\"name\":\"FT team board\",\"filter\":{\"id\":\"10100\","
                    + "\"self\":\"http://jira/rest/api/2/filter/10100\"},\"columnConfig\":{\"columns\":[{\"name\":"
                    + "\"To Do\",\"statuses\":[{\"id\":\"" + OPEN + "\"}]},{\"name\":\"Done\",\"statuses\":[{\"id\":\""
                    + DONE + "\"}]}],\"constraintType\":\"none\"}}");
        } else {
            send(exchange, 404, "application/json",
                    "{\"errorMessages\":[\"Board does not exist or you do not have permission to see it.\"]}");
        }
    }

    /** /secure/FlowTrackProject.jspa: the action run, its view rendered, the required resources in the head. */
    private void projectPage(HttpExchange exchange) throws IOException {
        Map<String, String> params = params(exchange);
        FlowProjectAction action = new FlowProjectAction(access);
        action.setProjectKey(params.get("projectKey"));
        String view = action.doExecute().equals("success") ? "templates/flowtrack/project.vm"
                : "templates/flowtrack/denied.vm";
        sendPage(exchange, params, view, action);
    }

    /** /secure/FlowTrackConfig.jspa: the settings page (alice administers FT), as Jira would render it. */
    private void settingsPage(HttpExchange exchange) throws IOException {
        Map<String, String> params = params(exchange);
        FlowConfigAction action = new FlowConfigAction(access, new FlowConfigService(configs, jira.statusManager));
        action.setProjectKey(params.get("projectKey"));
        String view = SettingsView.run(action).equals("success") ? "templates/flowtrack/admin.vm"
                : "templates/flowtrack/denied.vm";
        sendPage(exchange, params, view, action);
    }

    private static Map<String, String> params(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    private void sendPage(HttpExchange exchange, Map<String, String> params, String view, Object action)
            throws IOException {
        RequiredResources required = new RequiredResources();
        String html = velocity.render(view, action, Map.of("webResourceManager", required, "atl_token", "token"));
        String mode = "dark".equals(params.get("mode")) ? "dark" : "light";
        html = html.replace("<html>", "<html data-color-mode=\"" + mode + "\">")
                .replace("</head>", jiraHead(required.keys()) + "</head>");
        send(exchange, 200, "text/html", html);
    }

    /** What Jira's page head has before the plugin's resources: context path, design tokens, AUI and AMD stand-ins. */
    private String jiraHead(List<String> requiredKeys) {
        StringBuilder head = new StringBuilder()
                .append("<meta name=\"ajs-context-path\" content=\"").append(CONTEXT).append("\">\n")
                .append("<style>html { --ds-text: rgb(1, 2, 3); font-family: serif; }</style>\n");
        Set<String> modules = new LinkedHashSet<>();
        requiredKeys.forEach(key -> resolve(key, modules));
        for (String module : modules) {
            if (module.equals("com.atlassian.auiplugin:ajs")) {
                head.append("<script src=\"").append(CONTEXT).append("/test/jira-page.js\"></script>\n");
                continue;
            }
            for (Element resource : resources(module)) {
                String url = CONTEXT + "/download/resources/" + module + "/" + resource.getAttribute("name");
                head.append(url.endsWith(".css") ? "<link rel=\"stylesheet\" href=\"" + url + "\">\n"
                        : "<script src=\"" + url + "\"></script>\n");
            }
        }
        return head.toString();
    }

    /** A web-resource's dependencies (depth first), then itself: the order Jira's resource manager loads them. */
    private void resolve(String key, Set<String> into) {
        if (into.contains(key)) {
            return;
        }
        Element module = webResource(key);
        if (module != null) {
            NodeList dependencies = module.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                resolve(dependencies.item(i).getTextContent().trim(), into);
            }
        }
        into.add(key);
    }

    /** The plugin's web-resources in a context (<context>), in descriptor order. */
    private List<String> inContext(String context) {
        List<String> keys = new ArrayList<>();
        NodeList modules = descriptor.getElementsByTagName("web-resource");
        for (int i = 0; i < modules.getLength(); i++) {
            Element module = (Element) modules.item(i);
            NodeList contexts = module.getElementsByTagName("context");
            for (int c = 0; c < contexts.getLength(); c++) {
                if (contexts.item(c).getTextContent().trim().equals(context)) {
                    keys.add(PLUGIN + ":" + module.getAttribute("key"));
                }
            }
        }
        assertThat(keys).as("web-resources in " + context).isNotEmpty();
        return keys;
    }

    private Element webResource(String key) {
        if (!key.startsWith(PLUGIN + ":")) {
            return null;
        }
        NodeList modules = descriptor.getElementsByTagName("web-resource");
        for (int i = 0; i < modules.getLength(); i++) {
            Element module = (Element) modules.item(i);
            if (key.equals(PLUGIN + ":" + module.getAttribute("key"))) {
                return module;
            }
        }
        throw new AssertionError("no web-resource " + key + " in the descriptor");
    }

    private List<Element> resources(String key) {
        NodeList nodes = webResource(key).getElementsByTagName("resource");
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    /** /download/resources/<plugin>:<module>/<name>: the file from the jar; scripts of jsI18n modules translated. */
    private void resource(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring((CONTEXT + "/download/resources/").length());
        String module = rest.substring(0, rest.indexOf('/'));
        String name = rest.substring(rest.indexOf('/') + 1);
        Element resource = resources(module).stream().filter(r -> r.getAttribute("name").equals(name)).findFirst()
                .orElse(null);
        if (resource == null) {
            send(exchange, 404, "text/plain", "no resource " + rest);
            return;
        }
        String text = new String(jar.bytes(resource.getAttribute("location")), StandardCharsets.UTF_8);
        if (name.endsWith(".js") && webResource(module).getElementsByTagName("transformer").getLength() > 0) {
            Matcher m = JS_I18N.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = i18n.getProperty(m.group(1));
                assertThat(value).as("i18n key " + m.group(1)).isNotNull();
                m.appendReplacement(out, Matcher.quoteReplacement(new ObjectMapper().writeValueAsString(value)));
            }
            m.appendTail(out);
            text = out.toString();
        }
        send(exchange, 200, name.endsWith(".css") ? "text/css" : "text/javascript", text);
    }

    /**
     * /test/jira-page.js, /test/item-runner.js, /test/dashboard-item (a Jira dashboard with one item),
     * /test/dashboard (a Jira dashboard with none of FlowTrack's items) and /test/wrm?key=plugin:module (what
     * Jira's web-resource manager loads for WRM.require: the module's resources, dependencies first).
     */
    private void testFile(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring((CONTEXT + "/test/").length());
        if (name.equals("dashboard-item") || name.equals("dashboard")) {
            // A dashboard page has the web-resources of the atl.dashboard context, whatever items it shows.
            String item = name.equals("dashboard-item")
                    ? "<div class=\"dashboard-item-content\" id=\"dashboard-item\" style=\"width: 480px\"></div>\n"
                    + "<script src=\"" + CONTEXT + "/test/item-runner.js\"></script>"
                    : "<div class=\"dashboard-item-content\" id=\"jira-own-item\">Assigned to me</div>";
            String html = "<!DOCTYPE html><html data-color-mode=\"light\"><head><title>Dashboard</title>\n"
                    + jiraHead(inContext("atl.dashboard")) + "</head><body>\n" + item + "</body></html>";
            send(exchange, 200, "text/html", html);
        } else if (name.equals("wrm")) {
            String query = exchange.getRequestURI().getQuery();
            String key = java.net.URLDecoder.decode(query.substring("key=".length()), StandardCharsets.UTF_8);
            Set<String> modules = new LinkedHashSet<>();
            resolve(key, modules);
            List<String> urls = new ArrayList<>();
            for (String module : modules) {
                if (webResource(module) == null) {
                    continue; // AUI and the AMD loader are on every Jira page already
                }
                for (Element resource : resources(module)) {
                    urls.add(CONTEXT + "/download/resources/" + module + "/" + resource.getAttribute("name"));
                }
            }
            send(exchange, 200, "application/json", new ObjectMapper().writeValueAsString(urls));
        } else if (Set.of("jira-page.js", "item-runner.js").contains(name)) {
            send(exchange, 200, "text/javascript", Files.readString(BROWSER.resolve(name)));
        } else {
            send(exchange, 404, "text/plain", "no test file " + name);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
