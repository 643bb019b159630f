package io.flowtrack.jira.rest;

import java.util.List;

/**
 * An answer other than success, with a stable machine code and a sentence for the user. Raised anywhere
 * below a resource and turned into a JSON body by {@link Responses}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final List<String> details;

    public ApiException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, List.of());
    }

    public static ApiException unauthenticated() {
        return new ApiException(401, "unauthenticated", "Log in to Jira to use FlowTrack.", List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
