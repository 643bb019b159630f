package io.flowtrack.jira.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * FlowTrack's templates rendered by Apache Velocity the way Jira renders an action's view: the context Jira gives
 * ($action, $i18n and whatever else the caller adds), strict references, HTML escaping on as
 * {@code #enable_html_escaping()} asks of Jira's Velocity.
 */
public final class JiraVelocity {
    private final VelocityEngine velocity = new VelocityEngine();
    private final Properties i18n = new Properties();

    public JiraVelocity() {
        velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        velocity.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        velocity.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        velocity.init();
        try (InputStream in = JiraVelocity.class.getResourceAsStream("/i18n/flowtrack.properties");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            i18n.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plugin's i18n resource. */
    public Properties i18n() {
        return i18n;
    }

    /** Jira's $i18n: text by key, with {0}-style arguments; an unknown key fails the render. */
    public final class I18n {
        public String getText(String key) {
            return new MessageFormat(text(key)).format(new Object[0]);
        }

        public String getText(String key, Object arg) {
            return new MessageFormat(text(key)).format(new Object[] {arg});
        }

        private String text(String key) {
            String text = i18n.getProperty(key);
            if (text == null) {
                throw new IllegalArgumentException("i18n key " + key + " is not in the i18n resource");
            }
            return text;
        }
    }

    /** Renders {@code view} (a classpath path) with $action, $i18n and the given extra context objects. */
    public String render(String view, Object action, Map<String, Object> extra) {
        VelocityContext context = new VelocityContext();
        context.put("action", action);
        context.put("i18n", new I18n());
        extra.forEach(context::put);
        EventCartridge escaping = new EventCartridge();
        escaping.addEventHandler(new EscapeHtmlReference());
        escaping.attachToContext(context);
        // Jira's Velocity defines this; here it is a no-op (escaping is on for the whole template above).
        StringWriter out = new StringWriter();
        velocity.evaluate(context, out, "macros", "#macro(enable_html_escaping)#end");
        Template template = velocity.getTemplate(view, "UTF-8");
        template.merge(context, out);
        return out.toString();
    }
}
