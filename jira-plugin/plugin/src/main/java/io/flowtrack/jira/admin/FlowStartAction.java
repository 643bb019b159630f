package io.flowtrack.jira.admin;

import com.atlassian.jira.security.request.RequestMethod;
import com.atlassian.jira.security.request.SupportedMethods;
import com.atlassian.jira.web.action.JiraWebActionSupport;
import io.flowtrack.jira.rest.Access;
import io.flowtrack.jira.rest.ApiException;

/**
 * UPM's "Configure" and "Get started" page ({@code /secure/FlowTrackStart.jspa}, the descriptor's
 * {@code configure.url} and {@code post.install.url}). FlowTrack has no global settings: it is configured per
 * project, so the page says where (Project settings → FlowTrack settings) and where the charts are. It shows no
 * data; it still asks for a logged-in user, as every FlowTrack page does.
 */
public class FlowStartAction extends JiraWebActionSupport {
    static final String SUCCESS = "success";
    static final String DENIED = "denied";

    private final Access access;
    private String deniedMessage = "";

    public FlowStartAction(Access access) {
        this.access = access;
    }

    @Override
    @SupportedMethods(RequestMethod.GET)
    public String doExecute() {
        try {
            access.user();
            return SUCCESS;
        } catch (ApiException e) {
            deniedMessage = e.getMessage();
            return DENIED;
        }
    }

    public String getDeniedMessage() {
        return deniedMessage;
    }
}
