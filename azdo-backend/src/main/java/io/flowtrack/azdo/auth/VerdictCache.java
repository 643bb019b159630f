package io.flowtrack.azdo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The verdicts of checks that ask an organization about a user (membership, admin): bounded (least
 * recently used entries go first), each entry valid until its own instant, thread-safe. Keys carry a
 * hash of the user's access token, never the token.
 */
final class VerdictCache<K, V> {
    /** What an access token may look like (visible ASCII, bounded), checked before it is sent anywhere. */
    static final Pattern ACCESS_TOKEN = Pattern.compile("[\\x21-\\x7E]{1,16384}");

    private record Entry<V>(V value, Instant until) {
    }

    private final Map<K, Entry<V>> entries;

    VerdictCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The verdict for {@code key} still valid at {@code now}, or null. */
    synchronized V get(K key, Instant now) {
        Entry<V> entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.until())) {
            entries.remove(key);
            return null;
        }
        return entry == null ? null : entry.value();
    }

    /** Remembers a verdict until {@code until}; one already expired at {@code now} is dropped. */
    synchronized void put(K key, V value, Instant until, Instant now) {
        if (now.isBefore(until)) {
            entries.put(key, new Entry<>(value, until));
        } else {
            entries.remove(key);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** The SHA-256 of an access token, in hex: what cache keys carry instead of the token. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
