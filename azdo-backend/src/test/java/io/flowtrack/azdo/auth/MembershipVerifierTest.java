package io.flowtrack.azdo.auth;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.fake.FakeAzureDevOps;
import io.flowtrack.azdo.fake.FakeAzureDevOps.UserCallMode;
import io.flowtrack.azdo.model.OrgId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipVerifierTest {
    private static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    private static final String ORG_A = "5f3a1b2c-0d4e-4f60-8a71-92b3c4d5e6f7";
    private static final String ORG_B = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String PROJECT_A = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    private static final String OTHER_PROJECT_A = "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1";
    private static final String PROJECT_B = "281f9a5b-af0d-49b4-a1df-fe6f5e5f84d0";
    private static final String ALICE = Tokens.USER;
    private static final String BOB = "d6a8b0c2-e4f6-4890-a1b2-c3d4e5f60718";
    /** Access tokens as the page would send them (JWT-like, but only the fake server reads them). */
    private static final String ALICE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.alice-access-token-7f3c9a.sig-Q1w2E3r4";
    private static final String BOB_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bob-access-token-11aa22.sig-Z9x8C7v6";

    /** Organization A (fabrikam), Alice's; B (contoso), Bob's, on a server of its own. */
    private FakeAzureDevOps ado;
    private FakeAzureDevOps contoso;
    private FakeTime clock;
    private MembershipVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        ado = FakeAzureDevOps.start().instanceId(ORG_A).addProject(PROJECT_A, "Fabrikam-Fiber-Git")
                .addProject(OTHER_PROJECT_A, "Other").addUser(ALICE_TOKEN, ALICE, PROJECT_A, OTHER_PROJECT_A);
        contoso = FakeAzureDevOps.start().instanceId(ORG_B).addProject(PROJECT_B, "Contoso")
                .addUser(BOB_TOKEN, BOB, PROJECT_B);
        clock = new FakeTime(NOW);
        verifier = verifier(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(10), 100);
    }

    private MembershipVerifier verifier(Duration timeout, Duration failureTtl, Duration maxAge, int entries) {
        return new MembershipVerifier(MembershipVerifier.httpClient(Duration.ofSeconds(1)), clock,
                new MembershipVerifier.Settings(timeout, failureTtl, maxAge, entries));
    }

    @AfterEach
    void stop() {
        ado.close();
        contoso.close();
    }

    /** Requests either organization saw. */
    private int requests() {
        return ado.requests().size() + contoso.requests().size();
    }

    private static AppTokenClaims claims(String user, Duration lifetime) {
        return new AppTokenClaims(user, Tokens.TENANT, NOW.plus(lifetime), "jti-1");
    }

    private static final AppTokenClaims ALICE_CLAIMS = claims(ALICE, Duration.ofMinutes(70));

    private Membership aliceInA() {
        return verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A, ALICE_TOKEN);
    }

    private static Reason denied(Supplier<Membership> call) {
        try {
            Membership m = call.get();
            throw new AssertionError("access was granted: " + m);
        } catch (AccessDeniedException e) {
            return e.reason();
        }
    }

    @Test
    void aMemberOfTheOrganizationWhoCanReadTheProjectPasses() {
        Membership m = aliceInA();
        assertThat(m.userId()).isEqualTo(ALICE);
        assertThat(m.orgId()).isEqualTo(new OrgId(ORG_A));
        assertThat(m.projectId()).isEqualTo(PROJECT_A);
        assertThat(m.verifiedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(10))); // capped by maxVerdictAge
        assertThat(ado.requests()).extracting(FakeAzureDevOps.RecordedRequest::path)
                .containsExactly("/fabrikam/_apis/connectionData", "/fabrikam/_apis/projects/" + PROJECT_A);
        assertThat(ado.requests().get(1).query()).containsExactly(java.util.Map.entry("api-version", "7.1"));
        assertThat(ado.requests()).extracting(r -> r.header("X-TFS-FedAuthRedirect")).containsOnly("Suppress");
    }

    @Test
    void guidsCompareIgnoringCaseAndATrailingSlashIsHarmless() {
        AppTokenClaims upper = new AppTokenClaims(ALICE.toUpperCase(), null, NOW.plusSeconds(600), null);
        Membership m = verifier.verify(upper, URI.create(ado.organizationUrl() + "/"), new OrgId(ORG_A.toUpperCase()),
                PROJECT_A.toUpperCase(), ALICE_TOKEN);
        assertThat(m.userId()).isEqualTo(ALICE);
        assertThat(m.projectId()).isEqualTo(PROJECT_A);
        assertThat(m.verifiedUntil()).isEqualTo(NOW.plusSeconds(600)); // the token expires before the cap
    }

    @Test
    void whenNameidDiffersTheAccessTokensIdentityIsTheMember() {
        // Bob's app token with Alice's access token (both real, both valid): no source says nameid always equals
        // authenticatedUser.id (SDK issues #16, #44 report otherwise), so the identity Azure DevOps authenticated
        // is the member and the one audited; the difference is logged.
        contoso.addUser(ALICE_TOKEN, ALICE); // Alice is a user of both organizations
        Membership m = verifier.verify(claims(BOB, Duration.ofMinutes(70)), ado.organizationUrl(), new OrgId(ORG_A),
                PROJECT_A, ALICE_TOKEN);
        assertThat(m.userId()).isEqualTo(ALICE);
    }

    @Test
    void anotherInstanceIdIsDenied() {
        ado.instanceId("00000000-1111-4222-8333-444444444444");
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.ORGANIZATION_MISMATCH);
    }

    @Test
    void aSignInPageWith203IsDenied() {
        ado.connectionDataMode(UserCallMode.SIGN_IN_PAGE_203);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.NOT_SIGNED_IN);
    }

    @Test
    void htmlWith200IsDenied() {
        ado.connectionDataMode(UserCallMode.HTML_200);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.NOT_SIGNED_IN);
    }

    @Test
    void unauthorizedIsDenied() {
        ado.connectionDataMode(UserCallMode.STATUS_401);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.NOT_SIGNED_IN);
    }

    @Test
    void anUnknownAccessTokenIsDeniedWith401BecauseTheSuppressHeaderIsSent() {
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A,
                "some-other-token"))).isEqualTo(Reason.NOT_SIGNED_IN);
        assertThat(ado.requests()).extracting(FakeAzureDevOps.RecordedRequest::path)
                .containsExactly("/fabrikam/_apis/connectionData"); // stopped at the first step
    }

    @Test
    void aRedirectIsNotFollowed() {
        ado.connectionDataMode(UserCallMode.REDIRECT);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.NOT_SIGNED_IN);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndGarbageAreDenied() {
        ado.connectionDataMode(UserCallMode.STATUS_500);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(6));
        ado.connectionDataMode(UserCallMode.NOT_JSON_200);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(6));
        ado.connectionDataMode(UserCallMode.NORMAL);
        ado.projectMode(UserCallMode.STATUS_500);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aTimeoutIsDeniedWithinTheBudget() {
        verifier = verifier(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMinutes(10), 100);
        ado.connectionDataMode(UserCallMode.SLOW);
        long start = System.nanoTime();
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aProjectThatDoesNotExistOrIsInAnotherOrganizationIsDenied() {
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_B,
                ALICE_TOKEN))).isEqualTo(Reason.PROJECT_NOT_ACCESSIBLE);
        ado.projectMode(UserCallMode.STATUS_401);
        clock.advance(Duration.ofSeconds(6));
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.NOT_SIGNED_IN);
    }

    @Test
    void aUserOfOrganizationANeverPassesForOrganizationB() {
        assertThat(aliceInA().orgId()).isEqualTo(new OrgId(ORG_A)); // cached now
        // B's id with A's stored URL: the instance id gives it away
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_B), PROJECT_B,
                ALICE_TOKEN))).isEqualTo(Reason.ORGANIZATION_MISMATCH);
        // B's id with B's stored URL: B does not accept Alice's token
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, contoso.organizationUrl(), new OrgId(ORG_B), PROJECT_B,
                ALICE_TOKEN))).isEqualTo(Reason.NOT_SIGNED_IN);
        // A's project claimed under B: not served from A's cached verdict
        int before = requests();
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, contoso.organizationUrl(), new OrgId(ORG_B), PROJECT_A,
                ALICE_TOKEN))).isEqualTo(Reason.NOT_SIGNED_IN);
        assertThat(requests()).isGreaterThan(before);
        // and Bob, who is in B, passes there
        assertThat(verifier.verify(claims(BOB, Duration.ofMinutes(70)), contoso.organizationUrl(), new OrgId(ORG_B),
                PROJECT_B, BOB_TOKEN).userId()).isEqualTo(BOB);
    }

    @Test
    void aPositiveVerdictIsCachedButNotPastTheAppTokensExpiry() {
        AppTokenClaims shortLived = claims(ALICE, Duration.ofMinutes(3));
        Membership first = verifier.verify(shortLived, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A,
                ALICE_TOKEN);
        assertThat(first.verifiedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        assertThat(requests()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        Membership second = verifier.verify(shortLived, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A,
                ALICE_TOKEN);
        assertThat(second).isEqualTo(first);
        assertThat(requests()).isEqualTo(2); // no HTTP request

        clock.advance(Duration.ofMinutes(1)); // exactly at expiry: the verdict is gone
        verifier.verify(claims(ALICE, Duration.ofMinutes(70)), ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A,
                ALICE_TOKEN);
        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void aCachedVerdictNeverOutlivesTheAppTokenOfTheCurrentRequest() {
        aliceInA(); // cached until NOW + 10 min
        AppTokenClaims soon = claims(ALICE, Duration.ofMinutes(1));
        Membership m = verifier.verify(soon, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A, ALICE_TOKEN);
        assertThat(m.verifiedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void theVerdictIsRecheckedAfterTheMaximumAge() {
        aliceInA();
        clock.advance(Duration.ofMinutes(9));
        aliceInA();
        assertThat(requests()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        aliceInA();
        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void anotherAccessTokenIsCheckedAgain() {
        aliceInA();
        String newer = ALICE_TOKEN + "-refreshed";
        ado.addUser(newer, ALICE, PROJECT_A, OTHER_PROJECT_A);
        verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A, newer);
        assertThat(requests()).isEqualTo(4);
        // another project of the same organization is its own verdict too
        verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), OTHER_PROJECT_A, ALICE_TOKEN);
        assertThat(requests()).isEqualTo(6);
    }

    @Test
    void denialsAreRememberedOnlyForAFewSeconds() {
        ado.connectionDataMode(UserCallMode.STATUS_500);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE);
        ado.connectionDataMode(UserCallMode.NORMAL);
        assertThat(denied(this::aliceInA)).isEqualTo(Reason.UNAVAILABLE); // remembered, no request
        assertThat(requests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(aliceInA().userId()).isEqualTo(ALICE);
        assertThat(requests()).isEqualTo(3);
        assertThatThrownBy(() -> new MembershipVerifier.Settings(Duration.ofSeconds(1), Duration.ofSeconds(11),
                Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCacheIsBounded() {
        verifier = verifier(Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10), 2);
        verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), PROJECT_A, ALICE_TOKEN);
        verifier.verify(ALICE_CLAIMS, ado.organizationUrl(), new OrgId(ORG_A), OTHER_PROJECT_A, ALICE_TOKEN);
        verifier.verify(claims(BOB, Duration.ofMinutes(70)), contoso.organizationUrl(), new OrgId(ORG_B), PROJECT_B,
                BOB_TOKEN);
        assertThat(verifier.cachedVerdicts()).isEqualTo(2);
        int before = requests();
        aliceInA(); // the eldest was evicted: asked again
        assertThat(requests()).isEqualTo(before + 2);
    }

    @Test
    void badInputIsDeniedWithoutAnyRequest() {
        OrgId a = new OrgId(ORG_A);
        URI url = ado.organizationUrl();
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, url, a, PROJECT_A, null)))
                .isEqualTo(Reason.MISSING_ACCESS_TOKEN);
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, url, a, PROJECT_A, "")))
                .isEqualTo(Reason.MISSING_ACCESS_TOKEN);
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, url, a, PROJECT_A, "abc\r\nX-Evil: 1")))
                .isEqualTo(Reason.MISSING_ACCESS_TOKEN);
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, url, a, "../../_apis/x", ALICE_TOKEN)))
                .isEqualTo(Reason.INVALID_PROJECT_ID);
        assertThat(denied(() -> verifier.verify(ALICE_CLAIMS, url, a, "1-2-3-4-5", ALICE_TOKEN)))
                .isEqualTo(Reason.INVALID_PROJECT_ID);
        assertThat(denied(() -> verifier.verify(claims("not-a-guid", Duration.ofMinutes(5)), url, a, PROJECT_A,
                ALICE_TOKEN))).isEqualTo(Reason.USER_MISMATCH);
        assertThat(requests()).isZero();
    }

    @Test
    void theStoredUrlMustBeHttpsOrLoopback() {
        OrgId a = new OrgId(ORG_A);
        for (String bad : new String[] {"http://dev.azure.com/fabrikam", "https://user:pw@dev.azure.com/x",
                "https://dev.azure.com/x?y=1", "file:///etc/passwd", "/relative"}) {
            assertThatThrownBy(() -> verifier.verify(ALICE_CLAIMS, URI.create(bad), a, PROJECT_A, ALICE_TOKEN))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
        }
        assertThat(MembershipVerifier.baseUrl(URI.create("https://dev.azure.com/fabrikam/")))
                .isEqualTo("https://dev.azure.com/fabrikam");
        assertThat(MembershipVerifier.baseUrl(URI.create("http://[::1]:8080/tfs/DefaultCollection")))
                .isEqualTo("http://[::1]:8080/tfs/DefaultCollection");
        assertThat(requests()).isZero();
    }

    @Test
    void theAccessTokenNeverAppearsInMessagesOrLogs() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder messages = new StringBuilder();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            verifier = verifier(Duration.ofMillis(300), Duration.ZERO, Duration.ofMinutes(10), 100);
            for (UserCallMode mode : UserCallMode.values()) {
                if (mode == UserCallMode.NORMAL) {
                    continue; // a success would be cached and hide the cases after it
                }
                ado.connectionDataMode(mode);
                try {
                    aliceInA();
                } catch (AccessDeniedException e) {
                    messages.append(e.getMessage()).append('\n');
                    assertThat(e.getCause()).isNull();
                }
            }
            ado.connectionDataMode(UserCallMode.NORMAL);
            ado.instanceId(ORG_B);
            try {
                aliceInA();
            } catch (AccessDeniedException e) {
                messages.append(e.getMessage()).append('\n');
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("membership denied (NOT_SIGNED_IN)").contains("membership denied (UNAVAILABLE)")
                .contains("membership denied (ORGANIZATION_MISMATCH)").contains(ALICE);
        assertThat(messages.toString()).contains(Reason.NOT_SIGNED_IN.clientMessage());
        for (String text : new String[] {logs, messages.toString()}) {
            assertThat(text).doesNotContain(ALICE_TOKEN).doesNotContain("alice-access-token")
                    .doesNotContain("sig-Q1w2E3r4");
        }
    }
}
