/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, extends IssueConstant (public copies of jira-api 6.x source: "public interface IssueType extends
 * IssueConstant"; 8.20-11.x plugins receive it from Issue.getIssueType() [CD, SP]).
 * getName()Ljava/lang/String; is declared on IssueConstant in the real binary; declaring it here is call-compatible
 * (invokeinterface resolves through super-interfaces, see the reference file's header). Confidence: V1 (6.x source).
 */
package com.atlassian.jira.issue.issuetype;

public interface IssueType {
    String getName();
}
