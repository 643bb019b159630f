package io.flowtrack.azdo;

import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.ops.KeyRotation;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar azdo-backend.jar [--demo] [--config FILE]}: starts the service.
 * {@code java -jar azdo-backend.jar rotate-keys [--config FILE]}: re-encrypts every stored credential under the
 * newest data key, then exits (0 when all are under it, 1 when some could not be decrypted). Refuses to start,
 * with every problem named on standard error and exit code 2, when the configuration is missing or weak.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean demo = false;
        boolean rotateKeys = args.length > 0 && args[0].equals("rotate-keys");
        Path configFile = null;
        for (int i = rotateKeys ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: azdo-backend [--demo] [--config FILE] | rotate-keys [--config FILE]  (docs/operations.md)");
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
        if (rotateKeys) {
            if (demo) {
                fail("rotate-keys works on a configured database, not in demo mode");
            }
            System.exit(KeyRotation.run(config, System.out));
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
