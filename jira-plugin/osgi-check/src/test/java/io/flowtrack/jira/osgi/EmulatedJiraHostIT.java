package io.flowtrack.jira.osgi;

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
 * The PACKAGED jars in an emulated Jira: Apache Felix whose system bundle exports what Jira 10 or 11 exports
 * ({@link JiraLine}; versions inferred where marked there). Each jar resolves on its line and only there; a missing
 * optional import does not stop it, a missing mandatory one does. The jira10 bundle's {@code META-INF/spring}
 * context is then started by Gemini Blueprint on Spring 5.3 inside the bundle, with Jira's services as OSGi
 * services, and its REST resource classes (loaded by the bundle) are constructed by Jersey 2 / HK2 from that
 * context and called. (The jira11 bundle's context and REST run in jira11-check, on Spring 6 and Jersey 3.)
 */
class EmulatedJiraHostIT {
    private static Path jar(String line) {
        Path jar = Path.of(System.getProperty("flowtrack.jira" + line + ".jar", ""));
        assertThat(Files.isRegularFile(jar)).as("flowtrack.jira" + line + ".jar names the packaged jar").isTrue();
        return jar;
    }

    @Test
    void eachJarResolvesOnItsOwnJiraLineOnly() throws Exception {
        for (JiraLine host : JiraLine.values()) {
            for (String line : List.of("10", "11")) {
                try (HostFramework jira = new HostFramework(host)) {
                    Bundle bundle = jira.install(jar(line));
                    boolean own = host == (line.equals("10") ? JiraLine.JIRA_10 : JiraLine.JIRA_11);
                    assertThat(jira.resolves(bundle)).as("jira" + line + " jar on " + host).isEqualTo(own);
                    if (!own) {
                        assertThat(jira.resolutionFailure(bundle)).as("jira" + line + " jar on " + host)
                                .contains(line.equals("10") ? "javax." : "jakarta.");
                    }
                }
            }
        }
    }

    @Test
    void aMissingOptionalPackageDoesNotStopTheBundleAMissingMandatoryOneDoes() throws Exception {
        for (JiraLine host : JiraLine.values()) {
            String line = host == JiraLine.JIRA_10 ? "10" : "11";
            // The plugin framework's own packages (com.atlassian.plugin.osgi.bridge.external, Gemini's) are never
            // exported here; an annotation package missing as well:
            try (HostFramework jira = new HostFramework(host, "com.atlassian.annotations.security",
                    "com.atlassian.jira.security.request")) {
                assertThat(jira.resolves(jira.install(jar(line)))).as("jira" + line + " without optional").isTrue();
            }
            for (String mandatory : List.of("com.atlassian.jira.issue.changehistory", "net.java.ao",
                    line.equals("10") ? "javax.inject" : "jakarta.inject")) {
                try (HostFramework jira = new HostFramework(host, mandatory)) {
                    Bundle bundle = jira.install(jar(line));
                    assertThat(jira.resolves(bundle)).as("jira" + line + " without " + mandatory).isFalse();
                    assertThat(jira.resolutionFailure(bundle)).contains(mandatory);
                }
            }
        }
    }

    @Test
    void theJira10BundlesSpringContextStartsAndItsRestResourcesServe() throws Exception {
        JiraServices services = new JiraServices();
        try (HostFramework jira = new HostFramework(JiraLine.JIRA_10)) {
            services.registerIn(jira);
            Bundle bundle = jira.install(jar("10"));
            assertThat(jira.resolves(bundle)).isTrue();
            try (ConfigurableApplicationContext spring = jira.startSpringIn(bundle)) {
                assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
                Object access = spring.getBean("access");
                // the plugin's classes come from the bundle, not from anywhere on the host's class path
                assertThat(access.getClass().getClassLoader()).isSameAs(HostFramework.classLoader(bundle));
                List<Class<?>> resources = HostFramework.resourceClasses(bundle, "io.flowtrack.jira.rest",
                        javax.ws.rs.Path.class);
                assertThat(resources).extracting(Class::getSimpleName).containsExactlyInAnyOrder("ReportResource",
                        "ConfigResource", "AuditResource", "PreferencesResource");
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
                    // through the osgi:reference proxy to the registered service, per request
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
