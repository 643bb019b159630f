package io.flowtrack.azdo.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowtrack.azdo.model.WorkItemRevision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A local Azure DevOps for tests: a real HTTP server on 127.0.0.1 and a free port, shaped like the
 * documented REST answers (see {@code /work/shared/azure-devops-examples}). One organization,
 * {@value #ORGANIZATION}, any number of projects.
 *
 * <pre>{@code
 * try (FakeAzureDevOps azdo = FakeAzureDevOps.start()) {
 *     azdo.acceptPat("pat-1");
 *     azdo.addRevisions("proj", revisions);                  // change order; more can be added later
 *     azdo.setStates("proj", "Bug", Map.of("New", "Proposed", ...));
 *     azdo.enqueueFault(Fault.status(429).withRetryAfter("3"));   // the next API call answers 429
 *     ... new AzdoClient(azdo.organizationUrl(), ...)
 *     azdo.requests()                                         // what it saw
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code GET /fabrikam/{project}/_apis/wit/reporting/workitemrevisions}: pages of at most
 *       {@code $maxPageSize} (default 200, capped by {@link #maxPageSize(int)}), continuation tokens
 *       {@code wm-N} (N revisions of the project delivered), {@code isLastBatch}; only the {@code fields}
 *       asked for (without {@code fields}: everything, long text included); identity refs with
 *       {@code includeIdentityRef=true}.</li>
 *   <li>{@code GET /fabrikam/{project}/_apis/wit/workitemtypes} (states inline unless
 *       {@link #inlineStates(boolean)} is off) and {@code .../workitemtypes/{type}/states}.</li>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: a Microsoft Entra client-credentials grant.</li>
 *   <li>With a user's access token: {@code /_apis/connectionData} and {@code /_apis/projects/{id}};
 *       {@code /_apis/permissions/...} answers 401 to such a token (the Security API declares no {@code vso.work}
 *       scope: FlowTrack must not depend on it).</li>
 *   <li>With the organization's credential: {@code GET /fabrikam/_apis/identities} (Identities - Read Identities):
 *       {@code searchFilter=General&filterValue=[fabrikam]\Project Collection Administrators} finds the group,
 *       {@code identityIds=...&queryMembership=Expanded} a user with the groups it belongs to, directly or through a
 *       nested group, for users marked with {@link #admin(String, boolean)}.</li>
 *   <li>With the organization's credential: {@code GET /fabrikam/_apis/projects} (Projects - List) and
 *       {@code GET /fabrikam/_apis/projects/{id}/teams} (Teams - Get Teams, teams from {@link #addTeam}), both with
 *       {@code $top}/{@code $skip}.</li>
 * </ul>
 * Authentication is enforced once {@link #acceptPat} or {@link #acceptServicePrincipal} was called.
 * Thread-safe.
 */
public final class FakeAzureDevOps implements AutoCloseable {
    public static final String ORGANIZATION = "fabrikam";

    /** A fault for one API call (token endpoint excluded), taken from the queue in order. */
    public record Fault(Kind kind, int status, String retryAfter, Map<String, String> headers) {
        public enum Kind {
            /** Answer with {@code status} (and Retry-After when set), body a small error JSON. */
            STATUS,
            /** Send the headers and half of the real page, then close the connection. */
            DROP_MID_PAGE,
            /** 200 with a truncated JSON body (content length matching the truncated body). */
            MALFORMED_JSON,
            /** The real answer, with extra headers (Retry-After, X-RateLimit-*). */
            OK_WITH_HEADERS
        }

        public static Fault status(int status) {
            return new Fault(Kind.STATUS, status, null, Map.of());
        }

        public static Fault dropMidPage() {
            return new Fault(Kind.DROP_MID_PAGE, 200, null, Map.of());
        }

        public static Fault malformedJson() {
            return new Fault(Kind.MALFORMED_JSON, 200, null, Map.of());
        }

        /** A 200 carrying {@code Retry-After}: not an error, the client must slow down. */
        public static Fault retryAfterOnOk(String seconds) {
            return new Fault(Kind.OK_WITH_HEADERS, 200, seconds, Map.of());
        }

        public static Fault okWithHeaders(Map<String, String> headers) {
            return new Fault(Kind.OK_WITH_HEADERS, 200, null, Map.copyOf(headers));
        }

        public Fault withRetryAfter(String value) {
            return new Fault(kind, status, value, headers);
        }
    }

    /** A request the server saw. Header names are lower case. */
    public record RecordedRequest(String method, String path, Map<String, String> query,
                                  Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public boolean isRevisions() {
            return path.endsWith("/_apis/wit/reporting/workitemrevisions");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<WorkItemRevision>> revisions = new HashMap<>();
    private final Map<String, Map<String, Map<String, String>>> states = new HashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Set<String> acceptedAuthorization = new LinkedHashSet<>();
    private boolean authRequired;
    private boolean inlineStates = true;
    private int maxPageSize = Integer.MAX_VALUE;
    private int apiCalls;
    private int revokedFromCall = Integer.MAX_VALUE;
    private String spTenant;
    private String spClientId;
    private String spClientSecret;
    private long tokenLifetimeSeconds = 3599;
    private int tokensIssued;
    private java.util.function.IntConsumer beforeRevisionsPage = n -> { };
    private int revisionsPagesAsked;
    private boolean lastPageWithoutToken;
    private Stall stall = Stall.NONE;
    private int stallPages;

    /** How the revisions API answers when it makes no progress. */
    public enum Stall {
        /** It does not: pages come from the stored revisions. */
        NONE,
        /** Every page is empty, not the last, and hands back the token it was asked with. */
        SAME_TOKEN,
        /** Every page is empty, not the last, with a new token each time: a server that never ends. */
        ENDLESS
    }
    private boolean sendUnaskedFields;
    private final Map<String, Map<Integer, Map<String, String>>> itemFields = new HashMap<>();

    private FakeAzureDevOps() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeAzureDevOps start() throws IOException {
        FakeAzureDevOps fake = new FakeAzureDevOps();
        fake.locationUrl = fake.organizationUrl() + "/";
        return fake;
    }

    public URI organizationUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + ORGANIZATION);
    }

    /** For {@code AzdoCredentials.servicePrincipal}: contains {@code {tenant}}. */
    public String tokenEndpointTemplate() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{tenant}/oauth2/v2.0/token";
    }

    // ---- data ----

    /** Appends revisions to the project's change stream (what the next pages will return). */
    public synchronized FakeAzureDevOps addRevisions(String project, List<WorkItemRevision> more) {
        revisions.computeIfAbsent(project, p -> new ArrayList<>()).addAll(more);
        return this;
    }

    /** The states of a type, in order, state → category (Proposed, InProgress, Resolved, Completed, Removed). */
    public synchronized FakeAzureDevOps setStates(String project, String type, Map<String, String> stateToCategory) {
        states.computeIfAbsent(project, p -> new LinkedHashMap<>()).put(type, new LinkedHashMap<>(stateToCategory));
        return this;
    }

    /** Whether {@code workitemtypes} lists each type's states (default) or the client must ask per type. */
    public synchronized FakeAzureDevOps inlineStates(boolean inline) {
        this.inlineStates = inline;
        return this;
    }

    /**
     * Whether revision pages carry every field whatever {@code fields} asked for (title, assignee, dates, tags,
     * description, ...): a server that sends more than asked must not make the service keep more.
     */
    public synchronized FakeAzureDevOps sendUnaskedFields(boolean on) {
        this.sendUnaskedFields = on;
        return this;
    }

    /**
     * Field values every revision of the work item carries besides its flow fields (e.g. {@code System.Tags} as
     * {@code "a; b"}, {@code Custom.Risk}, {@code System.AssignedTo}), sent when asked for (or always, see
     * {@link #sendUnaskedFields}).
     */
    public synchronized FakeAzureDevOps itemFields(String project, int workItemId, Map<String, String> values) {
        itemFields.computeIfAbsent(project, p -> new HashMap<>()).put(workItemId, new LinkedHashMap<>(values));
        return this;
    }

    /** The server's own cap on revisions per page, whatever the client asks for. */
    public synchronized FakeAzureDevOps maxPageSize(int max) {
        this.maxPageSize = max;
        return this;
    }

    /** Whether the last page leaves its continuation token out (some servers do). */
    public synchronized FakeAzureDevOps lastPageWithoutToken(boolean without) {
        this.lastPageWithoutToken = without;
        return this;
    }

    /** Makes the revisions API answer without progress (see {@link Stall}). */
    public synchronized FakeAzureDevOps stall(Stall how) {
        this.stall = how;
        return this;
    }

    // ---- auth ----

    public synchronized FakeAzureDevOps acceptPat(String pat) {
        authRequired = true;
        acceptedAuthorization.add("Basic " + Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public synchronized FakeAzureDevOps acceptServicePrincipal(String tenant, String clientId, String clientSecret,
                                                              long tokenLifetimeSeconds) {
        authRequired = true;
        this.spTenant = tenant;
        this.spClientId = clientId;
        this.spClientSecret = clientSecret;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        return this;
    }

    private java.security.cert.X509Certificate spCertificate;

    /**
     * Accepts the service principal's certificate instead of a secret: a token request must carry a client assertion
     * (RS256, signed with its key, {@code x5t} its SHA-1 thumbprint, {@code aud} the token endpoint, {@code iss} and
     * {@code sub} the client id, not expired), as Microsoft Entra checks it.
     */
    public synchronized FakeAzureDevOps acceptServicePrincipalCertificate(String tenant, String clientId,
                                                                         java.security.cert.X509Certificate cert) {
        authRequired = true;
        this.spTenant = tenant;
        this.spClientId = clientId;
        this.spClientSecret = null;
        this.spCertificate = cert;
        return this;
    }

    private boolean validAssertion(String assertion, String tenant) {
        try {
            com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(assertion);
            byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(spCertificate.getEncoded());
            @SuppressWarnings("deprecation")
            com.nimbusds.jose.util.Base64URL x5t = jwt.getHeader().getX509CertThumbprint();
            com.nimbusds.jwt.JWTClaimsSet c = jwt.getJWTClaimsSet();
            return jwt.getHeader().getAlgorithm().equals(com.nimbusds.jose.JWSAlgorithm.RS256)
                    && x5t != null && java.util.Arrays.equals(x5t.decode(), sha1)
                    && jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                            (java.security.interfaces.RSAPublicKey) spCertificate.getPublicKey()))
                    && c.getAudience().equals(List.of(tokenEndpointTemplate().replace("{tenant}", tenant)))
                    && spClientId.equals(c.getIssuer()) && spClientId.equals(c.getSubject())
                    && c.getExpirationTime() != null && c.getExpirationTime().after(new java.util.Date());
        } catch (Exception e) {
            return false;
        }
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    /** From the n-th API call on (1-based, counting every call under the organization), answer 401. */
    public synchronized FakeAzureDevOps revokeFromCall(int n) {
        this.revokedFromCall = n;
        return this;
    }

    /**
     * Runs {@code hook} (with the 1-based number of the revisions request) on the server's thread before a page of
     * revisions is answered: a test can change the world while a sync waits for its next page.
     */
    public synchronized FakeAzureDevOps beforeRevisionsPage(java.util.function.IntConsumer hook) {
        this.beforeRevisionsPage = hook;
        return this;
    }

    // ---- faults and records ----

    public synchronized FakeAzureDevOps enqueueFault(Fault... more) {
        faults.addAll(Arrays.asList(more));
        return this;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<RecordedRequest> revisionRequests() {
        return requests.stream().filter(RecordedRequest::isRevisions).toList();
    }

    public synchronized int apiCalls() {
        return apiCalls;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- users (the membership check a page's user token goes through) ----

    /**
     * How the user-token endpoints ({@code _apis/connectionData}, {@code _apis/projects/{id}}) answer: as the real
     * service does, or as a broken, slow or hostile one would.
     */
    public enum UserCallMode { NORMAL, SIGN_IN_PAGE_203, HTML_200, STATUS_401, STATUS_500, SLOW, REDIRECT, NOT_JSON_200 }

    private UserCallMode connectionDataMode = UserCallMode.NORMAL;
    private UserCallMode projectMode = UserCallMode.NORMAL;

    /** How {@code _apis/connectionData} answers from now on. */
    public synchronized FakeAzureDevOps connectionDataMode(UserCallMode mode) {
        this.connectionDataMode = mode;
        return this;
    }

    /** How {@code _apis/projects/{id}} answers from now on. */
    public synchronized FakeAzureDevOps projectMode(UserCallMode mode) {
        this.projectMode = mode;
        return this;
    }

    /** Answers as {@code mode} says; false when the call should then be answered normally. */
    private static boolean answerOddly(HttpExchange exchange, UserCallMode mode) throws IOException {
        switch (mode) {
            case SIGN_IN_PAGE_203 -> signInPage(exchange, 203);
            case HTML_200 -> signInPage(exchange, 200);
            case STATUS_401 -> send(exchange, 401, error("TF400813"), Map.of());
            case STATUS_500 -> send(exchange, 500, error("VS402371: internal error"), Map.of());
            case NOT_JSON_200 -> send(exchange, 200, "<<not json>>".getBytes(StandardCharsets.UTF_8), Map.of());
            case REDIRECT -> send(exchange, 302, new byte[0], Map.of("Location", "https://login.microsoftonline.com/",
                    "Content-Type", "text/html"));
            case SLOW -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false; // then answers normally, too late
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** What the real service answers a call without a valid token and without {@code X-TFS-FedAuthRedirect: Suppress}. */
    private static void signInPage(HttpExchange exchange, int status) throws IOException {
        send(exchange, status, ("<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head><body>"
                + "<form action=\"https://login.microsoftonline.com\"></form></body></html>").getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/html; charset=utf-8"));
    }

    private String instanceId = "00000000-0000-4000-8000-0000000000f1";
    private final Map<String, String> userOfAccessToken = new HashMap<>();
    private final Map<String, Set<String>> projectsOfUser = new HashMap<>();
    private final Map<String, String> projectNames = new HashMap<>();

    /** The organization's host id, as connectionData reports it. */
    public synchronized FakeAzureDevOps instanceId(String id) {
        this.instanceId = id;
        return this;
    }

    public synchronized String instanceId() {
        return instanceId;
    }

    /** A project the organization has (id → name). */
    public synchronized FakeAzureDevOps addProject(String projectId, String name) {
        projectNames.put(projectId, name);
        return this;
    }

    /** A user who signs in with {@code accessToken} and may read {@code projectIds}. */
    public synchronized FakeAzureDevOps addUser(String accessToken, String userId, String... projectIds) {
        userOfAccessToken.put(accessToken, userId);
        projectsOfUser.put(userId, new LinkedHashSet<>(List.of(projectIds)));
        return this;
    }

    private final Set<String> admins = new LinkedHashSet<>();

    /**
     * Whether the user holds the Collection namespace's GENERIC_WRITE (a Project Collection Administrator), as
     * {@code GET /_apis/permissions/3e65f728-f8bc-4ecd-8764-7e378b19bfa7/2?tokens=NAMESPACE} reports it.
     */
    public synchronized FakeAzureDevOps admin(String userId, boolean admin) {
        if (admin) {
            admins.add(userId);
        } else {
            admins.remove(userId);
        }
        return this;
    }

    /** The Project Collection Administrators group's descriptor (a collection-level group's SID). */
    public static final String ADMINS_GROUP = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-0-0-0-0-1";
    /** A group nested in Project Collection Administrators ("Org owners", say): admins are in it. */
    static final String NESTED_GROUP = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-1-9-9-9-9";
    static final String VALID_USERS = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-0-0-0-0-3";
    private boolean lookAlikeGroup;
    private String locationUrl;

    /**
     * What {@code GET /_apis/resourceAreas/{area}?hostId={instanceId}} answers as {@code locationUrl} (no credential
     * needed); default the organization URL with a trailing slash.
     */
    public synchronized FakeAzureDevOps locationUrl(String url) {
        this.locationUrl = url;
        return this;
    }
    private String displayedName = ORGANIZATION;

    /** The organization's name as its groups show it (a proxy may serve this fake under another name). */
    public synchronized FakeAzureDevOps displayedName(String name) {
        this.displayedName = name;
        return this;
    }

    /** Adds a second group of the same name (a project-level look-alike): the admin check must give no verdict. */
    public synchronized FakeAzureDevOps lookAlikeAdminsGroup(boolean on) {
        this.lookAlikeGroup = on;
        return this;
    }

    private final Map<String, Map<String, String>> teamsOfProject = new HashMap<>();

    /**
     * A team of a project (id → name), as {@code GET /fabrikam/_apis/projects/{id}/teams} (Teams - Get Teams, scope
     * vso.project) lists it to the organization's credential.
     */
    public synchronized FakeAzureDevOps addTeam(String projectId, String teamId, String name) {
        teamsOfProject.computeIfAbsent(projectId, p -> new LinkedHashMap<>()).put(teamId, name);
        return this;
    }

    /** {@code GET /fabrikam/_apis/projects?$top=&$skip=} (Projects - List), shaped like GET__projects.json. */
    private synchronized byte[] projectList(Map<String, String> query) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(new TreeMap<>(projectNames).entrySet());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode value = root.putArray("value");
        for (Map.Entry<String, String> p : page(all, query)) {
            ObjectNode o = value.addObject();
            o.put("id", p.getKey());
            o.put("name", p.getValue());
            o.put("description", "a project description FlowTrack does not keep");
            o.put("url", organizationUrl() + "/_apis/projects/" + p.getKey());
            o.put("state", "wellFormed");
            o.put("revision", 411);
            o.put("visibility", "private");
            o.put("lastUpdateTime", "2025-01-10T12:00:00.000Z");
        }
        root.put("count", value.size());
        return JSON.writeValueAsBytes(root);
    }

    /**
     * {@code GET /fabrikam/_apis/projects/{id}/teams?$top=&$skip=} (Teams - Get Teams), shaped like
     * core 7.1 httpExamples/teams/GET__projects__projectId__teams.json; null for a project the organization lacks.
     */
    private synchronized byte[] teamList(String projectId, Map<String, String> query) throws IOException {
        if (!projectNames.containsKey(projectId)) {
            return null;
        }
        List<Map.Entry<String, String>> all = new ArrayList<>(teamsOfProject.getOrDefault(projectId, Map.of()).entrySet());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode value = root.putArray("value");
        for (Map.Entry<String, String> t : page(all, query)) {
            ObjectNode o = value.addObject();
            o.put("id", t.getKey());
            o.put("name", t.getValue());
            o.put("url", organizationUrl() + "/_apis/projects/" + projectId + "/teams/" + t.getKey());
            o.put("description", "team description FlowTrack does not keep");
            o.put("identityUrl", organizationUrl() + "/_apis/Identities/" + t.getKey());
            o.put("projectName", projectNames.get(projectId));
            o.put("projectId", projectId);
        }
        root.put("count", value.size());
        return JSON.writeValueAsBytes(root);
    }

    /** {@code $skip}/{@code $top} as the REST API reads them ({@code $top} default 100). */
    private static <T> List<T> page(List<T> all, Map<String, String> query) {
        int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        int top = Integer.parseInt(query.getOrDefault("$top", "100"));
        return all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + top));
    }

    private synchronized byte[] identities(Map<String, String> query) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode value = root.putArray("value");
        String groupName = "[" + displayedName + "]\\Project Collection Administrators";
        if ("General".equals(query.get("searchFilter"))) {
            if (groupName.equalsIgnoreCase(query.get("filterValue"))) {
                ObjectNode g = value.addObject();
                g.put("id", "0c8b2b6a-0000-4000-8000-0000000000ad");
                g.put("descriptor", ADMINS_GROUP);
                g.put("providerDisplayName", groupName);
                g.put("isContainer", true);
                g.put("isActive", true);
                if (lookAlikeGroup) {
                    ObjectNode other = value.addObject();
                    other.put("id", "0c8b2b6a-0000-4000-8000-0000000000ae");
                    other.put("descriptor", NESTED_GROUP.replace("9-9-9-9", "7-7-7-7"));
                    other.put("providerDisplayName", groupName);
                    other.put("isContainer", true);
                }
            }
        } else if (query.containsKey("identityIds")) {
            if (!"Expanded".equalsIgnoreCase(query.get("queryMembership"))) {
                return null;
            }
            for (String id : query.get("identityIds").split(",")) {
                if (!projectsOfUser.containsKey(id)) {
                    continue;
                }
                ObjectNode u = value.addObject();
                u.put("id", id);
                u.put("descriptor", "Microsoft.IdentityModel.Claims.ClaimsIdentity;tenant\\" + id + "@example.com");
                u.put("providerDisplayName", "User " + id.substring(0, 8));
                u.put("isContainer", false);
                ArrayNode memberOf = u.putArray("memberOf");
                memberOf.add(VALID_USERS);
                if (admins.contains(id)) {
                    memberOf.add(NESTED_GROUP);
                    memberOf.add(ADMINS_GROUP); // expanded: the group the nested one belongs to
                }
            }
        } else {
            return null;
        }
        root.put("count", value.size());
        return JSON.writeValueAsBytes(root);
    }

    private void userCall(HttpExchange exchange, String path) throws IOException {
        UserCallMode mode;
        synchronized (this) {
            mode = path.endsWith("/connectionData") ? connectionDataMode
                    : path.contains("/_apis/projects/") ? projectMode : UserCallMode.NORMAL;
        }
        if (mode != UserCallMode.NORMAL && answerOddly(exchange, mode)) {
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String suppress = exchange.getRequestHeaders().getFirst("X-TFS-FedAuthRedirect");
        String user;
        String answer;
        synchronized (this) {
            user = auth != null && auth.startsWith("Bearer ") ? userOfAccessToken.get(auth.substring(7)) : null;
            if (user == null) {
                answer = null;
            } else if (path.startsWith("/" + ORGANIZATION + "/_apis/permissions/")) {
                user = null; // a vso.work token is not accepted by the Security API (the redesign's premise)
                answer = null;
            } else if (path.endsWith("/connectionData")) {
                answer = connectionData(user, instanceId);
            } else {
                String project = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                answer = projectsOfUser.getOrDefault(user, Set.of()).contains(project) && projectNames.containsKey(project)
                        ? "{\"id\":\"" + project + "\",\"name\":\"" + projectNames.get(project) + "\",\"state\":\"wellFormed\"}"
                        : "";
            }
        }
        if (user == null) {
            if (!"Suppress".equals(suppress)) {
                signInPage(exchange, 203);
                return;
            }
            send(exchange, 401, error("TF400813: not authorized"), Map.of());
        } else if (answer.isEmpty()) {
            send(exchange, 404, error("TF200016: The following project does not exist"), Map.of());
        } else {
            send(exchange, 200, answer.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** connectionData as the real service answers it (the ConnectionData type's shape). */
    static String connectionData(String userId, String instanceId) {
        String user = "{\"id\":\"" + userId + "\",\"descriptor\":\"Microsoft.IdentityModel.Claims.ClaimsIdentity;"
                + "72f988bf-86f1-41af-91ab-2d7cd011db47\\\\someone@fabrikam.com\",\"subjectDescriptor\":"
                + "\"aad.ZWI4NzA2NDEtNTNkYy03\",\"providerDisplayName\":\"Some One\",\"isActive\":true,\"properties\":"
                + "{\"Account\":{\"$type\":\"System.String\",\"$value\":\"someone@fabrikam.com\"}},\"resourceVersion\":2,"
                + "\"metaTypeId\":0}";
        return "{\"authenticatedUser\":" + user + ",\"authorizedUser\":" + user + ",\"instanceId\":\"" + instanceId
                + "\",\"deploymentId\":\"1e2dbf2f-3d3c-4d4b-8c8f-2f3f4f5f6f7f\",\"deploymentType\":\"hosted\","
                + "\"lastUserAccess\":\"2025-11-20T09:12:44.203Z\",\"locationServiceData\":{\"serviceOwner\":"
                + "\"00025394-6065-48ca-87d9-7f5672854ef7\",\"defaultAccessMappingMoniker\":\"PublicAccessMapping\","
                + "\"lastChangeId\":1037862,\"lastChangeId64\":1037862},\"webApplicationRelativeDirectory\":\"/\"}";
    }

    // ---- serving ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            record(exchange, path, query, body);
            if (path.endsWith("/oauth2/v2.0/token")) {
                token(exchange, path, body);
            } else if (path.startsWith("/_apis/resourceAreas/")) {
                resourceArea(exchange, path, query);
            } else if (!path.startsWith("/" + ORGANIZATION + "/")) {
                send(exchange, 404, error("no such organization"), Map.of());
            } else if (isUserCall(path)) {
                userCall(exchange, path);
            } else {
                organizationCall(exchange, path, query);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, error("fake server bug: " + e), Map.of());
        }
    }

    private void record(HttpExchange exchange, String path, Map<String, String> query, String body) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        synchronized (this) {
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query, headers, body));
        }
    }

    /** The Resource Areas API: where an organization (by host id) lives. */
    private void resourceArea(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String location;
        synchronized (this) {
            location = instanceId.equals(query.get("hostId")) ? locationUrl : null;
        }
        if (location == null) {
            send(exchange, 404, error("no such host"), Map.of());
            return;
        }
        ObjectNode area = JSON.createObjectNode();
        area.put("id", path.substring(path.lastIndexOf('/') + 1));
        area.put("name", "Core");
        area.put("locationUrl", location);
        send(exchange, 200, JSON.writeValueAsBytes(area), Map.of());
    }

    /** Calls made with the user's own access token (connection data, one project, permissions). */
    private static boolean isUserCall(String path) {
        boolean directory = path.equals("/" + ORGANIZATION + "/_apis/projects")
                || path.matches("/" + ORGANIZATION + "/_apis/projects/[^/]+/teams");
        return path.equals("/" + ORGANIZATION + "/_apis/connectionData")
                || (path.startsWith("/" + ORGANIZATION + "/_apis/projects/") && !directory)
                || path.startsWith("/" + ORGANIZATION + "/_apis/permissions/");
    }

    /** The calls the service makes with a stored credential: revoked credentials, faults, then the resource. */
    private void organizationCall(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        if (path.endsWith("/_apis/wit/reporting/workitemrevisions")) {
            java.util.function.IntConsumer hook;
            int n;
            synchronized (this) {
                hook = beforeRevisionsPage;
                n = ++revisionsPagesAsked;
            }
            hook.accept(n); // before faults and revocation: what it changes, this request sees
        }
        Fault fault;
        boolean refused;
        synchronized (this) {
            apiCalls++;
            boolean revoked = apiCalls >= revokedFromCall;
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authorized = !authRequired || (auth != null && acceptedAuthorization.contains(auth));
            refused = revoked || !authorized;
            fault = refused ? null : faults.poll();
        }
        if (refused) {
            send(exchange, 401, error("TF400813: The user is not authorized to access this resource."), Map.of());
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            send(exchange, fault.status(), error(fault.status() == 429
                    ? "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource."
                    : "fake failure " + fault.status()), faultHeaders(fault));
            return;
        }
        String[] parts = path.substring(ORGANIZATION.length() + 2).split("/");
        byte[] answer = resource(exchange, parts, query);
        if (answer != null) {
            answer(exchange, answer, fault);
        }
    }

    /**
     * The resource at {@code parts} (the path after the organization), or null when a refusal was sent instead.
     * {project}/_apis/wit/reporting/workitemrevisions | {project}/_apis/wit/workitemtypes[/{type}/states] |
     * _apis/projects[/{id}/teams] | _apis/identities
     */
    private byte[] resource(HttpExchange exchange, String[] parts, Map<String, String> query) throws IOException {
        byte[] answer;
        if (parts.length == 5 && parts[1].equals("_apis") && parts[3].equals("reporting")
                && parts[4].equalsIgnoreCase("workitemrevisions")) {
            answer = revisionsPage(parts[0], query);
        } else if (parts.length == 2 && parts[0].equals("_apis") && parts[1].equals("projects")) {
            answer = projectList(query);
        } else if (parts.length == 4 && parts[0].equals("_apis") && parts[1].equals("projects")
                && parts[3].equals("teams")) {
            answer = teamList(parts[2], query);
            if (answer == null) {
                send(exchange, 404, error("TF200016: The following project does not exist: " + parts[2]), Map.of());
                return null;
            }
        } else if (parts.length == 2 && parts[0].equals("_apis") && parts[1].equals("identities")) {
            answer = identities(query);
        } else if (parts.length == 4 && parts[1].equals("_apis") && parts[3].equals("workitemtypes")) {
            answer = workItemTypes(parts[0]);
        } else if (parts.length == 6 && parts[1].equals("_apis") && parts[3].equals("workitemtypes")
                && parts[5].equals("states")) {
            answer = typeStates(parts[0], parts[4]);
        } else {
            send(exchange, 404, error("no such resource"), Map.of());
            return null;
        }
        if (answer == null) {
            send(exchange, 400, error("bad request"), Map.of());
        }
        return answer;
    }

    private static Map<String, String> faultHeaders(Fault fault) {
        Map<String, String> h = new LinkedHashMap<>(fault.headers());
        if (fault.retryAfter() != null) {
            h.put("Retry-After", fault.retryAfter());
        }
        return h;
    }

    /** Sends {@code answer}, as the fault (if any) spoils it: half of it, extra headers, or a dropped connection. */
    private static void answer(HttpExchange exchange, byte[] answer, Fault fault) throws IOException {
        if (fault == null) {
            send(exchange, 200, answer, Map.of());
        } else if (fault.kind() == Fault.Kind.MALFORMED_JSON) {
            send(exchange, 200, Arrays.copyOf(answer, answer.length / 2), Map.of());
        } else if (fault.kind() == Fault.Kind.OK_WITH_HEADERS) {
            send(exchange, 200, answer, faultHeaders(fault));
        } else { // DROP_MID_PAGE
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            OutputStream out = exchange.getResponseBody();
            out.write(answer, 0, answer.length / 2);
            out.flush();
            // Throwing out of the handler makes the JDK server close the connection: the client has
            // half a body and an end of stream (closing the stream alone would leave it waiting).
            throw new IOException("fake: connection dropped mid-page");
        }
    }

    private synchronized byte[] revisionsPage(String project, Map<String, String> query) throws IOException {
        List<WorkItemRevision> all = revisions.getOrDefault(project, List.of());
        int from = 0;
        String token = query.get("continuationToken");
        if (stall != Stall.NONE) {
            ObjectNode stalled = JSON.createObjectNode();
            stalled.putArray("values");
            stalled.put("continuationToken", stall == Stall.SAME_TOKEN && token != null ? token : "stall-" + ++stallPages);
            stalled.put("isLastBatch", false);
            return JSON.writeValueAsBytes(stalled);
        }
        if (token != null) {
            if (!token.matches("wm-\\d{1,9}")) {
                return null;
            }
            from = Integer.parseInt(token.substring(3));
            if (from > all.size()) {
                return null;
            }
        }
        int size = query.containsKey("$maxPageSize") ? Integer.parseInt(query.get("$maxPageSize")) : 200;
        size = Math.min(size, maxPageSize);
        int to = Math.min(all.size(), from + size);
        Set<String> wanted = sendUnaskedFields ? null : query.containsKey("fields") ? new LinkedHashSet<>(Arrays.asList(query.get("fields").split(","))) : null;
        boolean identityRef = "true".equalsIgnoreCase(query.get("includeIdentityRef"));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode values = root.putArray("values");
        for (WorkItemRevision r : all.subList(from, to)) {
            ObjectNode v = values.addObject();
            v.put("id", r.workItemId());
            v.put("rev", r.rev());
            ObjectNode f = v.putObject("fields");
            Map<String, Object> full = new LinkedHashMap<>();
            full.put("System.Id", r.workItemId());
            full.put("System.AreaPath", r.areaPath());
            full.put("System.TeamProject", project);
            full.put("System.Rev", r.rev());
            full.put("System.WorkItemType", r.workItemType());
            full.put("System.State", r.state());
            full.put("System.Reason", "fake reason");
            full.put("System.CreatedDate", r.createdDate().toString());
            full.put("System.ChangedDate", r.changedDate().toString());
            full.put("System.BoardColumn", r.state());
            full.put("Microsoft.VSTS.Common.ActivatedDate", r.changedDate().toString());
            full.put("Microsoft.VSTS.Common.ClosedDate", r.changedDate().toString());
            full.put("System.Title", r.title());
            full.put("System.AssignedTo", "Person " + r.workItemId());
            r.fields().forEach(full::put);
            itemFields.getOrDefault(project, Map.of()).getOrDefault(r.workItemId(), Map.of()).forEach(full::put);
            full.put("System.Description", "<div>long text that extraction must never ask for</div>");
            for (Map.Entry<String, Object> e : full.entrySet()) {
                if (e.getValue() == null || (wanted != null && !wanted.contains(e.getKey()))) {
                    continue; // like the real API: absent fields are left out, not null
                }
                if (e.getValue() instanceof Integer i) {
                    f.put(e.getKey(), i);
                } else if (e.getKey().equals("System.AssignedTo") && identityRef) {
                    ObjectNode who = f.putObject(e.getKey());
                    who.put("displayName", (String) e.getValue());
                    who.put("uniqueName", e.getValue().toString().toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com");
                    who.put("id", UUID.nameUUIDFromBytes(e.getValue().toString().getBytes(StandardCharsets.UTF_8)).toString());
                } else if (e.getKey().equals("System.AssignedTo")) {
                    f.put(e.getKey(), e.getValue() + " <" + e.getValue().toString().toLowerCase(Locale.ROOT).replace(' ', '.')
                            + "@example.com>");
                } else {
                    f.put(e.getKey(), e.getValue().toString());
                }
            }
        }
        String next = "wm-" + to;
        if (!(lastPageWithoutToken && to >= all.size())) {
            root.put("nextLink", organizationUrl() + "/" + project
                    + "/_apis/wit/reporting/workItemRevisions?continuationToken=" + next + "&api-version=7.1");
            root.put("continuationToken", next);
        }
        root.put("isLastBatch", to >= all.size());
        return JSON.writeValueAsBytes(root);
    }

    /** Reference names each work item type of a project lists as its fields (none listed unless set). */
    private final Map<String, Map<String, List<String>>> typeFields = new HashMap<>();

    /**
     * Makes the type list name {@code type}'s fields (WorkItemType.fields[].referenceName), as Azure DevOps' list
     * does; without it (or with null) the fake lists no fields.
     */
    public synchronized FakeAzureDevOps typeFields(String project, String type, List<String> referenceNames) {
        if (referenceNames == null) {
            typeFields.getOrDefault(project, new HashMap<>()).remove(type);
        } else {
            typeFields.computeIfAbsent(project, p -> new HashMap<>()).put(type, List.copyOf(referenceNames));
        }
        return this;
    }

    private synchronized byte[] workItemTypes(String project) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        Map<String, Map<String, String>> types = states.getOrDefault(project, Map.of());
        root.put("count", types.size());
        ArrayNode value = root.putArray("value");
        for (Map.Entry<String, Map<String, String>> type : types.entrySet()) {
            ObjectNode t = value.addObject();
            t.put("name", type.getKey());
            t.put("referenceName", "Microsoft.VSTS.WorkItemTypes." + type.getKey().replace(" ", ""));
            t.put("color", "009CCC");
            t.put("isDisabled", false);
            if (inlineStates) {
                stateArray(t.putArray("states"), type.getValue());
            }
            List<String> fields = typeFields.getOrDefault(project, Map.of()).get(type.getKey());
            if (fields != null) {
                ArrayNode listed = t.putArray("fields");
                fields.forEach(f -> listed.addObject().put("referenceName", f).put("name", f));
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private synchronized byte[] typeStates(String project, String type) throws IOException {
        Map<String, String> s = states.getOrDefault(project, Map.of()).get(type);
        if (s == null) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("count", s.size());
        stateArray(root.putArray("value"), s);
        return JSON.writeValueAsBytes(root);
    }

    private static void stateArray(ArrayNode array, Map<String, String> s) {
        s.forEach((name, category) -> {
            ObjectNode o = array.addObject();
            o.put("name", name);
            o.put("color", "b2b2b2");
            o.put("category", category);
        });
    }

    private void token(HttpExchange exchange, String path, String body) throws IOException {
        Map<String, String> form = parseQuery(body);
        String tenant = path.substring(1, path.indexOf('/', 1));
        boolean ok;
        synchronized (this) {
            ok = spTenant != null && spTenant.equals(tenant)
                    && "client_credentials".equals(form.get("grant_type"))
                    && spClientId.equals(form.get("client_id"))
                    && (spClientSecret != null ? spClientSecret.equals(form.get("client_secret"))
                    : form.get("client_secret") == null && "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                    .equals(form.get("client_assertion_type")) && validAssertion(form.get("client_assertion"), tenant))
                    && "499b84ac-1321-427f-aa17-267ca6975798/.default".equals(form.get("scope"));
        }
        if (!ok) {
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        String token;
        long lifetime;
        synchronized (this) {
            tokensIssued++;
            token = "fake-entra-token-" + tokensIssued;
            lifetime = tokenLifetimeSeconds;
            acceptedAuthorization.add("Bearer " + token);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime);
        answer.put("ext_expires_in", lifetime);
        answer.put("access_token", token);
        send(exchange, 200, JSON.writeValueAsBytes(answer), Map.of());
    }

    private static byte[] error(String message) {
        ObjectNode o = JSON.createObjectNode();
        o.putNull("$id");
        o.put("message", message);
        o.put("typeKey", "FakeException");
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(k, v);
        }
        return query;
    }
}
