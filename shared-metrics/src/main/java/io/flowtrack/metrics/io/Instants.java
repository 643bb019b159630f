package io.flowtrack.metrics.io;

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
        Instant fast = parseUtcFast(text.toCharArray(), 0, text.length());
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * Parses the characters {@code buf[off, off + len)}, as a streaming parser hands them over, without
     * making a string first unless the text is not of the common shape.
     *
     * @throws DateTimeParseException when the text is not an ISO-8601 instant
     */
    public static Instant parse(char[] buf, int off, int len) {
        Instant fast = parseUtcFast(buf, off, len);
        return fast != null ? fast : Instant.parse(new String(buf, off, len));
    }

    /** The instant for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other shape. */
    static Instant parseUtcFast(char[] s, int off, int len) {
        if (len < 20 || s[off + len - 1] != 'Z' || s[off + 4] != '-' || s[off + 7] != '-'
                || s[off + 10] != 'T' || s[off + 13] != ':' || s[off + 16] != ':') {
            return null;
        }
        int year = digits(s, off, 4);
        int month = digits(s, off + 5, 2);
        int day = digits(s, off + 8, 2);
        int hour = digits(s, off + 11, 2);
        int minute = digits(s, off + 14, 2);
        int second = digits(s, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            int fractionDigits = len - 21;
            if (s[off + 19] != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(s, off + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > lengthOfMonth(year, month)) {
            return null; // e.g. February 30th: let the library report it
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * {@code LocalDate.of(year, month, day).toEpochDay()} for a valid date of years 0 to 9999, without making
     * the date (the same arithmetic as {@link LocalDate#toEpochDay()}).
     */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!leap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }

    /** Days from 0000-01-01 to 1970-01-01, as {@link LocalDate} counts them. */
    private static final long DAYS_0000_TO_1970 = (146_097L * 5L) - (30L * 365L + 7L);

    private static int digits(char[] s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
