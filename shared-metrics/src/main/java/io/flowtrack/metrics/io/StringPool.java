package io.flowtrack.metrics.io;

/**
 * Hands out one {@link String} per distinct text for the few values a history repeats millions of times
 * (state names, types), straight from the parser's character buffer, so repeats allocate nothing. Once it
 * holds {@link #MAX_ENTRIES} texts it stops pooling and just makes strings: ids and titles never come here.
 */
final class StringPool {
    static final int MAX_ENTRIES = 4_096;
    private String[] table = new String[64];
    private int size;
    /** The text handed out last: a transition's from is usually the previous transition's to. */
    private String last = "";

    String get(char[] buf, int off, int len) {
        if (sameText(last, buf, off, len)) {
            return last;
        }
        last = lookUp(buf, off, len);
        return last;
    }

    private String lookUp(char[] buf, int off, int len) {
        int hash = hashOf(buf, off, len);
        int mask = table.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            String existing = table[slot];
            if (existing == null) {
                String made = new String(buf, off, len);
                if (size < MAX_ENTRIES) {
                    table[slot] = made;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                }
                return made;
            }
            if (sameText(existing, buf, off, len)) {
                return existing;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameText(String s, char[] buf, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** A few characters and the length tell the few pooled texts apart; equality is checked in full. */
    private static int hashOf(char[] buf, int off, int len) {
        int hash = len;
        if (len > 0) {
            hash = hash * 31 + buf[off];
            hash = hash * 31 + buf[off + len - 1];
            hash = hash * 31 + buf[off + len / 2];
            hash = hash * 31 + buf[off + (len - 1) / 3];
        }
        return hash;
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                char[] chars = s.toCharArray();
                int slot = mix(hashOf(chars, 0, chars.length)) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        }
    }
}
