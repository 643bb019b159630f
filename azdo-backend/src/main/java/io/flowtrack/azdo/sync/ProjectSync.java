package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.extract.RevisionsPage;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Credential;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one project of one organization incrementally: extract (a page of revisions from the
 * watermark on) → transform (reduced to the flow fields by the client) → load (rows and the next
 * watermark in one transaction), page after page until the last batch. A crash or kill at any point
 * loses nothing and duplicates nothing: the watermark only moves with the rows it covers, and loads are
 * keyed by (organization, work item, revision). One instance at a time syncs a project (a lease).
 */
public final class ProjectSync {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectSync.class);

    /** What one sync did. */
    public enum Outcome {
        /** Every page up to the last batch was loaded. */
        SYNCED,
        /** Another instance holds the project's lease. */
        BUSY,
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
    private final String owner;
    private final Duration leaseTtl;
    private final Clock clock;

    public ProjectSync(OrganizationStore organizations, CredentialStore credentials, RevisionStore revisions,
                       StateCategoryStore categories, SyncLease lease, AuditLog audit, ClientFactory clients,
                       CredentialAdapter adapter, int batchSize, String owner, Duration leaseTtl, Clock clock) {
        this.organizations = organizations;
        this.credentials = credentials;
        this.revisions = revisions;
        this.categories = categories;
        this.lease = lease;
        this.audit = audit;
        this.clients = clients;
        this.adapter = adapter;
        this.batchSize = batchSize;
        this.owner = owner;
        this.leaseTtl = leaseTtl;
        this.clock = clock;
    }

    /**
     * Tries a credential before anyone stores it: the project's work item types must be readable with it.
     *
     * @throws CredentialRejectedException when Azure DevOps refuses the credential
     * @throws AzdoException               when Azure DevOps cannot answer (after retries)
     */
    public void probe(URI organizationUrl, Credential credential, String projectId)
            throws AzdoException, InterruptedException {
        clients.create(organizationUrl, adapter.adapt(credential), FieldSelection.NONE).stateCategories(projectId);
    }

    /** Syncs the project up to Azure DevOps' last batch. */
    public Result sync(OrgId org, String projectId) throws InterruptedException {
        if (!lease.tryAcquire(org, projectId, owner, leaseTtl)) {
            return new Result(Outcome.BUSY, 0, 0, "another instance is syncing this project");
        }
        try {
            return syncHoldingLease(org, projectId);
        } catch (OrganizationGoneException e) {
            // Disconnected while this sync ran: the store refused to write, so nothing of it is re-created.
            LOG.info("org {} project {}: disconnected during the sync; stopped", org, projectId);
            return new Result(Outcome.NOT_CONNECTED, 0, 0, "the organization was disconnected");
        } finally {
            lease.release(org, projectId, owner);
        }
    }

    private Result syncHoldingLease(OrgId org, String projectId) throws InterruptedException {
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
        int pages = 0;
        long received = 0;
        try {
            categories.replaceAll(org, projectId, client.stateCategories(projectId));
            String token = revisions.watermark(org, projectId).continuationToken();
            while (true) {
                RevisionsPage page = client.revisions(projectId, token, batchSize);
                revisions.saveBatch(org, projectId, page.values(), page.continuationToken(), clock.instant());
                pages++;
                received += page.values().size();
                token = page.continuationToken();
                if (page.isLastBatch() || token == null) {
                    break;
                }
                lease.tryAcquire(org, projectId, owner, leaseTtl); // renew while working
            }
            if (organization.get().status() != Organization.Status.CONNECTED) {
                organizations.updateStatus(org, Organization.Status.CONNECTED, null);
            }
            return new Result(Outcome.SYNCED, pages, received, null);
        } catch (CredentialRejectedException e) {
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
            String detail = "sync failed after retries: " + e.getMessage();
            organizations.whileConnected(org, () -> {
                revisions.recordFailure(org, projectId, "failed", detail, clock.instant());
                organizations.updateStatus(org, Organization.Status.FAILING, detail);
            });
            LOG.warn("org {} project {}: {}", org, projectId, detail);
            return new Result(Outcome.FAILED, pages, received, detail);
        }
    }
}
