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
        int hash = 0;
        for (int i = off; i < off + len; i++) {
            hash = 31 * hash + buf[i];
        }
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
            if (existing.hashCode() == hash && sameText(existing, buf, off, len)) {
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

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                int slot = mix(s.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        }
    }
}
