package io.flowtrack.metrics.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Turns instants into calendar days of the report's time zone. Days are epoch-day numbers
 * ({@link LocalDate#toEpochDay()}) so that day arithmetic is integer arithmetic.
 */
public final class DayClock {
    private static final long SECONDS_PER_DAY = 86_400L;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final int fixedOffsetSeconds;
    private final boolean fixed;

    public DayClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffsetSeconds = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The epoch day on which the instant falls in this zone. */
    public long day(Instant instant) {
        int offset = fixed ? fixedOffsetSeconds : rules.getOffset(instant).getTotalSeconds();
        return Math.floorDiv(instant.getEpochSecond() + offset, SECONDS_PER_DAY);
    }

    public LocalDate date(Instant instant) {
        return LocalDate.ofEpochDay(day(instant));
    }

    /** The last instant of a day in this zone: the moment a date given as {@code asOf} stands for. */
    public Instant endOfDay(LocalDate date) {
        return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
    }

    /** The first instant of a day in this zone. */
    public Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

}
