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
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
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
    private VelocityEngine velocity;
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

        velocity = new VelocityEngine();
        velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        velocity.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        velocity.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        velocity.init();
        i18n = new Properties();
        try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/i18n/flowtrack.properties"),
                StandardCharsets.UTF_8)) {
            i18n.load(in);
        }
    }

    @AfterEach
    void close() {
        ao.close();
    }

    /** Jira's $i18n: text by key, with {0}-style arguments. */
    public final class I18n {
        public String getText(String key) {
            String text = i18n.getProperty(key);
            assertThat(text).as("i18n key " + key).isNotNull();
            return new MessageFormat(text).format(new Object[0]);
        }

        public String getText(String key, Object arg) {
            assertThat(i18n.getProperty(key)).as("i18n key " + key).isNotNull();
            return new MessageFormat(i18n.getProperty(key)).format(new Object[] {arg});
        }
    }

    private String render(String view, FlowConfigAction action) {
        VelocityContext context = new VelocityContext();
        context.put("action", action);
        context.put("i18n", new I18n());
        context.put("atl_token", "token-123");
        EventCartridge escaping = new EventCartridge();
        escaping.addEventHandler(new EscapeHtmlReference());
        escaping.attachToContext(context);
        // Jira's Velocity defines this; here it is a no-op (escaping is on for the whole template above).
        String source = "#macro(enable_html_escaping)#end";
        StringWriter out = new StringWriter();
        velocity.evaluate(context, out, "macros", source);
        Template template = velocity.getTemplate(view, "UTF-8");
        template.merge(context, out);
        return out.toString();
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
}
