package io.flowtrack.jira;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a class logs while a test runs (the plugin's SLF4J log reaches java.util.logging through slf4j-jdk14 in
 * tests). Close it to stop capturing.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Class<?> type) {
        this.logger = Logger.getLogger(type.getName());
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Everything a record would print: message, parameters and the stack trace of its exception. */
    public static String text(LogRecord r) {
        StringWriter text = new StringWriter();
        text.append(r.getMessage()).append(' ').append(Arrays.toString(r.getParameters()));
        if (r.getThrown() != null) {
            r.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(null);
    }
}
