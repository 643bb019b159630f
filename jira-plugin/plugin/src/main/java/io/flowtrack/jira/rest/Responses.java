package io.flowtrack.jira.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.jira.config.UnknownStatusException;
import io.flowtrack.jira.history.SelectionException;
import io.flowtrack.jira.history.TooManyIssuesException;
import io.flowtrack.jira.report.ReportsBusyException;
import io.flowtrack.metrics.model.InvalidHistoryException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a resource method and turns every failure into a JSON answer:
 * {@code {"error": "bad_request", "message": "…", "details": […]}}. Unexpected failures are 500 with an
 * id that also appears in the log line, and nothing of their internals in the body.
 */
final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {
    }

    static Response run(Supplier<Response> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            return error(e);
        } catch (SelectionException e) {
            return error(new ApiException(400, "bad_selection", "The issues cannot be searched: "
                    + e.getMessage(), e.problems()));
        } catch (ReportsBusyException e) {
            return error(new ApiException(503, "busy", e.getMessage(), List.of()), e.retryAfterSeconds());
        } catch (TooManyIssuesException e) {
            return error(new ApiException(422, "too_many_issues", e.getMessage(), List.of()));
        } catch (UnknownStatusException e) {
            return error(new ApiException(400, "unknown_status", "Jira has no status with these ids.", e.statusIds()));
        } catch (InvalidHistoryException e) {
            return error(new ApiException(422, "invalid_history", "The issues' history cannot be reported on.",
                    e.problems()));
        } catch (IllegalArgumentException e) {
            return error(ApiException.badRequest(e.getMessage()));
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString();
            LOG.error("FlowTrack request {} failed", id, e);
            return error(new ApiException(500, "internal_error", "FlowTrack could not answer; the Jira log has "
                    + "the details under id " + id + ".", List.of()));
        }
    }

    static Response json(int status, Object body) {
        return jsonBuilder(status, body).build();
    }

    private static Response.ResponseBuilder jsonBuilder(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").entity(body);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static Response error(ApiException e) {
        return json(e.status(), body(e));
    }

    /** A 503 the client may retry: {@code Retry-After} in seconds (RFC 9110 §10.2.3), the same JSON body. */
    private static Response error(ApiException e, int retryAfterSeconds) {
        return jsonBuilder(e.status(), body(e)).header("Retry-After", retryAfterSeconds).build();
    }

    private static String body(ApiException e) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        e.details().forEach(body.putArray("details")::add);
        return body.toString();
    }
}
