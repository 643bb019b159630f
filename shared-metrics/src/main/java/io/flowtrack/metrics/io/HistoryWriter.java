package io.flowtrack.metrics.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.BlockedPeriod;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;

/**
 * Writes a {@code flowtrack-history/1} document item by item, so a generated history of a million items
 * never has to be held in memory. {@link #close()} ends the document.
 */
public final class HistoryWriter implements Closeable {
    private final JsonGenerator g;

    /** Starts a document: writes everything up to the first item. The stream is not closed at the end. */
    public HistoryWriter(OutputStream out, String source, ZoneId timeZone, Workflow workflow, boolean pretty)
            throws IOException {
        g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (pretty) {
            g.useDefaultPrettyPrinter();
        }
        g.writeStartObject();
        g.writeStringField("format", HistoryReader.FORMAT);
        if (source != null) {
            g.writeStringField("source", source);
        }
        g.writeStringField("timeZone", timeZone.getId());
        g.writeArrayFieldStart("workflow");
        for (Stage stage : workflow.stages()) {
            g.writeStartObject();
            g.writeStringField("stage", stage.name());
            g.writeStringField("category", stage.category().jsonName());
            g.writeArrayFieldStart("states");
            for (String state : stage.states()) {
                g.writeString(state);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("commitmentStage", workflow.commitmentStage().name());
        g.writeArrayFieldStart("items");
    }

    public void item(WorkItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", item.id());
        g.writeStringField("type", item.type());
        if (item.title() != null) {
            g.writeStringField("title", item.title());
        }
        g.writeStringField("created", item.created().toString());
        g.writeStringField("initialState", item.initialState());
        g.writeArrayFieldStart("transitions");
        for (StateChange change : item.transitions()) {
            g.writeStartObject();
            g.writeStringField("at", change.at().toString());
            if (change.from() != null) {
                g.writeStringField("from", change.from());
            }
            g.writeStringField("to", change.to());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!item.blocked().isEmpty()) {
            g.writeArrayFieldStart("blocked");
            for (BlockedPeriod period : item.blocked()) {
                g.writeStartObject();
                g.writeStringField("from", period.from().toString());
                if (period.to() != null) {
                    g.writeStringField("to", period.to().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }

    /** Writes a whole history. */
    public static void write(History history, OutputStream out, boolean pretty) throws IOException {
        try (HistoryWriter writer = new HistoryWriter(out, history.source(), history.timeZone(), history.workflow(),
                pretty)) {
            for (WorkItem item : history.items()) {
                writer.item(item);
            }
        }
    }
}
