package io.flowtrack.azdo.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The browser origins CORS lets call the backend: the extension's marketplace origins from configuration
 * ({@code https://<publisher>.gallerycdn.vsassets.io}, the legacy {@code https://<publisher>.gallery.vsassets.io},
 * and for a dev variant its {@code baseUri}). Exact match only; never {@code *}, never {@code null}, no wildcards
 * or suffix matching. CORS only restricts browsers: the app token and membership checks are the real gate.
 */
public final class AllowedOrigins {
    /** The request headers the extension sends (the app token, the access token, JSON bodies). */
    public static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-FlowTrack-Access-Token";
    public static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE";
    /** How long browsers may cache a preflight answer, in seconds. */
    public static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = origins;
    }

    /**
     * @param configured origins such as {@code https://flowtrack.gallerycdn.vsassets.io}; http only for
     *                   localhost/127.0.0.1 (demo and dev variants)
     * @throws IllegalArgumentException naming the first unacceptable origin
     */
    public static AllowedOrigins of(List<String> configured) {
        Objects.requireNonNull(configured, "configured");
        Set<String> set = new LinkedHashSet<>();
        for (String o : configured) {
            set.add(normalize(o));
        }
        return new AllowedOrigins(Set.copyOf(set));
    }

    /** The origins, normalized (lower case, no default port). */
    public Set<String> values() {
        return origins;
    }

    /** True when the request's {@code Origin} header names an allowed origin exactly. */
    public boolean allows(String originHeader) {
        if (originHeader == null || originHeader.isEmpty() || originHeader.length() > 300) {
            return false;
        }
        return origins.contains(originHeader.toLowerCase(Locale.ROOT));
    }

    /**
     * The CORS response headers for a request with this {@code Origin}: empty when the origin is not allowed
     * (then no CORS header at all is sent, and the browser refuses the response). {@code Vary: Origin} is always
     * part of a non-empty answer, so caches never serve one origin's answer to another.
     *
     * @param preflight true for an {@code OPTIONS} preflight, which also gets methods, headers and max age
     */
    public Optional<Map<String, String>> corsHeaders(String originHeader, boolean preflight) {
        if (!allows(originHeader)) {
            return Optional.empty();
        }
        if (!preflight) {
            return Optional.of(Map.of("Access-Control-Allow-Origin", originHeader, "Vary", "Origin"));
        }
        return Optional.of(Map.of("Access-Control-Allow-Origin", originHeader, "Vary", "Origin",
                "Access-Control-Allow-Methods", ALLOWED_METHODS, "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Access-Control-Max-Age", MAX_AGE_SECONDS));
    }

    @Override
    public String toString() {
        return String.join(",", origins);
    }

    static String normalize(String origin) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("an allowed origin must not be empty");
        }
        String o = origin.strip();
        if (o.contains("*") || o.equalsIgnoreCase("null")) {
            throw new IllegalArgumentException("allowed origins must be named exactly; '" + o + "' is not allowed");
        }
        URI uri;
        try {
            uri = new URI(o);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + o + "' is not an origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("'" + o + "' is not an origin (scheme://host[:port], no path)");
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
            throw new IllegalArgumentException("'" + o + "' must use https (http only for localhost)");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
