package io.flowtrack.metrics.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A working calendar (flow-definitions.md, "Working days (optional)"): the working weekdays and the
 * non-working dates, in the report's time zone. Counts working dates in a range in constant time plus a
 * binary search over the holidays.
 *
 * @param workingDays the weekdays that are worked; at least one
 * @param holidays    non-working dates, ascending, each once
 */
public record WorkingCalendar(Set<DayOfWeek> workingDays, List<LocalDate> holidays) {

    /** The most holidays a calendar may list (a century of them, generously). */
    public static final int MAX_HOLIDAYS = 10_000;
    /** Monday to Friday. */
    public static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    public WorkingCalendar {
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("a working calendar needs at least one working weekday");
        }
        workingDays = Set.copyOf(EnumSet.copyOf(workingDays));
        holidays = holidays == null ? List.of() : List.copyOf(new TreeSet<>(holidays));
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new IllegalArgumentException("a working calendar lists at most " + MAX_HOLIDAYS + " holidays, not "
                    + holidays.size());
        }
    }

    /** The weekdays in calendar order (for the report). */
    public List<DayOfWeek> orderedWorkingDays() {
        List<DayOfWeek> days = new ArrayList<>(EnumSet.copyOf(workingDays));
        return List.copyOf(days);
    }

    /** A counter over epoch days, made once per report. */
    public Counter counter() {
        return new Counter(this);
    }

    /**
     * Reads weekdays as the command line takes them: a range ({@code MON-FRI}) or a list
     * ({@code MON,TUE,THU}); three-letter or full English names, any case.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Set<DayOfWeek> parseWorkingDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no working days given; expected e.g. MON-FRI or MON,TUE,WED");
        }
        String trimmed = text.trim();
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (trimmed.contains("-")) {
            String[] ends = trimmed.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a weekday range such as MON-FRI");
            }
            DayOfWeek first = weekday(ends[0]);
            DayOfWeek last = weekday(ends[1]);
            if (last.compareTo(first) < 0) {
                throw new IllegalArgumentException("the range '" + text + "' ends before it begins (weeks run Monday to Sunday)");
            }
            days.addAll(EnumSet.range(first, last));
        } else {
            for (String part : trimmed.split(",", -1)) {
                DayOfWeek day = weekday(part);
                if (!days.add(day)) {
                    throw new IllegalArgumentException(day + " is listed twice");
                }
            }
        }
        return days;
    }

    /**
     * Reads a comma-separated list of ISO dates ({@code 2024-12-25,2024-12-26}); an empty text is none.
     *
     * @throws IllegalArgumentException naming the first date that is not one
     */
    public static List<LocalDate> parseHolidays(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                dates.add(LocalDate.parse(part.trim()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a date (YYYY-MM-DD)");
            }
        }
        return dates;
    }

    /**
     * The one reading of a calendar as both hosts' configurations hold it ({@code {"workingDays": ["MONDAY", …],
     * "holidays": ["2026-12-25", …]}}): each working day one weekday name (full or three letters, any case), each
     * once, at least one; each holiday an ISO date, at most {@link #MAX_HOLIDAYS}. Messages name the field
     * ({@code calendar.workingDays}, {@code calendar.holidays[i]}).
     *
     * @param holidays null for none
     * @throws IllegalArgumentException naming the first value that is wrong
     */
    public static WorkingCalendar of(List<String> workingDays, List<String> holidays) {
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("calendar.workingDays: at least one working weekday is required,"
                    + " e.g. [\"MONDAY\", …, \"FRIDAY\"]");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : workingDays) {
            if (name == null || name.contains(",") || name.contains("-")) {
                throw new IllegalArgumentException("calendar.workingDays: each working day is one weekday name such"
                        + " as \"MONDAY\"");
            }
            DayOfWeek day;
            try {
                day = weekday(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calendar.workingDays: " + e.getMessage());
            }
            if (!days.add(day)) {
                throw new IllegalArgumentException("calendar.workingDays: " + day + " is listed twice");
            }
        }
        List<String> given = holidays == null ? List.of() : holidays;
        if (given.size() > MAX_HOLIDAYS) {
            throw new IllegalArgumentException("calendar.holidays: at most " + MAX_HOLIDAYS + " dates, not "
                    + given.size());
        }
        List<LocalDate> dates = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String text = given.get(i);
            try {
                dates.add(LocalDate.parse(text == null ? "" : text.trim()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("calendar.holidays[" + i + "]: '" + text
                        + "' is not a date (YYYY-MM-DD)");
            }
        }
        return new WorkingCalendar(days, dates);
    }

    private static DayOfWeek weekday(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(n) || (n.length() == 3 && d.name().startsWith(n))) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + name.trim() + "' is not a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    /** Counts working dates; immutable and safe to share. */
    public static final class Counter {
        private final boolean[] working = new boolean[7];
        private final int perWeek;
        /** Holidays that fall on working weekdays, as ascending epoch days: only they change a count. */
        private final long[] holidays;

        private Counter(WorkingCalendar calendar) {
            int count = 0;
            for (DayOfWeek d : calendar.workingDays()) {
                working[d.getValue() - 1] = true;
                count++;
            }
            this.perWeek = count;
            this.holidays = calendar.holidays().stream()
                    .filter(h -> working[h.getDayOfWeek().getValue() - 1])
                    .mapToLong(LocalDate::toEpochDay).toArray();
        }

        /** Whether the epoch day is a working date. */
        public boolean isWorking(long epochDay) {
            return working[dayOfWeekIndex(epochDay)] && Arrays.binarySearch(holidays, epochDay) < 0;
        }

        /** The working dates d with {@code fromDay} ≤ d ≤ {@code toDay}; 0 for an empty range. */
        public long count(long fromDay, long toDay) {
            if (toDay < fromDay) {
                return 0;
            }
            long days = toDay - fromDay + 1;
            long count = days / 7 * perWeek;
            int start = dayOfWeekIndex(fromDay);
            for (int i = 0; i < days % 7; i++) {
                if (working[(start + i) % 7]) {
                    count++;
                }
            }
            return count - holidaysBetween(fromDay, toDay);
        }

        /** Cycle time or age in working days: the count, at least 1. */
        public int days(long fromDay, long toDay) {
            return (int) Math.max(1, count(fromDay, toDay));
        }

        private long holidaysBetween(long fromDay, long toDay) {
            return insertionPoint(toDay + 1) - insertionPoint(fromDay);
        }

        private int insertionPoint(long day) {
            int i = Arrays.binarySearch(holidays, day);
            return i >= 0 ? i : -i - 1;
        }

        /** Monday = 0 … Sunday = 6; epoch day 0 (1970-01-01) was a Thursday. */
        private static int dayOfWeekIndex(long epochDay) {
            return (int) Math.floorMod(epochDay + 3, 7L);
        }
    }
}
