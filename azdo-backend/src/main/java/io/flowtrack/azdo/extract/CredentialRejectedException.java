package io.flowtrack.azdo.extract;

/**
 * The organization (or Microsoft Entra) refused the stored credential: HTTP 401 or 403, or a 203 sign-in
 * page instead of JSON. Raised at once and never retried: the caller marks the connection (revoked or
 * expired token, missing permission) and stops syncing it until an admin fixes it.
 */
public class CredentialRejectedException extends AzdoException {
    public CredentialRejectedException(String message, int status) {
        super(message, status);
    }
}
