package io.flowtrack.azdo;

import io.flowtrack.azdo.api.Access;
import io.flowtrack.azdo.api.AccessGate;
import io.flowtrack.azdo.api.AdminRoutes;
import io.flowtrack.azdo.api.ApiJson;
import io.flowtrack.azdo.api.ApiException;
import io.flowtrack.azdo.api.ErrorBody;
import io.flowtrack.azdo.api.OverloadedException;
import io.flowtrack.azdo.api.ProjectRoutes;
import io.flowtrack.azdo.auth.AllowedOrigins;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.demo.DemoMode;
import io.flowtrack.azdo.ops.Metrics;
import io.flowtrack.azdo.store.OrganizationGoneException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The one place the service is assembled: JSON, CORS, security headers, error handling and routes.
 * Everything the routes need is passed in; nothing here reads the environment.
 */
public final class App {
    static final String REQUEST_ID = "flowtrack.requestId";
    private static final String ERROR_WRITTEN = "flowtrack.errorWritten";
    /** The largest request body any route reads (Javalin's limit too); a longer one is refused before routing. */
    static final long MAX_BODY_BYTES = 1_000_000;
    private static final String STARTED = "flowtrack.started";

    private App() {
    }

    /** Builds the service without data routes (health, errors, CORS only). */
    public static Javalin create(BackendConfig config) {
        return create(config, null, null, null, null, new AccessGate(null, null));
    }

    /**
     * Builds the service (not started). Every route declares its {@link Access} where it is registered here; the
     * gate, Javalin's {@code beforeMatched} handler, checks it before the route's handler runs.
     *
     * @param projects the project routes, or null for a service that only answers health
     * @param admin    the organization administrators' routes, or null
     * @param demo     demo mode's sign-in and stand-in organization API, or null (always null unless --demo)
     * @param metrics  where request outcomes are counted (report latency and cache, rejected tokens, shed
     *                 requests), or null
     * @param gate     checks each matched route's access
     */
    public static Javalin create(BackendConfig config, ProjectRoutes projects, AdminRoutes admin, DemoMode demo,
                                 Metrics metrics, AccessGate gate) {
        return create(config, projects, admin, demo, metrics, gate, List.of());
    }

