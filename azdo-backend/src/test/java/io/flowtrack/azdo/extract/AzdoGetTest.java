package io.flowtrack.azdo.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.flowtrack.azdo.fake.FakeTime;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one GET every client of the package makes (AzdoClient, DirectoryClient, IdentityClient): a body that stalls
 * half way is cut off at the request timeout, for the directory and identity calls too — they used to wait only for
 * the headers (HttpRequest.timeout) and then for ever for the rest.
 */
class AzdoGetTest {
    private static final String VALUE = "{\"count\":1,\"value\":[{\"id\":\"p-1\",\"name\":\"Fabrikam\"}]}";
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fabrikam/", exchange -> {
            asked.incrementAndGet();
            byte[] body = VALUE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            boolean stall = exchange.getRequestURI().getPath().endsWith("/projects");
            out.write(body, 0, stall ? 10 : body.length);
            out.flush();
            if (stall) {
                try {
                    release.await(30, TimeUnit.SECONDS); // headers and ten bytes, then nothing
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI organization() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fabrikam");
    }

    private RetryPolicy oneAttempt() {
        RetryPolicy.Settings d = RetryPolicy.Settings.defaults();
        return new FakeTime().policy(new RetryPolicy.Settings(1, 1, d.baseDelay(), d.maxDelay(), d.maxWait(),
                d.lowRemainingFraction(), d.slowDown()), 0.0);
    }

    @Test
    void aDirectoryCallWhoseBodyStallsEndsAtTheRequestTimeout() {
        DirectoryClient client = new DirectoryClient(organization(), AzdoCredentials.pat("pat"), oneAttempt(),
                AzdoClient.defaultHttpClient(), Duration.ofMillis(800));
        long started = System.nanoTime();
        assertThatThrownBy(client::projects).isInstanceOf(AzdoException.class);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("cut off near the 800 ms timeout, not after the server's 30 s").isLessThan(10_000);
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void aWholeAnswerIsReadAsItsValueArray() throws Exception {
        AzdoGet get = new AzdoGet(AzdoCredentials.pat("pat"), oneAttempt(), AzdoClient.defaultHttpClient(),
                Duration.ofSeconds(5));
        var values = get.values("teams", organization().resolve("/fabrikam/_apis/projects/p/teams"));
        assertThat(values).hasSize(1);
        assertThat(values.get(0).path("name").asText()).isEqualTo("Fabrikam");
        assertThat(AzdoGet.encode("Team A+B/C")).isEqualTo("Team%20A%2BB%2FC");
        assertThat(asked.get()).isEqualTo(1);
    }
}
