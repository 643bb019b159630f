package io.flowtrack.azdo.api;

/** The service has more report computations running and waiting than it takes: 503, try again after a while. */
public final class OverloadedException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(503, "overloaded", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What the {@code Retry-After} header says. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
