package io.flowtrack.azdo.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GETs the membership and admin checks send to an organization with a user's access token, and how their
 * answers are read, in one place: no redirects followed, a whole-request time budget, bodies bounded, and every
 * answer that is not a usable one turned into a denial (fail closed). The token goes in the request only: it is
 * never logged or put into a message.
 */
final class UserTokenRequests {
    private static final Logger LOG = LoggerFactory.getLogger(UserTokenRequests.class);

    /** An answer to be judged by the check: its status, and its JSON when the status is 200 (else null). */
    record Answer(int status, JsonNode json) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final String check;
    private final ObjectMapper json = new ObjectMapper();

    /** @param check what is asking, for log lines ("membership check", "admin check") */
    UserTokenRequests(HttpClient http, Duration timeout, String check) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * One GET with the user's token. Denied through {@code deny} (which logs with the check's context): time-outs,
     * I/O errors, 5xx and 429 ({@link Reason#UNAVAILABLE}); 203, 3xx and a 200 that is not JSON — the sign-in page —
     * ({@link Reason#NOT_SIGNED_IN}); a 200 whose JSON cannot be read ({@link Reason#UNAVAILABLE}). Every other
     * status (401, 403, 404, …) comes back for the check to judge.
     */
    Answer get(URI uri, String accessToken, Function<Reason, AccessDeniedException> deny) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("X-TFS-FedAuthRedirect", "Suppress")
                .header("Accept", "application/json")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                MembershipVerifier.limited(MembershipVerifier.MAX_BODY_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            LOG.warn("{} timed out: {} {}", check, uri.getHost(), uri.getPath());
            throw deny.apply(Reason.UNAVAILABLE);
        } catch (ExecutionException e) {
            LOG.warn("{} failed: {} {}: {}", check, uri.getHost(), uri.getPath(),
                    e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName());
            throw deny.apply(Reason.UNAVAILABLE);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw deny.apply(Reason.UNAVAILABLE);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            LOG.warn("{}: {} {} answered {}", check, uri.getHost(), uri.getPath(), status);
            throw deny.apply(Reason.UNAVAILABLE);
        }
        if (status == 203 || (status >= 300 && status < 400)) {
            throw deny.apply(Reason.NOT_SIGNED_IN); // the sign-in page
        }
        if (status != 200) {
            return new Answer(status, null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw deny.apply(Reason.NOT_SIGNED_IN); // HTML with 200: a sign-in page
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null) {
                throw deny.apply(Reason.UNAVAILABLE);
            }
            return new Answer(status, node);
        } catch (IOException e) {
            throw deny.apply(Reason.UNAVAILABLE);
        }
    }
}
