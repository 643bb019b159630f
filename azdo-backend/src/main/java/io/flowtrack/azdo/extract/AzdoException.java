package io.flowtrack.azdo.extract;

/**
 * A call to Azure DevOps (or to the Microsoft Entra token endpoint) failed for good: retries, where
 * allowed, are used up. Messages name the operation and the HTTP status, never a credential.
 */
public class AzdoException extends Exception {
    private final int status;

    public AzdoException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public AzdoException(String message, int status) {
        this(message, status, null);
    }

    /** The last HTTP status seen, or -1 when there was no response (connection failure). */
    public int status() {
        return status;
    }
}
