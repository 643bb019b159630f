package io.flowtrack.azdo.auth;

import java.util.Objects;

/**
 * The app token was refused. The {@link #getMessage() message} is fixed per {@link Reason} and safe to return
 * to a client: it never contains the token, any part of it, or a secret. No cause is attached, so a library
 * message that might quote the token cannot reach a log through a stack trace either.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the app token was refused. */
    public enum Reason {
        MISSING("no app token: send 'Authorization: Bearer <token from SDK.getAppToken()>'"),
        MALFORMED("the app token is not a well-formed JWT"),
        WRONG_ALGORITHM("the app token must be signed with HS256"),
        BAD_SIGNATURE("the app token's signature does not match this extension"),
        EXPIRED("the app token has expired; get a new one with SDK.getAppToken()"),
        NOT_YET_VALID("the app token is not valid yet"),
        WRONG_ISSUER("the app token was not issued by Azure DevOps"),
        WRONG_AUDIENCE("the app token was issued for another extension"),
        MISSING_CLAIM("the app token lacks a required claim");

        private final String clientMessage;

        Reason(String clientMessage) {
            this.clientMessage = clientMessage;
        }

        /** The client-safe text for this reason. */
        public String clientMessage() {
            return clientMessage;
        }
    }

    private final Reason reason;

    public AuthenticationException(Reason reason) {
        this(reason, null);
    }

    /**
     * @param detail a fixed, client-safe addition (such as the name of a missing claim); never token content
     */
    public AuthenticationException(Reason reason, String detail) {
        super(detail == null ? Objects.requireNonNull(reason, "reason").clientMessage()
                : reason.clientMessage() + " (" + detail + ")", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
