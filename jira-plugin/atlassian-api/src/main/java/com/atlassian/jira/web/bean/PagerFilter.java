/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class, @PublicApi [CD 8.20; J6 source]. Constructor (II)V = (start, max): J6 source (used by
 * newPageAlignedFilter), a Java plugin (new PagerFilter(0, 10) passed to search) and GRV on 8+
 * (searchService.search(user, query, new PagerFilter(0, 5))). Found with the search tool; V2 for 8+.
 */
package com.atlassian.jira.web.bean;

public class PagerFilter<T> {
    public PagerFilter(int start, int max) {
    }
}
