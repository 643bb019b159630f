package io.flowtrack.azdo.auth;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.model.OrgId;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin check against a fake organization: verdicts, caching bounded by the app token, failing closed. */
class AdminVerifierTest {
    static final String ALICE = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String BOB = "22222222-3333-4444-8555-666666666666";
    static final OrgId ORG = new OrgId("aaaaaaaa-0000-4000-8000-000000000001");

    FakeAzureDevOps azdo;
    FakeTime clock;
    AdminVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        azdo = FakeAzureDevOps.start().instanceId(ORG.value()).addUser("alice-token", ALICE).addUser("bob-token", BOB)
                .admin(ALICE, true);
        clock = new FakeTime(Instant.parse("2025-03-01T10:00:00Z"));
        verifier = new AdminVerifier(MembershipVerifier.httpClient(Duration.ofSeconds(2)), clock,
                new AdminVerifier.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2), 10));
    }

    @AfterEach
    void stop() {
        azdo.close();
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
        AdminVerifier.Grant grant = verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token");
        assertThat(grant.userId()).isEqualTo(ALICE);
        assertThat(grant.verifiedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(denied(() -> verifier.verify(claims(BOB, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "bob-token"))).isEqualTo(Reason.NOT_ADMIN);
        assertThat(azdo.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/fabrikam/_apis/permissions/3e65f728-f8bc-4ecd-8764-7e378b19bfa7/2");
            assertThat(r.query()).containsEntry("tokens", "NAMESPACE").containsEntry("api-version", "7.1-preview.2");
            assertThat(r.header("X-TFS-FedAuthRedirect")).isEqualTo("Suppress");
        });
    }

    @Test
    void theVerdictIsCachedNoLongerThanTheAppTokenLives() {
        AppTokenClaims shortLived = claims(ALICE, Duration.ofSeconds(30));
        verifier.verify(shortLived, azdo.organizationUrl(), ORG, "alice-token");
        azdo.admin(ALICE, false);
        int calls = azdo.requests().size();
        verifier.verify(shortLived, azdo.organizationUrl(), ORG, "alice-token");
        assertThat(azdo.requests()).hasSize(calls); // from the cache
        clock.advance(Duration.ofSeconds(31));
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "alice-token"))).isEqualTo(Reason.NOT_ADMIN);
        assertThatThrownBy(() -> new AdminVerifier.Settings(Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofMinutes(6), 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsClosed() throws Exception {
        // Another organization's admin: the instance id does not match.
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(),
                new OrgId("bbbbbbbb-0000-4000-8000-000000000002"), "alice-token"))).isEqualTo(Reason.ORGANIZATION_MISMATCH);
        // App token of one user, access token of another.
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "bob-token"))).isEqualTo(Reason.USER_MISMATCH);
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                "unknown-token"))).isEqualTo(Reason.NOT_SIGNED_IN);
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)), azdo.organizationUrl(), ORG,
                null))).isEqualTo(Reason.MISSING_ACCESS_TOKEN);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(denied(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)),
                URI.create("http://127.0.0.1:" + port + "/fabrikam"), ORG, "alice-token"))).isEqualTo(Reason.UNAVAILABLE);
        assertThatThrownBy(() -> verifier.verify(claims(ALICE, Duration.ofHours(1)),
                URI.create("http://evil.example/fabrikam"), ORG, "alice-token"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
