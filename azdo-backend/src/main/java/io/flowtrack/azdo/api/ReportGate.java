package io.flowtrack.azdo.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the report computations that run at once (each holds a project's items and a report being composed in
 * memory, and keeps a core busy): at most {@code concurrent} run, at most {@code queue} wait, first come first
 * served, each at most {@code maxWait}; a request beyond the queue, or that waited too long, gets 503 with
 * {@code Retry-After} at once instead of piling up threads and memory. Cache hits do not pass through it.
 */
public final class ReportGate {
    private final Semaphore running;
    private final int concurrent;
    private final int queue;
    private final Duration maxWait;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger shed = new AtomicInteger();

    public ReportGate(int concurrent, int queue, Duration maxWait) {
        if (concurrent < 1 || queue < 0) {
            throw new IllegalArgumentException("at least one computation at once, and a queue of 0 or more");
        }
        this.running = new Semaphore(concurrent, true);
        this.concurrent = concurrent;
        this.queue = queue;
        this.maxWait = maxWait;
    }

    /** No bound worth the name: for tests and tools. */
    public static ReportGate unbounded() {
        return new ReportGate(Integer.MAX_VALUE / 2, 0, Duration.ZERO);
    }

    /**
     * Runs {@code computation} when a slot is free.
     *
     * @throws OverloadedException when the queue is full or the wait exceeded its bound (nothing ran)
     */
    public <T> T run(Supplier<T> computation) {
        if (inside.incrementAndGet() > concurrent + queue) {
            inside.decrementAndGet();
            shed.incrementAndGet();
            throw new OverloadedException("too many reports are being computed; try again in a few seconds",
                    retryAfterSeconds());
        }
        boolean acquired = false;
        try {
            acquired = running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (!acquired) {
                shed.incrementAndGet();
                throw new OverloadedException("the report waited too long for its turn; try again in a few seconds",
                        retryAfterSeconds());
            }
            return computation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("the report was interrupted while waiting; try again", retryAfterSeconds());
        } finally {
            if (acquired) {
                running.release();
            }
            inside.decrementAndGet();
        }
    }

    /** Computations running or waiting now. */
    public int inside() {
        return inside.get();
    }

    /** Requests refused with 503 so far (for metrics). */
    public int shed() {
        return shed.get();
    }

    private int retryAfterSeconds() {
        return (int) Math.max(1, Math.min(30, maxWait.toSeconds() / 2));
    }
}
