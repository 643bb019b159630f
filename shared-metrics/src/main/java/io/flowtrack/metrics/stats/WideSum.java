package io.flowtrack.metrics.stats;

import java.math.BigInteger;

/**
 * A sum of non-negative longs that cannot overflow: nanoseconds summed over many items exceed
 * {@link Long#MAX_VALUE} (2<sup>63</sup> ns is 292 years; a hundred thousand items of a month's cycle time
 * are 250 years). Kept as {@code high · 2^63 + low}; {@link #toDouble()} rounds the exact sum once, so a sum
 * that fits a long gives exactly {@code (double) sum}.
 */
public final class WideSum {
    private long high;
    private long low;

    /** @param value must not be negative */
    public void add(long value) {
        low += value;
        if (low < 0) { // passed 2^63: carry
            low &= Long.MAX_VALUE;
            high++;
        }
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** The sum, correctly rounded to a double. */
    public double toDouble() {
        if (high == 0) {
            return (double) low;
        }
        return BigInteger.valueOf(high).shiftLeft(63).add(BigInteger.valueOf(low)).doubleValue();
    }

    /** {@code this / divisor} as doubles, or {@code zero} when the divisor is zero. */
    public double over(WideSum divisor, double zero) {
        return divisor.isZero() ? zero : toDouble() / divisor.toDouble();
    }
}
