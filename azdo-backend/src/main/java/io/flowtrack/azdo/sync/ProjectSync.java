package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.store.BlockedSourceChangedException;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.extract.RevisionsPage;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.LeaseLostException;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationGoneException;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.store.SyncLease;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one project of one organization incrementally: extract (a page of revisions from the
 * watermark on) → transform (reduced to the flow fields by the client) → load (rows and the next
 * watermark in one transaction), page after page until the last batch. A crash or kill at any point
 * loses nothing and duplicates nothing: the watermark only moves with the rows it covers, and loads are
 * keyed by (organization, work item, revision).
 *
 * <p>One sync run at a time extracts a project: each run takes the project's {@link SyncLease} under a token of its
 * own (never the instance's: two runs of one instance exclude each other too), renews it with a heartbeat well
 * within its short time to live, and every batch it stores is fenced by that token. A run whose lease was lost
 * (its renewal failed, or another run took over after it expired) stops at once and stores nothing more; a
 * crashed instance's lease lapses after {@link #DEFAULT_LEASE_TTL}, and then another instance takes over.
 *
 * <p>A server that makes no progress (an empty, not-last page that hands back the token it was asked with, or a
 * token already seen in this run, or too many empty pages in a row) stops the run with {@link Outcome#NO_PROGRESS}
 * instead of looping.
 */
public final class ProjectSync {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectSync.class);

    /**
     * The lease's time to live: how long a crashed instance blocks its projects. The heartbeat renews it every third
     * of it; keep it well above the clock skew between instances.
     */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(60);

    /** Empty, not-last pages in a row after which a run stops with {@link Outcome#NO_PROGRESS}. */
    public static final int MAX_EMPTY_PAGES_IN_A_ROW = 20;

    /** What one sync did. */
    public enum Outcome {
        /** Every page up to the last batch was loaded. */
        SYNCED,
        /** Another sync run (of this or another instance) holds the project's lease. */
        BUSY,
        /** The run lost its lease (renewal failed, or another run took over): it stopped and stored nothing more. */
        LEASE_LOST,
        /**
         * An admin changed the project's blocked source during the run: it stopped and stored nothing more; the change
         * reset the watermark, so the next sync reads the whole history again with the new source.
         */
        SOURCE_CHANGED,
        /** Azure DevOps kept answering without progress (same token, empty pages): the run stopped. */
        NO_PROGRESS,
        /** The organization has no stored credential or is not connected. */
        NOT_CONNECTED,
        /** Azure DevOps rejected the credential (revoked or expired): the connection is stopped. */
        CREDENTIAL_REJECTED,
        /** A failure after retries; the next scheduled sync tries again from the same watermark. */
        FAILED
    }

    /** @param pages pages loaded; @param revisions revisions received */
    public record Result(Outcome outcome, int pages, long revisions, String detail) {
    }

    /** Makes the client for an organization; tests point it at a local fake. */
    @FunctionalInterface
    public interface ClientFactory {
        /** @param allowed what to ask for beyond the flow fields: what the organization switched on */
        AzdoClient create(URI organizationUrl, AzdoCredentials credentials, FieldSelection allowed);
    }

    /** Turns a stored credential into the extractor's (fetching Entra tokens as needed). */
    @FunctionalInterface
    public interface CredentialAdapter {
        AzdoCredentials adapt(Credential stored);
    }

    private final OrganizationStore organizations;
    private final CredentialStore credentials;
    private final RevisionStore revisions;
    private final StateCategoryStore categories;
    private final SyncLease lease;
    private final AuditLog audit;
    private final ClientFactory clients;
    private final CredentialAdapter adapter;
    private final int batchSize;
    private final String instance;
    private final Duration leaseTtl;
    private final Clock clock;
    private final ProjectConfigStore configs;

    /**
     * The stores a sync reads and writes.
     *
     * @param configs the projects' flow configurations, read for each project's blocked source (null: no project
     *                reads one)
     */
    public record Stores(OrganizationStore organizations, CredentialStore credentials, RevisionStore revisions,
                         StateCategoryStore categories, SyncLease lease, AuditLog audit, ProjectConfigStore configs) {
    }

    /**
     * How this instance syncs.
     *
     * @param batchSize revisions asked for per page
     * @param owner     this instance's id; each run's lease token starts with it
     * @param leaseTtl  the lease's time to live ({@link #DEFAULT_LEASE_TTL}); renewed every third of it
     * @param clock     the clock of watermarks, leases and audit entries
     */
    public record Settings(int batchSize, String owner, Duration leaseTtl, Clock clock) {
    }

    public ProjectSync(Stores stores, ClientFactory clients, CredentialAdapter adapter, Settings settings) {
        this.configs = stores.configs();
        this.organizations = stores.organizations();
        this.credentials = stores.credentials();
        this.revisions = stores.revisions();
        this.categories = stores.categories();
        this.lease = stores.lease();
        this.audit = stores.audit();
        this.clients = clients;
        this.adapter = adapter;
        this.batchSize = settings.batchSize();
        this.instance = settings.owner();
        this.leaseTtl = settings.leaseTtl();
        this.clock = settings.clock();
    }

    /**
     * Tries a credential before anyone stores it: the project's work item types must be readable with it.
     *
     * @throws CredentialRejectedException when Azure DevOps refuses the credential
     * @throws AzdoException               when Azure DevOps cannot answer (after retries)
     */
    public void probe(URI organizationUrl, Credential credential, String projectId)
            throws AzdoException, InterruptedException {
        stateCategories(organizationUrl, credential, projectId);
    }

    /**
     * The project's work item types' states and categories, read now with {@code credential}, and whether any type
     * has {@code field} (null when Azure DevOps' list named no fields).
     */
    public io.flowtrack.azdo.extract.AzdoClient.ProjectTypes projectTypes(URI organizationUrl, Credential credential,
            String projectId, String field) throws AzdoException, InterruptedException {
        return clients.create(organizationUrl, adapter.adapt(credential), FieldSelection.NONE).projectTypes(projectId,
                field);
    }

    /** The project's work item types' states and categories, read now with {@code credential}. */
    public java.util.List<io.flowtrack.azdo.model.StateCategory> stateCategories(URI organizationUrl,
            Credential credential, String projectId) throws AzdoException, InterruptedException {
        return projectTypes(organizationUrl, credential, projectId, null).states();
    }

    /** Syncs the project up to Azure DevOps' last batch. */
    public Result sync(OrgId org, String projectId) throws InterruptedException {
        String run = SyncLease.newRunToken(instance);
        if (!lease.tryAcquire(org, projectId, run, leaseTtl)) {
            return new Result(Outcome.BUSY, 0, 0, "another sync of this project is running");
        }
        Heartbeat heartbeat = new Heartbeat(org, projectId, run);
        try {
            return syncHoldingLease(org, projectId, run, heartbeat);
        } catch (LeaseLostException e) {
            LOG.warn("org {} project {}: the sync lost its lease; stopped", org, projectId);
            return new Result(Outcome.LEASE_LOST, 0, 0, "the sync lost its lease and stopped");
        } catch (BlockedSourceChangedException e) {
            LOG.info("org {} project {}: the blocked source changed during the sync; stopped (the next sync re-reads)",
                    org, projectId);
            return new Result(Outcome.SOURCE_CHANGED, 0, 0, "the project's blocked source changed during the sync; the next"
                    + " sync reads the whole history again with the new one");
        } catch (OrganizationGoneException e) {
            // Disconnected while this sync ran: the store refused to write, so nothing of it is re-created.
            LOG.info("org {} project {}: disconnected during the sync; stopped", org, projectId);
            return new Result(Outcome.NOT_CONNECTED, 0, 0, "the organization was disconnected");
        } finally {
            heartbeat.close();
            lease.release(org, projectId, run); // only this run's lease: never one another run took over
        }
    }

    private Result syncHoldingLease(OrgId org, String projectId, String run, Heartbeat heartbeat)
            throws InterruptedException {
        Optional<Organization> organization = organizations.get(org);
        Optional<Credential> credential = credentials.load(org);
        if (organization.isEmpty() || credential.isEmpty()
                || organization.get().status() == Organization.Status.DISCONNECTED) {
            return new Result(Outcome.NOT_CONNECTED, 0, 0, "the organization is not connected");
        }
        if (organization.get().status() == Organization.Status.CREDENTIAL_REJECTED) {
            return new Result(Outcome.CREDENTIAL_REJECTED, 0, 0,
                    "the stored credential was rejected; an admin must connect the organization again");
        }
        AzdoClient client = clients.create(URI.create(organization.get().baseUrl()), adapter.adapt(credential.get()),
                organizations.fieldSelection(org));
        // Read once per run: every batch is stored only while it is still the project's source (else the run stops, and
        // the configuration change already reset the watermark for a full re-read with the new one).
        BlockedSource blocked = configs == null ? BlockedSource.NONE : configs.blockedSource(org, projectId);
        int pages = 0;
        long received = 0;
        try {
            categories.replaceAll(org, projectId, client.stateCategories(projectId));
            String token = revisions.watermark(org, projectId).continuationToken();
            Set<String> seen = new HashSet<>();
            if (token != null) {
                seen.add(token);
            }
            int emptyInARow = 0;
            while (true) {
                heartbeat.throwIfLost();
                RevisionsPage page = client.revisions(projectId, token, batchSize, blocked);
                heartbeat.throwIfLost();
                // A last page without a token keeps the last good watermark: resuming from it refetches one page
                // (loads are idempotent), where no token at all would refetch the whole history.
                String next = page.continuationToken() != null ? page.continuationToken() : token;
                revisions.saveBatch(org, projectId, page.values(), next, clock.instant(), run, blocked);
                pages++;
                received += page.values().size();
                if (page.isLastBatch() || page.continuationToken() == null) {
                    break;
                }
                emptyInARow = page.values().isEmpty() ? emptyInARow + 1 : 0;
                String noProgress = page.continuationToken().equals(token) && page.values().isEmpty()
                        ? "an empty page that is not the last handed back the token it was asked with"
                        : !seen.add(page.continuationToken()) ? "a continuation token came back a second time"
                        : emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW ? emptyInARow + " empty pages in a row, none the last"
                        : null;
                if (noProgress != null) {
                    return stopWithoutProgress(org, projectId, noProgress, pages, received);
                }
                token = page.continuationToken();
                if (!lease.renew(org, projectId, run, leaseTtl)) { // renew while working; losing it stops the run
                    throw new LeaseLostException(org, projectId);
                }
            }
            if (organization.get().status() != Organization.Status.CONNECTED) {
                organizations.updateStatus(org, Organization.Status.CONNECTED, null);
            }
            return new Result(Outcome.SYNCED, pages, received, null);
        } catch (CredentialRejectedException e) {
            heartbeat.throwIfLost();
            String detail = "Azure DevOps rejected the stored credential (HTTP " + e.status()
                    + "): it was revoked or has expired; an admin must connect the organization again";
            organizations.whileConnected(org, () -> { // nothing of it once the organization is disconnected
                revisions.recordFailure(org, projectId, "credential_rejected", detail, clock.instant());
                organizations.updateStatus(org, Organization.Status.CREDENTIAL_REJECTED, detail);
                audit.append(org, "flowtrack", "sync.stopped", projectId, detail);
            });
            LOG.warn("org {} project {}: credential rejected, sync stopped", org, projectId);
            return new Result(Outcome.CREDENTIAL_REJECTED, pages, received, detail);
        } catch (AzdoException e) {
            heartbeat.throwIfLost();
            String detail = "sync failed after retries: " + e.getMessage();
            organizations.whileConnected(org, () -> {
                revisions.recordFailure(org, projectId, "failed", detail, clock.instant());
                organizations.updateStatus(org, Organization.Status.FAILING, detail);
            });
            LOG.warn("org {} project {}: {}", org, projectId, detail);
            return new Result(Outcome.FAILED, pages, received, detail);
        }
    }

    private Result stopWithoutProgress(OrgId org, String projectId, String why, int pages, long received) {
        String detail = "sync stopped: Azure DevOps made no progress (" + why + "); the next sync resumes from the"
                + " last good watermark";
        organizations.whileConnected(org, () -> {
            revisions.recordFailure(org, projectId, "no_progress", detail, clock.instant());
            organizations.updateStatus(org, Organization.Status.FAILING, detail);
        });
        LOG.warn("org {} project {}: {}", org, projectId, detail);
        return new Result(Outcome.NO_PROGRESS, pages, received, detail);
    }

    /**
     * Renews a run's lease every third of its time to live on a thread of its own (a page may take minutes under
     * retries), and remembers a renewal that found the lease gone.
     */
    private final class Heartbeat implements AutoCloseable {
        private final AtomicBoolean lost = new AtomicBoolean();
        private final Thread thread;
        private final OrgId org;
        private final String projectId;

        Heartbeat(OrgId org, String projectId, String run) {
            this.org = org;
            this.projectId = projectId;
            long every = Math.max(1, leaseTtl.toMillis() / 3);
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(every);
                        try {
                            if (!lease.renew(org, projectId, run, leaseTtl)) {
                                lost.set(true);
                                LOG.warn("org {} project {}: lease renewal failed: another run holds it", org, projectId);
                                return;
                            }
                        } catch (RuntimeException e) { // the database is unreachable: try again; the fence decides
                            LOG.warn("org {} project {}: lease renewal failed: {}", org, projectId,
                                    e.getClass().getSimpleName());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flowtrack-lease-heartbeat");
            thread.setDaemon(true);
            thread.start();
        }

        void throwIfLost() {
            if (lost.get()) {
                throw new LeaseLostException(org, projectId);
            }
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
