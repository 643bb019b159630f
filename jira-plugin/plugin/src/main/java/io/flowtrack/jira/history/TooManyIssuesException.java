package io.flowtrack.jira.history;

/** More issues match than one report may read; the message says how many and what to do. */
public final class TooManyIssuesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long matching;
    private final int limit;

    public TooManyIssuesException(long matching, int limit) {
        super(String.format("%,d issues match, but a report reads at most %,d. Narrow the selection (for example "
                + "add \"AND updated >= -180d\" or pick a board's filter), or ask a Jira administrator to raise the "
                + "limit (system property %s).", matching, limit, SearchLimits.MAX_ISSUES_PROPERTY));
        this.matching = matching;
        this.limit = limit;
    }

    public long matching() {
        return matching;
    }

    public int limit() {
        return limit;
    }
}
