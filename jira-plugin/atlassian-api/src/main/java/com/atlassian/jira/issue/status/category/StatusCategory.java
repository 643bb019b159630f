/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface — Jira ships StatusCategoryImpl beside it (ConDec imports both; StatusCategoryManager
 * .getStatusCategoryByKey(String) returns it in a config-migration plugin). Package confirmed by many imports
 * (search tool, code corpus). getKey()Ljava/lang/String;: V1 usage (status.getStatusCategory().getKey().equals("done")).
 * Keys "new", "indeterminate", "done", "undefined": Jira REST status payloads (statusCategory.key) — compared as strings.
 */
package com.atlassian.jira.issue.status.category;

public interface StatusCategory {
    String getKey();
}
