package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzdoCredentialsTest {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "c0ffee00-0000-0000-0000-000000000001";
    static final String SECRET = "s3cr3t~client~secret";

    FakeAzureDevOps azdo;
    FakeTime time;

    @BeforeEach
    void start() throws Exception {
        azdo = FakeAzureDevOps.start().acceptServicePrincipal(TENANT, CLIENT, SECRET, 3600);
        azdo.setStates("P", "Bug", Map.of("New", "Proposed"));
        azdo.addRevisions("P", AzdoClientTest.sevenRevisions());
        time = new FakeTime();
    }

    @AfterEach
    void stop() {
        azdo.close();
    }

    AzdoCredentials.ServicePrincipal principal(String secret) {
        return AzdoCredentials.servicePrincipal(azdo.tokenEndpointTemplate(), TENANT, CLIENT, secret,
                AzdoClient.defaultHttpClient(), time.policy(), time);
    }

    AzdoClient client(AzdoCredentials credentials) {
        return new AzdoClient(azdo.organizationUrl(), credentials, time.policy(), AzdoClient.defaultHttpClient(),
                false, Duration.ofSeconds(10));
    }

    static String testCertificatePem() throws Exception {
        try (java.io.InputStream in = AzdoCredentialsTest.class.getResourceAsStream(
                "/io/flowtrack/azdo/test-service-principal.pem")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCertificatePrincipalSignsAClientAssertionThatEntraAccepts() throws Exception {
        String pem = testCertificatePem();
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) java.security.cert
                .CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
                        pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        azdo.acceptServicePrincipalCertificate(TENANT, CLIENT, cert);
        AzdoCredentials.ServicePrincipal principal = AzdoCredentials.certificatePrincipal(azdo.tokenEndpointTemplate(),
                TENANT, CLIENT, pem, AzdoClient.defaultHttpClient(), time.policy(), java.time.Clock.systemUTC());
        assertThat(principal.authorizationHeader()).isEqualTo("Bearer fake-entra-token-1");
        FakeAzureDevOps.RecordedRequest token = azdo.requests().get(0);
        assertThat(token.body()).contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
                + "%3Ajwt-bearer", "client_assertion=").doesNotContain("client_secret", "PRIVATE");
        assertThat(principal.toString()).doesNotContain("PRIVATE").contains("x5t=");
        client(principal).stateCategories("P");
        // The fake refuses an assertion signed by another key, and a PEM without a key is refused up front.
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String otherKey = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String certOnly = pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----"));
        assertThatThrownBy(() -> AzdoCredentials.certificatePrincipal(azdo.tokenEndpointTemplate(), TENANT, CLIENT,
                certOnly + otherKey, AzdoClient.defaultHttpClient(), time.policy(), java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong")
                .hasMessageNotContaining("MII");
        assertThatThrownBy(() -> AzdoCredentials.certificatePrincipal(azdo.tokenEndpointTemplate(), TENANT, CLIENT,
                certOnly, AzdoClient.defaultHttpClient(), time.policy(), java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entraTokenIsFetchedOnceReusedAndRefreshedShortlyBeforeExpiry() throws Exception {
        AzdoClient client = client(principal(SECRET));
        client.stateCategories("P");
        client.revisions("P", null, 3);
        client.revisions("P", "wm-3", 3);
        assertThat(azdo.tokensIssued()).isEqualTo(1);
        FakeAzureDevOps.RecordedRequest token = azdo.requests().get(0);
        assertThat(token.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.body()).contains("grant_type=client_credentials", "client_id=" + CLIENT,
                "scope=499b84ac-1321-427f-aa17-267ca6975798%2F.default");
        assertThat(azdo.revisionRequests()).allSatisfy(r ->
                assertThat(r.header("Authorization")).isEqualTo("Bearer fake-entra-token-1"));

        time.advance(Duration.ofMinutes(54)); // 6 minutes left: still used (refresh 5 minutes before)
        client.revisions("P", "wm-6", 3);
        assertThat(azdo.tokensIssued()).isEqualTo(1);
        time.advance(Duration.ofMinutes(1).plusSeconds(1)); // inside the 5-minute margin
        client.revisions("P", "wm-6", 3);
        assertThat(azdo.tokensIssued()).isEqualTo(2);
        assertThat(azdo.revisionRequests().get(azdo.revisionRequests().size() - 1).header("Authorization"))
                .isEqualTo("Bearer fake-entra-token-2");
    }

    @Test
    void aRejectedClientSecretIsACredentialRejectionThatNamesNoSecret() {
        AzdoClient client = client(principal("wrong-secret"));
        assertThatThrownBy(() -> client.revisions("P", null, 3))
                .isInstanceOf(CredentialRejectedException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("wrong-secret");
        assertThat(azdo.requests()).hasSize(1); // not retried, and Azure DevOps never called
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void secretsNeverShowInToString() {
        assertThat(principal(SECRET).toString()).doesNotContain(SECRET).contains(TENANT);
        assertThat(AzdoCredentials.pat("my-pat-value").toString()).doesNotContain("my-pat-value");
        assertThat(client(AzdoCredentials.pat("my-pat-value")).toString()).doesNotContain("my-pat-value");
    }

    @Test
    void patHeaderIsBasicWithAnEmptyUser() throws Exception {
        assertThat(AzdoCredentials.pat("abc").authorizationHeader()).isEqualTo("Basic OmFiYw=="); // base64(":abc")
    }

}
