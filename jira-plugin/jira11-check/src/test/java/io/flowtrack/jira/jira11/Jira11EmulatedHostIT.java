package io.flowtrack.jira.jira11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.host.HostFramework;
import io.flowtrack.jira.host.JiraLine;
import io.flowtrack.jira.host.JiraServices;
import io.flowtrack.jira.host.SpringBeans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The PACKAGED jira11 jar in an emulated Jira 11 (Felix, system bundle exporting what {@link JiraLine#JIRA_11}
 * lists): installed and resolved as a bundle, its {@code META-INF/spring} XML started on Spring 6 with the bundle's
 * class loader and Jira's services as OSGi services, its REST resource classes (loaded by the bundle) constructed by
 * Jersey 3 / HK2 from that context through their {@code jakarta.inject.Inject} constructors, and called. Gemini
 * Blueprint does not run on Spring 6, so the {@code osgi} namespace is the {@code OsgiReferences} stand-in here
 * (osgi-check starts the jira10 bundle with Gemini's own; docs/jira-plugin.md, "Emulated host").
 */
class Jira11EmulatedHostIT {
    @Test
    void theJira11BundleResolvesStartsItsSpringContextAndServesItsRestResources() throws Exception {
        Path jar = Path.of(System.getProperty("flowtrack.jira11.jar", ""));
        assertThat(Files.isRegularFile(jar)).as("flowtrack.jira11.jar names the packaged jar: " + jar).isTrue();
        JiraServices services = new JiraServices();
        try (HostFramework jira = new HostFramework(JiraLine.JIRA_11)) {
            services.registerIn(jira);
            Bundle bundle = jira.install(jar);
            assertThat(jira.resolves(bundle)).as(jira.resolutionFailure(bundle)).isTrue();
            try (ConfigurableApplicationContext spring = jira.startSpringWithoutGeminiIn(bundle)) {
                assertThat(spring.getBean("access").getClass().getClassLoader())
                        .isSameAs(HostFramework.classLoader(bundle));
                List<Class<?>> resources = HostFramework.resourceClasses(bundle, "io.flowtrack.jira.rest",
                        jakarta.ws.rs.Path.class);
                assertThat(resources).extracting(Class::getSimpleName).containsExactlyInAnyOrder("ReportResource",
                        "ConfigResource", "AuditResource", "PreferencesResource");
                for (Class<?> resource : resources) {
                    assertThat(resource.getConstructors()[0].isAnnotationPresent(jakarta.inject.Inject.class))
                            .as(resource.getSimpleName()).isTrue();
                }
                HttpServer server = JdkHttpServerFactory.createHttpServer(
                        URI.create("http://127.0.0.1:0/rest/flowtrack/1.0/"),
                        new ResourceConfig().registerClasses(resources.toArray(Class<?>[]::new))
                                .register(new SpringBeans(spring)));
                try {
                    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/rest/flowtrack/1.0";
                    HttpClient http = HttpClient.newHttpClient();
                    HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(base + "/config/FT"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
                    assertThat(config.body()).contains("\"configured\":false", "\"key\":\"FT\"");
                    HttpResponse<String> prefs = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/preferences/FT")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(prefs.body()).isEqualTo("{\"project\":\"FT\",\"controls\":null}");
                    when(services.authentication.getLoggedInUser()).thenReturn(null);
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/report?project=FT")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                } finally {
                    server.stop(0);
                }
            }
        }
    }
}
