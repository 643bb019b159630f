package io.flowtrack.jira.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.gemini.blueprint.context.support.OsgiBundleXmlApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.springframework.beans.factory.xml.DefaultNamespaceHandlerResolver;
import org.springframework.beans.factory.xml.DelegatingEntityResolver;
import org.springframework.beans.factory.xml.NamespaceHandlerResolver;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.xml.sax.EntityResolver;
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

    /** A framework exporting only the JRE: for plugin classes on the class path (the system bundle's). */
    public HostFramework() {
        this(Map.of());
    }

    /** A framework whose system bundle exports what {@code line} exports, less {@code missing}. */
    public HostFramework(JiraLine line, String... missing) {
        this(Map.of("org.osgi.framework.system.packages.extra",
                JiraLine.systemPackagesExtra(line.exports(missing))));
    }

    private HostFramework(Map<String, String> configuration) {
        try {
            storage = Files.createTempDirectory("flowtrack-felix");
            Map<String, String> all = new java.util.HashMap<>(configuration);
            all.put("org.osgi.framework.storage", storage.toString());
            all.put("org.osgi.framework.storage.clean", "onFirstInit");
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(all);
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

    /** Installs the packaged plugin jar as a bundle (not yet resolved). */
    public Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    /** Whether the framework resolves the bundle against the system bundle's exports. */
    public boolean resolves(Bundle bundle) {
        return framework.adapt(FrameworkWiring.class).resolveBundles(List.of(bundle))
                && bundle.getState() == Bundle.RESOLVED;
    }

    /** Why the bundle does not resolve: the framework's message on starting it. */
    public String resolutionFailure(Bundle bundle) {
        try {
            bundle.start();
            return null;
        } catch (BundleException e) {
            return e.getMessage();
        }
    }

    /**
     * What Gemini Blueprint's extender publishes for the bundles it starts: the namespace handlers and schemas of
     * the Spring and Gemini jars (here on the host's class path), as OSGi services the bundle's OSGi application
     * context looks up (its DelegatedNamespaceHandlerResolver / DelegatedEntityResolver) when the bundle's own class
     * space has none. Registered once.
     */
    private void publishXmlSupport() {
        if (context().getServiceReference(NamespaceHandlerResolver.class.getName()) != null) {
            return;
        }
        ClassLoader host = HostFramework.class.getClassLoader();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("spring.osgi.core.bundle.id", context().getBundle().getBundleId());
        properties.put("spring.osgi.core.bundle.timestamp", context().getBundle().getLastModified());
        context().registerService(NamespaceHandlerResolver.class.getName(),
                new DefaultNamespaceHandlerResolver(host), properties);
        context().registerService(EntityResolver.class.getName(), new DelegatingEntityResolver(host), properties);
    }

    /** The bundle's own class loader, which sees its private packages and only what it imports. */
    public static ClassLoader classLoader(Bundle bundle) {
        return bundle.adapt(BundleWiring.class).getClassLoader();
    }

    /**
     * The bundle's {@code META-INF/spring} context as Jira 10's plugin framework starts it for a transformerless
     * plugin (Spring-Context: *): Gemini Blueprint's OSGi application context over the bundle's own context and
     * class space, reading {@code osgibundle:} resources, on Spring 5.3.
     */
    public ConfigurableApplicationContext startSpringIn(Bundle bundle) throws BundleException {
        publishXmlSupport();
        bundle.start();
        OsgiBundleXmlApplicationContext spring = new OsgiBundleXmlApplicationContext(
                new String[] {"osgibundle:/META-INF/spring/*.xml"});
        spring.setBundleContext(bundle.getBundleContext());
        spring.refresh();
        return spring;
    }

    /**
     * The bundle's {@code META-INF/spring} XML on Spring 6 (Jira 11's) with the bundle's class loader for its beans,
     * Spring's own handlers and schemas from the host's class path, and {@link OsgiReferences} for the osgi
     * namespace (Gemini Blueprint 3.0.0.M01 does not run on Spring 6).
     */
    public ConfigurableApplicationContext startSpringWithoutGeminiIn(Bundle bundle) throws BundleException {
        bundle.start();
        ClassLoader host = HostFramework.class.getClassLoader();
        GenericApplicationContext spring = new GenericApplicationContext();
        spring.setClassLoader(classLoader(bundle));
        spring.getBeanFactory().registerSingleton(OsgiReferences.BUNDLE_CONTEXT_BEAN, bundle.getBundleContext());
        XmlBeanDefinitionReader reader = new XmlBeanDefinitionReader(spring);
        reader.setBeanClassLoader(classLoader(bundle));
        reader.setEntityResolver(new DelegatingEntityResolver(host));
        reader.setNamespaceHandlerResolver(OsgiReferences.resolver(host));
        java.util.Enumeration<java.net.URL> xml = bundle.findEntries("META-INF/spring", "*.xml", false);
        while (xml != null && xml.hasMoreElements()) {
            reader.loadBeanDefinitions(new org.springframework.core.io.UrlResource(xml.nextElement()));
        }
        spring.refresh();
        return spring;
    }

    /** The classes of {@code restPackage} in the bundle that carry {@code path} (JAX-RS's @Path, javax or jakarta). */
    public static List<Class<?>> resourceClasses(Bundle bundle, String restPackage,
            Class<? extends java.lang.annotation.Annotation> path) throws ClassNotFoundException {
        List<Class<?>> found = new java.util.ArrayList<>();
        var entries = bundle.findEntries(restPackage.replace('.', '/'), "*.class", false);
        while (entries != null && entries.hasMoreElements()) {
            String entry = entries.nextElement().getPath();
            String name = entry.substring(1, entry.length() - ".class".length()).replace('/', '.');
            Class<?> type = bundle.loadClass(name);
            if (type.isAnnotationPresent(path)) {
                found.add(type);
            }
        }
        return found;
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
