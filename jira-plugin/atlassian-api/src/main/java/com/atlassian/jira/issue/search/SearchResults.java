/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class, generic since 8.0 [CD 8.20: new SearchResults<Issue>(List, int, int, int)].
 * getResults()Ljava/util/List; [CD]. (7.x getIssues() is gone since 8.0 — not used.)
 */
package com.atlassian.jira.issue.search;

import java.util.List;

public class SearchResults<T> {
    public List<T> getResults() {
        throw new UnsupportedOperationException("declaration only");
    }
}
