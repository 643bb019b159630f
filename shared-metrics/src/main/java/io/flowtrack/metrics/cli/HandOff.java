package io.flowtrack.metrics.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands items, in batches and in order, to one worker thread that feeds them to a consumer: the command
 * line parses a history on one core while the engine walks the items on the other. Use from one
 * thread; {@link #finish()} waits for the worker and rethrows what it threw; {@link #abort()} stops it.
 */
final class HandOff<T> implements Consumer<T> {
    private static final int BATCH = 1_024;
    private final BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(16);
    private final List<T> end = new ArrayList<>(0);
    private final Thread worker;
    private volatile Throwable failure;
    private List<T> batch = new ArrayList<>(BATCH);

    HandOff(Consumer<T> target, String name) {
        worker = new Thread(() -> {
            try {
                for (List<T> next = queue.take(); next != end; next = queue.take()) {
                    for (T item : next) {
                        target.accept(item);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // aborted
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void accept(T item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Hands over what is left, waits until the worker has taken everything, rethrows its failure. */
    void finish() {
        put(batch);
        put(end);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        }
        rethrow();
    }

    /** Stops the worker without waiting for the rest. */
    void abort() {
        worker.interrupt();
    }

    private void put(List<T> next) {
        try {
            while (!queue.offer(next, 50, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the engine's worker stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new IllegalStateException("interrupted while handing items to the engine", e);
        }
    }

    private void rethrow() {
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }
}
