package io.flowtrack.azdo.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Mints app tokens shaped like Azure DevOps' (claims as observed in real tokens), with nimbus. */
public final class Tokens {
    static final String SECRET_A = "flowtrack-test-secret-A-0123456789abcdef";
    static final String SECRET_B = "flowtrack-test-secret-B-fedcba9876543210";
    static final String AUDIENCE = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    static final String USER = "8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d";
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private Tokens() {
    }

    static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .claim("nameid", USER)
                .claim("tid", TENANT)
                .jwtID("0f7e1a52-1a0b-4c52-9b0e-7c4c8a1b2c3d")
                .issuer(AppTokenVerifier.ISSUER)
                .audience(AUDIENCE)
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(70 * 60)));
    }

    public static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(JWTClaimsSet claims, String secret) {
        return sign(claims, JWSAlgorithm.HS256, secret);
    }
}
