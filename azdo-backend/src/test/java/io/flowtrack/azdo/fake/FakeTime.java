package io.flowtrack.azdo.fake;

import io.flowtrack.azdo.extract.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told to or when something sleeps on it; sleeping returns at once and is
 * recorded, so tests run fast and can assert every wait that was asked for.
 */
public final class FakeTime extends Clock implements RetryPolicy.Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    public FakeTime() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** A policy on this time with the given settings and a fixed jitter (0: the shortest backoff). */
    public RetryPolicy policy(RetryPolicy.Settings settings, double jitter) {
        return new RetryPolicy(settings, this, this, () -> jitter);
    }

    /** Default settings (6 attempts, 3 malformed, backoff from 1 s), jitter 0. */
    public RetryPolicy policy() {
        return policy(RetryPolicy.Settings.defaults(), 0.0);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
