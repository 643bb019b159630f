/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [CD, SP, MS: 8.20, 9.12, 10.3, 11.x].
 * getId/getKey/getSummary/getIssueType: 8.20-11.x [CD, SP]. getStatus: 8.20 [CD], 10.3 [SP velocity allow-list
 * IssueImpl#getStatus()]. getCreated: 8.20 [CD]; the java.sql.Timestamp return is consistent with ChangeHistory
 * (reference file line, not marked unverified). getUpdated: 8+ [GRV], Timestamp like getCreated.
 * Source: ../shared/notes/jira-api-reference.txt.
 */
package com.atlassian.jira.issue;

import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.status.Status;
import java.sql.Timestamp;

public interface Issue {
    Long getId();

    String getKey();

    String getSummary();

    Status getStatus();

    IssueType getIssueType();

    Timestamp getCreated();

    Timestamp getUpdated();
}
