package io.flowtrack.azdo;

import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar azdo-backend.jar [--demo] [--config FILE]}: starts the service. Refuses to start,
 * with every problem named on standard error and exit code 2, when the configuration is missing or weak.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean demo = false;
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: azdo-backend [--demo] [--config FILE]  (settings: docs/azdo-api.md)");
                    return;
                }
                default -> fail("unknown option '" + args[i] + "'; usage: azdo-backend [--demo] [--config FILE]");
            }
        }
        BackendConfig config;
        try {
            config = ConfigLoader.load(System.getenv(), configFile, demo);
        } catch (ConfigLoader.InvalidConfigException e) {
            fail(e.getMessage());
            return;
        }
        Backend backend = Backend.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "flowtrack-shutdown"));
        System.out.println("FlowTrack backend listening on http://" + config.bindHost() + ":" + backend.port()
                + (demo ? "  (DEMO MODE: generated data, local sign-in at POST /demo/sign-in)" : ""));
        new CountDownLatch(1).await();
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
