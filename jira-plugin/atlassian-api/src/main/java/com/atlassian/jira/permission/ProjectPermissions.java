/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class with static constants [CD, SP static imports]. Fields BROWSE_PROJECTS and ADMINISTER_PROJECTS,
 * descriptor Lcom/atlassian/jira/security/plugin/ProjectPermissionKey; (8.20-11.x [CD, SP]).
 */
package com.atlassian.jira.permission;

import com.atlassian.jira.security.plugin.ProjectPermissionKey;

public final class ProjectPermissions {
    public static final ProjectPermissionKey BROWSE_PROJECTS = new ProjectPermissionKey("BROWSE_PROJECTS");
    public static final ProjectPermissionKey ADMINISTER_PROJECTS = new ProjectPermissionKey("ADMINISTER_PROJECTS");

    private ProjectPermissions() {
    }
}
