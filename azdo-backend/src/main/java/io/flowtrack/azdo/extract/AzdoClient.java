package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.StateCategory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    private final FieldSelection allowed;
    private final AzdoGet requests;

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
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.requests = new AzdoGet(credentials, policy, http, requestTimeout);
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
        query.append("fields=").append(AzdoGet.encode(String.join(",", fields(blocked))));
        query.append("&$maxPageSize=").append(pageSize);
        if (continuationToken != null) {
            query.append("&continuationToken=").append(AzdoGet.encode(continuationToken));
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
        return projectTypes(projectId, null).states();
    }

    /**
     * What the project's enabled work item types say, from one list of them.
     *
     * @param states     every type's states with their categories
     * @param anyHasField whether some type has the field asked about; null when the list named no fields (unknown)
     */
    public record ProjectTypes(List<StateCategory> states, Boolean anyHasField) {
    }

    /** As {@link #stateCategories}, and whether any type of the project has {@code field} (null: not asked). */
    public ProjectTypes projectTypes(String projectId, String field) throws AzdoException, InterruptedException {
        URI typesUri = organizationUrl.resolve(segment(projectId) + "/_apis/wit/workitemtypes?api-version=" + API_VERSION);
        List<AzdoJson.TypeEntry> types = get("work item types", typesUri, AzdoJson::workItemTypes);
        List<StateCategory> result = new ArrayList<>();
        Boolean hasField = null;
        for (AzdoJson.TypeEntry type : types) {
            if (field != null && type.fields() != null) {
                hasField = Boolean.TRUE.equals(hasField) || type.fields().contains(field);
            }
            if (type.states() != null) {
                result.addAll(type.states());
                continue;
            }
            URI statesUri = organizationUrl.resolve(segment(projectId) + "/_apis/wit/workitemtypes/"
                    + segment(type.name()) + "/states?api-version=" + API_VERSION);
            result.addAll(get("states of a work item type", statesUri, body -> AzdoJson.typeStates(type.name(), body)));
        }
        return new ProjectTypes(result, hasField);
    }

    private <T> T get(String operation, URI uri, RetryPolicy.Parser<T> parser) throws AzdoException, InterruptedException {
        return requests.get(operation, uri, parser);
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty path segment");
        }
        return AzdoGet.encode(value);
    }

    @Override
    public String toString() {
        return "AzdoClient[" + organizationUrl + ", " + credentials + "]";
    }
}
