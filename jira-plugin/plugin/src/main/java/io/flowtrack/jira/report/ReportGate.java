package io.flowtrack.jira.report;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code maxConcurrent} report computations at once on this node (history read, engine, per cache miss);
 * one more is refused at once with {@link ReportsBusyException} (a 503 with {@code Retry-After}) instead of queueing
 * behind the others on Jira's request threads. Per node by design: each Data Center node protects its own heap and
 * CPU, and a load balancer spreads the users.
 *
 * <p>Configured per node with the JVM's {@value #MAX_CONCURRENT_PROPERTY} (default {@value #DEFAULT_MAX_CONCURRENT})
 * and {@value #RETRY_AFTER_PROPERTY} (seconds, default {@value #DEFAULT_RETRY_AFTER_SECONDS}), e.g. in setenv.sh.
 */
public final class ReportGate {
    public static final String MAX_CONCURRENT_PROPERTY = "flowtrack.reports.maxConcurrent";
    public static final String RETRY_AFTER_PROPERTY = "flowtrack.reports.retryAfterSeconds";
    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;
    /** The longest Retry-After this gate will tell a client, whatever is configured. */
    public static final int MAX_RETRY_AFTER_SECONDS = 120;

    private final int maxConcurrent;
    private final int retryAfterSeconds;
    private final Semaphore permits;

    public ReportGate(int maxConcurrent, int retryAfterSeconds) {
        if (maxConcurrent < 1 || retryAfterSeconds < 1 || retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1 and retryAfterSeconds 1 to "
                    + MAX_RETRY_AFTER_SECONDS + ": " + maxConcurrent + ", " + retryAfterSeconds);
        }
        this.maxConcurrent = maxConcurrent;
        this.retryAfterSeconds = retryAfterSeconds;
        this.permits = new Semaphore(maxConcurrent);
    }

    /** The defaults, or the node's system properties where they are valid. */
    public static ReportGate fromSystemProperties() {
        Integer max = Integer.getInteger(MAX_CONCURRENT_PROPERTY);
        Integer retry = Integer.getInteger(RETRY_AFTER_PROPERTY);
        return new ReportGate(max == null || max < 1 ? DEFAULT_MAX_CONCURRENT : max,
                retry == null || retry < 1 || retry > MAX_RETRY_AFTER_SECONDS ? DEFAULT_RETRY_AFTER_SECONDS : retry);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Runs the computation if a permit is free, else refuses it.
     *
     * @throws ReportsBusyException when {@code maxConcurrent} computations are running
     */
    public <T> T run(Supplier<T> computation) {
        if (!permits.tryAcquire()) {
            throw new ReportsBusyException(maxConcurrent, retryAfterSeconds);
        }
        try {
            return computation.get();
        } finally {
            permits.release();
        }
    }
}
