package io.flowtrack.azdo.api;

/**
 * Every error the API returns: a stable machine code, a sentence for the user, and an id that also
 * appears in the server's log line, so support can find it without the response exposing internals.
 */
public record ErrorBody(String error, String message, String requestId) {
}
