package io.flowtrack.azdo.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo mode ({@code --demo}, never on by default): a generated organization in an in-memory database
 * and a local sign-in, so a newcomer sees the dashboards with one command and browser tests have
 * something to drive. The sign-in issues an app token signed with a secret made at start-up, and an
 * access token that only this process's stand-in for the demo organization's own API accepts: requests
 * still go through the same app-token and membership checks as in production.
 */
public final class DemoMode {
    /** The demo user's id (what {@code nameid} carries). */
    public static final String USER = "d3e0d3e0-0000-4000-8000-00000000face";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Secret secret = new Secret(random(36));
    private final String accessToken = random(24);

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The app-token secret of this demo process. */
    public Secret secret() {
        return secret;
    }

    /** Loads the demo organization: one connected project with half a year of generated history. */
    public void seed(OrganizationStore organizations, ProjectStore projects, RevisionStore revisions,
                     StateCategoryStore categories, String organizationUrl) {
        organizations.upsert(DemoOrganization.ORG, DemoOrganization.ORG_NAME, organizationUrl);
        organizations.updateStatus(DemoOrganization.ORG, Organization.Status.CONNECTED, "demo organization");
        projects.upsert(DemoOrganization.ORG, new Project(DemoOrganization.PROJECT_ID, DemoOrganization.PROJECT_NAME,
                false));
        categories.replaceAll(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, DemoOrganization.stateCategories());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<WorkItemRevision> all = DemoOrganization.revisions(1_500, 42, today, 180);
        for (int from = 0; from < all.size(); from += 1_000) {
            List<WorkItemRevision> batch = all.subList(from, Math.min(all.size(), from + 1_000));
            revisions.saveBatch(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, batch, "demo-" + (from + batch.size()),
                    Instant.now());
        }
    }

    /** {@code POST /demo/sign-in}: the tokens a page inside Azure DevOps would have, for the demo user. */
    public void signIn(Context ctx) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("nameid", USER).claim("tid", "demo")
                .issuer(AppTokenVerifier.ISSUER).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("the demo app token cannot be signed", e);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("appToken", jwt.serialize());
        session.put("accessToken", accessToken);
        session.put("organizationId", DemoOrganization.ORG.value());
        session.put("organizationName", DemoOrganization.ORG_NAME);
        session.put("projectId", DemoOrganization.PROJECT_ID);
        session.put("projectName", DemoOrganization.PROJECT_NAME);
        session.put("userId", USER);
        ctx.json(session);
    }

    /** The demo organization's {@code _apis/connectionData}, as the membership check asks it. */
    public void connectionData(Context ctx) {
        if (!signedIn(ctx)) {
            return;
        }
        ctx.json(Map.of("authenticatedUser", Map.of("id", USER, "providerDisplayName", "Demo User"),
                "authorizedUser", Map.of("id", USER), "instanceId", DemoOrganization.ORG.value(),
                "deploymentType", "hosted"));
    }

    /** The demo organization's {@code _apis/projects/{id}}. */
    public void project(Context ctx) {
        if (!signedIn(ctx)) {
            return;
        }
        if (!DemoOrganization.PROJECT_ID.equals(ctx.pathParam("id"))) {
            ctx.status(404).json(Map.of("message", "TF200016: The project does not exist."));
            return;
        }
        ctx.json(Map.of("id", DemoOrganization.PROJECT_ID, "name", DemoOrganization.PROJECT_NAME,
                "state", "wellFormed"));
    }

    private boolean signedIn(Context ctx) {
        String auth = ctx.header("Authorization");
        byte[] expected = ("Bearer " + accessToken).getBytes(StandardCharsets.UTF_8);
        if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expected)) {
            ctx.status(401).json(Map.of("message", "TF400813: not authorized"));
            return false;
        }
        return true;
    }
}
