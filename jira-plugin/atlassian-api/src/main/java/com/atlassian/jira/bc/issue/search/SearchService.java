/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface; ParseResult is a nested class (SearchService$ParseResult) [CD 8.20: a class implementing
 * SearchService and constructing ParseResult(Query, MessageSet)]. Descriptors from the reference file:
 * search(ApplicationUser, Query, PagerFilter) -> SearchResults throws SearchException; searchCount -> long (J);
 * parseQuery(ApplicationUser, String) -> SearchService$ParseResult; validateQuery(ApplicationUser, Query) -> MessageSet.
 * 9.12/10.x not re-verified from source (believed unchanged since 8.0, notes §3).
 */
package com.atlassian.jira.bc.issue.search;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.search.SearchException;
import com.atlassian.jira.issue.search.SearchResults;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.jira.web.bean.PagerFilter;
import com.atlassian.query.Query;

public interface SearchService {
    SearchResults<Issue> search(ApplicationUser user, Query query, PagerFilter<?> pager) throws SearchException;

    long searchCount(ApplicationUser user, Query query) throws SearchException;

    ParseResult parseQuery(ApplicationUser user, String jql);

    MessageSet validateQuery(ApplicationUser user, Query query);

    class ParseResult {
        public Query getQuery() {
            throw new UnsupportedOperationException("declaration only");
        }

        public MessageSet getErrors() {
            throw new UnsupportedOperationException("declaration only");
        }

        public boolean isValid() {
            throw new UnsupportedOperationException("declaration only");
        }
    }
}
