package io.flowtrack.azdo.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks an organization's identity service, with the organization's own credential (the PAT or service principal
 * FlowTrack extracts with), whether an identity belongs to the organization's Project Collection Administrators
 * (docs/security.md, "Admin check"). Two reads of "Identities - Read Identities" ({@code vso.identity}, PAT scope
 * "Identity (Read)"):
 * <ol>
 * <li>the group: {@code GET {ims}/_apis/identities?searchFilter=General&filterValue=[{org}]\Project Collection
 * Administrators&queryMembership=None}: exactly one container whose {@code providerDisplayName} is that name;</li>
 * <li>the user: {@code GET {ims}/_apis/identities?identityIds={id}&queryMembership=Expanded}: the group's descriptor
 * among the user's {@code memberOf} (expanded: through nested groups too).</li>
 * </ol>
 * Anything that is not exactly that answer is an {@link AzdoException} (the caller denies).
 */
public final class IdentityClient {
    public static final String API_VERSION = "7.1";
    public static final String ADMIN_GROUP = "Project Collection Administrators";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI identityUrl;
    private final AzdoCredentials credentials;
    private final AzdoGet requests;

    /** @param identityUrl the organization's identity service ({@link #identityUrlOf(URI)}) */
    public IdentityClient(URI identityUrl, AzdoCredentials credentials, RetryPolicy policy, HttpClient http,
                          Duration requestTimeout) {
        String s = Objects.requireNonNull(identityUrl, "identityUrl").toString();
        this.identityUrl = URI.create(s.endsWith("/") ? s : s + "/");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.requests = new AzdoGet(credentials, policy, http, requestTimeout);
    }

    /**
     * Where an organization's identity service (area IMS, Microsoft's {@code vssps} host) lives:
     * {@code https://dev.azure.com/{org}} → {@code https://vssps.dev.azure.com/{org}},
     * {@code https://{org}.visualstudio.com} → {@code https://{org}.vssps.visualstudio.com}; any other URL (a local
     * server, tests) serves it itself.
     */
    public static URI identityUrlOf(URI organizationUrl) {
        String host = organizationUrl.getHost() == null ? "" : organizationUrl.getHost().toLowerCase(Locale.ROOT);
        String text = organizationUrl.toString();
        if (host.equals("dev.azure.com")) {
            return URI.create(text.replaceFirst("(?i)//dev\\.azure\\.com", "//vssps.dev.azure.com"));
        }
        if (host.endsWith(".visualstudio.com") && !host.contains(".vssps.")) {
            return URI.create(text.replaceFirst("(?i)\\.visualstudio\\.com", ".vssps.visualstudio.com"));
        }
        return organizationUrl;
    }

    /**
     * @param organizationName the organization's current name (the group is named {@code [name]\Project Collection
     *                         Administrators})
     * @param identityId       the user's identity id (connectionData's {@code authenticatedUser.id})
     * @throws CredentialRejectedException when the credential may not read identities (401/403)
     * @throws AzdoException               when the answer is not exactly one group and one user
     */
    public boolean isCollectionAdministrator(String organizationName, String identityId)
            throws AzdoException, InterruptedException {
        String groupName = "[" + organizationName + "]\\" + ADMIN_GROUP;
        JsonNode groups = get("administrators group", "searchFilter=General&filterValue=" + AzdoGet.encode(groupName)
                + "&queryMembership=None");
        List<String> descriptors = new ArrayList<>();
        for (JsonNode g : groups) {
            if (g.path("isContainer").asBoolean(false)
                    && groupName.equalsIgnoreCase(g.path("providerDisplayName").asText(""))
                    && g.path("descriptor").isTextual()) {
                descriptors.add(g.path("descriptor").asText());
            }
        }
        if (descriptors.size() != 1) {
            // None: not the organization we think; several: a look-alike group exists. Either way, no verdict.
            throw new AzdoException("administrators group: expected exactly one group named " + groupName + ", found "
                    + descriptors.size(), 200);
        }
        JsonNode users = get("identity of the user", "identityIds=" + AzdoGet.encode(identityId) + "&queryMembership=Expanded");
        Optional<JsonNode> user = Optional.empty();
        for (JsonNode u : users) {
            if (identityId.equalsIgnoreCase(u.path("id").asText(""))) {
                user = Optional.of(u);
            }
        }
        if (user.isEmpty()) {
            return false; // not an identity of this organization
        }
        for (JsonNode d : user.get().path("memberOf")) {
            if (d.isTextual() && d.asText().equalsIgnoreCase(descriptors.get(0))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode get(String operation, String query) throws AzdoException, InterruptedException {
        return requests.values(operation, identityUrl.resolve("_apis/identities?" + query + "&api-version="
                + API_VERSION));
    }

    @Override
    public String toString() {
        return "IdentityClient[" + identityUrl + ", " + credentials + "]";
    }
}
