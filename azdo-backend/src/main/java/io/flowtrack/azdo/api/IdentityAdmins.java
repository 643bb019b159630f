package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.AccessDeniedException;
import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.extract.CredentialRejectedException;
import io.flowtrack.azdo.extract.IdentityClient;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.sync.ProjectSync;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is this identity a Project Collection Administrator?", asked of the organization's identity service with an
 * organization credential ({@link IdentityClient}). A credential that may not read identities gives
 * {@link Reason#ADMIN_CHECK_REFUSED}; an organization that cannot answer {@link Reason#UNAVAILABLE}.
 */
public final class IdentityAdmins implements AdminCheck.Directory {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityAdmins.class);
    private final ProjectSync.CredentialAdapter adapter;
    private final RetryPolicy retries;
    private final HttpClient http;
    private final Duration timeout;

    public IdentityAdmins(ProjectSync.CredentialAdapter adapter, RetryPolicy retries, HttpClient http,
                          Duration timeout) {
        this.adapter = Objects.requireNonNull(adapter);
        this.retries = Objects.requireNonNull(retries);
        this.http = Objects.requireNonNull(http);
        this.timeout = Objects.requireNonNull(timeout);
    }

    @Override
    public AdminVerifier.CollectionAdmins of(URI organizationUrl, String organizationName, Credential credential) {
        IdentityClient client = new IdentityClient(IdentityClient.identityUrlOf(organizationUrl),
                adapter.adapt(credential), retries, http, timeout);
        return identity -> {
            try {
                return client.isCollectionAdministrator(organizationName, identity);
            } catch (CredentialRejectedException e) {
                LOG.warn("admin check: the {} credential of {} may not read identities (HTTP {})", credential.kind(),
                        organizationName, e.status());
                throw new AccessDeniedException(Reason.ADMIN_CHECK_REFUSED);
            } catch (AzdoException e) {
                LOG.warn("admin check: identities of {} unavailable: {}", organizationName, e.getMessage());
                throw new AccessDeniedException(Reason.UNAVAILABLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AccessDeniedException(Reason.UNAVAILABLE);
            }
        };
    }
}
