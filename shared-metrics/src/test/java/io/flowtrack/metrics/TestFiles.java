package io.flowtrack.metrics;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the spec's example history: the shared spec beside the checkout, else the repo's copy. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path exampleHistory() {
        String specDir = System.getProperty("flowtrack.spec.dir");
        if (specDir != null) {
            Path shared = Path.of(specDir, "example-history.json");
            if (Files.isRegularFile(shared)) {
                return shared;
            }
        }
        Path copy = Path.of("..", "examples", "example-history.json");
        if (Files.isRegularFile(copy)) {
            return copy;
        }
        return Path.of("examples", "example-history.json");
    }

    /** The repository's own copy, which the README's command uses. */
    public static Path repositoryExample() {
        Path copy = Path.of("..", "examples", "example-history.json");
        return Files.isRegularFile(copy) ? copy : Path.of("examples", "example-history.json");
    }
}
