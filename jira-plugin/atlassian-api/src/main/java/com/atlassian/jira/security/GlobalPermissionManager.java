/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface (INF) [SP 9.12-11.x]. hasPermission(GlobalPermissionKey, ApplicationUser)Z [SP].
 */
package com.atlassian.jira.security;

import com.atlassian.jira.permission.GlobalPermissionKey;
import com.atlassian.jira.user.ApplicationUser;

public interface GlobalPermissionManager {
    boolean hasPermission(GlobalPermissionKey permission, ApplicationUser user);
}
