package io.flowtrack.azdo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.api.ErrorBody;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages, as the API's JSON error body with a request id: what Jetty answers itself, before any route
 * runs — headers too large (431), a URI too long (414), a request line or percent-encoding it cannot parse (400),
 * and whatever else it refuses. Never HTML, never a stack, never the offending input echoed back.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ErrorLog log;

    JsonErrorHandler(ErrorLog log) {
        this.log = log;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** The error code of a status Jetty answers by itself. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** A sentence for the user; Jetty's own reason is not echoed (it may quote the input). */
    static String message(int status) {
        return switch (status) {
            case 400 -> "the request could not be read (malformed request line, URI or percent-encoding)";
            case 404 -> "no such endpoint";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "something went wrong on our side" : "the request was refused (HTTP " + status + ")";
        };
    }

    static byte[] body(int status, String message, String requestId) {
        try {
            return JSON.writeValueAsBytes(new ErrorBody(code(status), message, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String id = UUID.randomUUID().toString();
        log.refused(id, code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String text = message(code);
        if (code == 404) { // a route that does not exist: say which (as the routes' own 404 does)
            String path = request.getHttpURI().getPath();
            text = "no such endpoint: " + request.getMethod() + " "
                    + (path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path);
        }
        response.write(true, ByteBuffer.wrap(body(code, text, id)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = UUID.randomUUID().toString();
        log.refused(id, status, reason);
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        return ByteBuffer.wrap(body(status, message(status), id));
    }
}
