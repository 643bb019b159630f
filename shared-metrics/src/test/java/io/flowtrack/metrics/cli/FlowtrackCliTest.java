package io.flowtrack.metrics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.metrics.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flowtrack command line end to end, in process: exit codes, stdout and stderr. */
class FlowtrackCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, String stdout, String stderr) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = FlowtrackCli.run(args, out, new PrintWriter(err, true));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    @DisplayName("report on the spec's example history: exit 0, a flowtrack-report/1 on stdout, nothing on stderr")
    void reportOnExample() throws IOException {
        Result r = run("report", "--input", TestFiles.exampleHistory().toString(), "--as-of", "2024-03-31");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.code()).isZero();
        JsonNode report = JSON.readTree(r.stdout());
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("asOf").asText()).isEqualTo("2024-03-31T23:59:59.999999999Z");
        // from defaults to the creation day of the earliest reported item: FT-2, 2024-01-02.
        assertThat(report.get("from").asText()).isEqualTo("2024-01-02");
        assertThat(report.get("to").asText()).isEqualTo("2024-03-31");
        assertThat(report.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(report.get("stages")).extracting(JsonNode::asText).containsExactly(
                "Backlog", "Selected", "In Progress", "Review", "Testing", "Done", "Removed");
        // 2024-01-02 .. 2024-03-31 is 90 days, one row each.
        assertThat(report.get("daily")).hasSize(90);
        assertThat(report.get("daily").get(0).get("cfd")).hasSize(7);
        assertThat(report.has("forecast")).as("forecast only when asked for").isFalse();
        // FT-5: In Progress 01-08, Resolved 01-12 → 12 − 8 + 1 = 5 days.
        JsonNode ft5 = item(report, "FT-5");
        assertThat(ft5.get("started").asText()).isEqualTo("2024-01-08");
        assertThat(ft5.get("finished").asText()).isEqualTo("2024-01-12");
        assertThat(ft5.get("cycleTimeDays").asInt()).isEqualTo(5);
        assertThat(ft5.get("ageDays").isNull()).isTrue();
        // Removed items are not listed.
        List<String> ids = new ArrayList<>();
        report.get("items").forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).doesNotContain("FT-7", "FT-17", "FT-37");
        assertThat(report.get("excluded").get("removed").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("forecast flags add a seeded, repeatable forecast section")
    void forecastIsRepeatable() throws IOException {
        String[] args = {"report", "--input", TestFiles.exampleHistory().toString(), "--as-of", "2024-03-31",
                "--forecast-days", "14", "--forecast-items", "5", "--seed", "11", "--compact"};
        Result first = run(args);
        Result second = run(args);
        assertThat(first.code()).isZero();
        assertThat(first.stdout()).isEqualTo(second.stdout());
        JsonNode forecast = JSON.readTree(first.stdout()).get("forecast");
        assertThat(forecast.get("howMany").get("days").asInt()).isEqualTo(14);
        assertThat(forecast.get("howMany").get("trials").asInt()).isEqualTo(10_000);
        assertThat(forecast.get("when").get("items").asInt()).isEqualTo(5);
        JsonNode when = forecast.get("when").get("percentiles");
        assertThat(when.get("50").asInt()).isLessThanOrEqualTo(when.get("95").asInt());
        JsonNode howMany = forecast.get("howMany").get("percentiles");
        assertThat(howMany.get("50").asInt()).isGreaterThanOrEqualTo(howMany.get("95").asInt());
        assertThat(first.stdout().trim()).doesNotContain("\n");
    }

    @Test
    @DisplayName("the repository's example is the spec's example, so the README command reports on the contract's file")
    void repositoryCopyMatchesSpec() throws IOException {
        Path spec = TestFiles.exampleHistory();
        Path copy = TestFiles.repositoryExample();
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(spec));
    }

    static List<Arguments> badInputs() {
        return List.of(
                Arguments.of("malformed JSON", "{\"format\": \"flowtrack-history/1\", \"workflow\": [",
                        List.of("malformed JSON")),
                Arguments.of("unknown category", history(
                        "{\"stage\":\"Doing\",\"category\":\"busy\",\"states\":[\"Doing\"]}", item("A-1", "Doing", "")),
                        List.of("workflow[1] (Doing).category: unknown category 'busy'")),
                Arguments.of("unmapped states", history(STAGES, item("A-1", "Limbo", "")
                                + "," + item("A-2", "To Do", transition("2024-01-03T00:00:00Z", "To Do", "Parked"))),
                        List.of("'Limbo' (item A-1 initialState)", "'Parked' (item A-2 transitions[0].to)")),
                Arguments.of("unparsable instant", history(STAGES,
                                item("A-1", "To Do", transition("yesterday", "To Do", "Doing"))),
                        List.of("item A-1: transitions[0].at: 'yesterday' is not an ISO-8601 instant")),
                Arguments.of("transition before created", history(STAGES,
                                item("A-1", "To Do", transition("2023-12-31T00:00:00Z", "To Do", "Doing"))),
                        List.of("item A-1: transitions[0].at 2023-12-31T00:00:00Z is before created 2024-01-02T00:00:00Z")),
                Arguments.of("duplicate item id", history(STAGES, item("A-1", "To Do", "") + "," + item("A-1", "Doing", "")),
                        List.of("item A-1: duplicate item id (items[0] and items[1])")),
                Arguments.of("missing created", history(STAGES,
                                "{\"id\":\"A-9\",\"type\":\"Story\",\"initialState\":\"To Do\",\"transitions\":[]}"),
                        List.of("item A-9: created: missing")),
                Arguments.of("blocked period ending before it begins", history(STAGES,
                                "{\"id\":\"A-3\",\"type\":\"Story\",\"created\":\"2024-01-02T00:00:00Z\","
                                + "\"initialState\":\"To Do\",\"transitions\":[],\"blocked\":[{\"from\":"
                                + "\"2024-01-05T00:00:00Z\",\"to\":\"2024-01-04T00:00:00Z\"}]}"),
                        List.of("item A-3: blocked[0].to 2024-01-04T00:00:00Z is before its from 2024-01-05T00:00:00Z")),
                Arguments.of("blocked period without an instant", history(STAGES,
                                "{\"id\":\"A-4\",\"type\":\"Story\",\"created\":\"2024-01-02T00:00:00Z\","
                                + "\"initialState\":\"To Do\",\"transitions\":[],\"blocked\":[{\"from\":\"soon\"}]}"),
                        List.of("item A-4: blocked[0].from: 'soon' is not an ISO-8601 instant")),
                Arguments.of("wrong format", "{\"format\":\"flowtrack-history/9\",\"workflow\":[],\"items\":[]}",
                        List.of("format: 'flowtrack-history/9' is not supported")));
    }

    private static final String STAGES = "{\"stage\":\"Doing\",\"category\":\"active\",\"states\":[\"Doing\"]}";

    private static String history(String secondStage, String items) {
        return "{\"format\":\"flowtrack-history/1\",\"workflow\":["
                + "{\"stage\":\"Backlog\",\"category\":\"proposed\",\"states\":[\"To Do\"]}," + secondStage + ","
                + "{\"stage\":\"Done\",\"category\":\"done\",\"states\":[\"Done\"]}],\"items\":[" + items + "]}";
    }

    private static String item(String id, String initial, String transitions) {
        return "{\"id\":\"" + id + "\",\"type\":\"Story\",\"created\":\"2024-01-02T00:00:00Z\",\"initialState\":\""
                + initial + "\",\"transitions\":[" + transitions + "]}";
    }

    private static String transition(String at, String from, String to) {
        return "{\"at\":\"" + at + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    @DisplayName("bad input: exit 2, the reason naming item and field on stderr, nothing on stdout")
    void badInput(String name, String document, List<String> expectedInMessage) throws IOException {
        Path file = tmp.resolve(name.replace(' ', '-') + ".json");
        Files.writeString(file, document);
        Result r = run("report", "--input", file.toString(), "--as-of", "2024-03-31");
        assertThat(r.code()).isEqualTo(FlowtrackCli.BAD_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("flowtrack: ").contains(expectedInMessage.toArray(String[]::new));
        assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
    }

    @TempDir
    Path tmp;

    static List<Arguments> badOptions() {
        return List.of(
                Arguments.of(new String[] {"--as-of", "soon"}, "--as-of: 'soon' is neither"),
                Arguments.of(new String[] {"--from", "2024-13-01"}, "--from: '2024-13-01' is not a date"),
                Arguments.of(new String[] {"--from", "2024-03-01", "--to", "2024-02-01"}, "after it ends"),
                Arguments.of(new String[] {"--start-policy", "middle"}, "--start-policy: 'middle' is not first or last"),
                Arguments.of(new String[] {"--forecast-days", "0"}, "forecast days must be at least 1"),
                Arguments.of(new String[] {"--trials", "10"}, "--trials needs --forecast-days or --forecast-items"),
                Arguments.of(new String[] {"--percentiles", "50,101"}, "101 is not a percentile"),
                Arguments.of(new String[] {"--sle-days", "x"}, "--sle-days"),
                Arguments.of(new String[] {"--working-days", "MON-XYZ"}, "--working-days: 'XYZ' is not a weekday"),
                Arguments.of(new String[] {"--working-days", "FRI-MON"}, "--working-days: the range 'FRI-MON' ends before"),
                Arguments.of(new String[] {"--working-days", "MON,MON"}, "--working-days: MONDAY is listed twice"),
                Arguments.of(new String[] {"--working-days", "MON-FRI", "--holidays", "2024-13-01"},
                        "--holidays: '2024-13-01' is not a date"),
                Arguments.of(new String[] {"--holidays", "2024-12-25"}, "--holidays needs --working-days"),
                Arguments.of(new String[] {"--no-such-option"}, "Unknown option"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOptions")
    @DisplayName("bad options: exit 2 with the reason, nothing on stdout")
    void badOptions(String[] options, String expected) {
        List<String> args = new ArrayList<>(List.of("report", "--input", TestFiles.exampleHistory().toString()));
        args.addAll(List.of(options));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(FlowtrackCli.BAD_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains(expected);
    }

    @Test
    @DisplayName("a missing input file is bad input, named")
    void missingFile() {
        Result r = run("report", "--input", tmp.resolve("nope.json").toString());
        assertThat(r.code()).isEqualTo(FlowtrackCli.BAD_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("no such file").contains("nope.json");
    }

    @Test
    @DisplayName("generate writes a valid, repeatable history that report accepts")
    void generateThenReport() throws IOException {
        Result a = run("generate", "--items", "300", "--seed", "5");
        Result b = run("generate", "--items", "300", "--seed", "5");
        Result c = run("generate", "--items", "300", "--seed", "6");
        assertThat(a.code()).isZero();
        assertThat(a.stdout()).isEqualTo(b.stdout()).isNotEqualTo(c.stdout());
        JsonNode history = JSON.readTree(a.stdout());
        assertThat(history.get("format").asText()).isEqualTo("flowtrack-history/1");
        assertThat(history.get("items")).hasSize(300);
        Path file = tmp.resolve("generated.json");
        Files.writeString(file, a.stdout());
        Result report = run("report", "--input", file.toString(), "--as-of", "2024-12-31", "--compact");
        assertThat(report.stderr()).isEmpty();
        assertThat(report.code()).isZero();
        JsonNode json = JSON.readTree(report.stdout());
        assertThat(json.get("cycleTime").get("count").asInt()).isPositive();
        assertThat(json.get("excluded").get("removed").asInt()).isPositive();
    }

    @Test
    @DisplayName("generate --output writes the file and nothing to stdout")
    void generateToFile() throws IOException {
        Path file = tmp.resolve("out.json");
        Result r = run("generate", "--items", "10", "--seed", "1", "--output", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(JSON.readTree(file.toFile()).get("items")).hasSize(10);
    }

    @Test
    @DisplayName("no command: usage error, exit 2")
    void noCommand() {
        Result r = run();
        assertThat(r.code()).isEqualTo(FlowtrackCli.BAD_INPUT);
        assertThat(r.stderr()).contains("report or generate");
    }

    private static JsonNode item(JsonNode report, String id) {
        for (JsonNode item : report.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id);
    }
}
