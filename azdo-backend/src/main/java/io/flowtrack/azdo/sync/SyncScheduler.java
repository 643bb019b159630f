package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ProjectSync} for every enabled project of every connected organization, once per poll
 * interval, on one background thread. With several instances on one database each project is still
 * extracted by one instance at a time (the sync's lease). A failing project never stops the others.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    private final OrganizationStore organizations;
    private final ProjectStore projects;
    private final ProjectSync sync;
    private final ScheduledExecutorService executor;
    private final OrganizationLocator locator;
    private final RunListener listener;

    /** Told about every sync run, scheduled or asked for now (metrics). */
    @FunctionalInterface
    public interface RunListener {
        /** @param outcome the run's outcome, or null when it threw */
        void finished(ProjectSync.Outcome outcome, long revisions, Duration took);

        /**
         * Runs the project's sync and tells this listener how it ended and how long it took: its outcome, or null
         * when it threw (rethrown). An interrupted run is not told.
         */
        default ProjectSync.Result run(ProjectSync sync, OrgId org, String projectId) throws InterruptedException {
            long started = System.nanoTime();
            try {
                ProjectSync.Result result = sync.sync(org, projectId);
                finished(result.outcome(), result.revisions(), Duration.ofNanos(System.nanoTime() - started));
                return result;
            } catch (RuntimeException e) {
                finished(null, 0, Duration.ofNanos(System.nanoTime() - started));
                throw e;
            }
        }
    }

    public SyncScheduler(OrganizationStore organizations, ProjectStore projects, ProjectSync sync) {
        this(organizations, projects, sync, OrganizationLocator.off(), (outcome, revisions, took) -> { });
    }

    /**
     * @param locator  keeps a renamed organization's URL current before its projects are synced
     * @param listener told about every run (metrics)
     */
    public SyncScheduler(OrganizationStore organizations, ProjectStore projects, ProjectSync sync,
                         OrganizationLocator locator, RunListener listener) {
        this.locator = locator;
        this.listener = listener;
        this.organizations = organizations;
        this.projects = projects;
        this.sync = sync;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowtrack-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling: a first round soon after start, then one per interval. */
    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::runOnce, 5, interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** One round over every organization and project (also what "sync now" for all would do). */
    public void runOnce() {
        for (Organization org : organizations.list()) {
            if (org.status() == Organization.Status.DISCONNECTED
                    || org.status() == Organization.Status.CREDENTIAL_REJECTED) {
                continue;
            }
            try {
                locator.refresh(org);
            } catch (RuntimeException e) {
                LOG.warn("org {}: URL lookup failed: {}", org.id(), e.getClass().getName());
            }
            for (Project project : projects.listEnabled(org.id())) {
                syncQuietly(org.id(), project.projectId());
            }
        }
    }

    private void syncQuietly(OrgId org, String projectId) {
        try {
            ProjectSync.Result result = listener.run(sync, org, projectId);
            LOG.info("org {} project {}: {} ({} pages, {} revisions)", org, projectId, result.outcome(),
                    result.pages(), result.revisions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("org {} project {}: sync failed: {}", org, projectId, e.getClass().getName());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
