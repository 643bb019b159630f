package io.flowtrack.jira.admin;

import com.atlassian.jira.project.Project;
import com.atlassian.jira.security.request.RequestMethod;
import com.atlassian.jira.security.request.SupportedMethods;
import com.atlassian.jira.security.xsrf.RequiresXsrfCheck;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.web.action.JiraWebActionSupport;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.jira.config.FlowConfigJson;
import io.flowtrack.jira.config.FlowConfigService;
import io.flowtrack.jira.rest.Access;
import io.flowtrack.jira.rest.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * The project's FlowTrack settings page ({@code /secure/FlowTrackConfig.jspa?projectKey=KEY}), for project
 * administrators and Jira administrators: shows the configuration and edits it as JSON (the same body as
 * {@code PUT /rest/flowtrack/1.0/config/KEY}). Saving and resetting are XSRF-checked commands; every change goes
 * through {@link FlowConfigService}, so it is validated and audited exactly like the REST call.
 */
public class FlowConfigAction extends JiraWebActionSupport {
    static final String SUCCESS = "success";
    static final String DENIED = "denied";

    private final Access access;
    private final FlowConfigService configs;
    private final FlowConfigJson json = new FlowConfigJson();
    private String projectKey;
    private String config;
    private FlowConfigPage page;
    private String deniedMessage = "";

    public FlowConfigAction(Access access, FlowConfigService configs) {
        this.access = access;
        this.configs = configs;
    }

    public void setProjectKey(String projectKey) {
        this.projectKey = projectKey;
    }

    public void setConfig(String config) {
        this.config = config;
    }

    /** The page: GET only (it changes nothing). */
    @Override
    @SupportedMethods(RequestMethod.GET)
    protected String doExecute() {
        return withProject((user, project) -> show(project, "", List.of(), null));
    }

    @RequiresXsrfCheck
    @SupportedMethods(RequestMethod.POST)
    public String doSave() {
        return withProject((user, project) -> {
            try {
                configs.save(project.getId(), config, user.getKey());
                return show(project, "saved", List.of(), null);
            } catch (IllegalArgumentException e) {
                return show(project, "", List.of(e.getMessage().split("\n")), config);
            }
        });
    }

    @RequiresXsrfCheck
    @SupportedMethods(RequestMethod.POST)
    public String doReset() {
        return withProject((user, project) -> {
            configs.reset(project.getId(), user.getKey());
            return show(project, "reset", List.of(), null);
        });
    }

    public FlowConfigPage getPage() {
        return page;
    }

    public String getDeniedMessage() {
        return deniedMessage;
    }

    private interface ProjectCommand {
        String run(ApplicationUser user, Project project);
    }

    private String withProject(ProjectCommand command) {
        try {
            ApplicationUser user = access.user();
            return command.run(user, access.administrable(user, projectKey));
        } catch (ApiException e) {
            deniedMessage = e.getMessage();
            return DENIED;
        }
    }

    private String show(Project project, String notice, List<String> errors, String submitted) {
        Optional<FlowConfig> stored = configs.find(project.getId());
        String text = submitted != null ? submitted
                : stored.map(c -> json.toJson(c).toPrettyString()).orElse(DEFAULT_EXAMPLE);
        page = FlowConfigPage.of(project.getKey(), project.getName(), stored.orElse(null), text, notice, errors);
        return SUCCESS;
    }

    /** What the editor starts from for a project without configuration: fill in your status ids. */
    static final String DEFAULT_EXAMPLE = """
            {
              "stages": [
                {"name": "To Do", "category": "proposed", "statuses": []},
                {"name": "In Progress", "category": "active", "statuses": []},
                {"name": "In Review", "category": "waiting", "statuses": []},
                {"name": "Done", "category": "done", "statuses": []}
              ],
              "commitmentStage": "In Progress",
              "startPolicy": "first",
              "sle": {"days": 14, "percentile": 85},
              "includeTitles": false,
              "blockedField": "Flagged",
              "calendar": null
            }""";
}
