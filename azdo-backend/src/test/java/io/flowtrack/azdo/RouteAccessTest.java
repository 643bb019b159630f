package io.flowtrack.azdo;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.api.Access;
import io.flowtrack.azdo.api.AccessGate;
import io.flowtrack.azdo.config.ConfigLoader;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Authorisation is declared with the routes: every route the service registers names exactly one {@link Access},
 * and the gate refuses a route that names none, so a route that forgets its check cannot serve anything.
 */
class RouteAccessTest {
    private static Set<RouteRole> roles(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        return roles == null ? Set.of() : roles.getRoles();
    }

    @Test
    void everyRouteTheServiceRegistersDeclaresExactlyOneAccess() {
        // Demo mode registers every route there is: health, project, admin and the demo's own.
        try (Backend backend = Backend.builder(ConfigLoader.load(Map.of("FLOWTRACK_PORT", "0"), null, true))
                .withoutScheduler().start()) {
            List<Endpoint> routes = backend.app().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(parsed -> parsed.endpoint).filter(e -> e.method.isHttpMethod()).toList();
            assertThat(routes).hasSizeGreaterThanOrEqualTo(21);
            for (Endpoint route : routes) {
                assertThat(roles(route)).as(route.method + " " + route.path).hasSize(1)
                        .allSatisfy(role -> assertThat(role).isInstanceOf(Access.class));
            }
            assertThat(routes).filteredOn(r -> r.path.startsWith("/api/v1/orgs/"))
                    .allSatisfy(r -> assertThat(roles(r)).doesNotContain(Access.PUBLIC));
            assertThat(routes).filteredOn(r -> roles(r).contains(Access.ADMIN)).hasSizeGreaterThanOrEqualTo(10);
            assertThat(routes).filteredOn(r -> roles(r).contains(Access.CONNECTING_ADMIN)).extracting(r -> r.path)
                    .containsExactly("/api/v1/orgs/{org}/connection");
        }
    }

    @Test
    void aRouteRegisteredWithoutAnAccessIsRefusedAndItsHandlerNeverRuns() throws Exception {
        boolean[] ran = {false};
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jetty.host = "127.0.0.1";
            javalin.jetty.port = 0;
            javalin.routes.beforeMatched(new AccessGate(null, null));
            javalin.routes.get("/forgot", ctx -> {
                ran[0] = true;
                ctx.result("served");
            });
            javalin.routes.get("/declared", ctx -> ctx.result("served"), Access.PUBLIC);
        }).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> forgot = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/forgot")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forgot.statusCode()).isEqualTo(500);
            assertThat(forgot.body()).doesNotContain("served");
            assertThat(ran[0]).isFalse();
            HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + app.port() + "/declared")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(declared.body()).isEqualTo("served");
        } finally {
            app.stop();
        }
    }
}
