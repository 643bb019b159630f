package io.flowtrack.azdo.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.AuditLog;
import io.flowtrack.azdo.store.Organization;
import io.flowtrack.azdo.store.OrganizationStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connected organization's stored URL and name current when it is renamed: the organization's id (its
 * host id) does not change, its URL does. Asks the Resource Areas service, which needs no credential:
 * {@code GET {base}/_apis/resourceAreas/79134c72-4a58-4b42-976c-04e7115f32bf?hostId={orgId}&api-version=5.0-preview.1}
 * → {@code locationUrl} (docs {@code work-with-urls.md}; ../shared/notes/azure-devops-extension.md §4). A new URL is
 * accepted only on the configured base's host ({@code https://dev.azure.com/{name}/}) or
 * {@code https://{name}.visualstudio.com/}; the stored one is replaced and the change audited. At most one lookup
 * per organization per {@link #MIN_INTERVAL}; a failed lookup keeps what is stored. Thread-safe.
 */
public final class OrganizationLocator {
    private static final Logger LOG = LoggerFactory.getLogger(OrganizationLocator.class);
    public static final String CORE_AREA_ID = "79134c72-4a58-4b42-976c-04e7115f32bf";
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(10);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final OrganizationStore organizations;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<OrgId, Instant> lastLookup = new ConcurrentHashMap<>();

    /** A locator that never looks anything up (tests that do not care, the demo). */
    public static OrganizationLocator off() {
        return new OrganizationLocator(null, null, null, null, Clock.systemUTC());
    }

    /** @param base the configured {@code FLOWTRACK_AZDO_BASE_URL} ({@code https://dev.azure.com}) */
    public OrganizationLocator(URI base, HttpClient http, OrganizationStore organizations, AuditLog audit, Clock clock) {
        this.base = base;
        this.http = http;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = Objects.requireNonNull(clock);
    }

    /** Looks the organization up (unless it was looked up recently) and stores a changed URL and name. */
    public void refresh(Organization organization) {
        if (base == null || organization.status() == Organization.Status.DISCONNECTED) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastLookup.get(organization.id());
        if (last != null && now.isBefore(last.plus(MIN_INTERVAL))) {
            return;
        }
        lastLookup.put(organization.id(), now);
        String located;
        try {
            located = locate(organization.id());
        } catch (IOException e) {
            LOG.info("organization {}: its URL could not be looked up ({}); keeping {}", organization.id(),
                    e.getMessage(), organization.baseUrl());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String name = nameOf(located);
        if (name == null) {
            LOG.warn("organization {}: Resource Areas gave a URL FlowTrack does not accept: {}", organization.id(), located);
            return;
        }
        if (trim(located).equalsIgnoreCase(trim(organization.baseUrl()))) {
            return;
        }
        String url = trim(located);
        try {
            organizations.whileConnected(organization.id(), () -> {
                organizations.upsert(organization.id(), name, url);
                audit.append(organization.id(), "flowtrack", "organization.moved", "organization",
                        "from=" + organization.baseUrl() + " to=" + url);
            });
        } catch (io.flowtrack.azdo.store.OrganizationGoneException e) {
            return; // disconnected meanwhile: nothing to keep current
        }
        LOG.info("organization {} moved from {} to {}", organization.id(), organization.baseUrl(), url);
    }

    private String locate(OrgId org) throws IOException, InterruptedException {
        URI uri = URI.create(trim(base.toString()) + "/_apis/resourceAreas/" + CORE_AREA_ID + "?hostId=" + org.value()
                + "&api-version=5.0-preview.1");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode node = JSON.readTree(response.body());
        if (node == null || !node.path("locationUrl").isTextual()) {
            throw new IOException("no locationUrl");
        }
        return node.path("locationUrl").asText();
    }

    /** The organization name of an acceptable organization URL, or null. */
    String nameOf(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            return null;
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
        boolean sameBase = host.equals(base.getHost().toLowerCase(Locale.ROOT)) && u.getPort() == base.getPort()
                && Objects.equals(u.getScheme(), base.getScheme());
        if (sameBase) {
            Matcher m = Pattern.compile("/([^/]+)").matcher(path);
            return m.matches() && NAME.matcher(m.group(1)).matches() ? m.group(1) : null;
        }
        if ("https".equals(u.getScheme()) && host.endsWith(".visualstudio.com") && path.isEmpty()) {
            String name = host.substring(0, host.length() - ".visualstudio.com".length());
            return NAME.matcher(name).matches() ? name : null;
        }
        return null;
    }

    private static String trim(String s) {
        return s.replaceAll("/+$", "");
    }
}
