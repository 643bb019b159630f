package io.flowtrack.azdo.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/** Strict GUID handling: the 8-4-4-4-12 hex form only (UUID.fromString accepts "1-2-3-4-5"). */
public final class Guids {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    /** The lower-case form, or null when {@code text} is not a GUID. */
    public static String canonical(String text) {
        if (text == null || !GUID.matcher(text).matches()) {
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** True when both are GUIDs and equal ignoring case. */
    public static boolean same(String a, String b) {
        String ca = canonical(a);
        return ca != null && ca.equals(canonical(b));
    }
}
