/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 8.20-11.x [CD, SP]. getProjectByCurrentKey(Ljava/lang/String;)Lcom/atlassian/jira/project/Project;
 * 8.20, 9.12, 10.3, 11.x [CD, SP].
 */
package com.atlassian.jira.project;

public interface ProjectManager {
    Project getProjectByCurrentKey(String key);
}
