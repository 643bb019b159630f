package io.flowtrack.jira.report;

/** This node computes as many reports as it allows at once; the client should ask again after a pause. */
public final class ReportsBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public ReportsBusyException(int maxConcurrent, int retryAfterSeconds) {
        super("FlowTrack is computing " + maxConcurrent + " reports on this Jira node, as many as it allows at once."
                + " The dashboard asks again in " + retryAfterSeconds + " s.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
