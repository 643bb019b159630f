package io.flowtrack.jira.host;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.xml.AbstractBeanDefinitionParser;
import org.springframework.beans.factory.xml.DefaultNamespaceHandlerResolver;
import org.springframework.beans.factory.xml.NamespaceHandler;
import org.springframework.beans.factory.xml.NamespaceHandlerResolver;
import org.springframework.beans.factory.xml.NamespaceHandlerSupport;
import org.springframework.beans.factory.xml.ParserContext;
import org.w3c.dom.Element;

/**
 * A stand-in for Gemini Blueprint's {@code <osgi:reference>} and {@code <osgi:list>} handling on Spring 6, where Gemini Blueprint 3.0.0.M01
 * cannot run (it calls Spring 5 methods Spring 6 removed; Atlassian's Spring 6 build is not on Maven Central). The
 * XML is still validated against Gemini's real schema (its {@code spring.schemas}); each reference becomes a proxy of
 * the interface that looks the service up in the OSGi framework on every call, as Gemini's dynamic proxies do, and
 * fails when no such service is registered.
 */
public final class OsgiReferences {
    public static final String NAMESPACE = "http://www.eclipse.org/gemini/blueprint/schema/blueprint";
    static final String BUNDLE_CONTEXT_BEAN = "host.bundleContext";

    private OsgiReferences() {
    }

    /** Spring's own resolver, except that the Gemini namespace is this stand-in. */
    static NamespaceHandlerResolver resolver(ClassLoader classes) {
        NamespaceHandlerResolver spring = new DefaultNamespaceHandlerResolver(classes);
        NamespaceHandler references = new Handler();
        references.init();
        return uri -> NAMESPACE.equals(uri) ? references : spring.resolve(uri);
    }

    private static final class Handler extends NamespaceHandlerSupport {
        @Override
        public void init() {
            registerBeanDefinitionParser("reference", new AbstractBeanDefinitionParser() {
                @Override
                protected AbstractBeanDefinition parseInternal(Element element, ParserContext parserContext) {
                    return BeanDefinitionBuilder.genericBeanDefinition(ServiceProxy.class)
                            .addConstructorArgReference(BUNDLE_CONTEXT_BEAN)
                            .addConstructorArgValue(element.getAttribute("interface"))
                            .setAutowireMode(AbstractBeanDefinition.AUTOWIRE_NO).getBeanDefinition();
                }
            });
            // <osgi:list>: every service registered under the interface, as Gemini's managed list shows them (it
            // may be empty: an optional service such as Jira's QueryDslAccessor).
            registerBeanDefinitionParser("list", new AbstractBeanDefinitionParser() {
                @Override
                protected AbstractBeanDefinition parseInternal(Element element, ParserContext parserContext) {
                    return BeanDefinitionBuilder.genericBeanDefinition(ServiceList.class)
                            .addConstructorArgReference(BUNDLE_CONTEXT_BEAN)
                            .addConstructorArgValue(element.getAttribute("interface"))
                            .setAutowireMode(AbstractBeanDefinition.AUTOWIRE_NO).getBeanDefinition();
                }
            });
        }
    }

    /** The services registered under an interface, looked up in the framework whenever the list is read. */
    public static final class ServiceList implements FactoryBean<java.util.List<Object>> {
        private final BundleContext context;
        private final String interfaceName;

        public ServiceList(BundleContext context, String interfaceName) {
            this.context = context;
            this.interfaceName = interfaceName;
        }

        @Override
        public java.util.List<Object> getObject() {
            return new java.util.AbstractList<>() {
                private ServiceReference<?>[] references() {
                    try {
                        ServiceReference<?>[] found = context.getServiceReferences(interfaceName, null);
                        return found == null ? new ServiceReference<?>[0] : found;
                    } catch (org.osgi.framework.InvalidSyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public Object get(int index) {
                    return context.getService(references()[index]);
                }

                @Override
                public int size() {
                    return references().length;
                }
            };
        }

        @Override
        public Class<?> getObjectType() {
            return java.util.List.class;
        }
    }

    /** The service registered under an interface, looked up in the framework on every call. */
    public static final class ServiceProxy implements FactoryBean<Object>, BeanClassLoaderAware {
        private final BundleContext context;
        private final String interfaceName;
        private Class<?> type;

        public ServiceProxy(BundleContext context, String interfaceName) {
            this.context = context;
            this.interfaceName = interfaceName;
        }

        /** The interface as the plugin sees it: through its bean class loader (the bundle's, in a bundle). */
        @Override
        public void setBeanClassLoader(ClassLoader classes) {
            try {
                type = Class.forName(interfaceName, false, classes);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the plugin cannot see " + interfaceName, e);
            }
        }

        @Override
        public Object getObject() {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("equals") ? proxy == args[0]
                            : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : "OSGi service proxy of " + type.getName();
                }
                ServiceReference<?> reference = context.getServiceReference(type.getName());
                if (reference == null) {
                    throw new IllegalStateException("no OSGi service " + type.getName());
                }
                Object service = context.getService(reference);
                try {
                    return method.invoke(service, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    context.ungetService(reference);
                }
            });
        }

        @Override
        public Class<?> getObjectType() {
            return type;
        }
    }
}
