package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.AccessDeniedException;
import io.flowtrack.azdo.auth.AppTokenClaims;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.auth.AuthenticationException;
import io.flowtrack.azdo.auth.Membership;
import io.flowtrack.azdo.auth.MembershipVerifier;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.javalin.http.Context;
import java.net.URI;

/**
 * Decides, on every request, who is calling and whether they may see the organization and project the
 * path names: the app token first, then membership asked of the organization itself (with the URL the
 * backend stored, never one from the browser). Fails closed.
 */
public final class ApiAuth {
    /** The header carrying the user's Azure DevOps access token ({@code SDK.getAccessToken()}). */
    public static final String ACCESS_TOKEN_HEADER = "X-FlowTrack-Access-Token";

    private final AppTokenVerifier tokens;
    private final MembershipVerifier membership;
    private final OrganizationStore organizations;

    public ApiAuth(AppTokenVerifier tokens, MembershipVerifier membership, OrganizationStore organizations) {
        this.tokens = tokens;
        this.membership = membership;
        this.organizations = organizations;
    }

    /** A caller's verified membership and the organization it was verified against (as stored). */
    public record Authorized(Membership membership, Organization organization) {
    }

    /** As {@link #authorizeWithOrganization}, the membership only. */
    public Membership authorize(Context ctx) {
        return authorizeWithOrganization(ctx).membership();
    }

    /**
     * @return the caller's verified membership of the path's organization and project, with the organization as
     *         read for the check (callers need not read it again)
     * @throws ApiException 401 (no or bad app token), 400 (malformed ids), 404 (organization not
     *                      connected), 403 (not a member, cannot read the project), 503 (Azure DevOps
     *                      could not confirm right now)
     */
    public Authorized authorizeWithOrganization(Context ctx) {
        AppTokenClaims claims = authenticate(ctx);
        OrgId org = orgId(ctx);
        String project = ctx.pathParam("project");
        Organization organization = organizations.get(org).orElseThrow(() -> new ApiException(404,
                "organization_not_connected", "this organization is not connected to FlowTrack yet;"
                        + " an organization administrator connects it"));
        try {
            return new Authorized(membership.verify(claims, URI.create(organization.baseUrl()), org, project,
                    ctx.header(ACCESS_TOKEN_HEADER)), organization);
        } catch (AccessDeniedException e) {
            if (e.reason().transientFailure()) {
                throw new ApiException(503, "membership_unavailable", e.getMessage());
            }
            throw new ApiException(403, "forbidden", e.getMessage());
        }
    }

    /**
     * The app token only: who is calling (no organization check).
     *
     * @throws ApiException 401 when the token is missing or not valid
     */
    public AppTokenClaims authenticate(Context ctx) {
        try {
            return tokens.verifyAuthorizationHeader(ctx.header("Authorization"));
        } catch (AuthenticationException e) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthenticated", e.getMessage());
        }
    }

    static OrgId orgId(Context ctx) {
        try {
            return new OrgId(ctx.pathParam("org"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the organization id in the path must be a GUID");
        }
    }
}
