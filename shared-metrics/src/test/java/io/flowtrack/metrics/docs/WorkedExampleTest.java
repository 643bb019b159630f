package io.flowtrack.metrics.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md works an example by hand; this keeps every figure it prints true. If the engine
 * changes a number here, the document must change with it.
 */
class WorkedExampleTest {
    private static final Path HISTORY = Path.of("..", "docs", "examples", "worked-example-history.json");
    private static final Instant AS_OF = Instant.parse("2024-03-10T23:59:59.999999999Z");

    private static Report report(ForecastRequest forecast) throws IOException {
        History history = HistoryReader.strict().read(HISTORY);
        return FlowEngine.report(history, ReportRequest.builder().asOf(AS_OF).forecast(forecast).build());
    }

    @Test
    void itemsAsTheDocumentWorksThemOut() throws IOException {
        Report r = report(null);
        assertThat(r.items()).extracting(Report.Item::id).containsExactly("A-1", "A-2", "A-3", "A-4");
        assertThat(r.items()).extracting(Report.Item::cycleTimeDays).containsExactly(3, 1, 7, null);
        assertThat(r.items()).extracting(Report.Item::ageDays).containsExactly(null, null, null, 5);
        assertThat(r.items()).extracting(Report.Item::flowEfficiency).containsExactly(0.75, 1.0, 1.0 / 3, null);
        Report.Item a3 = r.items().get(2);
        assertThat(a3.timeInStage().seconds(0)).isEqualTo(259_200);
        assertThat(a3.timeInStage().seconds(1)).isEqualTo(172_800);
        assertThat(a3.timeInStage().seconds(2)).isEqualTo(86_400);
        assertThat(r.items().get(3).timeInStage().seconds(2)).isEqualTo(388_800);
        assertThat(r.excluded().removed()).isEqualTo(1);
    }

    @Test
    void whereEachItemStartedAndFinishedUnderPolicyFirst() throws IOException {
        Report r = report(null);
        // A-2 was created in In Progress; A-3 starts at its first commitment (03-03), not its second;
        // A-4 jumped from Backlog to Review and has not finished.
        assertThat(r.items()).extracting(Report.Item::startedIn)
                .containsExactly("In Progress", "In Progress", "In Progress", "Review");
        assertThat(r.items()).extracting(Report.Item::started).extracting(Object::toString)
                .containsExactly("2024-03-02", "2024-03-02", "2024-03-03", "2024-03-06");
        assertThat(r.items()).extracting(Report.Item::finishedIn).containsExactly("Done", "Done", "Done", null);
    }

    @Test
    void whereEachItemStartedAndFinishedUnderPolicyLast() throws IOException {
        History history = HistoryReader.strict().read(HISTORY);
        Report r = FlowEngine.report(history, ReportRequest.builder().asOf(AS_OF).startPolicy(StartPolicy.LAST).build());
        // Only A-3 changes: its last crossing into In Progress, 03-07 10:00 (step 6).
        assertThat(r.items()).extracting(Report.Item::startedIn)
                .containsExactly("In Progress", "In Progress", "In Progress", "Review");
        assertThat(r.items()).extracting(Report.Item::started).extracting(Object::toString)
                .containsExactly("2024-03-02", "2024-03-02", "2024-03-07", "2024-03-06");
        assertThat(r.items()).extracting(Report.Item::finishedIn).containsExactly("Done", "Done", "Done", null);
        assertThat(r.items().get(2).cycleTimeDays()).isEqualTo(3);
    }

    @Test
    void dailyTableAsTheDocumentPrintsIt() throws IOException {
        Report r = report(null);
        assertThat(r.daily()).extracting(Report.Day::arrivals).containsExactly(0, 2, 1, 0, 0, 1, 0, 0, 0, 0);
        assertThat(r.daily()).extracting(Report.Day::throughput).containsExactly(0, 1, 0, 1, 0, 0, 0, 0, 1, 0);
        assertThat(r.daily()).extracting(Report.Day::wip).containsExactly(0, 2, 2, 2, 1, 2, 2, 2, 2, 1);
        assertThat(r.daily()).extracting(Report.Day::cfd).containsExactly(
                List.of(2, 0, 0, 0, 0), List.of(3, 2, 1, 1, 0), List.of(4, 3, 2, 1, 0), List.of(4, 2, 2, 2, 0),
                List.of(4, 2, 2, 2, 0), List.of(4, 3, 3, 2, 0), List.of(4, 4, 3, 2, 0), List.of(4, 4, 4, 2, 0),
                List.of(4, 4, 4, 3, 0), List.of(4, 4, 4, 3, 0));
        assertThat(r.cycleTime().percentiles()).isEqualTo(Map.of(50, 3, 70, 7, 85, 7, 95, 7));
        assertThat(r.flowEfficiency()).isEqualTo(5.0 / 11);
    }

    @Test
    void forecastTableAsTheDocumentPrintsIt() throws IOException {
        Report r = report(new ForecastRequest(7, 3, 10_000, 42L, null, null, null));
        assertThat(r.forecast().howMany().percentiles()).isEqualTo(Map.of(50, 2, 70, 1, 85, 1, 95, 0));
        assertThat(r.forecast().when().percentiles()).isEqualTo(Map.of(50, 9, 70, 12, 85, 15, 95, 19));
        assertThat(r.forecast().whenDates().get(85)).hasToString("2024-03-25");
        assertThat(Files.readString(Path.of("..", "docs", "metrics.md")))
                .contains("| 85 %       | 1                  | 15 days               | 2024-03-25 |");
    }
}
