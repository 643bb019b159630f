package io.flowtrack.jira.admin;

/** What the project flow page's template shows: the project, nothing else (the charts load their own data). */
public record FlowProjectPage(String projectKey, String projectName) {
}
