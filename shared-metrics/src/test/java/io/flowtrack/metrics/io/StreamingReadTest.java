package io.flowtrack.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.generate.HistoryGenerator;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ReportRequest;
import io.flowtrack.metrics.report.ReportSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Streaming a history through a report session gives exactly the report of the history built whole. */
class StreamingReadTest {
    private static final Instant AS_OF = Instant.parse("2024-06-01T00:00:00Z");

    private static History generated(ZoneId zone) {
        List<WorkItem> items = new ArrayList<>();
        new HistoryGenerator(77, LocalDate.of(2024, 1, 1), 120).generate(500, items::add);
        return History.builder(HistoryGenerator.workflow()).source("generated").timeZone(zone).items(items).build();
    }

    private static byte[] json(History history) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryWriter.write(history, out, false);
        return out.toByteArray();
    }

    private static String streamedReport(byte[] document) throws IOException {
        ReportSession[] session = new ReportSession[1];
        HistoryReader.strict().stream(new ByteArrayInputStream(document), header -> {
            session[0] = FlowEngine.session(header.workflow(), header.timeZone(), header.source(),
                    header.ignoreUnmappedStates(), ReportRequest.builder().asOf(AS_OF).build());
            return session[0];
        });
        return ReportWriter.toJson(session[0].finish(), false);
    }

    @Test
    @DisplayName("a streamed report equals the report of the history read whole")
    void streamedEqualsWhole() throws IOException {
        History history = generated(ZoneId.of("Europe/Berlin"));
        String whole = ReportWriter.toJson(FlowEngine.report(history, ReportRequest.builder().asOf(AS_OF).build()),
                false);
        assertThat(streamedReport(json(history))).isEqualTo(whole);
    }

    @Test
    @DisplayName("items before the header are buffered, and the report is the same")
    void itemsBeforeHeader() throws IOException {
        History history = generated(ZoneId.of("America/Chicago"));
        String document = new String(json(history), StandardCharsets.UTF_8);
        int items = document.indexOf(",\"items\":");
        // Move the items array to the front of the object.
        String header = document.substring(1, items);
        String itemsField = document.substring(items + 1, document.length() - 1);
        String reordered = "{" + itemsField + "," + header + "}";
        String whole = ReportWriter.toJson(FlowEngine.report(history, ReportRequest.builder().asOf(AS_OF).build()),
                false);
        assertThat(streamedReport(reordered.getBytes(StandardCharsets.UTF_8))).isEqualTo(whole);
    }

    @Test
    @DisplayName("a streamed history with a duplicate id and an unmapped state is rejected as a whole, naming both")
    void streamedValidation() {
        String document = "{\"format\":\"flowtrack-history/1\",\"source\":\"x\",\"timeZone\":\"UTC\","
                + "\"workflow\":[{\"stage\":\"Todo\",\"category\":\"proposed\",\"states\":[\"To Do\"]},"
                + "{\"stage\":\"Doing\",\"category\":\"active\",\"states\":[\"Doing\"]},"
                + "{\"stage\":\"Done\",\"category\":\"done\",\"states\":[\"Done\"]}],\"commitmentStage\":\"Doing\","
                + "\"items\":[{\"id\":\"A\",\"type\":\"Bug\",\"created\":\"2024-01-01T00:00:00Z\","
                + "\"initialState\":\"To Do\",\"transitions\":[]},"
                + "{\"id\":\"A\",\"type\":\"Bug\",\"created\":\"2024-01-01T00:00:00Z\","
                + "\"initialState\":\"Parked\",\"transitions\":[]}]}";
        assertThatThrownBy(() -> streamedReport(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHistoryException.class)
                .hasMessageContaining("'Parked' (item A initialState)")
                .hasMessageContaining("item A: duplicate item id (items[0] and items[1])");
    }

    @Test
    @DisplayName("the consumer opened from the header receives every item, in order, and the header is returned")
    void itemsArriveWhileReading() throws IOException {
        History history = generated(ZoneId.of("UTC"));
        List<String> seen = new ArrayList<>();
        HistoryReader.Header header = HistoryReader.strict().stream(new ByteArrayInputStream(json(history)),
                h -> item -> seen.add(item.id()));
        assertThat(seen).hasSize(500).startsWith("GEN-1", "GEN-2");
        assertThat(header.source()).isEqualTo("generated");
        assertThat(header.workflow()).isEqualTo(HistoryGenerator.workflow());
    }
}
