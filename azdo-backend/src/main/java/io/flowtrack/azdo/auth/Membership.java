package io.flowtrack.azdo.auth;

import io.flowtrack.azdo.model.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified binding: this user belongs to this organization and can read this project, as Azure DevOps itself
 * confirmed with the user's own access token.
 *
 * @param userId        the user id: connectionData's {@code authenticatedUser.id}, lower case (see IdentityMatch)
 * @param orgId         the organization (host id)
 * @param projectId     the project id (lower case)
 * @param verifiedUntil the verdict holds until then, never later than the app token's expiry
 */
public record Membership(String userId, OrgId orgId, String projectId, Instant verifiedUntil) {
    public Membership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(verifiedUntil, "verifiedUntil");
    }
}
