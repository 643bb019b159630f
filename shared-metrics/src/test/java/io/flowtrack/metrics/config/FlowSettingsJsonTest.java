package io.flowtrack.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowSettingsJsonTest {
    private static final String VALID = "{\"stages\":[{\"name\":\"To do\",\"category\":\"proposed\",\"states\":[\"New\"]},"
            + "{\"name\":\"Doing\",\"category\":\"active\",\"states\":[\"Active\"]},"
            + "{\"name\":\"Done\",\"category\":\"done\",\"states\":[\"Closed\"]}],"
            + "\"commitmentStage\":\"Doing\",\"startPolicy\":\"last\",\"sle\":{\"days\":10,\"percentile\":85},"
            + "\"calendar\":{\"workingDays\":\"MON-FRI\",\"holidays\":[\"2026-12-25\"]},\"blocked\":{\"source\":\"none\"}}";
    private final FlowSettingsJson json = new FlowSettingsJson("states", Set.of("blocked"));

    @Test
    void readsTheSharedFieldsAndHandsBackTheHostsOwn() {
        FlowSettingsJson.Read read = json.read(VALID);
        FlowSettings s = read.settings();
        assertThat(s.stages()).extracting(st -> st.name()).containsExactly("To do", "Doing", "Done");
        assertThat(s.stages().get(1).states()).containsExactly("Active");
        assertThat(s.commitmentStage()).isEqualTo("Doing");
        assertThat(s.startPolicy()).isEqualTo(StartPolicy.LAST);
        assertThat(s.sle()).isEqualTo(new ReportRequest.Sle(10, 85));
        assertThat(s.calendar().orderedWorkingDays()).hasSize(5).first().isEqualTo(DayOfWeek.MONDAY);
        assertThat(read.hostFields()).containsOnlyKeys("blocked");
        assertThat(read.hostFields().get("blocked")).isEqualTo(Map.of("source", "none"));
    }

    @Test
    void writingAndReadingAgainGivesTheSameSettings() {
        FlowSettings s = json.read(VALID).settings();
        Map<String, Object> written = json.write(s);
        assertThat(written).containsOnlyKeys(FlowSettingsJson.FIELDS);
        assertThat(ConfigJson.write(written)).contains("\"workingDays\":[\"MONDAY\",\"TUESDAY\"");
        assertThat(json.read(ConfigJson.write(written)).settings()).isEqualTo(s);
    }

    @Test
    void absentOptionalFieldsAreTheDefaults() {
        FlowSettings s = json.read("{\"stages\":[{\"name\":\"Doing\",\"category\":\"active\"}]}").settings();
        assertThat(s.startPolicy()).isEqualTo(StartPolicy.FIRST);
        assertThat(s.sle()).isNull();
        assertThat(s.calendar()).isNull();
        assertThat(s.commitmentStage()).isNull();
        assertThat(s.stages().get(0).states()).isEmpty();
    }

    @Test
    void theStatesFieldIsTheHosts() {
        FlowSettingsJson jira = new FlowSettingsJson("statuses", Set.of());
        FlowSettings s = jira.read("{\"stages\":[{\"name\":\"Doing\",\"category\":\"active\",\"statuses\":[\"3\",4]}]}")
                .settings();
        assertThat(s.stages().get(0).states()).containsExactly("3", "4");
        assertThat(((List<?>) ((Map<?, ?>) ((List<?>) jira.write(s).get("stages")).get(0)).get("statuses"))).hasSize(2);
        assertThatThrownBy(() -> jira.read(VALID)).hasMessageStartingWith("blocked: unknown field");
        assertThatThrownBy(() -> jira.read("{\"stages\":[{\"name\":\"Doing\",\"category\":\"active\",\"states\":[]}]}"))
                .hasMessageStartingWith("stages[0].states: unknown field; known: category, name, statuses");
    }

    @Test
    void eachRefusalNamesItsField() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("[]", "the body must be a JSON object"),
                Map.entry("{\"stages\":", "the body is not JSON"),
                Map.entry(VALID.replace("\"commitmentStage\"", "\"commitmentStage\":\"Doing\",\"commitmentStage\""),
                        "the body is not JSON"),
                Map.entry(VALID.replace("\"sle\"", "\"other\":1,\"sle\""), "other: unknown field"),
                Map.entry("{\"stages\":[]}", "stages: a non-empty array is required"),
                Map.entry(VALID.replace("\"category\":\"done\"", "\"category\":\"finished\""), "stages[2].category: one of"),
                Map.entry(VALID.replace("\"name\":\"Done\"", "\"name\":\" \""), "stages[2].name: 1 to 100 characters"),
                Map.entry(VALID.replace("\"name\":\"Done\",", ""), "stages[2].name: required"),
                Map.entry(VALID.replace("\"name\":\"Done\"", "\"name\":7"), "stages[2].name: a string is required"),
                Map.entry(VALID.replace("[\"Closed\"]", "[\"\"]"), "stages[2].states[0]: a string of 1 to 256"),
                Map.entry(VALID.replace("[\"Closed\"]", "\"Closed\""), "stages[2].states: an array of strings"),
                Map.entry(VALID.replace("\"last\"", "\"middle\""), "startPolicy: first or last, was 'middle'"),
                Map.entry(VALID.replace("\"days\":10", "\"days\":\"10\""), "sle.days: a whole number"),
                Map.entry(VALID.replace("\"days\":10", "\"days\":10.5"), "sle.days: a whole number"),
                Map.entry(VALID.replace("\"days\":10", "\"days\":3651"), "sle.days: SLE days must be from 1 to 3650, was 3651"),
                Map.entry(VALID.replace("\"percentile\":85", "\"percentile\":101"), "sle.percentile: SLE percentile must be from 1 to 100"),
                Map.entry(VALID.replace("\"percentile\":85", "\"share\":85"), "sle.share: unknown field"),
                Map.entry(VALID.replace("\"MON-FRI\"", "[]"), "calendar.workingDays: at least one"),
                Map.entry(VALID.replace("\"2026-12-25\"", "\"25/12/2026\""), "calendar.holidays[0]: '25/12/2026'"),
                Map.entry(VALID.replace("\"commitmentStage\":\"Doing\"", "\"commitmentStage\":\"Nope\""),
                        "commitmentStage: 'Nope' is not a stage"),
                Map.entry(VALID.replace("[\"Closed\"]", "[\"Active\"]"), "workflow[2].states: state 'Active'"));
        for (Map.Entry<String, String> r : refused.entrySet()) {
            assertThatThrownBy(() -> json.read(r.getKey())).as(r.getKey())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(r.getValue());
        }
    }

    @Test
    void aHostFieldMayNotShadowASharedOne() {
        assertThatThrownBy(() -> new FlowSettingsJson("states", Set.of("sle")))
                .hasMessageContaining("sle is a shared one");
    }
}
