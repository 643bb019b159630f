package io.flowtrack.azdo.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The credential the backend extracts an organization with: an organization-scoped personal access
 * token, or a Microsoft Entra service principal (client-credentials grant). Secrets never appear in
 * {@code toString()}, logs or exception messages.
 */
public sealed interface AzdoCredentials permits AzdoCredentials.PersonalAccessToken, AzdoCredentials.ServicePrincipal {

    /** The Azure DevOps resource; {@code /.default} asks for the permissions the principal was given. */
    String AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    /** The public Microsoft Entra token endpoint; {@code {tenant}} is replaced by the tenant id. */
    String ENTRA_TOKEN_ENDPOINT = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /** The value of the {@code Authorization} header, fetching or refreshing a token when needed. */
    String authorizationHeader() throws AzdoException, InterruptedException;

    /** Forget any cached token (called after Azure DevOps rejected it), so the next call fetches a new one. */
    default void forgetCachedToken() {
    }

    static AzdoCredentials pat(String pat) {
        return new PersonalAccessToken(pat);
    }

    /**
     * @param tokenEndpointTemplate the token endpoint with a {@code {tenant}} placeholder
     *                              (normally {@link #ENTRA_TOKEN_ENDPOINT}; a local server in tests)
     * @param http                  the client to call it with
     * @param policy                retries for the token endpoint (429/5xx/connection)
     * @param clock                 decides when the cached token is too old
     */
    static ServicePrincipal servicePrincipal(String tokenEndpointTemplate, String tenant, String clientId,
                                             String clientSecret, HttpClient http, RetryPolicy policy, Clock clock) {
        return new ServicePrincipal(tokenEndpointTemplate, tenant, clientId, clientSecret, http, policy, clock);
    }

    /** {@code Authorization: Basic base64(":" + pat)}. */
    final class PersonalAccessToken implements AzdoCredentials {
        private final String header;

        private PersonalAccessToken(String pat) {
            Objects.requireNonNull(pat, "personal access token");
            if (pat.isBlank()) {
                throw new IllegalArgumentException("the personal access token is empty");
            }
            this.header = "Basic " + Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String authorizationHeader() {
            return header;
        }

        @Override
        public String toString() {
            return "PersonalAccessToken[redacted]";
        }
    }

    /**
     * A Microsoft Entra service principal. The bearer token is fetched with the client-credentials grant,
     * cached, and fetched again shortly before {@code expires_in} runs out (5 minutes before, or half its
     * lifetime for short-lived tokens). Thread-safe: concurrent callers share one fetch.
     */
    final class ServicePrincipal implements AzdoCredentials {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Duration MARGIN = Duration.ofMinutes(5);

        private final URI tokenEndpoint;
        private final String tenant;
        private final String clientId;
        private final String clientSecret;
        private final HttpClient http;
        private final RetryPolicy policy;
        private final Clock clock;
        private String token;
        private Instant refreshAt = Instant.MIN;

        private ServicePrincipal(String template, String tenant, String clientId, String clientSecret,
                                 HttpClient http, RetryPolicy policy, Clock clock) {
            Objects.requireNonNull(template, "token endpoint template");
            if (!template.contains("{tenant}")) {
                throw new IllegalArgumentException("the token endpoint template must contain {tenant}");
            }
            if (tenant == null || !tenant.matches("[A-Za-z0-9.-]{1,100}")) {
                throw new IllegalArgumentException("the tenant must be a tenant id or domain");
            }
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("the client id and client secret are required");
            }
            this.tokenEndpoint = URI.create(template.replace("{tenant}", tenant));
            this.tenant = tenant;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.http = Objects.requireNonNull(http, "http");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public synchronized String authorizationHeader() throws AzdoException, InterruptedException {
            if (token == null || !clock.instant().isBefore(refreshAt)) {
                fetch();
            }
            return "Bearer " + token;
        }

        @Override
        public synchronized void forgetCachedToken() {
            token = null;
            refreshAt = Instant.MIN;
        }

        private void fetch() throws AzdoException, InterruptedException {
            String form = "grant_type=client_credentials"
                    + "&client_id=" + encode(clientId)
                    + "&client_secret=" + encode(clientSecret)
                    + "&scope=" + encode(AZURE_DEVOPS_SCOPE);
            HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            Instant asked = clock.instant();
            JsonNode body = policy.execute("Microsoft Entra token", () -> {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 400 || response.statusCode() == 401) {
                    // invalid_client, unauthorized_client, ...: a wrong or expired secret. The error code
                    // says which; the description is left out (it may echo request details).
                    String error = "";
                    try {
                        error = JSON.readTree(response.body()).path("error").asText("");
                    } catch (IOException ignored) {
                        // not JSON: the status says enough
                    }
                    throw new CredentialRejectedException("Microsoft Entra refused the service principal of tenant "
                            + tenant + " (HTTP " + response.statusCode()
                            + (error.matches("[a-z_]{1,64}") ? ", " + error : "") + ")", response.statusCode());
                }
                return response;
            }, text -> {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.path("access_token").isTextual() || node.path("access_token").asText().isEmpty()) {
                    throw new IOException("no access_token in the token response");
                }
                return node;
            });
            long expiresIn = body.path("expires_in").asLong(3600);
            if (expiresIn <= 0) {
                expiresIn = 60;
            }
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
            token = body.path("access_token").asText();
            refreshAt = asked.plus(lifetime).minus(margin);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "ServicePrincipal[tenant=" + tenant + ", clientId=" + clientId + ", secret=redacted]";
        }
    }
}
