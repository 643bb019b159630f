package io.flowtrack.jira.admin;

import com.atlassian.jira.project.Project;
import com.atlassian.jira.security.request.RequestMethod;
import com.atlassian.jira.security.request.SupportedMethods;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.web.action.JiraWebActionSupport;
import io.flowtrack.jira.rest.Access;
import io.flowtrack.jira.rest.ApiException;

/**
 * A project's flow page ({@code /secure/FlowTrackProject.jspa?projectKey=KEY}): the whole shared dashboard for
 * everyone who may browse the project. The page itself carries only the project's key and name; the charts read
 * the report (and the user's saved controls) from the REST API, which checks the user again on every call.
 */
public class FlowProjectAction extends JiraWebActionSupport {
    static final String SUCCESS = "success";
    static final String DENIED = "denied";

    private final Access access;
    private String projectKey;
    private FlowProjectPage page;
    private String deniedMessage = "";

    public FlowProjectAction(Access access) {
        this.access = access;
    }

    public void setProjectKey(String projectKey) {
        this.projectKey = projectKey;
    }

    /** Webwork's command (it calls this through {@code execute()}); public so a test can run the page as Jira would. */
    @Override
    @SupportedMethods(RequestMethod.GET)
    public String doExecute() {
        try {
            ApplicationUser user = access.user();
            Project project = access.browsable(user, projectKey);
            page = new FlowProjectPage(project.getKey(), project.getName());
            return SUCCESS;
        } catch (ApiException e) {
            deniedMessage = e.getMessage();
            return DENIED;
        }
    }

    public FlowProjectPage getPage() {
        return page;
    }

    public String getDeniedMessage() {
        return deniedMessage;
    }
}
