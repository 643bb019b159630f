package io.flowtrack.jira.rest;

import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.host.HostFramework;
import io.flowtrack.jira.host.SpringBeans;
import java.lang.annotation.Annotation;
import java.net.URI;
import javax.inject.Inject;
import javax.ws.rs.Path;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The REST resources assembled as Jira 10's REST v2 module assembles them: Jersey 2 (javax) is given the resource
 * CLASSES of the descriptor's {@code <rest><package>} and HK2 constructs every one per request, its constructor's
 * parameters resolved from the plugin's real Spring context ({@code META-INF/spring/flowtrack-context.xml}, started
 * with Gemini Blueprint's {@code osgi} namespace against a Felix framework whose system bundle registers Jira's
 * services). Without {@code @Inject} on a resource's constructor HK2 refuses the class and its routes answer 500.
 * The routes and checks: {@link RestRouteTour}.
 */
class RestClassesTest extends RestRouteTour {
    @Override
    protected ConfigurableApplicationContext startSpring(HostFramework host) {
        return host.startSpring(HostFramework.SPRING_CONTEXT);
    }

    @Override
    protected HttpServer serve(ConfigurableApplicationContext spring, String restPackage, URI at) {
        ResourceConfig app = new ResourceConfig().packages(false, restPackage).register(new SpringBeans(spring));
        return JdkHttpServerFactory.createHttpServer(at, app);
    }

    @Override
    protected Class<? extends Annotation> injectAnnotation() {
        return Inject.class;
    }

    @Override
    protected Class<? extends Annotation> pathAnnotation() {
        return Path.class;
    }
}
