package io.flowtrack.metrics.report;

import java.time.LocalDate;

/**
 * The report's window of days, inclusive, as epoch days: the request's {@code from} and {@code to}, or the day
 * the earliest reported item was created and the day of {@code asOf}.
 */
record ReportWindow(long fromDay, long toDay) {

    /**
     * @param earliestCreated the earliest reported item's creation day, or {@link Long#MAX_VALUE} for none
     * @throws IllegalArgumentException when the window starts after it ends or is longer than
     *                                  {@link ReportRequest#MAX_WINDOW_DAYS}
     */
    static ReportWindow of(ReportRequest request, long asOfDay, long earliestCreated) {
        long fromDay = request.from() != null ? request.from().toEpochDay()
                : earliestCreated == Long.MAX_VALUE ? asOfDay : earliestCreated;
        long toDay = request.to() != null ? request.to().toEpochDay() : asOfDay;
        if (fromDay > toDay) {
            throw new IllegalArgumentException("the window starts (" + LocalDate.ofEpochDay(fromDay)
                    + ") after it ends (" + LocalDate.ofEpochDay(toDay) + ")");
        }
        if (toDay - fromDay + 1 > ReportRequest.MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window from " + LocalDate.ofEpochDay(fromDay) + " to "
                    + LocalDate.ofEpochDay(toDay) + " is longer than " + ReportRequest.MAX_WINDOW_DAYS + " days");
        }
        return new ReportWindow(fromDay, toDay);
    }

    boolean contains(long day) {
        return day >= fromDay && day <= toDay;
    }

    LocalDate from() {
        return LocalDate.ofEpochDay(fromDay);
    }

    LocalDate to() {
        return LocalDate.ofEpochDay(toDay);
    }
}
