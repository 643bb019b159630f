package io.flowtrack.jira.history;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.search.SearchException;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.jira.web.bean.PagerFilter;
import com.atlassian.query.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the issues of a selection <em>as the requesting user</em>: Jira's search applies that user's browse
 * permissions and issue security, so a report never sees an issue its reader could not open. The count comes
 * first, so an oversized request is refused before anything is read; then pages of bounded size are fetched
 * (never the unlimited pager), and an issue that moves between pages while they are read is kept once.
 */
public final class IssueSearch {
    private final SearchService search;
    private final SearchLimits limits;

    public IssueSearch(SearchService search, SearchLimits limits) {
        this.search = search;
        this.limits = limits;
    }

    /** Issues per search page; a report reads change history a page at a time. */
    public int pageSize() {
        return limits.pageSize();
    }

    /**
     * @throws SelectionException     when the JQL does not parse or validate for this user
     * @throws TooManyIssuesException when more issues match than one report may read
     */
    public List<Issue> find(ApplicationUser user, String jql) {
        SearchService.ParseResult parsed = search.parseQuery(user, jql);
        if (!parsed.isValid()) {
            throw new SelectionException(messages(parsed.getErrors(), "the JQL query does not parse"));
        }
        Query query = parsed.getQuery();
        MessageSet validation = search.validateQuery(user, query);
        if (validation != null && validation.hasAnyErrors()) {
            throw new SelectionException(messages(validation, "the JQL query is not valid"));
        }
        try {
            long count = search.searchCount(user, query);
            if (count > limits.maxIssues()) {
                throw new TooManyIssuesException(count, limits.maxIssues());
            }
            List<Issue> issues = new ArrayList<>((int) count);
            Set<Long> seen = new HashSet<>();
            for (int start = 0; ; start += limits.pageSize()) {
                List<Issue> page = search.search(user, query, new PagerFilter<Issue>(start, limits.pageSize()))
                        .getResults();
                for (Issue issue : page) {
                    if (seen.add(issue.getId())) {
                        issues.add(issue);
                    }
                }
                if (issues.size() > limits.maxIssues()) {
                    // Issues were created while the pages were read.
                    throw new TooManyIssuesException(issues.size(), limits.maxIssues());
                }
                if (page.size() < limits.pageSize()) {
                    return issues;
                }
            }
        } catch (SearchException e) {
            // Neither Jira's message nor the exception itself: either may quote the JQL, which must not reach the log.
            throw new IllegalStateException("Jira's search failed (" + e.getClass().getName() + ")");
        }
    }

    private static List<String> messages(MessageSet set, String fallback) {
        List<String> messages = set == null || set.getErrorMessages() == null ? List.of()
                : List.copyOf(set.getErrorMessages());
        return messages.isEmpty() ? List.of(fallback) : messages;
    }
}
