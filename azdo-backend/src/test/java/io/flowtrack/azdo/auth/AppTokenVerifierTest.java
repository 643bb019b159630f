package io.flowtrack.azdo.auth;

import io.flowtrack.azdo.fake.FakeTime;
import static io.flowtrack.azdo.auth.Tokens.AUDIENCE;
import static io.flowtrack.azdo.auth.Tokens.SECRET_A;
import static io.flowtrack.azdo.auth.Tokens.SECRET_B;
import static io.flowtrack.azdo.auth.Tokens.claims;
import static io.flowtrack.azdo.auth.Tokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.flowtrack.azdo.auth.AuthenticationException.Reason;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    private final FakeTime clock = new FakeTime(NOW);

    private AppTokenVerifier verifier(String audience, String... secrets) {
        return new AppTokenVerifier(java.util.Arrays.stream(secrets).map(Secret::new).toList(), audience, clock,
                Duration.ofSeconds(60));
    }

    private final AppTokenVerifier verifier = verifier(AUDIENCE, SECRET_A);

    private static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (AuthenticationException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void acceptsAValidTokenAndReturnsItsClaims() {
        AppTokenClaims c = verifier.verifyAuthorizationHeader("Bearer " + hs256(claims(NOW).build(), SECRET_A));
        assertThat(c.userId()).isEqualTo(Tokens.USER);
        assertThat(c.tenantId()).isEqualTo(Tokens.TENANT);
        assertThat(c.tokenId()).isEqualTo("0f7e1a52-1a0b-4c52-9b0e-7c4c8a1b2c3d");
        assertThat(c.expiresAt()).isEqualTo(NOW.plusSeconds(70 * 60));
    }

    @Test
    void bearerSchemeIsCaseInsensitiveButRequired() {
        String token = hs256(claims(NOW).build(), SECRET_A);
        assertThat(verifier.verifyAuthorizationHeader("bearer " + token).userId()).isEqualTo(Tokens.USER);
        assertThat(reasonOf(() -> verifier.verifyAuthorizationHeader("Basic " + token))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> verifier.verifyAuthorizationHeader(token))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> verifier.verifyAuthorizationHeader("Bearer "))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void missingHeaderOrToken() {
        assertThat(reasonOf(() -> verifier.verifyAuthorizationHeader(null))).isEqualTo(Reason.MISSING);
        assertThat(reasonOf(() -> verifier.verifyAuthorizationHeader("  "))).isEqualTo(Reason.MISSING);
        assertThat(reasonOf(() -> verifier.verify(""))).isEqualTo(Reason.MISSING);
    }

    @Test
    void malformedTokens() {
        String valid = hs256(claims(NOW).build(), SECRET_A);
        String[] parts = valid.split("\\.");
        assertThat(reasonOf(() -> verifier.verify("abc"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> verifier.verify(parts[0] + "." + parts[1]))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> verifier.verify(valid + ".x.y"))).isEqualTo(Reason.MALFORMED);
        // bad base64 in the header
        assertThat(reasonOf(() -> verifier.verify("!!!$$$." + parts[1] + "." + parts[2])))
                .isEqualTo(Reason.MALFORMED);
        // a header that is base64 but not JSON
        String notJson = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        assertThat(reasonOf(() -> verifier.verify(notJson + "." + parts[1] + "." + parts[2])))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> verifier.verify("a".repeat(9000)))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aPayloadThatIsNotJsonIsMalformedEvenWhenSigned() throws Exception {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(new JWSHeader(JWSAlgorithm.HS256),
                new com.nimbusds.jose.Payload("this is not json"));
        jws.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET_A.getBytes(StandardCharsets.UTF_8)));
        assertThat(reasonOf(() -> verifier.verify(jws.serialize()))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void algNoneIsRefused() {
        String unsecured = new PlainJWT(claims(NOW).build()).serialize();
        assertThat(unsecured).endsWith(".");
        assertThat(reasonOf(() -> verifier.verify(unsecured))).isEqualTo(Reason.WRONG_ALGORITHM);
        // the same, with the signature of a real token glued on
        String real = hs256(claims(NOW).build(), SECRET_A);
        String glued = unsecured + real.substring(real.lastIndexOf('.') + 1);
        assertThat(reasonOf(() -> verifier.verify(glued))).isIn(Reason.WRONG_ALGORITHM, Reason.MALFORMED);
    }

    @Test
    void rs256IsRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(NOW).build());
        jwt.sign(new RSASSASigner(rsa));
        assertThat(reasonOf(() -> verifier.verify(jwt.serialize()))).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void otherHmacSizesAreRefusedEvenWithTheRightSecret() {
        String longSecret = SECRET_A + SECRET_A; // HS384/HS512 need longer keys to sign at all
        AppTokenVerifier v = verifier(AUDIENCE, longSecret);
        assertThat(v.verify(hs256(claims(NOW).build(), longSecret)).userId()).isEqualTo(Tokens.USER);
        assertThat(reasonOf(() -> v.verify(Tokens.sign(claims(NOW).build(), JWSAlgorithm.HS384, longSecret))))
                .isEqualTo(Reason.WRONG_ALGORITHM);
        assertThat(reasonOf(() -> v.verify(Tokens.sign(claims(NOW).build(), JWSAlgorithm.HS512, longSecret))))
                .isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void wrongSecretIsABadSignature() {
        assertThat(reasonOf(() -> verifier.verify(hs256(claims(NOW).build(), SECRET_B))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedPayloadIsABadSignature() {
        String valid = hs256(claims(NOW).build(), SECRET_A);
        String[] parts = valid.split("\\.");
        String otherPayload = hs256(claims(NOW).claim("nameid", "00000000-0000-0000-0000-000000000001").build(),
                SECRET_B).split("\\.")[1];
        assertThat(reasonOf(() -> verifier.verify(parts[0] + "." + otherPayload + "." + parts[2])))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void bothSecretsAreAcceptedWhileRotating() {
        AppTokenVerifier rotating = verifier(AUDIENCE, SECRET_A, SECRET_B);
        assertThat(rotating.verify(hs256(claims(NOW).build(), SECRET_A)).userId()).isEqualTo(Tokens.USER);
        assertThat(rotating.verify(hs256(claims(NOW).build(), SECRET_B)).userId()).isEqualTo(Tokens.USER);
        assertThat(reasonOf(() -> rotating.verify(hs256(claims(NOW).build(), SECRET_A + "x"))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredTokensAreRefusedAfterTheSkew() {
        JWTClaimsSet c = claims(NOW).expirationTime(Date.from(NOW.minusSeconds(61))).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(c, SECRET_A)))).isEqualTo(Reason.EXPIRED);
        JWTClaimsSet exactlyAtSkew = claims(NOW).expirationTime(Date.from(NOW.minusSeconds(60))).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(exactlyAtSkew, SECRET_A)))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void expiredInsideTheSkewIsAccepted() {
        JWTClaimsSet c = claims(NOW).expirationTime(Date.from(NOW.minusSeconds(59))).build();
        assertThat(verifier.verify(hs256(c, SECRET_A)).expiresAt()).isEqualTo(NOW.minusSeconds(59));
    }

    @Test
    void notYetValidIsRefusedOutsideTheSkewAndAcceptedInside() {
        JWTClaimsSet early = claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(61))).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(early, SECRET_A)))).isEqualTo(Reason.NOT_YET_VALID);
        JWTClaimsSet slightlyEarly = claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(59))).build();
        assertThat(verifier.verify(hs256(slightlyEarly, SECRET_A)).userId()).isEqualTo(Tokens.USER);
    }

    @Test
    void theSkewIsConfigurable() {
        AppTokenVerifier strict = new AppTokenVerifier(List.of(new Secret(SECRET_A)), AUDIENCE, clock, Duration.ZERO);
        JWTClaimsSet c = claims(NOW).expirationTime(Date.from(NOW.minusSeconds(1))).build();
        assertThat(reasonOf(() -> strict.verify(hs256(c, SECRET_A)))).isEqualTo(Reason.EXPIRED);
        assertThat(verifier.verify(hs256(c, SECRET_A)).userId()).isEqualTo(Tokens.USER);
    }

    @Test
    void theInjectedClockDecides() {
        String token = hs256(claims(NOW).build(), SECRET_A);
        assertThat(verifier.verify(token).userId()).isEqualTo(Tokens.USER);
        clock.advance(Duration.ofMinutes(71));
        assertThat(reasonOf(() -> verifier.verify(token))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void missingExpIsRefused() {
        JWTClaimsSet c = claims(NOW).expirationTime(null).build();
        AuthenticationException e = catchAuth(() -> verifier.verify(hs256(c, SECRET_A)));
        assertThat(e.reason()).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(e.getMessage()).contains("exp");
    }

    @Test
    void wrongOrMissingIssuer() {
        JWTClaimsSet other = claims(NOW).issuer("https://app.vstoken.visualstudio.com").build();
        assertThat(reasonOf(() -> verifier.verify(hs256(other, SECRET_A)))).isEqualTo(Reason.WRONG_ISSUER);
        JWTClaimsSet none = claims(NOW).issuer(null).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(none, SECRET_A)))).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void wrongOrMissingAudienceWhenOneIsConfigured() {
        JWTClaimsSet other = claims(NOW).audience("11111111-2222-3333-4444-555555555555").build();
        assertThat(reasonOf(() -> verifier.verify(hs256(other, SECRET_A)))).isEqualTo(Reason.WRONG_AUDIENCE);
        JWTClaimsSet none = claims(NOW).audience((String) null).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(none, SECRET_A)))).isEqualTo(Reason.WRONG_AUDIENCE);
        JWTClaimsSet list = claims(NOW).audience(List.of("x", AUDIENCE)).build();
        assertThat(verifier.verify(hs256(list, SECRET_A)).userId()).isEqualTo(Tokens.USER);
    }

    @Test
    void anyAudienceWhenNoneIsConfigured() {
        AppTokenVerifier open = verifier(null, SECRET_A);
        JWTClaimsSet other = claims(NOW).audience("11111111-2222-3333-4444-555555555555").build();
        assertThat(open.verify(hs256(other, SECRET_A)).userId()).isEqualTo(Tokens.USER);
    }

    @Test
    void missingOrNonStringNameidIsRefused() {
        JWTClaimsSet none = claims(NOW).claim("nameid", null).build();
        AuthenticationException e = catchAuth(() -> verifier.verify(hs256(none, SECRET_A)));
        assertThat(e.reason()).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(e.getMessage()).contains("nameid");
        JWTClaimsSet number = claims(NOW).claim("nameid", 42).build();
        assertThat(reasonOf(() -> verifier.verify(hs256(number, SECRET_A)))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void optionalClaimsMayBeAbsent() {
        JWTClaimsSet c = claims(NOW).claim("tid", null).jwtID(null).notBeforeTime(null).build();
        AppTokenClaims claims = verifier.verify(hs256(c, SECRET_A));
        assertThat(claims.tenantId()).isNull();
        assertThat(claims.tokenId()).isNull();
    }

    @Test
    void messagesNeverContainTheTokenOrTheSecret() {
        String wrong = hs256(claims(NOW).build(), SECRET_B);
        String expired = hs256(claims(NOW).expirationTime(Date.from(NOW.minusSeconds(3600))).build(), SECRET_A);
        for (String token : List.of(wrong, expired, "abc.def.ghi", wrong.substring(0, wrong.length() - 3))) {
            AuthenticationException e = catchAuth(() -> verifier.verifyAuthorizationHeader("Bearer " + token));
            assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[0])
                    .doesNotContain(SECRET_A).doesNotContain(SECRET_B);
            assertThat(e.getCause()).isNull();
            assertThat(e.getStackTrace()).isEmpty();
        }
    }

    @Test
    void refusesShortOrTooManySecretsWithoutEchoingThem() {
        String shortSecret = "only-31-bytes-long-secret-abcde";
        assertThat(shortSecret.getBytes(StandardCharsets.UTF_8)).hasSize(31);
        assertThatThrownBy(() -> verifier(null, shortSecret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortSecret);
        assertThatThrownBy(() -> verifier(null, SECRET_A, SECRET_B, SECRET_A + "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppTokenVerifier(List.of(new Secret(SECRET_A)), null, clock,
                Duration.ofMinutes(10))).isInstanceOf(IllegalArgumentException.class);
    }

    private static AuthenticationException catchAuth(Runnable r) {
        try {
            r.run();
        } catch (AuthenticationException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }
}
