package io.flowtrack.jira.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.search.SearchException;
import com.atlassian.jira.issue.search.SearchResults;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.util.MessageSet;
import com.atlassian.jira.web.bean.PagerFilter;
import com.atlassian.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;

class IssueSearchTest {
    private final SearchService searchService = mock(SearchService.class);
    private final ApplicationUser alice = mock(ApplicationUser.class);
    private final Query query = mock(Query.class);
    private final SearchService.ParseResult parsed = mock(SearchService.ParseResult.class);
    private final MessageSet noErrors = mock(MessageSet.class);

    @BeforeEach
    void parses() {
        when(searchService.parseQuery(alice, "project = 10000")).thenReturn(parsed);
        when(parsed.isValid()).thenReturn(true);
        when(parsed.getQuery()).thenReturn(query);
        when(searchService.validateQuery(alice, query)).thenReturn(noErrors);
    }

    private static List<Issue> issues(long from, long to) {
        return LongStream.range(from, to).mapToObj(id -> {
            Issue issue = mock(Issue.class);
            when(issue.getId()).thenReturn(id);
            return issue;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static SearchResults<Issue> page(List<Issue> issues) {
        SearchResults<Issue> results = mock(SearchResults.class);
        when(results.getResults()).thenReturn(issues);
        return results;
    }

    @Test
    void readsEveryPageAsTheUserWithBoundedPages() throws SearchException {
        when(searchService.searchCount(alice, query)).thenReturn(25L);
        List<Issue> all = issues(0, 25);
        List<List<Integer>> pagers = new ArrayList<>();
        try (MockedConstruction<PagerFilter> constructed = mockConstruction(PagerFilter.class,
                (mock, context) -> pagers.add(List.of((Integer) context.arguments().get(0),
                        (Integer) context.arguments().get(1))))) {
            SearchResults<Issue> p1 = page(all.subList(0, 10));
            SearchResults<Issue> p2 = page(all.subList(10, 20));
            SearchResults<Issue> p3 = page(all.subList(20, 25));
            when(searchService.search(eq(alice), eq(query), any())).thenReturn(p1, p2, p3);
            List<Issue> found = new IssueSearch(searchService, new SearchLimits(100, 10)).find(alice, "project = 10000");
            assertThat(found).containsExactlyElementsOf(all);
            assertThat(pagers).containsExactly(List.of(0, 10), List.of(10, 10), List.of(20, 10));
            assertThat(constructed.constructed()).hasSize(3);
        }
    }

    @Test
    void anIssueSeenOnTwoPagesIsKeptOnce() throws SearchException {
        when(searchService.searchCount(alice, query)).thenReturn(4L);
        List<Issue> all = issues(0, 4);
        SearchResults<Issue> p1 = page(all.subList(0, 2));
        SearchResults<Issue> p2 = page(all.subList(1, 3));
        SearchResults<Issue> p3 = page(all.subList(3, 4));
        when(searchService.search(eq(alice), eq(query), any())).thenReturn(p1, p2, p3);
        assertThat(new IssueSearch(searchService, new SearchLimits(100, 2)).find(alice, "project = 10000"))
                .containsExactlyElementsOf(all);
    }

    @Test
    void moreIssuesThanTheLimitAreRefusedBeforeAnythingIsRead() throws SearchException {
        when(searchService.searchCount(alice, query)).thenReturn(20_001L);
        assertThatThrownBy(() -> new IssueSearch(searchService, new SearchLimits(20_000, 500)).find(alice,
                "project = 10000"))
                .isInstanceOf(TooManyIssuesException.class)
                .hasMessageContaining("20,001 issues match")
                .hasMessageContaining("at most 20,000")
                .hasMessageContaining(SearchLimits.MAX_ISSUES_PROPERTY);
        verify(searchService, never()).search(any(), any(), any());
    }

    @Test
    void issuesCreatedWhileReadingCannotPushPastTheLimit() throws SearchException {
        when(searchService.searchCount(alice, query)).thenReturn(4L);
        SearchResults<Issue> p1 = page(issues(0, 3));
        SearchResults<Issue> p2 = page(issues(3, 6));
        when(searchService.search(eq(alice), eq(query), any())).thenReturn(p1, p2);
        assertThatThrownBy(() -> new IssueSearch(searchService, new SearchLimits(4, 3)).find(alice, "project = 10000"))
                .isInstanceOf(TooManyIssuesException.class);
    }

    @Test
    void jqlThatDoesNotParseIsRefusedWithJiraMessages() {
        when(searchService.parseQuery(alice, "projekt = X")).thenReturn(parsed);
        when(parsed.isValid()).thenReturn(false);
        MessageSet errors = mock(MessageSet.class);
        when(errors.getErrorMessages()).thenReturn(Set.of("Field 'projekt' does not exist."));
        when(parsed.getErrors()).thenReturn(errors);
        assertThatThrownBy(() -> new IssueSearch(searchService, new SearchLimits(10, 10)).find(alice, "projekt = X"))
                .isInstanceOf(SelectionException.class)
                .satisfies(e -> assertThat(((SelectionException) e).problems())
                        .containsExactly("Field 'projekt' does not exist."));
    }

    @Test
    void jqlThatDoesNotValidateForTheUserIsRefused() {
        when(noErrors.hasAnyErrors()).thenReturn(true);
        when(noErrors.getErrorMessages()).thenReturn(Set.of("The value '10100' does not exist for the field 'filter'."));
        assertThatThrownBy(() -> new IssueSearch(searchService, new SearchLimits(10, 10)).find(alice,
                "project = 10000"))
                .isInstanceOf(SelectionException.class).hasMessageContaining("does not exist for the field 'filter'");
    }
}
