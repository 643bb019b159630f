package io.flowtrack.metrics.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.InvalidHistoryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Bad input is rejected with a message that names the item and the field. Nothing is half-computed."
 * Each case changes one thing in a valid history and reads it with {@link HistoryReader#strict()}.
 */
class BadInputTest {
    private static final String WORKFLOW = """
            "workflow": [
              {"stage": "Backlog",     "category": "proposed", "states": ["To Do", "Open"]},
              {"stage": "In Progress", "category": "active",   "states": ["In Progress"]},
              {"stage": "Review",      "category": "waiting",  "states": ["In Review"]},
              {"stage": "Done",        "category": "done",     "states": ["Done", "Closed"]}
            ],
            """;

    private static final String FT1 = """
            {"id": "FT-1", "type": "Story", "created": "2024-01-02T10:00:00Z", "initialState": "To Do",
             "transitions": [
               {"at": "2024-01-03T09:00:00Z", "from": "To Do", "to": "In Progress"},
               {"at": "2024-01-05T16:30:00Z", "from": "In Progress", "to": "Done"}]}
            """;

    private static String doc(String workflow, String... items) {
        return "{\"format\": \"flowtrack-history/1\", \"source\": \"jira\", \"timeZone\": \"UTC\",\n" + workflow
                + "\"commitmentStage\": \"In Progress\",\n\"items\": [" + String.join(",\n", items) + "]}";
    }

    private static History read(String json) throws IOException {
        return HistoryReader.strict().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejecting(String json) {
        return assertThatThrownBy(() -> read(json)).isInstanceOf(InvalidHistoryException.class);
    }

    @Test
    @DisplayName("the valid base history reads (so each case below fails for its one change)")
    void validBase() throws IOException {
        History h = read(doc(WORKFLOW, FT1));
        assertThat(h.items()).hasSize(1);
        assertThat(h.items().get(0).transitions()).hasSize(2);
        assertThat(h.workflow().commitmentStage().name()).isEqualTo("In Progress");
    }

    @Test
    @DisplayName("malformed JSON is rejected naming line and column")
    void malformedJson() {
        String broken = doc(WORKFLOW, FT1).replace("\"type\": \"Story\",", "\"type\": \"Story\"");
        rejecting(broken).hasMessageContaining("malformed JSON").hasMessageContaining("line 9");
    }

    @Test
    @DisplayName("an unknown category is rejected naming the workflow entry and field")
    void unknownCategory() {
        rejecting(doc(WORKFLOW.replace("\"active\"", "\"doing\""), FT1))
                .hasMessageContaining("workflow[1]").hasMessageContaining("In Progress")
                .hasMessageContaining("category").hasMessageContaining("'doing'");
    }

    @Test
    @DisplayName("unmapped states are rejected naming every unmapped state and where it occurs")
    void unmappedStates() {
        String ft2 = """
                {"id": "FT-2", "type": "Bug", "created": "2024-01-02T10:00:00Z", "initialState": "Triage",
                 "transitions": [{"at": "2024-01-03T09:00:00Z", "from": "Triage", "to": "Blocked"}]}
                """;
        String ft3 = """
                {"id": "FT-3", "type": "Bug", "created": "2024-01-02T10:00:00Z", "initialState": "To Do",
                 "transitions": [{"at": "2024-01-03T09:00:00Z", "from": "To Do", "to": "Parked"}]}
                """;
        rejecting(doc(WORKFLOW, FT1, ft2, ft3))
                .hasMessageContaining("'Triage'").hasMessageContaining("'Blocked'").hasMessageContaining("'Parked'")
                .hasMessageContaining("item FT-2 initialState").hasMessageContaining("item FT-2 transitions[0].to")
                .hasMessageContaining("item FT-3 transitions[0].to")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("FT-1"));
    }

    @Test
    @DisplayName("the same unmapped states are accepted by a reader that ignores them")
    void unmappedIgnoredByTheLenientReader() throws IOException {
        String ft2 = """
                {"id": "FT-2", "type": "Bug", "created": "2024-01-02T10:00:00Z", "initialState": "Triage",
                 "transitions": []}
                """;
        History h = HistoryReader.ignoringUnmappedStates()
                .read(new ByteArrayInputStream(doc(WORKFLOW, FT1, ft2).getBytes(StandardCharsets.UTF_8)));
        assertThat(h.ignoreUnmappedStates()).isTrue();
        assertThat(h.items()).hasSize(2);
    }

    @Test
    @DisplayName("an unparsable instant is rejected naming the item and field")
    void unparsableInstant() {
        rejecting(doc(WORKFLOW, FT1.replace("2024-01-05T16:30:00Z", "yesterday")))
                .hasMessageContaining("item FT-1").hasMessageContaining("transitions[1].at")
                .hasMessageContaining("'yesterday'");
        rejecting(doc(WORKFLOW, FT1.replace("2024-01-02T10:00:00Z", "2024-13-02T10:00:00Z")))
                .hasMessageContaining("item FT-1").hasMessageContaining("created")
                .hasMessageContaining("'2024-13-02T10:00:00Z'");
    }

    @Test
    @DisplayName("an impossible date (February 30th) is rejected, not rolled over")
    void impossibleDate() {
        rejecting(doc(WORKFLOW, FT1.replace("2024-01-03T09:00:00Z", "2024-02-30T09:00:00Z")))
                .hasMessageContaining("item FT-1").hasMessageContaining("transitions[0].at");
    }

    @Test
    @DisplayName("a transition before created is rejected naming the item and the transition")
    void transitionBeforeCreated() {
        rejecting(doc(WORKFLOW, FT1.replace("2024-01-03T09:00:00Z", "2024-01-01T09:00:00Z")))
                .hasMessageContaining("item FT-1").hasMessageContaining("transitions[0].at")
                .hasMessageContaining("before created");
    }

    @Test
    @DisplayName("a transition before created in an unsorted list is named by its index in the input")
    void transitionBeforeCreatedUnsorted() {
        // input order: [Done at 01-05, In Progress at 01-01 (before created 01-02)] → the bad one is transitions[1]
        String unsorted = """
                {"id": "FT-1", "type": "Story", "created": "2024-01-02T10:00:00Z", "initialState": "To Do",
                 "transitions": [
                   {"at": "2024-01-05T16:30:00Z", "from": "In Progress", "to": "Done"},
                   {"at": "2024-01-01T09:00:00Z", "from": "To Do", "to": "In Progress"}]}
                """;
        rejecting(doc(WORKFLOW, unsorted)).hasMessageContaining("item FT-1")
                .hasMessageContaining("transitions[1].at").hasMessageNotContaining("transitions[0]");
    }

    @Test
    @DisplayName("a duplicate item id is rejected naming the id")
    void duplicateId() {
        rejecting(doc(WORKFLOW, FT1, FT1)).hasMessageContaining("item FT-1").hasMessageContaining("duplicate item id");
    }

    @Test
    @DisplayName("missing fields are rejected naming the item and each missing field")
    void missingFields() {
        rejecting(doc(WORKFLOW, FT1.replace("\"created\": \"2024-01-02T10:00:00Z\", ", "")))
                .hasMessageContaining("item FT-1: created: missing");
        rejecting(doc(WORKFLOW, FT1.replace("\"type\": \"Story\", ", "").replace("\"initialState\": \"To Do\",", "")))
                .hasMessageContaining("item FT-1: type: missing").hasMessageContaining("item FT-1: initialState: missing");
        rejecting(doc(WORKFLOW, FT1.replace("\"id\": \"FT-1\", ", ""))).hasMessageContaining("items[0]: id: missing");
        rejecting(doc(WORKFLOW, FT1.replace(", \"to\": \"Done\"", "")))
                .hasMessageContaining("item FT-1: transitions[1].to: missing");
        rejecting(doc(WORKFLOW, FT1.replace("\"at\": \"2024-01-03T09:00:00Z\", ", "")))
                .hasMessageContaining("item FT-1: transitions[0].at: missing");
        rejecting(doc(WORKFLOW.replaceAll(",\\s*\"category\": \"waiting\"", ""), FT1))
                .hasMessageContaining("workflow[2] (Review).category: missing");
        rejecting(doc("", FT1)).hasMessageContaining("workflow: missing");
    }

    @Test
    @DisplayName("a wrong format, an unknown time zone and an unknown commitment stage are rejected naming the field")
    void documentFields() {
        rejecting(doc(WORKFLOW, FT1).replace("flowtrack-history/1", "flowtrack-history/2"))
                .hasMessageContaining("format");
        rejecting(doc(WORKFLOW, FT1).replace("\"UTC\"", "\"Mars/Olympus\"")).hasMessageContaining("timeZone")
                .hasMessageContaining("Mars/Olympus");
        rejecting(doc(WORKFLOW, FT1).replace("\"commitmentStage\": \"In Progress\"", "\"commitmentStage\": \"Doing\""))
                .hasMessageContaining("commitmentStage").hasMessageContaining("'Doing'");
    }

    @Test
    @DisplayName("every problem of a document is listed, not only the first")
    void everyProblemListed() {
        String bad2 = """
                {"id": "FT-2", "type": "Story", "created": "soon", "initialState": "To Do", "transitions": []}
                """;
        String bad3 = """
                {"id": "FT-3", "created": "2024-01-02T10:00:00Z", "initialState": "To Do", "transitions": []}
                """;
        assertThatThrownBy(() -> read(doc(WORKFLOW, FT1, bad2, bad3))).isInstanceOf(InvalidHistoryException.class)
                .satisfies(e -> assertThat(((InvalidHistoryException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("item FT-2").contains("created"))
                        .anySatisfy(p -> assertThat(p).contains("item FT-3").contains("type: missing")));
    }
}
