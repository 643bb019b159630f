/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [CD 8.20]. getId/getName: 8.20 [CD]. getStatusCategory()Lcom/atlassian/jira/issue/status/category/StatusCategory;
 * found by the search tool in in-process plugin code (AdminPageData, imports com.atlassian.jira.issue.status.Status and
 * calls s.getStatusCategory().getKey()) and a Jira 6.1 MockSimpleStatus; confidence V1 (was INF in the notes).
 */
package com.atlassian.jira.issue.status;

import com.atlassian.jira.issue.status.category.StatusCategory;

public interface Status {
    String getId();

    String getName();

    StatusCategory getStatusCategory();
}
