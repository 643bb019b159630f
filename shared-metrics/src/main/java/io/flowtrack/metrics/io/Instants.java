package io.flowtrack.metrics.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses ISO-8601 instants. The common shape {@code 2024-01-03T09:00:00[.fraction]Z} takes a direct path
 * (a history of a million items holds millions of them); everything else, offsets such as
 * {@code +02:00} included, goes to {@link Instant#parse}, the library's own ISO parser.
 */
public final class Instants {
    private Instants() {
    }

    /** @throws DateTimeParseException when the text is not an ISO-8601 instant */
    public static Instant parse(String text) {
        Instant fast = parseUtcFast(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other shape. */
    static Instant parseUtcFast(String s) {
        int len = s.length();
        if (len < 20 || s.charAt(len - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            if (s.charAt(19) != '.' || len - 21 < 1 || len - 21 > 9) {
                return null;
            }
            int fraction = digits(s, 20, len - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = len - 21; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let the library report it
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
