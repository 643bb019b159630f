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
 * Decides whether an authenticated user is an administrator of an organization (docs/security.md, "Admin check"):
 *
 * <ol>
 * <li>Who: {@code GET {orgUrl}/_apis/connectionData} with the user's own access token (and
 * {@code X-TFS-FedAuthRedirect: Suppress}): 200 JSON whose {@code instanceId} is the organization named in the path.
 * Its {@code authenticatedUser.id} is the user: Azure DevOps itself proved it. No source confirms that it always
 * equals the app token's {@code nameid} (two SDK issues report otherwise), so a difference is logged (ids only)
 * and the access token's identity is the one checked and audited.</li>
 * <li>Admin: the organization's own credential (the one being connected, or the stored one) answers whether that
 * identity is in Project Collection Administrators ({@link CollectionAdmins}, the Identities API). The page's
 * access token is never asked for permissions: it carries only the extension's {@code vso.work} scope, which the
 * Security API does not declare.</li>
 * </ol>
 * Anything else denies (fail closed). The organization URL is the stored one, or one the backend built from its
 * configured base URL and a validated organization name; never one from the browser. The access token is used
 * for connectionData only: never stored (the cache keeps its SHA-256), logged or put in a message. Positive
 * verdicts are cached per credential until the app token expires or {@link Settings#maxVerdictAge()} passes (at
 * most {@link #MAX_VERDICT_AGE}), denials for a few seconds. Thread-safe.
 */
public final class AdminVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(AdminVerifier.class);
    /** Positive verdicts are never cached longer than this. */
    public static final Duration MAX_VERDICT_AGE = Duration.ofMinutes(5);

    /** The organization's answer, asked with its own credential, to "is this identity a collection admin?". */
    @FunctionalInterface
    public interface CollectionAdmins {
        /**
         * @param identityId the user's identity id, as connectionData reported it
         * @throws AccessDeniedException {@link Reason#UNAVAILABLE} (or another reason) when there is no verdict
         */
        boolean isAdministrator(String identityId);
    }

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
     * @param userId        connectionData's {@code authenticatedUser.id}, lower case (see {@link IdentityMatch})
     * @param orgId         the organization (host id)
     * @param verifiedUntil the verdict holds until then, never later than the app token's expiry
     */
    public record Grant(String userId, OrgId orgId, Instant verifiedUntil) {
    }

    private record Key(String orgUrl, String userId, String orgId, String tokenHash, String credentialTag) {
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
     * @param orgUrl        the stored organization URL, or one built from the configured base URL (never from the
     *                      browser)
     * @param accessToken   the user's Azure DevOps access token; used for connectionData only
     * @param credentialTag names the organization credential {@code admins} asks with (a verdict holds for it only)
     * @param admins        the organization's answer, asked with that credential
     * @throws AccessDeniedException when that is not confirmed, for whatever reason
     */
    public Grant verify(AppTokenClaims claims, URI orgUrl, OrgId org, String accessToken, String credentialTag,
                        CollectionAdmins admins) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(credentialTag, "credentialTag");
        Objects.requireNonNull(admins, "admins");
        String base = MembershipVerifier.baseUrl(orgUrl);
        if (accessToken == null || !VerdictCache.ACCESS_TOKEN.matcher(accessToken).matches()) {
            throw new AccessDeniedException(Reason.MISSING_ACCESS_TOKEN);
        }
        String user = Guids.canonical(claims.userId());
        if (user == null) {
            throw deny(Reason.USER_MISMATCH, claims.userId(), org);
        }
        Key key = new Key(base, user, org.value(), VerdictCache.sha256(accessToken), credentialTag);
        Instant now = clock.instant();
        Verdict cached = lookup(key, now);
        if (cached != null) {
            if (cached.denial() != null) {
                throw new AccessDeniedException(cached.denial());
            }
            Instant until = min(cached.grant().verifiedUntil(), claims.expiresAt());
            if (now.isBefore(until)) {
                return new Grant(cached.grant().userId(), org, until);
            }
        }
        String identity;
        try {
            identity = check(base, user, org, accessToken, admins);
        } catch (AccessDeniedException e) {
            remember(key, new Verdict(null, e.reason(), now.plus(settings.failureTtl())));
            throw e;
        }
        Instant until = min(claims.expiresAt(), now.plus(settings.maxVerdictAge()));
        Grant grant = new Grant(identity, org, until);
        remember(key, new Verdict(grant, null, until));
        LOG.info("admin confirmed: user {} organization {}", identity, org);
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

    /** @return the identity Azure DevOps authenticated (connectionData), once the organization said it is an admin */
    private String check(String base, String user, OrgId org, String accessToken, CollectionAdmins admins) {
        UserTokenRequests.Answer connection = requests.get(URI.create(base + "/_apis/connectionData"), accessToken,
                reason -> deny(reason, user, org));
        JsonNode data = jsonObject(connection, user, org);
        String instance = data.path("instanceId").asText(null);
        String identity = IdentityMatch.authenticatedUser(data, user, org, "admin check");
        if (identity == null || instance == null) {
            throw deny(Reason.UNAVAILABLE, user, org);
        }
        if (!Guids.same(instance, org.value())) {
            throw deny(Reason.ORGANIZATION_MISMATCH, user, org);
        }
        if (!admins.isAdministrator(identity)) {
            throw deny(Reason.NOT_ADMIN, identity, org);
        }
        return identity;
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
