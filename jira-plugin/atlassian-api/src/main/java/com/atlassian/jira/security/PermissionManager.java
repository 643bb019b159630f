/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 7.x-11.x [J7, CD, SP]. hasPermission(ProjectPermissionKey, Project, ApplicationUser)Z:
 * 7.x-11.x [J7, CD, SP]; the key's package com.atlassian.jira.security.plugin is confirmed by Jira's own
 * ProjectPermissions source and plugin imports (search tool; was INF in the notes).
 */
package com.atlassian.jira.security;

import com.atlassian.jira.project.Project;
import com.atlassian.jira.security.plugin.ProjectPermissionKey;
import com.atlassian.jira.user.ApplicationUser;

public interface PermissionManager {
    boolean hasPermission(ProjectPermissionKey permission, Project project, ApplicationUser user);
}
