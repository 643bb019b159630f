package io.flowtrack.jira.jira11;

import com.sun.net.httpserver.HttpServer;
import io.flowtrack.jira.host.HostFramework;
import io.flowtrack.jira.host.SpringBeans;
import io.flowtrack.jira.rest.RestRouteTour;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.net.URI;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jira11 jar's REST resources assembled as Jira 11's REST v2 module assembles them: Jersey 3 (jakarta) is given
 * the resource CLASSES of the descriptor's {@code <rest><package>}, and HK2 constructs each through its
 * {@code jakarta.inject.Inject} constructor (the Transformer's rewrite of {@code javax.inject.Inject}), with the
 * parameters resolved from the jar's own Spring context ({@code META-INF/spring/flowtrack-context.xml}) started by
 * Spring 6 (Jira 11's) and Gemini Blueprint's {@code osgi} namespace against a Felix framework whose system bundle
 * registers Jira's services. Every route is called ({@link RestRouteTour}).
 */
class Jira11RestClassesTest extends RestRouteTour {
    @Override
    protected ConfigurableApplicationContext startSpring(HostFramework host) {
        return host.startSpringWithoutGemini(HostFramework.SPRING_CONTEXT, getClass().getClassLoader());
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
