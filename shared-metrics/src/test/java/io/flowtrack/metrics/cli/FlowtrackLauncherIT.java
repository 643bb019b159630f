package io.flowtrack.metrics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.metrics.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line as a user runs it: the {@code flowtrack} launcher at the repository root,
 * which starts the executable jar in its own JVM. Runs after {@code package} (failsafe).
 */
class FlowtrackLauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String stdout, String stderr) {
    }

    static Run launch(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("flowtrack").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("flowtrack finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @TempDir
    Path tmp;

    @Test
    @DisplayName("./flowtrack report on the README's example prints a report and exits 0")
    void reportOnTheReadmeExample() throws Exception {
        Run run = launch(tmp, "report", "--input", "examples/example-history.json", "--as-of", "2024-03-31",
                "--forecast-items", "10", "--seed", "3");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.code()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("cycleTime").get("count").asInt()).isPositive();
        assertThat(report.get("forecast").get("when").get("available").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("./flowtrack report on bad input exits 2, reason on stderr, nothing on stdout")
    void badInputThroughTheLauncher() throws Exception {
        Path bad = tmp.resolve("bad.json");
        String example = Files.readString(TestFiles.exampleHistory());
        Files.writeString(bad, example.replace("\"category\": \"waiting\"", "\"category\": \"queued\""));
        Run run = launch(tmp, "report", "--input", bad.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("workflow[3] (Review).category: unknown category 'queued'");
    }

    @Test
    @DisplayName("./flowtrack generate | report: a generated history of 2,000 items reports cleanly")
    void generateThenReport() throws Exception {
        Path history = tmp.resolve("generated.json");
        Run generate = launch(tmp, "generate", "--items", "2000", "--seed", "9", "--output", history.toString());
        assertThat(generate.code()).isZero();
        Run report = launch(tmp, "report", "--input", history.toString(), "--as-of", "2025-01-01", "--compact");
        assertThat(report.stderr()).isEmpty();
        assertThat(report.code()).isZero();
        assertThat(JSON.readTree(report.stdout()).get("items").size()).isGreaterThan(1_500);
    }
}
