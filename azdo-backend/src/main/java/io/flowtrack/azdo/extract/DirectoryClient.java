package io.flowtrack.azdo.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists an organization's projects and a project's teams with the organization's own credential (the PAT or service
 * principal FlowTrack extracts with), never with a page's token: both APIs declare the OAuth scope
 * {@code vso.project}, which the extension does not ask for (docs/security.md, "Listing projects and teams").
 * <ul>
 * <li>{@code GET {org}/_apis/projects?$top=&$skip=&api-version=7.1} (Projects - List):
 * {@code {count, value: [{id, name, description, url, state, ...}]}};</li>
 * <li>{@code GET {org}/_apis/projects/{projectId}/teams?$top=&$skip=&api-version=7.1} (Teams - Get Teams):
 * {@code {count, value: [{id, name, url, description, identityUrl, ...}]}}.</li>
 * </ul>
 * Only each entry's id and name are read; an entry without both is skipped. Pages are asked for until one comes back
 * short, up to {@link #MAX_ENTRIES}.
 */
public final class DirectoryClient {
    public static final String API_VERSION = "7.1";
    /** Entries asked for per page. */
    static final int PAGE = 500;
    /** Most entries one listing reads (a larger organization is cut here, not read for ever). */
    public static final int MAX_ENTRIES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A project or team: its id and its name, nothing else. */
    public record Entry(String id, String name) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    private final URI organizationUrl;
    private final AzdoCredentials credentials;
    private final AzdoGet requests;

    /** @param organizationUrl e.g. {@code https://dev.azure.com/fabrikam} (the stored one, never a browser's) */
    public DirectoryClient(URI organizationUrl, AzdoCredentials credentials, RetryPolicy policy, HttpClient http,
                           Duration requestTimeout) {
        String s = Objects.requireNonNull(organizationUrl, "organizationUrl").toString();
        this.organizationUrl = URI.create(s.endsWith("/") ? s : s + "/");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.requests = new AzdoGet(credentials, policy, http, requestTimeout);
    }

    /** The organization's projects (those the credential may read), in the order Azure DevOps lists them. */
    public List<Entry> projects() throws AzdoException, InterruptedException {
        return list("projects", "_apis/projects?");
    }

    /**
     * The project's teams.
     *
     * @throws AzdoException with status 404 when the project does not exist (or the credential cannot see it)
     */
    public List<Entry> teams(String projectId) throws AzdoException, InterruptedException {
        return list("teams", "_apis/projects/" + AzdoGet.encode(projectId) + "/teams?");
    }

    private List<Entry> list(String operation, String pathAndQuery) throws AzdoException, InterruptedException {
        List<Entry> all = new ArrayList<>();
        for (int skip = 0; skip < MAX_ENTRIES; skip += PAGE) {
            URI uri = organizationUrl.resolve(pathAndQuery + "$top=" + PAGE + "&$skip=" + skip + "&api-version="
                    + API_VERSION);
            JsonNode value = get(operation, uri);
            int seen = 0;
            for (JsonNode e : value) {
                seen++;
                if (e.path("id").isTextual() && e.path("name").isTextual() && all.size() < MAX_ENTRIES) {
                    all.add(new Entry(e.path("id").asText(), e.path("name").asText()));
                }
            }
            if (seen < PAGE) {
                break;
            }
        }
        return List.copyOf(all);
    }

    private JsonNode get(String operation, URI uri) throws AzdoException, InterruptedException {
        return requests.values(operation, uri);
    }

    @Override
    public String toString() {
        return "DirectoryClient[" + organizationUrl + ", " + credentials + "]";
    }
}
