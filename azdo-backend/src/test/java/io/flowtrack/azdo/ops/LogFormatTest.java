package io.flowtrack.azdo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The production log format (src/main/resources/logback.xml): one JSON object per line, with the request id. */
class LogFormatTest {
    @Test
    void aLineIsJsonWithTheRequestIdAndAShortenedStackTraceAndNoSecret() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the service's context gets it from SLF4J; a new one must be told
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            Logger log = context.getLogger("io.flowtrack.azdo.App");
            MDC.put("requestId", "req-123");
            try {
                log.error("request {} failed with {}", "req-123", new Secret("pat-must-not-appear"),
                        deep(60));
            } finally {
                MDC.remove("requestId");
            }
            context.getLogger("org.eclipse.jetty.server.Server").info("jetty chatter");
        } finally {
            System.setOut(original);
            context.stop();
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1); // Jetty's INFO is not logged
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.has("message")).as(lines[0]).isTrue();
        assertThat(line.get("message").asText()).isEqualTo("request req-123 failed with [redacted]");
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("requestId").asText()).isEqualTo("req-123");
        assertThat(line.get("logger_name").asText()).isEqualTo("io.flowtrack.azdo.App");
        assertThat(line.has("@timestamp")).isTrue();
        assertThat(lines[0]).doesNotContain("pat-must-not-appear");
        assertThat(line.get("stack_trace").asText().split("\n").length).as("stack trace shortened").isLessThan(30);
    }

    private static RuntimeException deep(int depth) {
        return depth == 0 ? new IllegalStateException("deep failure") : deep(depth - 1);
    }
}
