package io.flowtrack.azdo.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Azure DevOps keeps a work item's tags in System.Tags as one string, tags separated by a semicolon and a space
 * ({@code "beauty; web"}; empty when none: the documented example revisions carry {@code ""} and {@code "beauty"}).
 * Tags compare case-insensitively (Azure Boards does not let one item carry "Web" and "web").
 */
public final class Tags {
    private Tags() {
    }

    /** The tags of a System.Tags value, trimmed, without empties or case-insensitive duplicates, sorted. */
    public static List<String> parse(String value) {
        if (value == null) {
            return List.of();
        }
        TreeMap<String, String> byKey = new TreeMap<>();
        for (String part : value.split(";")) {
            String tag = part.trim();
            if (!tag.isEmpty()) {
                byKey.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The stored form: {@link #parse parsed} tags joined by "; ", or null when there are none. */
    public static String normalise(String value) {
        List<String> tags = parse(value);
        return tags.isEmpty() ? null : String.join("; ", tags);
    }

    /** Whether the stored value carries {@code tag} (case-insensitive). */
    public static boolean has(String stored, String tag) {
        String wanted = tag.trim();
        return parse(stored).stream().anyMatch(t -> t.equalsIgnoreCase(wanted));
    }
}
