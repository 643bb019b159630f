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

    /** The client-credentials grant's client authentication: a secret, or a certificate's signed assertion. */
    sealed interface ClientAuthentication permits ClientAuthentication.Secret, ClientAuthentication.Certificate {
        /** The form fields that authenticate the client, for a request to {@code tokenEndpoint}. */
        String formFields(URI tokenEndpoint, String clientId, Instant now);

        record Secret(String clientSecret) implements ClientAuthentication {
            @Override
            public String formFields(URI tokenEndpoint, String clientId, Instant now) {
                return "client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            }

            @Override
            public String toString() {
                return "Secret[redacted]";
            }
        }

        /** @param thumbprint the certificate's SHA-1 thumbprint, base64url ({@code x5t}) */
        record Certificate(java.security.interfaces.RSAPrivateKey key, String thumbprint, Instant notAfter)
                implements ClientAuthentication {
            static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
                    "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

            public static Certificate parse(String pem) {
                if (pem == null) {
                    throw new IllegalArgumentException("the certificate PEM is missing");
                }
                java.security.cert.X509Certificate cert = null;
                java.security.interfaces.RSAPrivateKey key = null;
                java.util.regex.Matcher m = BLOCK.matcher(pem);
                try {
                    while (m.find()) {
                        byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
                        if (m.group(1).equals("CERTIFICATE") && cert == null) {
                            cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                                    .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
                        } else if (m.group(1).equals("PRIVATE KEY")) {
                            key = (java.security.interfaces.RSAPrivateKey) java.security.KeyFactory.getInstance("RSA")
                                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                        }
                    }
                    if (cert == null || key == null) {
                        throw new IllegalArgumentException("the PEM must hold a CERTIFICATE and its unencrypted PKCS#8"
                                + " PRIVATE KEY (RSA)");
                    }
                    if (!(cert.getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub)
                            || !pub.getModulus().equals(key.getModulus())) {
                        throw new IllegalArgumentException("the private key does not belong to the certificate");
                    }
                    byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
                    return new Certificate(key, Base64.getUrlEncoder().withoutPadding().encodeToString(sha1),
                            cert.getNotAfter().toInstant());
                } catch (java.security.GeneralSecurityException | ClassCastException e) {
                    // No cause and no text of the PEM: the message must not carry key material.
                    throw new IllegalArgumentException("the PEM's certificate or private key cannot be read ("
                            + e.getClass().getSimpleName() + ")");
                }
            }

            @Override
            @SuppressWarnings("deprecation") // x5t (SHA-1) is what Microsoft Entra asks for
            public String formFields(URI tokenEndpoint, String clientId, Instant now) {
                try {
                    com.nimbusds.jose.JWSHeader header = new com.nimbusds.jose.JWSHeader.Builder(
                            com.nimbusds.jose.JWSAlgorithm.RS256).type(com.nimbusds.jose.JOSEObjectType.JWT)
                            .x509CertThumbprint(new com.nimbusds.jose.util.Base64URL(thumbprint)).build();
                    com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                            .audience(tokenEndpoint.toString()).issuer(clientId).subject(clientId)
                            .jwtID(java.util.UUID.randomUUID().toString())
                            .notBeforeTime(java.util.Date.from(now.minusSeconds(30)))
                            .issueTime(java.util.Date.from(now))
                            .expirationTime(java.util.Date.from(now.plus(Duration.ofMinutes(10)))).build();
                    com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(header, claims);
                    jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
                    return "client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                            + "&client_assertion=" + jwt.serialize();
                } catch (com.nimbusds.jose.JOSEException e) {
                    throw new IllegalStateException("the client assertion could not be signed ("
                            + e.getClass().getSimpleName() + ")");
                }
            }

            @Override
            public String toString() {
                return "Certificate[x5t=" + thumbprint + ", key=redacted]";
            }
        }
    }

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
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("the client id and client secret are required");
        }
        return new ServicePrincipal(tokenEndpointTemplate, tenant, clientId, new ClientAuthentication.Secret(clientSecret),
                http, policy, clock);
    }

    /**
     * A service principal that proves itself with a certificate: each token request carries a client assertion, a
     * JWT signed (RS256) with the certificate's private key whose {@code x5t} header is the certificate's SHA-1
     * thumbprint (Microsoft identity platform, "certificate credentials").
     *
     * @param certificateAndKeyPem the X.509 certificate and its unencrypted PKCS#8 RSA private key, PEM
     * @throws IllegalArgumentException when the PEM holds no such certificate and key, or they do not match
     */
    static ServicePrincipal certificatePrincipal(String tokenEndpointTemplate, String tenant, String clientId,
                                                 String certificateAndKeyPem, HttpClient http, RetryPolicy policy,
                                                 Clock clock) {
        return new ServicePrincipal(tokenEndpointTemplate, tenant, clientId,
                ClientAuthentication.Certificate.parse(certificateAndKeyPem), http, policy, clock);
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
        private final ClientAuthentication clientAuthentication;
        private final HttpClient http;
        private final RetryPolicy policy;
        private final Clock clock;
        private String token;
        private Instant refreshAt = Instant.MIN;

        private ServicePrincipal(String template, String tenant, String clientId, ClientAuthentication authentication,
                                 HttpClient http, RetryPolicy policy, Clock clock) {
            Objects.requireNonNull(template, "token endpoint template");
            if (!template.contains("{tenant}")) {
                throw new IllegalArgumentException("the token endpoint template must contain {tenant}");
            }
            if (tenant == null || !tenant.matches("[A-Za-z0-9.-]{1,100}")) {
                throw new IllegalArgumentException("the tenant must be a tenant id or domain");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("the client id is required");
            }
            this.tokenEndpoint = URI.create(template.replace("{tenant}", tenant));
            this.tenant = tenant;
            this.clientId = clientId;
            this.clientAuthentication = Objects.requireNonNull(authentication, "authentication");
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
                    + "&" + clientAuthentication.formFields(tokenEndpoint, clientId, clock.instant())
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
            return "ServicePrincipal[tenant=" + tenant + ", clientId=" + clientId + ", " + clientAuthentication + "]";
        }
    }
}
