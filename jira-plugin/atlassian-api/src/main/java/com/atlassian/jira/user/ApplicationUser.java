/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 7.x-11.x [J7, CD, SP, MS]. getKey()Ljava/lang/String; — the stable user id: 9.12-11.x [SP].
 */
package com.atlassian.jira.user;

public interface ApplicationUser {
    String getKey();
}
