package io.flowtrack.azdo.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image the build wrote (target/flowtrack-azdo-backend-image.tar, Docker's archive format): its
 * configuration, its layers, and — no container runtime exists here — its exact entrypoint run from the extracted
 * layers (the image's own jlink'd Java and its own libraries) against an embedded database, answering /health,
 * /ready and /metrics on the management port.
 */
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path work;
    private static JsonNode config;
    private static List<String> layers;
    /** Every path in the image (without a leading slash) and its mode. */
    private static final Map<String, Integer> MODES = new LinkedHashMap<>();
    private static final Map<String, Integer> OWNERS = new HashMap<>();
    private static Path root;

    @BeforeAll
    static void extract() throws IOException {
        Path tar = Path.of(System.getProperty("flowtrack.image.tar", "target/flowtrack-azdo-backend-image.tar"));
        assertThat(tar).as("the image tarball the build writes").exists();
        Path archive = work.resolve("archive");
        untar(Files.newInputStream(tar), archive, false);
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
        layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(l.asText()));
        root = work.resolve("rootfs");
        for (String layer : layers) { // in order: a later layer's file replaces an earlier one's
            untar(new GZIPInputStream(Files.newInputStream(archive.resolve(layer))), root, true);
        }
    }

    private static void untar(InputStream in, Path into, boolean record) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                Path target = into.resolve(name).normalize();
                assertThat(target.startsWith(into)).as("no entry escapes the root: " + e.getName()).isTrue();
                assertThat(e.isSymbolicLink() || e.isLink()).as("no links in the image: " + name).isFalse();
                if (record) {
                    MODES.put(name, e.getMode() & 07777);
                    OWNERS.put(name, (int) e.getLongUserId());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                if (record) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(e.getMode())));
                }
            }
        }
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }

    @Test
    void theConfigurationRunsAsANonRootUserWithTheServicesPortsAndNoSecrets() {
        JsonNode c = config.get("config");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(c.get("User").asText()).isEqualTo("10001:10001");
        List<String> entrypoint = new ArrayList<>();
        c.get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).startsWith("/opt/java/bin/java").contains("-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp",
                "@/app/jib-classpath-file").endsWith("io.flowtrack.azdo.Main");
        assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(c.get("ExposedPorts").has("9090/tcp")).isTrue();
        assertThat(c.get("Volumes").has("/tmp")).as("the one writable place is a volume").isTrue();
        assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).contains("FlowTrack");
        assertThat(c.get("Labels").get("io.flowtrack.liveness").asText()).endsWith(":9090/health");
        assertThat(c.get("Labels").get("io.flowtrack.readiness").asText()).endsWith(":9090/ready");
        List<String> env = new ArrayList<>();
        c.get("Env").forEach(v -> env.add(v.asText()));
        assertThat(env).contains("FLOWTRACK_PORT=8080", "FLOWTRACK_MANAGEMENT_PORT=9090", "FLOWTRACK_BIND_HOST=0.0.0.0");
        assertThat(env).noneMatch(v -> v.matches("(?i).*(SECRET|KEY|PASSWORD|TOKEN).*"));
        assertThat(config.get("rootfs").get("diff_ids")).hasSize(layers.size());
    }

    @Test
    void theLayersHoldTheRuntimeTheLibrariesAndTheApplicationOwnedByRootAndNotWritable() {
        assertThat(layers).hasSizeGreaterThanOrEqualTo(5); // runtime, dependencies, project dependencies, resources, classes
        assertThat(MODES).containsKeys("opt/java/bin/java", "opt/java/lib/server/libjvm.so",
                "opt/java/lib/security/cacerts", "lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6",
                "app/jib-classpath-file", "app/classes/io/flowtrack/azdo/Main.class",
                "app/resources/db/migration/V1__schema.sql", "etc/passwd", "tmp");
        assertThat(MODES.keySet()).anyMatch(p -> p.matches("app/libs/javalin-.*\\.jar"))
                .anyMatch(p -> p.matches("app/libs/shared-metrics-.*\\.jar"));
        assertThat(MODES.get("opt/java/bin/java") & 0111).as("java is executable").isNotZero();
        assertThat(MODES.get("lib64/ld-linux-x86-64.so.2") & 0111).isNotZero();
        MODES.forEach((path, mode) -> {
            assertThat(OWNERS.get(path)).as("owned by root: " + path).isZero();
            assertThat(mode & 06000).as("no setuid/setgid: " + path).isZero();
            if (!path.equals("tmp")) {
                assertThat(mode & 0022).as("not writable by the service's user: " + path).isZero();
            }
        });
        assertThat(MODES.keySet()).noneMatch(p -> p.startsWith("opt/java/jmods") || p.startsWith("opt/java/include"));
        assertThat(MODES.keySet()).as("a headless server: no X11, sound or font libraries")
                .noneMatch(p -> p.matches("lib/.*/lib(X11|xcb|asound|freetype|harfbuzz|glib)[^/]*"));
    }

    @Test
    void theImagesOwnJavaRunsTheExactEntrypointAndAnswersHealthReadinessAndMetrics() throws Exception {
        JsonNode c = config.get("config");
        int apiPort = freePort();
        int managementPort = freePort();
        // The entrypoint, each absolute path moved under the extracted root; the classpath file likewise.
        Path classpathFile = work.resolve("jib-classpath-file");
        Files.writeString(classpathFile, Files.readString(root.resolve("app/jib-classpath-file"))
                .replace("/app/", root.resolve("app") + "/"));
        List<String> command = new ArrayList<>();
        c.get("Entrypoint").forEach(a -> {
            String arg = a.asText();
            if (arg.equals("@/app/jib-classpath-file")) {
                command.add("@" + classpathFile);
            } else if (arg.startsWith("/")) {
                command.add(root + arg);
            } else if (arg.startsWith("-Djava.io.tmpdir=")) {
                command.add("-Djava.io.tmpdir=" + work.resolve("tmp-volume"));
            } else {
                command.add(arg);
            }
        });
        Files.createDirectories(work.resolve("tmp-volume"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.resolve("tmp").toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("container.log").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        c.get("Env").forEach(v -> {
            String[] kv = v.asText().split("=", 2);
            env.put(kv[0], kv[1].startsWith("/") ? root + kv[1] : kv[1]); // LD_LIBRARY_PATH: the image's libraries
        });
        env.put("FLOWTRACK_BIND_HOST", "127.0.0.1");
        env.put("FLOWTRACK_PORT", Integer.toString(apiPort));
        env.put("FLOWTRACK_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("FLOWTRACK_DATABASE_URL", "jdbc:h2:mem:image;DB_CLOSE_DELAY=-1");
        env.put("FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                "0123456789abcdef0123456789ABCDEF".getBytes()));
        env.put("FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001");
        env.put("FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io");
        Instant before = Instant.now().minusSeconds(1);
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> health = await(http, managementPort, "/health", process);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("up");
            HttpResponse<String> ready = get(http, managementPort, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"ready\"", "current (version ");
            HttpResponse<String> metrics = get(http, managementPort, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("flowtrack_sync_runs_total", "flowtrack_revisions_stored 0.0",
                    "jvm_memory_used_bytes");
            assertThat(get(http, apiPort, "/api/v1/health").statusCode()).isEqualTo(200);
            assertThat(get(http, apiPort, "/metrics").statusCode()).as("metrics only on the management port")
                    .isEqualTo(404);
        } finally {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String log = Files.readString(work.resolve("container.log"));
        assertThat(log).contains("FlowTrack backend listening").doesNotContain("s3cret-from-the-marketplace");
        // Read-only root file system: the service wrote nothing into the image's files, only into the tmp volume.
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(p -> modifiedAfter(p, before)).toList();
            assertThat(written).as("files the running service wrote inside the image").isEmpty();
        }
    }

    private static boolean modifiedAfter(Path p, Instant t) {
        try {
            FileTime m = Files.getLastModifiedTime(p);
            return m.toInstant().isAfter(t) && !MODES.containsKey(root.relativize(p).toString());
        } catch (IOException e) {
            return true;
        }
    }

    private static HttpResponse<String> await(HttpClient http, int port, String path, Process process)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the container's process exited (" + process.exitValue() + "):\n"
                        + Files.readString(work.resolve("container.log")));
            }
            try {
                return get(http, port, path);
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no answer on " + path + " within 120 s:\n"
                            + Files.readString(work.resolve("container.log")));
                }
                Thread.sleep(250);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
