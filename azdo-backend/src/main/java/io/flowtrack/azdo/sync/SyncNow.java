package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.model.OrgId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Sync now": runs a project's sync on a small pool of its own (two at a time, beside the scheduler's) and waits a
 * bounded time for it; a sync still running then goes on in the background and shows in the sync status when done.
 */
public final class SyncNow implements AutoCloseable {
    /** How a sync asked for now ended, as far as the caller waited. */
    public sealed interface Answer {
    }

    /** The sync finished within the wait. */
    public record Finished(ProjectSync.Result result) implements Answer {
    }

    /** The wait ran out; the sync goes on. */
    public record StillRunning() implements Answer {
    }

    /** The sync threw (a failure on our side, not Azure DevOps'). */
    public record Failed(Throwable cause) implements Answer {
    }

    private final ProjectSync sync;
    private final Duration wait;
    private final SyncScheduler.RunListener listener;
    private final ExecutorService pool;

    /**
     * @param wait     how long {@link #run} waits before answering {@link StillRunning} ({@code FLOWTRACK_SYNC_NOW_WAIT})
     * @param listener told about every run when it ends, as the scheduler's runs are (metrics), also when the caller
     *                 stopped waiting for it
     */
    public SyncNow(ProjectSync sync, Duration wait, SyncScheduler.RunListener listener) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "flowtrack-sync-now");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the project's sync and waits for it up to the configured time. */
    public Answer run(OrgId org, String projectId) throws InterruptedException {
        Future<ProjectSync.Result> running = pool.submit(() -> listener.run(sync, org, projectId));
        try {
            return new Finished(running.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new StillRunning();
        } catch (ExecutionException e) {
            return new Failed(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