    /**
     * Builds the service (not started).
     *
     * @param more further routes registered next to the admin routes (the directory's projects and teams)
     */
    public static Javalin create(BackendConfig config, ProjectRoutes projects, AdminRoutes admin, DemoMode demo,
                                 Metrics metrics, AccessGate gate, List<AdminRoutes.Route> more) {
        ErrorLog errors = new ErrorLog(Clock.systemUTC(), Duration.ofMinutes(1));
        return Javalin.create(javalin -> {
            javalin.http.maxRequestSize = MAX_BODY_BYTES;
            // What Jetty answers by itself (431, 414, unparsable URIs) is the API's JSON error too, never its HTML.
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(errors)));
            javalin.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
            javalin.jetty.host = config.bindHost();
            javalin.jetty.port = config.port();
            javalin.http.defaultContentType = "application/json";
            javalin.startup.showJavalinBanner = false;
            AllowedOrigins origins = AllowedOrigins.of(config.allowedOrigins());
            javalin.routes.before(ctx -> {
                String requestId = UUID.randomUUID().toString();
                ctx.attribute(REQUEST_ID, requestId);
                ctx.attribute(STARTED, System.nanoTime());
                MDC.put("requestId", requestId); // every log line of this request carries it (docs/operations.md)
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
                ctx.header("Referrer-Policy", "no-referrer");
                if (ctx.contentLength() > MAX_BODY_BYTES) { // refused before authentication reads anything
                    throw new ApiException(413, "payload_too_large", "the request body is larger than "
                            + MAX_BODY_BYTES + " bytes");
                }
                // CORS: exactly the configured origins, exactly the headers the extension sends. Another origin
                // gets no CORS header and is not refused here: a same-origin page (the demo) sends Origin too,
                // and the app token, not CORS, is the gate.
                boolean preflight = ctx.method() == HandlerType.OPTIONS
                        && ctx.header("Access-Control-Request-Method") != null;
                origins.corsHeaders(ctx.header("Origin"), preflight).ifPresent(headers -> headers.forEach(ctx::header));
            });
            javalin.routes.after(ctx -> {
                MDC.remove("requestId");
                if (metrics != null) {
                    record(metrics, ctx);
                }
            });
            javalin.routes.beforeMatched(gate); // after the before handler above: oversized bodies never reach it
            javalin.routes.options("/api/v1/*", ctx -> ctx.status(204), Access.PUBLIC);
            javalin.routes.get("/api/v1/health", ctx -> ctx.json(Map.of("status", "up")), Access.PUBLIC);
            if (projects != null) {
                javalin.routes.get("/api/v1/orgs/{org}/projects/{project}/report", projects::report, Access.MEMBER);
                javalin.routes.get("/api/v1/orgs/{org}/projects/{project}/config", projects::config, Access.MEMBER);
                javalin.routes.get("/api/v1/orgs/{org}/projects/{project}/status", projects::status, Access.MEMBER);
            }
            if (admin != null) {
                for (AdminRoutes.Route route : concat(admin.routes(), more)) {
                    javalin.routes.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
                }
            }
            if (demo != null && config.demo()) { // the demo's stand-in API checks its own access token
                javalin.routes.post("/demo/sign-in", demo::signIn, Access.PUBLIC);
                javalin.routes.get("/demo/", demo::page, Access.PUBLIC);
                javalin.routes.get("/demo/{asset}", demo::page, Access.PUBLIC);
                javalin.routes.get("/demo-azdo/_apis/connectionData", demo::connectionData, Access.PUBLIC);
                javalin.routes.get("/demo-azdo/_apis/projects/{id}", demo::project, Access.PUBLIC);
            }
            javalin.routes.exception(ApiException.class, (e, ctx) -> {
                if (e instanceof OverloadedException overloaded) {
                    ctx.header("Retry-After", Integer.toString(overloaded.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.code(), e.getMessage());
            });
            javalin.routes.exception(OrganizationGoneException.class, (e, ctx) -> error(ctx, 404,
                    "organization_not_connected", "this organization was disconnected from FlowTrack"));
            javalin.routes.exception(HttpResponseException.class, (e, ctx) -> {
                int status = e.getStatus(); // Javalin's own (no such route, body too large): our body, not its
                error(ctx, status, JsonErrorHandler.code(status), status == 404
                        ? "no such endpoint: " + ctx.method() + " " + ctx.path() : JsonErrorHandler.message(status));
            });
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                errors.failed(requestId(ctx), e); // one line, rate-limited: never a stack trace per request
                error(ctx, 500, "internal_error", "something went wrong on our side; quote request "
                        + requestId(ctx) + " to support");
            });
            javalin.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                    error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    private static List<AdminRoutes.Route> concat(List<AdminRoutes.Route> first, List<AdminRoutes.Route> second) {
        List<AdminRoutes.Route> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void record(Metrics metrics, Context ctx) {
        int status = ctx.statusCode();
        if (status == 401) {
            metrics.tokenRejected();
        }
        if (status == 503 && ctx.res().getHeader("Retry-After") != null) {
            metrics.requestShed();
        }
        Long started = ctx.attribute(STARTED);
        String path = ctx.path();
        if (started != null && ctx.method() == HandlerType.GET && path.startsWith("/api/v1/orgs/")
                && path.endsWith("/report")) {
            metrics.reportServed(status, ctx.res().getHeader(ProjectRoutes.CACHE_HEADER),
                    java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    static void error(Context ctx, int status, String code, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(new ErrorBody(code, message, requestId(ctx)));
    }
}
