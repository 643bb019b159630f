package io.flowtrack.azdo.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One authorised GET of the Azure DevOps REST API with a stored credential, as every client of this package makes
 * it: the credential's Authorization header, JSON asked for, sign-in redirects suppressed (a refusal is a 401, not
 * an HTML page), the retry policy around it, the whole exchange — body included — within the request timeout, and a
 * cached Entra token forgotten when Azure DevOps refuses it.
 */
final class AzdoGet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzdoCredentials credentials;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final Duration requestTimeout;

    AzdoGet(AzdoCredentials credentials, RetryPolicy policy, HttpClient http, Duration requestTimeout) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The answer at {@code uri}, read by {@code parser} (a body it cannot read is retried as the policy says). */
    <T> T get(String operation, URI uri, RetryPolicy.Parser<T> parser) throws AzdoException, InterruptedException {
        return policy.execute(operation, () -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Authorization", credentials.authorizationHeader())
                    .header("Accept", "application/json")
                    .header("X-TFS-FedAuthRedirect", "Suppress")
                    .GET()
                    .build();
            HttpResponse<String> response = sendWithDeadline(request);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                credentials.forgetCachedToken();
            }
            return response;
        }, parser);
    }

    /** The {@code value} array of a list answer at {@code uri}; an answer without one is malformed. */
    JsonNode values(String operation, URI uri) throws AzdoException, InterruptedException {
        return get(operation, uri, body -> {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("value").isArray()) {
                throw new IOException("no value array in the " + operation + " answer");
            }
            return node.path("value");
        });
    }

    /**
     * {@link HttpRequest#timeout} only covers the wait for the response headers: a body that stalls half way
     * would block for ever. The whole exchange, body included, gets the request timeout here.
     */
    private HttpResponse<String> sendWithDeadline(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("request failed: " + (cause == null ? e : cause.getClass().getSimpleName()), cause);
        }
    }

    /** A query value or path segment, percent-encoded (a space as %20, not +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
