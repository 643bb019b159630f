package io.flowtrack.azdo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed requests without letting any member flood the log: a failure is one line (request id, exception type,
 * its message, shortened, and the first FlowTrack frame it came from), never a stack trace; the same failure again
 * (same type, message and place) within {@link #window} is only counted, and the count is written with its next
 * occurrence after the window. Refusals Jetty answers itself (too large, unparsable) are logged the same way, per
 * status. Bounded: at most {@link #MAX_KINDS} kinds of failure are tracked. Thread-safe.
 */
final class ErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    static final int MAX_KINDS = 256;
    private static final int MAX_MESSAGE = 200;

    private static final class Seen {
        Instant loggedAt;
        long suppressed;
    }

    private final Clock clock;
    private final Duration window;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_KINDS;
        }
    };

    ErrorLog(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** A request that failed with an unexpected exception (answered 500). */
    void failed(String requestId, Throwable e) {
        String where = origin(e);
        String message = shorten(e.getMessage());
        String kind = e.getClass().getName() + "|" + message + "|" + where;
        long suppressed = admit(kind);
        if (suppressed >= 0) {
            LOG.error("request {} failed: {}: {} (at {}){}", requestId, e.getClass().getName(), message, where,
                    suppressed > 0 ? "; " + suppressed + " more like it were not logged" : "");
        }
    }

    /** A request Jetty refused before any route ran (431, 414, 400 ...). */
    void refused(String requestId, int status, String reason) {
        long suppressed = admit("refused|" + status);
        if (suppressed >= 0) {
            LOG.info("request {} refused: HTTP {} ({}){}", requestId, status, shorten(reason),
                    suppressed > 0 ? "; " + suppressed + " more like it were not logged" : "");
        }
    }

    /** -1 when this occurrence is only counted; else how many were counted since the last line. */
    private synchronized long admit(String kind) {
        Instant now = clock.instant();
        Seen s = seen.get(kind);
        if (s == null) {
            s = new Seen();
            s.loggedAt = now;
            seen.put(kind, s);
            return 0;
        }
        if (Duration.between(s.loggedAt, now).compareTo(window) < 0) {
            s.suppressed++;
            return -1;
        }
        long n = s.suppressed;
        s.loggedAt = now;
        s.suppressed = 0;
        return n;
    }

    private static String shorten(String message) {
        if (message == null) {
            return "-";
        }
        String oneLine = message.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "…" : oneLine;
    }

    /** The first frame in FlowTrack's code (where it went wrong for us), else the first frame. */
    private static String origin(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("io.flowtrack.")) {
                return f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
            }
        }
        return frames.length == 0 ? "-" : frames[0].toString();
    }
}
