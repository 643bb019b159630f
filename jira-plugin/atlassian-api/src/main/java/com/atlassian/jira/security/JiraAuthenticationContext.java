/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 9.12-11.x [SP]. getLoggedInUser()Lcom/atlassian/jira/user/ApplicationUser; 8.20-11.x [CD, SP].
 */
package com.atlassian.jira.security;

import com.atlassian.jira.user.ApplicationUser;

public interface JiraAuthenticationContext {
    ApplicationUser getLoggedInUser();
}
