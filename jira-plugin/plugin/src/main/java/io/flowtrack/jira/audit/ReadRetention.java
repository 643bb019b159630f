package io.flowtrack.jira.audit;

/**
 * How long report reads stay in the audit: at most {@code days} days and at most {@code maxRows} rows (the oldest go
 * first), whichever is reached first.
 */
public record ReadRetention(int days, int maxRows) {
    public static final String DAYS_PROPERTY = "flowtrack.audit.readDays";
    public static final String MAX_ROWS_PROPERTY = "flowtrack.audit.maxReads";
    public static final int DEFAULT_DAYS = 90;
    public static final int DEFAULT_MAX_ROWS = 100_000;

    public ReadRetention {
        if (days < 1 || maxRows < 1) {
            throw new IllegalArgumentException("retention must be positive: days " + days + ", maxRows " + maxRows);
        }
    }

    /** The defaults, or the JVM's {@value #DAYS_PROPERTY} / {@value #MAX_ROWS_PROPERTY} when they are positive. */
    public static ReadRetention fromSystemProperties() {
        return new ReadRetention(positive(Integer.getInteger(DAYS_PROPERTY), DEFAULT_DAYS),
                positive(Integer.getInteger(MAX_ROWS_PROPERTY), DEFAULT_MAX_ROWS));
    }

    private static int positive(Integer configured, int fallback) {
        return configured == null || configured < 1 ? fallback : configured;
    }
}
