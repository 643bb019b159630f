package io.flowtrack.azdo.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.flowtrack.azdo.api.DirectoryRoutes;
import io.flowtrack.azdo.api.ApiJson;
import io.flowtrack.azdo.api.FlowConfigJson;
import io.flowtrack.azdo.auth.AppTokenVerifier;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoException;
import io.flowtrack.azdo.extract.DirectoryClient;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.Project;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.ProjectStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.config.FlowSettings;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    /**
     * The demo page's security policy: its own scripts and styles only (no inline script), data from this
     * origin only, never framed. ECharts writes tooltip markup with style attributes, hence inline styles.
     */
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    /** What {@code GET /demo/{asset}} serves: the page's own files and the dashboards bundle (flowtrack-web). */
    private static final Map<String, Asset> ASSETS = Map.of(
            "", new Asset("/io/flowtrack/azdo/demo/page/index.html", "text/html; charset=utf-8"),
            "demo-host.js", new Asset("/io/flowtrack/azdo/demo/page/demo-host.js", "text/javascript; charset=utf-8"),
            "demo.css", new Asset("/io/flowtrack/azdo/demo/page/demo.css", "text/css; charset=utf-8"),
            "flowtrack-dashboard.js", new Asset("/io/flowtrack/web/flowtrack-dashboard.js",
                    "text/javascript; charset=utf-8"),
            "flowtrack-dashboard.css", new Asset("/io/flowtrack/web/flowtrack-dashboard.css", "text/css; charset=utf-8"));
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

    private record Asset(String resource, String contentType) {
    }

    /**
     * Loads the demo organization: one connected project with half a year of generated history, configured
     * as a team would (review is waiting time, an SLE of 14 days at 85%, blocked work from the CMMI Blocked field, a
     * Monday-to-Friday calendar for working-day figures), one project whose first sync
     * has not run yet, so the dashboards' "wait for the first sync" state can be seen, and a synced project without a
     * configuration (the default workflow, no calendar: calendar days only).
     */
    public void seed(OrganizationStore organizations, ProjectStore projects, RevisionStore revisions,
                     StateCategoryStore categories, ProjectConfigStore configs, String organizationUrl) {
        organizations.upsert(DemoOrganization.ORG, DemoOrganization.ORG_NAME, organizationUrl);
        organizations.updateStatus(DemoOrganization.ORG, Organization.Status.CONNECTED, "demo organization");
        projects.upsert(DemoOrganization.ORG, new Project(DemoOrganization.PROJECT_ID, DemoOrganization.PROJECT_NAME,
                false));
        projects.upsert(DemoOrganization.ORG, new Project(DemoOrganization.UNSYNCED_PROJECT_ID,
                DemoOrganization.UNSYNCED_PROJECT_NAME, false));
        projects.upsert(DemoOrganization.ORG, new Project(DemoOrganization.PLAIN_PROJECT_ID,
                DemoOrganization.PLAIN_PROJECT_NAME, false));
        categories.replaceAll(DemoOrganization.ORG, DemoOrganization.PLAIN_PROJECT_ID,
                DemoOrganization.stateCategories());
        categories.replaceAll(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, DemoOrganization.stateCategories());
        ProjectFlowConfig flow = new ProjectFlowConfig(new FlowSettings(List.of(
                Stage.of("Backlog", Category.PROPOSED, "New"),
                Stage.of("Ready", Category.PROPOSED, "Approved"),
                Stage.of("Active", Category.ACTIVE, "Active"),
                Stage.of("In Review", Category.WAITING, "In Review"),
                Stage.of("Testing", Category.ACTIVE, "Testing"),
                Stage.of("Done", Category.DONE, "Resolved", "Closed"),
                Stage.of("Removed", Category.REMOVED, "Removed")), "Active", StartPolicy.FIRST,
                new ReportRequest.Sle(14, 85), WorkingCalendar.of(List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                        "THURSDAY", "FRIDAY"), List.of())), io.flowtrack.azdo.model.BlockedSource.field());
        try {
            configs.put(DemoOrganization.ORG, DemoOrganization.PROJECT_ID, ApiJson.mapper().writeValueAsString(FlowConfigJson.write(flow)),
                    USER, io.flowtrack.azdo.model.BlockedSource.field());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the demo flow configuration cannot be written", e);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        store(revisions, DemoOrganization.PROJECT_ID, DemoOrganization.revisions(1_500, 42, today, 180));
        // The plain project: no configuration, so the default workflow and no calendar (another seed, fewer items).
        store(revisions, DemoOrganization.PLAIN_PROJECT_ID, DemoOrganization.revisions(300, 7, today, 90));
    }

    private static void store(RevisionStore revisions, String projectId, List<WorkItemRevision> all) {
        for (int from = 0; from < all.size(); from += 1_000) {
            List<WorkItemRevision> batch = all.subList(from, Math.min(all.size(), from + 1_000));
            revisions.saveBatch(DemoOrganization.ORG, projectId, batch, "demo-" + (from + batch.size()), Instant.now());
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
        session.put("unsyncedProjectId", DemoOrganization.UNSYNCED_PROJECT_ID);
        session.put("plainProjectId", DemoOrganization.PLAIN_PROJECT_ID);
        session.put("plainProjectName", DemoOrganization.PLAIN_PROJECT_NAME);
        session.put("userId", USER);
        ctx.json(session);
    }

    /**
     * The directory of projects and teams with the demo organization in it: the demo organization has no stored
     * credential, so its projects and {@link DemoOrganization#TEAMS} come from here; any other organization (one
     * an admin connected while the demo runs) from {@code real}.
     */
    public DirectoryRoutes.Directory directory(DirectoryRoutes.Directory real) {
        return new DirectoryRoutes.Directory() {
            @Override
            public List<DirectoryClient.Entry> projects(Organization organization)
                    throws AzdoException, InterruptedException {
                if (!organization.id().equals(DemoOrganization.ORG)) {
                    return real.projects(organization);
                }
                return List.of(new DirectoryClient.Entry(DemoOrganization.PROJECT_ID, DemoOrganization.PROJECT_NAME),
                        new DirectoryClient.Entry(DemoOrganization.UNSYNCED_PROJECT_ID,
                                DemoOrganization.UNSYNCED_PROJECT_NAME),
                        new DirectoryClient.Entry(DemoOrganization.PLAIN_PROJECT_ID,
                                DemoOrganization.PLAIN_PROJECT_NAME));
            }

            @Override
            public List<DirectoryClient.Entry> teams(Organization organization, String projectId)
                    throws AzdoException, InterruptedException {
                if (!organization.id().equals(DemoOrganization.ORG)) {
                    return real.teams(organization, projectId);
                }
                return DemoOrganization.PROJECT_ID.equals(projectId) ? DemoOrganization.TEAMS : List.of();
            }
        };
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
        String id = ctx.pathParam("id");
        String name = Map.of(DemoOrganization.PROJECT_ID, DemoOrganization.PROJECT_NAME,
                DemoOrganization.UNSYNCED_PROJECT_ID, DemoOrganization.UNSYNCED_PROJECT_NAME,
                DemoOrganization.PLAIN_PROJECT_ID, DemoOrganization.PLAIN_PROJECT_NAME).get(id);
        if (name == null) {
            ctx.status(404).json(Map.of("message", "TF200016: The project does not exist."));
            return;
        }
        ctx.json(Map.of("id", id, "name", name, "state", "wellFormed"));
    }

    /**
     * {@code GET /demo/} and {@code GET /demo/{asset}}: the demo dashboards page, its host adapter and the
     * dashboards bundle from the flowtrack-web jar. Only the files listed in {@link #ASSETS}; the page gets
     * a strict content security policy. Its data come from the report API, with the tokens of the sign-in.
     */
    public void page(Context ctx) {
        String name = ctx.pathParamMap().getOrDefault("asset", "");
        Asset asset = ASSETS.get(name);
        byte[] body = asset == null ? null : resource(asset.resource());
        if (body == null) {
            ctx.status(404).json(Map.of("error", "not_found", "message", "no such demo file: " + name));
            return;
        }
        ctx.header("Content-Security-Policy", PAGE_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.contentType(asset.contentType()).result(body);
    }

    private static byte[] resource(String path) {
        try (InputStream in = DemoMode.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("demo file " + path + " cannot be read", e);
        }
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
