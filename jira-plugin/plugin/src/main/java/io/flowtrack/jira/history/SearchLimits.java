package io.flowtrack.jira.history;

/**
 * How much one report may read: at most {@code maxIssues} issues, fetched {@code pageSize} at a time.
 *
 * @param maxIssues most issues per report
 * @param pageSize  issues per search page
 */
public record SearchLimits(int maxIssues, int pageSize) {
    public static final String MAX_ISSUES_PROPERTY = "flowtrack.maxIssues";
    public static final int DEFAULT_MAX_ISSUES = 20_000;
    public static final int DEFAULT_PAGE_SIZE = 500;

    public SearchLimits {
        if (maxIssues < 1 || pageSize < 1) {
            throw new IllegalArgumentException("limits must be positive: maxIssues " + maxIssues + ", pageSize "
                    + pageSize);
        }
    }

    /** The defaults, or the JVM's {@value #MAX_ISSUES_PROPERTY} (set per node, e.g. in setenv.sh) when it is valid. */
    public static SearchLimits fromSystemProperties() {
        Integer configured = Integer.getInteger(MAX_ISSUES_PROPERTY);
        int max = configured == null || configured < 1 ? DEFAULT_MAX_ISSUES : configured;
        return new SearchLimits(max, DEFAULT_PAGE_SIZE);
    }
}
