package io.flowtrack.azdo.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.auth.AccessDeniedException.Reason;
import io.flowtrack.azdo.model.OrgId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an authenticated user to the organization and project the page claims, by asking that organization
 * (docs/security.md). The app token says who; this says where.
 *
 * <ol>
 * <li>{@code GET {orgUrl}/_apis/connectionData} with the user's access token and
 * {@code X-TFS-FedAuthRedirect: Suppress}: must be 200 JSON whose {@code authenticatedUser.id} is the app token's
 * {@code nameid} (a difference is logged and the access token's identity is the user: {@link IdentityMatch}) and
 * whose {@code instanceId} is the claimed organization.</li>
 * <li>{@code GET {orgUrl}/_apis/projects/{projectId}?api-version=7.1} with the same token: must be 200 JSON whose
 * {@code id} is the claimed project.</li>
 * </ol>
 * Anything else (other statuses, 203, HTML, non-JSON, redirects, timeouts, I/O errors) denies. The organization
 * URL is the one the backend stored when the organization was connected, never one from the browser. The access
 * token is used for these two requests only: it is never stored (the cache keeps its SHA-256), logged or put in
 * a message.
 *
 * <p>Positive verdicts are cached per (stored URL, user, organization, project, token hash) until the app token
 * expires, or {@link Settings#maxVerdictAge()} if sooner; denials for {@link Settings#failureTtl()} (a few seconds at most).
 * The cache is bounded (least recently used entries go first). Thread-safe.
 */
public final class MembershipVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipVerifier.class);
    /** Larger answers are refused (connectionData is a few KB). */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Denials are never cached longer than this. */
    public static final Duration MAX_FAILURE_TTL = Duration.ofSeconds(10);

    /**
     * @param requestTimeout each request's whole budget (connect, headers and body)
     * @param failureTtl     how long a denial is remembered, 0 to {@link #MAX_FAILURE_TTL}
     * @param maxVerdictAge  a positive verdict is re-checked after this, even if the app token lives longer
     * @param maxEntries     the cache's size bound
     */
    public record Settings(Duration requestTimeout, Duration failureTtl, Duration maxVerdictAge, int maxEntries) {
        public Settings {
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            if (failureTtl == null || failureTtl.isNegative() || failureTtl.compareTo(MAX_FAILURE_TTL) > 0) {
                throw new IllegalArgumentException("failureTtl must be between 0 and " + MAX_FAILURE_TTL);
            }
            if (maxVerdictAge == null || maxVerdictAge.isNegative()) {
                throw new IllegalArgumentException("maxVerdictAge must not be negative");
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1");
            }
        }

        /** 5 s per request, denials remembered 5 s, verdicts at most 10 minutes, 10,000 entries. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(10), 10_000);
        }
    }

    private record Key(String orgUrl, String userId, String orgId, String projectId, String tokenHash) {
    }

    /** Either a membership (positive) or a denial reason, valid until {@code until}. */
    private record Verdict(Membership membership, Reason denial, Instant until) {
    }

    private final UserTokenRequests requests;
    private final Clock clock;
    private final Settings settings;
    private final VerdictCache<Key, Verdict> cache;

    /**
     * @param http     the client; build it with {@link #httpClient(Duration)} (no redirects, connect timeout)
     * @param clock    the clock for cache lifetimes
     * @param settings timeouts and cache bounds
     */
    public MembershipVerifier(HttpClient http, Clock clock, Settings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = new UserTokenRequests(http, settings.requestTimeout(), "membership check");
        this.cache = new VerdictCache<>(settings.maxEntries());
    }

    /** The default client and settings. */
    public MembershipVerifier(Clock clock) {
        this(httpClient(Duration.ofSeconds(3)), clock, Settings.defaults());
    }

    /** An HTTP client that never follows redirects (they would carry the user's token elsewhere). */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout)
                .build();
    }

    /**
     * Confirms that the user of {@code claims} belongs to the organization and can read the project.
     *
     * @param claims      the verified app token's claims
     * @param orgUrl      the organization's base URL as stored when it was connected (never from the browser)
     * @param claimedOrg  the organization the page says it is in ({@code getHost().id})
     * @param projectId   the project the page says it is in
     * @param accessToken the user's Azure DevOps access token from the page; used for this check only
     * @return the membership, valid until {@link Membership#verifiedUntil()}
     * @throws AccessDeniedException when membership is not confirmed, for whatever reason
     */
    public Membership verify(AppTokenClaims claims, URI orgUrl, OrgId claimedOrg, String projectId,
            String accessToken) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(claimedOrg, "claimedOrg");
        String base = baseUrl(orgUrl);
        if (accessToken == null || !VerdictCache.ACCESS_TOKEN.matcher(accessToken).matches()) {
            throw new AccessDeniedException(Reason.MISSING_ACCESS_TOKEN);
        }
        String project = Guids.canonical(projectId);
        if (project == null) {
            throw new AccessDeniedException(Reason.INVALID_PROJECT_ID);
        }
        String user = Guids.canonical(claims.userId());
        if (user == null) {
            throw deny(Reason.USER_MISMATCH, claims.userId(), claimedOrg, project);
        }
        Key key = new Key(base, user, claimedOrg.value(), project, VerdictCache.sha256(accessToken));
        Instant now = clock.instant();
        Verdict cached = lookup(key, now);
        if (cached != null) {
            if (cached.denial() != null) {
                throw new AccessDeniedException(cached.denial());
            }
            Membership m = cached.membership();
            Instant until = min(m.verifiedUntil(), claims.expiresAt());
            if (now.isBefore(until)) {
                return until.equals(m.verifiedUntil()) ? m : new Membership(m.userId(), claimedOrg, project, until);
            }
        }
        String identity;
        try {
            identity = check(base, user, claimedOrg, project, accessToken);
        } catch (AccessDeniedException e) {
            remember(key, new Verdict(null, e.reason(), now.plus(settings.failureTtl())));
            throw e;
        }
        Instant until = min(claims.expiresAt(), now.plus(settings.maxVerdictAge()));
        Membership membership = new Membership(identity, claimedOrg, project, until);
        if (now.isBefore(until)) {
            remember(key, new Verdict(membership, null, until));
        }
        LOG.debug("membership confirmed: user {} organization {} project {}", user, claimedOrg, project);
        return membership;
    }

    /** How many verdicts are cached (for tests and metrics). */
    public int cachedVerdicts() {
        return cache.size();
    }

    /** @return the identity connectionData authenticated */
    private String check(String base, String user, OrgId org, String project, String accessToken) {
        JsonNode connection = getJson(URI.create(base + "/_apis/connectionData"), accessToken, Reason.NOT_SIGNED_IN,
                user, org, project);
        String authenticated = IdentityMatch.authenticatedUser(connection, user, org, "membership check");
        String instance = connection.path("instanceId").asText(null);
        if (authenticated == null || instance == null) {
            throw deny(Reason.UNAVAILABLE, user, org, project);
        }
        if (!Guids.same(instance, org.value())) {
            throw deny(Reason.ORGANIZATION_MISMATCH, user, org, project);
        }
        JsonNode proj = getJson(URI.create(base + "/_apis/projects/" + project + "?api-version=7.1"), accessToken,
                Reason.PROJECT_NOT_ACCESSIBLE, user, org, project);
        if (!Guids.same(proj.path("id").asText(null), project)) {
            throw deny(Reason.PROJECT_NOT_ACCESSIBLE, user, org, project);
        }
        return authenticated;
    }

    /**
     * One GET; 200 with a JSON object or a denial. {@code refusal} is the reason for 4xx answers other than 401 (the
     * token or the user was refused); 5xx, 429, timeouts and unreadable answers are {@link Reason#UNAVAILABLE}.
     */
    private JsonNode getJson(URI uri, String accessToken, Reason refusal, String user, OrgId org, String project) {
        UserTokenRequests.Answer answer = requests.get(uri, accessToken, reason -> deny(reason, user, org, project));
        if (answer.status() == 401) {
            throw deny(Reason.NOT_SIGNED_IN, user, org, project);
        }
        if (answer.status() != 200) {
            throw deny(refusal, user, org, project);
        }
        if (!answer.json().isObject()) {
            throw deny(Reason.UNAVAILABLE, user, org, project);
        }
        return answer.json();
    }

    private static AccessDeniedException deny(Reason reason, String user, OrgId org, String project) {
        LOG.info("membership denied ({}): user {} organization {} project {}", reason, user, org, project);
        return new AccessDeniedException(reason);
    }

    private Verdict lookup(Key key, Instant now) {
        return cache.get(key, now);
    }

    private void remember(Key key, Verdict verdict) {
        cache.put(key, verdict, verdict.until(), clock.instant());
    }

    /** The stored URL without a trailing slash; https, or http on a loopback address (tests, local servers). */
    static String baseUrl(URI orgUrl) {
        Objects.requireNonNull(orgUrl, "orgUrl");
        String scheme = orgUrl.getScheme() == null ? "" : orgUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!orgUrl.isAbsolute() || orgUrl.getHost() == null || orgUrl.getRawUserInfo() != null
                || orgUrl.getRawQuery() != null || orgUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the stored organization URL must be an absolute http(s) URL without"
                    + " credentials, query or fragment");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(orgUrl.getHost()))) {
            throw new IllegalArgumentException("the stored organization URL must use https (http only on loopback)");
        }
        String text = orgUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // only literal addresses: no DNS lookup here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Reads at most {@code max} bytes; a longer body fails the request. */
    static BodyHandler<byte[]> limited(int max) {
        return info -> new BodySubscriber<>() {
            private final BodySubscriber<byte[]> inner = BodySubscribers.ofByteArray();
            private Flow.Subscription subscription;
            private long received;
            private boolean failed;

            @Override
            public CompletionStage<byte[]> getBody() {
                return inner.getBody();
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                inner.onSubscribe(s);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (failed) {
                    return;
                }
                for (ByteBuffer b : items) {
                    received += b.remaining();
                }
                if (received > max) {
                    failed = true;
                    subscription.cancel();
                    inner.onError(new IOException("response larger than " + max + " bytes"));
                    return;
                }
                inner.onNext(items);
            }

            @Override
            public void onError(Throwable t) {
                if (!failed) {
                    failed = true;
                    inner.onError(t);
                }
            }

            @Override
            public void onComplete() {
                if (!failed) {
                    inner.onComplete();
                }
            }
        };
    }
}
