package io.flowtrack.jira.rest;

import com.atlassian.jira.permission.GlobalPermissionKey;
import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;

/**
 * The permission checks every resource method makes itself (zero trust: the REST layer's own access
 * annotation is a second line, not the only one). A project the user may not browse answers exactly like
 * a project that does not exist, so keys cannot be probed.
 */
public final class Access {
    private final JiraAuthenticationContext authentication;
    private final ProjectManager projects;
    private final PermissionManager permissions;
    private final GlobalPermissionManager globalPermissions;

    public Access(JiraAuthenticationContext authentication, ProjectManager projects, PermissionManager permissions,
                  GlobalPermissionManager globalPermissions) {
        this.authentication = authentication;
        this.projects = projects;
        this.permissions = permissions;
        this.globalPermissions = globalPermissions;
    }

    /** The logged-in user; 401 for anonymous requests. */
    public ApplicationUser user() {
        ApplicationUser user = authentication.getLoggedInUser();
        if (user == null) {
            throw ApiException.unauthenticated();
        }
        return user;
    }

    /** A project the user may browse; 404 otherwise. */
    public Project browsable(ApplicationUser user, String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw ApiException.badRequest("project: a project key is required");
        }
        Project project = projects.getProjectByCurrentKey(key);
        if (project == null || !permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, project, user)) {
            throw ApiException.notFound("No project '" + key + "' that you can browse.");
        }
        return project;
    }

    /** A project the user administers (project admin or Jira admin); 403 if they may only browse it. */
    public Project administrable(ApplicationUser user, String key) {
        Project project = browsable(user, key);
        if (!permissions.hasPermission(ProjectPermissions.ADMINISTER_PROJECTS, project, user)
                && !globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, user)) {
            throw ApiException.forbidden("Only administrators of project " + project.getKey()
                    + " may change its FlowTrack configuration.");
        }
        return project;
    }

    /** The user, if a Jira administrator; 403 otherwise. */
    public ApplicationUser jiraAdministrator(ApplicationUser user) {
        if (!globalPermissions.hasPermission(GlobalPermissionKey.ADMINISTER, user)) {
            throw ApiException.forbidden("Only Jira administrators may read FlowTrack's audit of every report.");
        }
        return user;
    }
}
