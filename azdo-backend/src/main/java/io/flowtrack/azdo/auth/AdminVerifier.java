package io.flowtrack.azdo.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.model.OrgId;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an authenticated user is an administrator of an organization, by asking the organization
 * itself with the user's own access token (docs/security.md, "Admin check"):
 *
 * <ol>
 * <li>{@code GET {orgUrl}/_apis/connectionData} (with {@code X-TFS-FedAuthRedirect: Suppress}): 200 JSON whose
 * {@code authenticatedUser.id} is the app token's {@code nameid} and whose {@code instanceId} is the organization
 * named in the path.</li>
 * <li>{@code GET {orgUrl}/_apis/permissions/3e65f728-f8bc-4ecd-8764-7e378b19bfa7/2?tokens=NAMESPACE
 * &alwaysAllowAdministrators=false&api-version=7.1-preview.2} (Security, "Permissions - Has Permissions": the
 * Collection namespace's GENERIC_WRITE, "Edit instance-level information", which Project Collection
 * Administrators hold): 200 JSON {@code {"count":1,"value":[true]}} (a bare {@code [true]} is accepted too).</li>
 * </ol>
 * Anything else denies (fail closed). The organization URL is the stored one, or one the backend built from its
 * configured base URL and a validated organization name; never one from the browser. The access token is used
 * for these requests only: never stored (the cache keeps its SHA-256), logged or put in a message. Positive
 * verdicts are cached until the app token expires or {@link Settings#maxVerdictAge()} passes (at most
 * {@link #MAX_VERDICT_AGE}), denials for a few seconds. Thread-safe.
 */
public final class AdminVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(AdminVerifier.class);
    /** The Collection security namespace (organization-level permissions). */
    public static final String COLLECTION_NAMESPACE_ID = "3e65f728-f8bc-4ecd-8764-7e378b19bfa7";
    /** GENERIC_WRITE of the Collection namespace: "Edit instance-level information". */
    public static final int COLLECTION_GENERIC_WRITE = 2;
    /** The Collection namespace's one ACL token. */
    public static final String COLLECTION_TOKEN = "NAMESPACE";
    /** The Permissions resource's version in REST API 7.1 (it is marked preview there). */
    public static final String PERMISSIONS_API_VERSION = "7.1-preview.2";
    /** Positive verdicts are never cached longer than this. */
    public static final Duration MAX_VERDICT_AGE = Duration.ofMinutes(5);

    /**
     * @param requestTimeout each request's whole budget
     * @param failureTtl     how long a denial is remembered, 0 to {@link MembershipVerifier#MAX_FAILURE_TTL}
     * @param maxVerdictAge  a positive verdict is re-checked after this, 0 to {@link #MAX_VERDICT_AGE}
     * @param maxEntries     the cache's size bound
     */
    public record Settings(Duration requestTimeout, Duration failureTtl, Duration maxVerdictAge, int maxEntries) {
        public Settings {
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            if (failureTtl == null || failureTtl.isNegative()
                    || failureTtl.compareTo(MembershipVerifier.MAX_FAILURE_TTL) > 0) {
                throw new IllegalArgumentException("failureTtl must be between 0 and "
                        + MembershipVerifier.MAX_FAILURE_TTL);
            }
            if (maxVerdictAge == null || maxVerdictAge.isNegative() || maxVerdictAge.compareTo(MAX_VERDICT_AGE) > 0) {
                throw new IllegalArgumentException("maxVerdictAge must be between 0 and " + MAX_VERDICT_AGE);
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1");
            }
        }

        /** 5 s per request, denials remembered 5 s, verdicts at most 2 minutes, 1,000 entries. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2), 1_000);
        }
    }

    /**
     * A verified admin: Azure DevOps confirmed that this user administers this organization.
     *
     * @param userId        the app token's {@code nameid}, lower case
     * @param orgId         the organization (host id)
     * @param verifiedUntil the verdict holds until then, never later than the app token's expiry
     */
    public record Grant(String userId, OrgId orgId, Instant verifiedUntil) {
    }

    private record Key(String orgUrl, String userId, String orgId, String tokenHash) {
    }

    private record Verdict(Grant grant, Reason denial, Instant until) {
    }

    private final UserTokenRequests requests;
    private final Clock clock;
    private final Settings settings;
    private final VerdictCache<Key, Verdict> cache;

    public AdminVerifier(HttpClient http, Clock clock, Settings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = new UserTokenRequests(http, settings.requestTimeout(), "admin check");
        this.cache = new VerdictCache<>(settings.maxEntries());
    }

    /** The default client (no redirects) and settings. */
    public AdminVerifier(Clock clock) {
        this(MembershipVerifier.httpClient(Duration.ofSeconds(3)), clock, Settings.defaults());
    }

    /**
     * Confirms that the user of {@code claims} is an administrator of {@code org}.
     *
     * @param orgUrl      the stored organization URL, or one built from the configured base URL (never from the browser)
     * @param accessToken the user's Azure DevOps access token; used for this check only
     * @throws AccessDeniedException when that is not confirmed, for whatever reason
     */
    public Grant verify(AppTokenClaims claims, URI orgUrl, OrgId org, String accessToken) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(org, "org");
        String base = MembershipVerifier.baseUrl(orgUrl);
        if (accessToken == null || !VerdictCache.ACCESS_TOKEN.matcher(accessToken).matches()) {
            throw new AccessDeniedException(Reason.MISSING_ACCESS_TOKEN);
        }
        String user = Guids.canonical(claims.userId());
        if (user == null) {
            throw deny(Reason.USER_MISMATCH, claims.userId(), org);
        }
        Key key = new Key(base, user, org.value(), VerdictCache.sha256(accessToken));
        Instant now = clock.instant();
        Verdict cached = lookup(key, now);
        if (cached != null) {
            if (cached.denial() != null) {
                throw new AccessDeniedException(cached.denial());
            }
            Instant until = min(cached.grant().verifiedUntil(), claims.expiresAt());
            if (now.isBefore(until)) {
                return new Grant(user, org, until);
            }
        }
        try {
            check(base, user, org, accessToken);
        } catch (AccessDeniedException e) {
            remember(key, new Verdict(null, e.reason(), now.plus(settings.failureTtl())));
            throw e;
        }
        Instant until = min(claims.expiresAt(), now.plus(settings.maxVerdictAge()));
        Grant grant = new Grant(user, org, until);
        remember(key, new Verdict(grant, null, until));
        LOG.info("admin confirmed: user {} organization {}", user, org);
        return grant;
    }

    /**
     * The name of a project of the organization as the user sees it, or empty when it does not exist or the user
     * cannot read it. For the connect route, after {@link #verify} passed for the same URL and token.
     *
     * @throws AccessDeniedException {@link Reason#UNAVAILABLE} when Azure DevOps could not be asked
     */
    public Optional<String> projectName(URI orgUrl, String accessToken, String projectId) {
        String base = MembershipVerifier.baseUrl(orgUrl);
        String project = Guids.canonical(projectId);
        if (project == null || accessToken == null || !VerdictCache.ACCESS_TOKEN.matcher(accessToken).matches()) {
            return Optional.empty();
        }
        UserTokenRequests.Answer response = requests.get(URI.create(base + "/_apis/projects/" + project
                + "?api-version=7.1"), accessToken, reason -> deny(reason, "?", null));
        if (response.status() == 404 || response.status() == 403 || response.status() == 401) {
            return Optional.empty();
        }
        JsonNode node = jsonObject(response, "?", null);
        if (!Guids.same(node.path("id").asText(null), project)) {
            return Optional.empty();
        }
        String name = node.path("name").asText("");
        return Optional.of(name.isBlank() ? project : name);
    }

    /** How many verdicts are cached (for tests and metrics). */
    public int cachedVerdicts() {
        return cache.size();
    }

    private void check(String base, String user, OrgId org, String accessToken) {
        UserTokenRequests.Answer connection = requests.get(URI.create(base + "/_apis/connectionData"), accessToken,
                reason -> deny(reason, user, org));
        JsonNode data = jsonObject(connection, user, org);
        String authenticated = data.path("authenticatedUser").path("id").asText(null);
        String instance = data.path("instanceId").asText(null);
        if (authenticated == null || instance == null) {
            throw deny(Reason.UNAVAILABLE, user, org);
        }
        if (!Guids.same(authenticated, user)) {
            throw deny(Reason.USER_MISMATCH, user, org);
        }
        if (!Guids.same(instance, org.value())) {
            throw deny(Reason.ORGANIZATION_MISMATCH, user, org);
        }
        UserTokenRequests.Answer permission = requests.get(URI.create(base + "/_apis/permissions/"
                + COLLECTION_NAMESPACE_ID + "/" + COLLECTION_GENERIC_WRITE + "?tokens=" + COLLECTION_TOKEN
                + "&alwaysAllowAdministrators=false&api-version=" + PERMISSIONS_API_VERSION), accessToken,
                reason -> deny(reason, user, org));
        if (permission.status() == 401) {
            throw deny(Reason.NOT_SIGNED_IN, user, org);
        }
        if (permission.status() == 403) {
            throw deny(Reason.NOT_ADMIN, user, org);
        }
        if (permission.status() != 200) {
            LOG.warn("admin check: permissions answered {} for organization {}", permission.status(), org);
            throw deny(Reason.UNAVAILABLE, user, org);
        }
        JsonNode answer = permission.json();
        JsonNode values = answer.isArray() ? answer : answer.path("value");
        if (!values.isArray() || values.size() != 1 || !values.get(0).isBoolean()) {
            throw deny(Reason.UNAVAILABLE, user, org);
        }
        if (!values.get(0).booleanValue()) {
            throw deny(Reason.NOT_ADMIN, user, org);
        }
    }

    /** A 200 answer's JSON object; any other status is not signed in (401 and the like), odd JSON unavailable. */
    private static JsonNode jsonObject(UserTokenRequests.Answer response, String user, OrgId org) {
        if (response.status() != 200) {
            throw deny(Reason.NOT_SIGNED_IN, user, org);
        }
        if (!response.json().isObject()) {
            throw deny(Reason.UNAVAILABLE, user, org);
        }
        return response.json();
    }

    private static AccessDeniedException deny(Reason reason, String user, OrgId org) {
        LOG.info("admin check denied ({}): user {} organization {}", reason, user, org);
        return new AccessDeniedException(reason);
    }

    private Verdict lookup(Key key, Instant now) {
        return cache.get(key, now);
    }

    private void remember(Key key, Verdict verdict) {
        cache.put(key, verdict, verdict.until(), clock.instant());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
