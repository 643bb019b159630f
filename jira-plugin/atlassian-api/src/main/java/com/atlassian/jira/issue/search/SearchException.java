/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: checked exception class, thrown by SearchService.search/searchCount [CD 8.20 throws clauses].
 */
package com.atlassian.jira.issue.search;

public class SearchException extends Exception {
    private static final long serialVersionUID = 1L;
}
