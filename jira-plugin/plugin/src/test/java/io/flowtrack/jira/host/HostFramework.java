package io.flowtrack.jira.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.gemini.blueprint.context.support.OsgiBundleXmlApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A real OSGi framework (Apache Felix) standing in for Jira's: Jira's services are registered as OSGi services
 * by its system bundle, as Jira's host components are, and the plugin's {@code META-INF/spring} context is started
 * against it with Gemini Blueprint's own {@code osgi} namespace handling. Here the plugin's classes come from the
 * test class path (the system bundle's class space); the packaged jar as a bundle is checked in jira-plugin/osgi-check.
 */
public final class HostFramework implements AutoCloseable {
    public static final String SPRING_CONTEXT = "classpath:META-INF/spring/flowtrack-context.xml";

    private final Framework framework;
    private final Path storage;

    public HostFramework() {
        try {
            storage = Files.createTempDirectory("flowtrack-felix");
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                    .newFramework(Map.of("org.osgi.framework.storage", storage.toString(),
                            "org.osgi.framework.storage.clean", "onFirstInit"));
            framework.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Registers {@code service} under {@code type}'s name, as Jira exports a host component. */
    public <T> void register(Class<T> type, T service) {
        Dictionary<String, Object> properties = new Hashtable<>();
        context().registerService(type.getName(), service, properties);
    }

    /**
     * The plugin's Spring context, started (refreshed) against this framework's services by Gemini Blueprint's own
     * OSGi application context, as Jira 10's plugin framework (Spring 5.3) does.
     */
    public ConfigurableApplicationContext startSpring(String location) {
        OsgiBundleXmlApplicationContext spring = new OsgiBundleXmlApplicationContext(new String[] {location});
        spring.setBundleContext(context());
        spring.refresh();
        return spring;
    }

    /**
     * The plugin's Spring context on Spring 6 (Jira 11's), a plain Spring application context with Spring's own
     * XML reading and constructor autowiring; the {@code osgi} namespace is {@link OsgiReferences}, since Gemini
     * Blueprint 3.0.0.M01 does not run on Spring 6 and Atlassian's Spring 6 build of it is not on Maven Central.
     */
    public ConfigurableApplicationContext startSpringWithoutGemini(String location, ClassLoader classes) {
        GenericApplicationContext spring = new GenericApplicationContext();
        spring.setClassLoader(classes);
        spring.getBeanFactory().registerSingleton(OsgiReferences.BUNDLE_CONTEXT_BEAN, context());
        XmlBeanDefinitionReader reader = new XmlBeanDefinitionReader(spring);
        reader.setBeanClassLoader(classes);
        reader.setResourceLoader(new DefaultResourceLoader(classes));
        reader.setNamespaceHandlerResolver(OsgiReferences.resolver(classes));
        reader.loadBeanDefinitions(location);
        spring.refresh();
        return spring;
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
