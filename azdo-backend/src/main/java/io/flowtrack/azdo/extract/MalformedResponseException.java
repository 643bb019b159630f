package io.flowtrack.azdo.extract;

/** Azure DevOps kept answering with a body that is not the JSON expected (truncated or malformed). */
public class MalformedResponseException extends AzdoException {
    public MalformedResponseException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
