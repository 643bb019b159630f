package io.flowtrack.jira.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as UTF-8 text, but never more than one character beyond its bound: a {@code String} entity
 * would be read whole into memory before any check, so any user could send an endless body. What comes back is
 * longer than the bound exactly when the body was, and the caller's own length check refuses it.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    static String read(InputStream body, int maxChars) {
        if (body == null) {
            return "";
        }
        char[] text = new char[maxChars + 1];
        int length = 0;
        try {
            Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
            for (int n; length < text.length && (n = reader.read(text, length, text.length - length)) != -1; ) {
                length += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
        return new String(text, 0, length);
    }
}
