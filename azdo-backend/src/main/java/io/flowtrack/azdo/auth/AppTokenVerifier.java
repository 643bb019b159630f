package io.flowtrack.azdo.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.flowtrack.azdo.auth.AuthenticationException.Reason;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies the app token the extension sends on every request ({@code SDK.getAppToken()}): an HS256 JWT signed
 * with the extension's secret (docs/security.md). Parsing and signature checks are nimbus-jose-jwt's; this class
 * decides which algorithm, keys and claims are acceptable.
 *
 * <p>Checks, in order: the header is {@code Bearer <jwt>}; the JWT is a JWS (not unsecured, not encrypted)
 * whose {@code alg} is exactly HS256; the signature matches one of the configured secrets (one, or two while
 * rotating); {@code iss} is {@value #ISSUER}; {@code aud} contains the configured audience (when one is
 * configured); {@code exp} is present and not passed, {@code nbf} (if present) is reached, both with the clock
 * skew; {@code nameid} is present.
 *
 * <p>Thread-safe; build one and share it.
 */
public final class AppTokenVerifier {
    /** The issuer of Azure DevOps app tokens (no scheme). */
    public static final String ISSUER = "app.vstoken.visualstudio.com";
    /** The default allowance for clocks that disagree. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** The largest clock skew this class accepts. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** HS256 keys shorter than this are refused (RFC 7518 §3.2; nimbus enforces it too). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Longer Authorization values are refused without parsing (real app tokens are well under 2 KB). */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final String BEARER = "bearer ";

    private final List<MACVerifier> verifiers;
    private final String audience;
    private final Clock clock;
    private final Duration clockSkew;

    /**
     * @param secrets   the extension's secrets (one, or two while rotating); each at least 32 UTF-8 bytes
     * @param audience  the required {@code aud}, or null to accept any audience
     * @param clock     the clock for {@code exp}/{@code nbf}
     * @param clockSkew allowance for clock differences, 0 to 5 minutes
     */
    public AppTokenVerifier(List<Secret> secrets, String audience, Clock clock, Duration clockSkew) {
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("the app token verifier needs one or two extension secrets, got "
                    + secrets.size());
        }
        List<MACVerifier> list = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            byte[] key = Objects.requireNonNull(secrets.get(i), "secret").reveal().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("extension secret " + (i + 1) + " is shorter than "
                        + MIN_SECRET_BYTES + " bytes, too short for HS256");
            }
            try {
                list.add(new MACVerifier(key));
            } catch (JOSEException e) { // not reached: the length is checked above
                throw new IllegalArgumentException("extension secret " + (i + 1) + " cannot be used for HS256");
            }
        }
        this.verifiers = List.copyOf(list);
        this.audience = audience == null || audience.isBlank() ? null : audience.trim();
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW + ", was "
                    + clockSkew);
        }
        this.clockSkew = clockSkew;
    }

    /** From the service configuration, with its clock skew ({@code FLOWTRACK_TOKEN_CLOCK_SKEW}). */
    public static AppTokenVerifier fromConfig(BackendConfig config, Clock clock) {
        return new AppTokenVerifier(config.extensionSecrets(), config.extensionAudience(), clock,
                config.timings().tokenClockSkew());
    }

    /**
     * Verifies an {@code Authorization} header value.
     *
     * @param authorizationHeader the header's value, {@code Bearer <jwt>}; null or blank when absent
     * @throws AuthenticationException when the token is refused
     */
    public AppTokenClaims verifyAuthorizationHeader(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new AuthenticationException(Reason.MISSING);
        }
        String value = authorizationHeader.strip();
        if (value.length() <= BEARER.length()
                || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new AuthenticationException(Reason.MALFORMED, "expected 'Bearer <token>'");
        }
        return verify(value.substring(BEARER.length()).strip());
    }

    /**
     * Verifies a bare app token.
     *
     * @throws AuthenticationException when the token is refused
     */
    public AppTokenClaims verify(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException(Reason.MISSING);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException(Reason.MALFORMED, "too long");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationException(Reason.MALFORMED);
        }
        if (!(jwt instanceof SignedJWT signed)) { // unsecured (alg none) or encrypted
            throw new AuthenticationException(Reason.WRONG_ALGORITHM);
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw new AuthenticationException(Reason.WRONG_ALGORITHM);
        }
        if (!signatureMatches(signed)) {
            throw new AuthenticationException(Reason.BAD_SIGNATURE);
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationException(Reason.MALFORMED);
        }
        return checkClaims(claims);
    }

    private boolean signatureMatches(SignedJWT signed) {
        boolean matched = false;
        for (MACVerifier verifier : verifiers) { // try every key: no early exit that would time which one matched
            try {
                matched |= signed.verify(verifier);
            } catch (JOSEException | RuntimeException e) {
                // a header the verifier refuses (e.g. unknown "crit" parameters) does not verify
            }
        }
        return matched;
    }

    private AppTokenClaims checkClaims(JWTClaimsSet claims) {
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new AuthenticationException(Reason.WRONG_ISSUER);
        }
        if (audience != null) {
            List<String> aud = claims.getAudience();
            if (aud == null || !aud.contains(audience)) {
                throw new AuthenticationException(Reason.WRONG_AUDIENCE);
            }
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AuthenticationException(Reason.MISSING_CLAIM, "exp");
        }
        Instant expiresAt = exp.toInstant();
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            throw new AuthenticationException(Reason.EXPIRED);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(clockSkew))) {
            throw new AuthenticationException(Reason.NOT_YET_VALID);
        }
        String userId = stringClaim(claims, "nameid");
        if (userId == null) {
            throw new AuthenticationException(Reason.MISSING_CLAIM, "nameid");
        }
        return new AppTokenClaims(userId, stringClaim(claims, "tid"), expiresAt, stringClaim(claims, "jti"));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        return null;
    }
}
