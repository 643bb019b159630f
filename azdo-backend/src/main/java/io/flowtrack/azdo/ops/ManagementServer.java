package io.flowtrack.azdo.ops;

import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The management server: its own port (never the API's), for the platform only — liveness at {@code /health},
 * readiness at {@code /ready}, Prometheus metrics at {@code /metrics}. Nothing here is reachable through the API's
 * port or carries tenant data, and no API route is reachable here. Deployments keep the port inside their network
 * (deploy/: Container Apps exposes only the API port through ingress).
 */
public final class ManagementServer implements AutoCloseable {
    private final Javalin server;

    private ManagementServer(Javalin server) {
        this.server = server;
    }

    /** Starts the management server on {@code host}:{@code port} (0: any free port). */
    public static ManagementServer start(String host, int port, Metrics metrics, Readiness readiness) {
        Javalin server = Javalin.create(config -> {
            config.jsonMapper(new io.javalin.json.JavalinJackson(new com.fasterxml.jackson.databind.ObjectMapper(), false));
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/ready", ctx -> {
                Readiness.Verdict verdict = readiness.check();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", verdict.ready() ? "ready" : "not_ready");
                body.put("checks", verdict.checks());
                ctx.status(verdict.ready() ? 200 : 503).json(body);
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.error(404, ctx -> ctx.json(Map.of("error", "not_found")));
        });
        server.start();
        return new ManagementServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
