package io.flowtrack.azdo.auth;

import java.util.Objects;

/**
 * The user is not proven to belong to the organization and project the page claims. The message is fixed per
 * {@link Reason} and safe to return to a client: it never contains the access token, and no cause is attached.
 */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why membership was not confirmed. */
    public enum Reason {
        /** The page sent no usable Azure DevOps access token. */
        MISSING_ACCESS_TOKEN("no Azure DevOps access token: send the one from SDK.getAccessToken()", false),
        /** The claimed project id is not a GUID. */
        INVALID_PROJECT_ID("the project id must be a GUID", false),
        /** Azure DevOps did not accept the access token (401, 403, 203 sign-in page, HTML, redirect). */
        NOT_SIGNED_IN("Azure DevOps did not accept the access token", false),
        /** The access token belongs to another user than the app token. */
        USER_MISMATCH("the access token and the app token belong to different users", false),
        /** The organization behind the stored URL is not the one the page claims. */
        ORGANIZATION_MISMATCH("the organization does not match the one this page is in", false),
        /** The project does not exist in the organization or the user cannot read it. */
        PROJECT_NOT_ACCESSIBLE("the project does not exist or you cannot read it", false),
        /** Azure DevOps could not be asked (timeout, 5xx, unexpected answer): denied, try again later. */
        UNAVAILABLE("Azure DevOps could not confirm your access right now; try again", true),
        /** Azure DevOps says the user is not an administrator of the organization (admin routes only). */
        NOT_ADMIN("you are not an administrator of this organization", false),
        /** The organization's credential may not read identities, so nobody can be confirmed as an admin with it. */
        ADMIN_CHECK_REFUSED("the organization's credential may not read its administrators: it needs the"
                + " Identity (Read) scope (a PAT) or membership of the organization (a service principal)", false);

        private final String clientMessage;
        private final boolean transientFailure;

        Reason(String clientMessage, boolean transientFailure) {
            this.clientMessage = clientMessage;
            this.transientFailure = transientFailure;
        }

        public String clientMessage() {
            return clientMessage;
        }

        /** True when retrying later may succeed (map to 503 rather than 403). */
        public boolean transientFailure() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public AccessDeniedException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").clientMessage(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
