package io.flowtrack.azdo.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified app token says: who the user is, nothing about where.
 *
 * @param userId    the {@code nameid} claim: the Azure DevOps user id (equals {@code SDK.getUser().id})
 * @param tenantId  the {@code tid} claim (Microsoft Entra tenant), or null when absent
 * @param expiresAt the {@code exp} claim
 * @param tokenId   the {@code jti} claim, or null when absent
 */
public record AppTokenClaims(String userId, String tenantId, Instant expiresAt, String tokenId) {
    public AppTokenClaims {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
