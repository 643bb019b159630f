package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.AccessDeniedException;
import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.AppTokenClaims;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.sync.OrganizationLocator;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Objects;

/**
 * Is the caller an administrator of the path's organization? Asked of the organization itself ({@link AdminVerifier})
 * with the organization's own credential: the stored one ({@link #authorizeStored}, every admin route but connect) or
 * the one a connect request brings ({@link #authorizeConnecting}). Secrets never appear in an answer.
 */
public final class AdminCheck {
    /** Turns an organization credential into the organization's answer to "is this identity an admin?". */
    @FunctionalInterface
    public interface Directory {
        AdminVerifier.CollectionAdmins of(URI organizationUrl, String organizationName, Credential credential);
    }

    private final ApiAuth auth;
    private final AdminVerifier admins;
    private final OrganizationStore organizations;
    private final CredentialStore credentials;
    private final Directory directory;
    private final OrganizationLocator locator;

    /** @param locator keeps a renamed organization's stored URL current before it is asked ({@link OrganizationLocator#off()}) */
    public AdminCheck(ApiAuth auth, AdminVerifier admins, OrganizationStore organizations, CredentialStore credentials,
                      Directory directory, OrganizationLocator locator) {
        this.auth = Objects.requireNonNull(auth);
        this.admins = Objects.requireNonNull(admins);
        this.organizations = Objects.requireNonNull(organizations);
        this.credentials = Objects.requireNonNull(credentials);
        this.directory = Objects.requireNonNull(directory);
        this.locator = Objects.requireNonNull(locator);
    }

    /** App token, connected organization, admin check against its stored URL with its stored credential. */
    AdminVerifier.Grant authorizeStored(Context ctx) {
        AppTokenClaims claims = auth.authenticate(ctx);
        OrgId org = ApiAuth.orgId(ctx);
        Organization found = organizations.get(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization is not connected to FlowTrack yet;"
                + " an organization administrator connects it"));
        locator.refresh(found); // renamed since it was connected? then its new URL and name
        Organization organization = organizations.get(org).orElse(found);
        Credential credential = credentials.load(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization has no credential; an administrator connects it"));
        String tag = credentials.info(org).map(i -> "stored:" + i.keyId() + ":" + i.updatedAt()).orElse("stored");
        URI orgUrl = URI.create(organization.baseUrl());
        try {
            return admins.verify(claims, orgUrl, org, ctx.header(ApiAuth.ACCESS_TOKEN_HEADER), tag,
                    directory.of(orgUrl, organization.name(), credential));
        } catch (AccessDeniedException e) {
            throw denied(e);
        }
    }

    /**
     * The caller of a connect request, checked with the credential the request brings (nothing is stored yet).
     *
     * @throws ApiException 400 {@code credential_rejected} when the credential cannot read the administrators
     */
    AdminVerifier.Grant authorizeConnecting(Context ctx, AppTokenClaims claims, OrgId org, URI orgUrl,
                                            ConnectRequest request) {
        try {
            return admins.verify(claims, orgUrl, org, ctx.header(ApiAuth.ACCESS_TOKEN_HEADER),
                    "connect:" + request.fingerprint(),
                    directory.of(orgUrl, request.organizationName(), request.credential()));
        } catch (AccessDeniedException e) {
            if (e.reason() == AccessDeniedException.Reason.ADMIN_CHECK_REFUSED) {
                throw new ApiException(400, "credential_rejected", "Azure DevOps did not let this credential read"
                        + " the organization's administrators: " + e.getMessage());
            }
            throw denied(e);
        }
    }

    /**
     * The project's name as the caller sees it in the organization (asked with the caller's access token).
     *
     * @throws ApiException 503 when the organization cannot answer now
     */
    java.util.Optional<String> projectName(Context ctx, URI orgUrl, String projectId) {
        try {
            return admins.projectName(orgUrl, ctx.header(ApiAuth.ACCESS_TOKEN_HEADER), projectId);
        } catch (AccessDeniedException e) {
            throw new ApiException(503, "membership_unavailable", e.getMessage());
        }
    }

    static ApiException denied(AccessDeniedException e) {
        if (e.reason().transientFailure()) {
            return new ApiException(503, "membership_unavailable", e.getMessage());
        }
        return new ApiException(403, "forbidden", e.getMessage());
    }
}
