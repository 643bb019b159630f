package io.flowtrack.azdo.auth;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.api.IdentityAdmins;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.store.Credential;
import io.flowtrack.azdo.model.OrgId;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin check against a fake organization: who from connectionData (the user's token), admin from the
 * Identities API (the organization's credential); verdicts, caching bounded by the app token, failing closed.
 */
class AdminVerifierTest {
    static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String BOB = "22222222-3333-4444-8555-666666666666";
    static final OrgId ORG = new OrgId("aaaaaaaa-0000-4000-8000-000000000001");

    FakeAzureDevOps azdo;
    FakeTime clock;
    AdminVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        azdo = FakeAzureDevOps.start().acceptPat("org-pat").instanceId(ORG.value()).addUser("alice-token", ALICE)
                .addUser("bob-token", BOB).admin(ALICE, true);
        clock = new FakeTime(Instant.parse("2025-03-01T10:00:00Z"));
        verifier = new AdminVerifier(MembershipVerifier.httpClient(Duration.ofSeconds(2)), clock,
                new AdminVerifier.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2), 10));
    }

    @AfterEach
    void stop() {
        azdo.close();
    }

    AdminVerifier.CollectionAdmins admins(String pat) {
        return new IdentityAdmins(stored -> AzdoCredentials.pat(((Credential.Pat) stored).token().reveal()),
                clock.policy(), AzdoClient.defaultHttpClient(), Duration.ofSeconds(2))
                .of(azdo.organizationUrl(), FakeAzureDevOps.ORGANIZATION, new Credential.Pat(new Secret(pat)));
    }

    AdminVerifier.Grant verify(AppTokenClaims claims, URI url, OrgId org, String accessToken) {
        return verifier.verify(claims, url, org, accessToken, "stored", admins("org-pat"));
    }

    AppTokenClaims claims(String user, Duration lifetime) {
        return new AppTokenClaims(user, "tenant", clock.instant().plus(lifetime), "jti");
    }

    Reason denied(Runnable r) {
        try {
            r.run();
        } catch (AccessDeniedException e) {
            return e.reason();
        }
        return null;
    }

    @Test
    void anAdminPassesAMemberDoesNot() {
        AdminVerifier.Grant grant = verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token");
        assertThat(grant.userId()).isEqualTo(ALICE);
        assertThat(grant.verifiedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(denied(() -> verify(claims(BOB, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "bob-token"))).isEqualTo(Reason.NOT_ADMIN);
        // The user's token went to connectionData only; identities were read with the organization's PAT.
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(":org-pat".getBytes());
        assertThat(azdo.requests()).filteredOn(r -> r.path().endsWith("/_apis/identities")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
        assertThat(azdo.requests()).filteredOn(r -> "Bearer alice-token".equals(r.header("Authorization")))
                .extracting(FakeAzureDevOps.RecordedRequest::path).containsOnly("/fabrikam/_apis/connectionData");
        assertThat(azdo.requests()).noneMatch(r -> r.path().contains("/_apis/permissions/"));
    }

    @Test
    void aCredentialThatMayNotReadIdentitiesOrALookAlikeGroupGivesNoVerdict() {
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token", "other", admins("not-the-org-pat")))).isEqualTo(Reason.ADMIN_CHECK_REFUSED);
        azdo.lookAlikeAdminsGroup(true);
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token", "third", admins("org-pat")))).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void whenTheAppTokensNameidDiffersTheAccessTokensIdentityIsTheOneCheckedAndAudited() {
        // Bob's access token with an app token naming Alice: Azure DevOps authenticated Bob, so Bob is asked about.
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "bob-token"))).isEqualTo(Reason.NOT_ADMIN);
        azdo.admin(BOB, true);
        clock.advance(Duration.ofSeconds(6)); // past the remembered denial
        assertThat(verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG, "bob-token").userId())
                .isEqualTo(BOB);
    }

    @Test
    void theVerdictIsCachedNoLongerThanTheAppTokenLives() {
        AppTokenClaims shortLived = claims(ALICE, Duration.ofSeconds(30));
        verify(shortLived, azdo.organizationUrl(), ORG, "alice-token");
        azdo.admin(ALICE, false);
        int calls = azdo.requests().size();
        verify(shortLived, azdo.organizationUrl(), ORG, "alice-token");
        assertThat(azdo.requests()).hasSize(calls); // from the cache
        clock.advance(Duration.ofSeconds(31));
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token"))).isEqualTo(Reason.NOT_ADMIN);
        assertThatThrownBy(() -> new AdminVerifier.Settings(Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofMinutes(6), 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsClosed() throws Exception {
        // Another organization's admin: the instance id does not match.
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(),
                new OrgId("bbbbbbbb-0000-4000-8000-000000000002"), "alice-token"))).isEqualTo(Reason.ORGANIZATION_MISMATCH);
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "unknown-token"))).isEqualTo(Reason.NOT_SIGNED_IN);
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                null))).isEqualTo(Reason.MISSING_ACCESS_TOKEN);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(denied(() -> verify(claims(ALICE, Duration.ofHours(1)),
                URI.create("http://127.0.0.1:" + port + "/fabrikam"), ORG, "alice-token"))).isEqualTo(Reason.UNAVAILABLE);
        assertThatThrownBy(() -> verify(claims(ALICE, Duration.ofHours(1)),
                URI.create("http://evil.example/fabrikam"), ORG, "alice-token"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
