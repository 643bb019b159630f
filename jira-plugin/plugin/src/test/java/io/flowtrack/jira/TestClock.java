package io.flowtrack.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock a test sets and moves. */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    public TestClock(String start) {
        this.now = new AtomicReference<>(Instant.parse(start));
    }

    public void set(String instant) {
        now.set(Instant.parse(instant));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
