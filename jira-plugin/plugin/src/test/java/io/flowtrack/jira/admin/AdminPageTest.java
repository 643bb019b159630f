package io.flowtrack.jira.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import io.flowtrack.jira.config.FlowConfigService;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.rest.Access;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin page: the action run against Jira mocks and a real AO store on H2, its templates rendered by Apache
 * Velocity with the context Jira gives action views ($action, $i18n, $atl_token) and HTML escaping on, as
 * {@code #enable_html_escaping()} asks of Jira's Velocity.
 */
class AdminPageTest {
    private final JiraFixture jira = new JiraFixture();
    private final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    private final PermissionManager permissions = mock(PermissionManager.class);
    private final ApplicationUser admin = mock(ApplicationUser.class);
    private final Project ft = mock(Project.class);
    private EntityManagerActiveObjects ao;
    private FlowConfigService service;
    private Access access;
    private JiraVelocity velocity;
    private Properties i18n;

    @BeforeEach
    void setUp() throws Exception {
        when(admin.getKey()).thenReturn("admin-key");
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        when(ft.getName()).thenReturn("Flow <Track>");
        ProjectManager projects = mock(ProjectManager.class);
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, admin)).thenReturn(true);
        when(permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, ft, admin)).thenReturn(true);
        when(authentication.getLoggedInUser()).thenReturn(admin);
        access = new Access(authentication, projects, permissions, mock(GlobalPermissionManager.class));
        ao = EntityManagerActiveObjects.onH2();
        service = new FlowConfigService(new FlowConfigStore(ao, Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"),
                ZoneOffset.UTC)), jira.statusManager);

        velocity = new JiraVelocity();
        i18n = velocity.i18n();
    }

    @AfterEach
    void close() {
        ao.close();
    }

    private String render(String view, FlowConfigAction action) {
        return velocity.render(view, action, Map.of("atl_token", "token-123", "webResourceManager", new RequiredResources()));
    }

    private FlowConfigAction action() {
        FlowConfigAction action = new FlowConfigAction(access, service);
        action.setProjectKey("FT");
        return action;
    }

    @Test
    void aProjectWithoutConfigurationShowsTheDefaultAndAnExampleToEdit() {
        FlowConfigAction action = action();
        assertThat(action.doExecute()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        assertThat(html).contains("FlowTrack settings of Flow &lt;Track&gt;")
                .contains(i18n.getProperty("flowtrack.admin.heading"))
                .contains("uses the default: To Do, In Progress and Done")
                .contains("name=\"atl_token\" value=\"token-123\"")
                .contains("&quot;commitmentStage&quot;")
                .doesNotContain("$i18n").doesNotContain("$page").doesNotContain("<table");
    }

    /**
     * The settings page renders inside Project settings (Jira's project-admin chrome: the atl.admin decorator, the
     * atl.jira.proj.config section, our web-item's linkId as the active tab, the project key), as real 10.3/11 apps'
     * project pages do; with the plain "admin" decorator it rendered without the project sidebar.
     */
    @Test
    void theSettingsPageIsInsideProjectSettingsWithItsTabActive() throws Exception {
        FlowConfigAction action = action();
        assertThat(action.doExecute()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        String linkId = settingsLinkId();
        assertThat(linkId).isEqualTo("flowtrack-project-config");
        assertThat(html).contains("<meta name=\"decorator\" content=\"atl.admin\"/>")
                .contains("<meta name=\"admin.active.section\" content=\"atl.jira.proj.config\"/>")
                .contains("<meta name=\"admin.active.tab\" content=\"" + linkId + "\"/>")
                .contains("<meta name=\"projectKey\" content=\"FT\"/>");
    }

    /** The linkId of the descriptor's project-settings web-item that opens the settings page. */
    private static String settingsLinkId() throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        org.w3c.dom.Document doc;
        try (java.io.InputStream in = AdminPageTest.class.getResourceAsStream("/atlassian-plugin.xml")) {
            doc = f.newDocumentBuilder().parse(in);
        }
        org.w3c.dom.NodeList items = doc.getElementsByTagName("web-item");
        for (int i = 0; i < items.getLength(); i++) {
            org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
            org.w3c.dom.Element link = (org.w3c.dom.Element) item.getElementsByTagName("link").item(0);
            if (item.getAttribute("section").startsWith("atl.jira.proj.config/")
                    && link.getTextContent().contains("/secure/FlowTrackConfig.jspa")) {
                return link.getAttribute("linkId");
            }
        }
        throw new AssertionError("no project-settings web-item opens FlowTrackConfig.jspa");
    }

    /** UPM's Configure / Get started page: where FlowTrack is set up, for a logged-in user only. */
    @Test
    void theStartPageSaysWhereFlowTrackIsSetUp() {
        FlowStartAction action = new FlowStartAction(access);
        assertThat(action.doExecute()).isEqualTo(FlowStartAction.SUCCESS);
        String html = velocity.render("templates/flowtrack/start.vm", action, Map.of());
        assertThat(html).contains("<title>" + i18n.getProperty("flowtrack.start.title") + "</title>")
                .contains("<meta name=\"decorator\" content=\"atl.general\"/>")
                .contains("open Project settings, then FlowTrack")
                .doesNotContain("$i18n");
        when(authentication.getLoggedInUser()).thenReturn(null);
        assertThat(new FlowStartAction(access).doExecute()).isEqualTo(FlowStartAction.DENIED);
    }

    @Test
    void theSettingsPageRequiresItsBoardSeedScriptAndGivesItTheProject() {
        FlowConfigAction action = action();
        assertThat(action.doExecute()).isEqualTo(FlowConfigAction.SUCCESS);
        RequiredResources resources = new RequiredResources();
        String html = velocity.render("templates/flowtrack/admin.vm", action,
                Map.of("atl_token", "token-123", "webResourceManager", resources));
        assertThat(resources.keys()).containsExactly("io.flowtrack.jira:flowtrack-admin-page");
        assertThat(html).contains("<div id=\"flowtrack-board-seed\" data-project-key=\"FT\"></div>")
                .doesNotContain("$webResourceManager");
    }

    @Test
    void savingShowsTheStagesAndIsAuditedLikeTheRestCall() {
        FlowConfigAction action = action();
        action.setConfig("""
                {"stages": [{"name": "Doing <b>", "category": "active", "statuses": ["3"]},
                            {"name": "Done", "category": "done", "statuses": ["10002"]}],
                 "sle": {"days": 10, "percentile": 85}, "includeTitles": true}""");
        assertThat(action.doSave()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        assertThat(html).contains(i18n.getProperty("flowtrack.admin.saved"))
                .contains("<td>Doing &lt;b&gt;</td>").contains("<td>active</td>").contains("<td>10002</td>")
                .contains("SLE (days / percentile): 10 / 85%").contains("Reports include issue summaries.")
                .contains("FlowTrackConfig!reset.jspa");
        assertThat(service.audit(10_000, 10)).singleElement()
                .satisfies(e -> assertThat(e.actorKey()).isEqualTo("admin-key"));
    }

    /** The blocked field and the calendar: in the summary, and the controls that write them into the editor. */
    @Test
    void theBlockedFieldAndTheCalendarAreShownAndHaveTheirControls() {
        FlowConfigAction action = action();
        assertThat(action.doExecute()).isEqualTo(FlowConfigAction.SUCCESS);
        String fresh = render("templates/flowtrack/admin.vm", action);
        assertThat(fresh).contains("id=\"flowtrack-calendar\"").contains("id=\"flowtrack-calendar-on\"")
                .contains("id=\"flowtrack-day-MONDAY\"").contains("id=\"flowtrack-day-SUNDAY\"")
                .contains(">Sunday</label>").contains("id=\"flowtrack-holidays\"")
                .contains("id=\"flowtrack-blocked-field\"").contains("&quot;blockedField&quot;: &quot;Flagged&quot;")
                .doesNotContain("$i18n");
        // The controls are not submitted: only the editor's JSON is.
        assertThat(fresh).doesNotContain("name=\"flowtrack-day").doesNotContain("name=\"holidays");

        action.setConfig("""
                {"stages": [{"name": "Doing", "category": "active", "statuses": ["3"]},
                            {"name": "Done", "category": "done", "statuses": ["10002"]}],
                 "blockedField": "Blocked <b>",
                 "calendar": {"workingDays": ["SUN", "MON", "TUE", "WED", "THU"], "holidays": ["2024-12-25"]}}""");
        assertThat(action.doSave()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        assertThat(html).contains("Blocked field: Blocked &lt;b&gt;")
                .contains("Working days: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SUNDAY")
                .contains("Holidays: 2024-12-25").doesNotContain(i18n.getProperty("flowtrack.admin.calendar.none"));
        assertThat(service.find(10_000).orElseThrow().calendar().holidays()).hasSize(1);
    }

    @Test
    void aRefusedCalendarKeepsTheTextAndTheConfigurationItHad() {
        FlowConfigAction action = action();
        action.setConfig("{\"stages\": [{\"name\": \"Doing\", \"category\": \"active\", \"statuses\": [\"3\"]}]}");
        action.doSave();
        action.setConfig("{\"stages\": [{\"name\": \"Doing\", \"category\": \"active\", \"statuses\": [\"3\"]}],"
                + " \"calendar\": {\"workingDays\": [\"MON\"], \"holidays\": [\"2024-13-01\"]}}");
        assertThat(action.doSave()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        assertThat(html).contains(i18n.getProperty("flowtrack.admin.errors"))
                .contains("<li>calendar.holidays[0]: '2024-13-01' is not a date (YYYY-MM-DD)</li>")
                .contains("2024-13-01").contains(i18n.getProperty("flowtrack.admin.calendar.none"));
        assertThat(service.find(10_000).orElseThrow().calendar()).isNull();
    }

    @Test
    void aRefusedConfigurationKeepsTheTextAndSaysWhy() {
        FlowConfigAction action = action();
        action.setConfig("{\"stages\": [{\"name\": \"Doing\", \"category\": \"active\", \"statuses\": [\"999\"]}]}");
        assertThat(action.doSave()).isEqualTo(FlowConfigAction.SUCCESS);
        String html = render("templates/flowtrack/admin.vm", action);
        assertThat(html).contains(i18n.getProperty("flowtrack.admin.errors")).contains("<li>Jira has no status with the id 999</li>")
                .contains("&quot;999&quot;");
        assertThat(service.find(10_000)).isEmpty();
    }

    @Test
    void resetReturnsToTheDefault() {
        FlowConfigAction action = action();
        action.setConfig("{\"stages\": [{\"name\": \"Doing\", \"category\": \"active\", \"statuses\": [\"3\"]}]}");
        action.doSave();
        assertThat(action.doReset()).isEqualTo(FlowConfigAction.SUCCESS);
        assertThat(render("templates/flowtrack/admin.vm", action)).contains(i18n.getProperty("flowtrack.admin.reset.done"));
        assertThat(service.find(10_000)).isEmpty();
    }

    @Test
    void someoneWhoMayOnlyBrowseIsDeniedAndNothingChanges() {
        when(permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, ft, admin)).thenReturn(false);
        FlowConfigAction action = action();
        action.setConfig("{\"stages\": [{\"name\": \"Doing\", \"category\": \"active\", \"statuses\": [\"3\"]}]}");
        assertThat(action.doSave()).isEqualTo(FlowConfigAction.DENIED);
        assertThat(render("templates/flowtrack/denied.vm", action)).contains("Only administrators of project FT");
        assertThat(service.find(10_000)).isEmpty();

        when(authentication.getLoggedInUser()).thenReturn(null);
        assertThat(action().doExecute()).isEqualTo(FlowConfigAction.DENIED);
    }

    @Test
    void theProjectFlowPageCarriesTheProjectAndRequiresTheDashboardResources() {
        when(ft.getName()).thenReturn("Flow <Track>");
        FlowProjectAction action = new FlowProjectAction(access);
        action.setProjectKey("FT");
        assertThat(action.doExecute()).isEqualTo(FlowProjectAction.SUCCESS);
        RequiredResources resources = new RequiredResources();
        String html = velocity.render("templates/flowtrack/project.vm", action, Map.of("webResourceManager", resources));
        assertThat(html).contains("<title>Flow metrics: Flow &lt;Track&gt;</title>")
                .contains("<h1>Flow metrics of Flow &lt;Track&gt;</h1>")
                .contains("id=\"flowtrack-project\" class=\"ft-jira ft-jira-page\" data-project-key=\"FT\"")
                .doesNotContain("$");
        assertThat(resources.keys()).containsExactly("io.flowtrack.jira:flowtrack-project-page");
    }

    @Test
    void theProjectFlowPageIsDeniedToWhoeverMayNotBrowseTheProject() {
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, admin)).thenReturn(false);
        FlowProjectAction action = new FlowProjectAction(access);
        action.setProjectKey("FT");
        assertThat(action.doExecute()).isEqualTo(FlowProjectAction.DENIED);
        assertThat(velocity.render("templates/flowtrack/denied.vm", action, Map.of()))
                .contains("FT").contains("that you can browse.");
        when(authentication.getLoggedInUser()).thenReturn(null);
        assertThat(action.doExecute()).isEqualTo(FlowProjectAction.DENIED);
        assertThat(action.getPage()).isNull();
    }
}
