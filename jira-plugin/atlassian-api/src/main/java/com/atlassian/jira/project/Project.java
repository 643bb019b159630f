/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 8.20-11.x [CD, SP, MS]. getId/getKey: 8.20-11.x; getName: 8.20 [CD].
 */
package com.atlassian.jira.project;

public interface Project {
    Long getId();

    String getKey();

    String getName();
}
