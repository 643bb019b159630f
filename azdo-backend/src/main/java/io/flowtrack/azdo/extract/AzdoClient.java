package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.StateCategory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one Azure DevOps organization for extraction, over {@link HttpClient}, under a {@link RetryPolicy}.
 * Asks only for what flow metrics need; never for descriptions, comments, attachments or long text.
 */
public final class AzdoClient {
    public static final String API_VERSION = "7.1";

    /** The fields always asked for: what a flow report reads, nothing more. */
    public static final List<String> FLOW_FIELDS = List.of(
            "System.Id", "System.Rev", "System.WorkItemType", "System.State",
            "System.AreaPath", "System.CreatedDate", "System.ChangedDate");

    /**
     * Asked for only when the organization switched titles on. The assignee is not asked for any more: no report
     * reads it (the switch keeps its name, "title and assignee", in the API for compatibility).
     */
    public static final List<String> PERSONAL_FIELDS = List.of("System.Title");

    /** Largest page asked for; Azure DevOps may send fewer (the documented maximum is unverified). */
    public static final int MAX_PAGE_SIZE = 1000;

    private final URI organizationUrl;
    private final AzdoCredentials credentials;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final FieldSelection allowed;
    private final Duration requestTimeout;

    /**
     * @param organizationUrl         e.g. {@code https://dev.azure.com/fabrikam} (a local server in tests)
     * @param includeTitleAndAssignee ask for System.Title and System.AssignedTo too
     * @param requestTimeout          per request, body included
     */
    public AzdoClient(URI organizationUrl, AzdoCredentials credentials, RetryPolicy policy, HttpClient http,
                      boolean includeTitleAndAssignee, Duration requestTimeout) {
        this(organizationUrl, credentials, policy, http,
                includeTitleAndAssignee ? new FieldSelection(true, java.util.Set.of()) : FieldSelection.NONE,
                requestTimeout);
    }

    /**
     * @param allowed what the organization lets the service read beyond the flow fields: the title, extended fields
     */
    public AzdoClient(URI organizationUrl, AzdoCredentials credentials, RetryPolicy policy, HttpClient http,
                      FieldSelection allowed, Duration requestTimeout) {
        Objects.requireNonNull(organizationUrl, "organizationUrl");
        String s = organizationUrl.toString();
        this.organizationUrl = URI.create(s.endsWith("/") ? s : s + "/");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = Objects.requireNonNull(http, "http");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** An {@link HttpClient} with a connect timeout, HTTP/1.1 and no redirects (a redirect means a sign-in page). */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The fields this client asks for, in order, for a project without a blocked source. */
    public List<String> fields() {
        return fields(BlockedSource.NONE);
    }

    /**
     * The fields this client asks for, in order: the flow fields, the title and extended fields the organization
     * allows, and the one field the project's blocked source reads (the CMMI blocked field, or System.Tags for a
     * blocking tag), each once.
     */
    public List<String> fields(BlockedSource blocked) {
        java.util.LinkedHashSet<String> fields = new java.util.LinkedHashSet<>(FLOW_FIELDS);
        if (allowed.title()) {
            fields.addAll(PERSONAL_FIELDS);
        }
        fields.addAll(allowed.extended());
        fields.addAll(blocked.fieldsRead());
        return List.copyOf(fields);
    }

    /**
     * One batch of the project's revisions, in change order.
     *
     * @param projectId         project id or name
     * @param continuationToken null for the start, else the token of the previous page (the watermark)
     * @param pageSize          1 to {@link #MAX_PAGE_SIZE}
     */
    public RevisionsPage revisions(String projectId, String continuationToken, int pageSize)
            throws AzdoException, InterruptedException {
        return revisions(projectId, continuationToken, pageSize, BlockedSource.NONE);
    }

    /**
     * As {@link #revisions(String, String, int)}, reading whether each revision was blocked by {@code blocked} (and
     * asking for the field that needs).
     */
    public RevisionsPage revisions(String projectId, String continuationToken, int pageSize, BlockedSource blocked)
            throws AzdoException, InterruptedException {
        Objects.requireNonNull(blocked, "blocked");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be from 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        StringBuilder query = new StringBuilder();
        query.append("fields=").append(encode(String.join(",", fields(blocked))));
        query.append("&$maxPageSize=").append(pageSize);
        if (continuationToken != null) {
            query.append("&continuationToken=").append(encode(continuationToken));
        }
        query.append("&api-version=").append(API_VERSION);
        URI uri = organizationUrl.resolve(segment(projectId) + "/_apis/wit/reporting/workitemrevisions?" + query);
        return get("revisions", uri, body -> AzdoJson.revisionsPage(body, allowed, blocked));
    }

    /**
     * The states of every enabled work item type of the project, with their categories. Uses the states
     * the type list includes; asks {@code workitemtypes/{type}/states} for a type listed without them.
     */
    public List<StateCategory> stateCategories(String projectId) throws AzdoException, InterruptedException {
        URI typesUri = organizationUrl.resolve(segment(projectId) + "/_apis/wit/workitemtypes?api-version=" + API_VERSION);
        List<AzdoJson.TypeEntry> types = get("work item types", typesUri, AzdoJson::workItemTypes);
        List<StateCategory> result = new ArrayList<>();
        for (AzdoJson.TypeEntry type : types) {
            if (type.states() != null) {
                result.addAll(type.states());
                continue;
            }
            URI statesUri = organizationUrl.resolve(segment(projectId) + "/_apis/wit/workitemtypes/"
                    + segment(type.name()) + "/states?api-version=" + API_VERSION);
            result.addAll(get("states of a work item type", statesUri, body -> AzdoJson.typeStates(type.name(), body)));
        }
        return result;
    }

    private <T> T get(String operation, URI uri, RetryPolicy.Parser<T> parser) throws AzdoException, InterruptedException {
        return policy.execute(operation, () -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Authorization", credentials.authorizationHeader())
                    .header("Accept", "application/json")
                    .header("X-TFS-FedAuthRedirect", "Suppress")
                    .GET()
                    .build();
            HttpResponse<String> response = sendWithDeadline(request);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                credentials.forgetCachedToken();
            }
            return response;
        }, parser);
    }

    /**
     * {@link HttpRequest#timeout} only covers the wait for the response headers: a body that stalls half way
     * would block for ever. The whole exchange, body included, gets the request timeout here.
     */
    private HttpResponse<String> sendWithDeadline(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("request failed: " + (cause == null ? e : cause.getClass().getSimpleName()), cause);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty path segment");
        }
        return encode(value);
    }

    @Override
    public String toString() {
        return "AzdoClient[" + organizationUrl + ", " + credentials + "]";
    }
}
