package io.flowtrack.jira.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.jira.admin.FlowConfigAction;
import io.flowtrack.jira.rest.AuditResource;
import io.flowtrack.jira.rest.ConfigResource;
import io.flowtrack.jira.rest.PreferencesResource;
import io.flowtrack.jira.rest.ReportResource;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Spring XML wires by constructor autowiring, which only fails inside Jira. This checks it here: every bean
 * and every object Jira creates from the plugin's context (REST resources, the webwork action) has one public
 * constructor whose parameter types each match exactly one bean or imported service.
 */
class SpringWiringTest {
    private static final List<Class<?>> CREATED_BY_JIRA = List.of(ReportResource.class, ConfigResource.class,
            AuditResource.class, PreferencesResource.class, FlowConfigAction.class);

    @Test
    void everyConstructorParameterHasExactlyOneCandidate() throws Exception {
        Map<String, Class<?>> beans = new LinkedHashMap<>();
        List<Class<?>> constructed = new ArrayList<>(CREATED_BY_JIRA);
        try (InputStream in = getClass().getResourceAsStream("/" + DescriptorCheck.SPRING)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            var doc = f.newDocumentBuilder().parse(in);
            NodeList references = doc.getElementsByTagNameNS("http://www.eclipse.org/gemini/blueprint/schema/blueprint",
                    "reference");
            for (int i = 0; i < references.getLength(); i++) {
                Element r = (Element) references.item(i);
                beans.put(r.getAttribute("id"), Class.forName(r.getAttribute("interface")));
            }
            // An optional service list (osgi:list) is a bean of type List; its interface must exist.
            NodeList lists = doc.getElementsByTagNameNS("http://www.eclipse.org/gemini/blueprint/schema/blueprint",
                    "list");
            for (int i = 0; i < lists.getLength(); i++) {
                Element l = (Element) lists.item(i);
                Class.forName(l.getAttribute("interface"));
                assertThat(l.getAttribute("availability")).as(l.getAttribute("id")).isEqualTo("optional");
                beans.put(l.getAttribute("id"), List.class);
            }
            NodeList definitions = doc.getElementsByTagNameNS("http://www.springframework.org/schema/beans", "bean");
            for (int i = 0; i < definitions.getLength(); i++) {
                Element b = (Element) definitions.item(i);
                Class<?> type = Class.forName(b.getAttribute("class"));
                String factory = b.getAttribute("factory-method");
                if (factory.isEmpty()) {
                    constructed.add(type);
                } else {
                    Method m = type.getMethod(factory);
                    assertThat(Modifier.isStatic(m.getModifiers())).as(type + "." + factory).isTrue();
                }
                beans.put(b.getAttribute("id"), type);
            }
        }
        for (Class<?> type : constructed) {
            Constructor<?>[] constructors = type.getConstructors();
            assertThat(constructors).as(type + " public constructors").hasSize(1);
            for (Class<?> parameter : constructors[0].getParameterTypes()) {
                List<String> candidates = beans.entrySet().stream()
                        .filter(e -> parameter.isAssignableFrom(e.getValue())).map(Map.Entry::getKey).toList();
                assertThat(candidates).as(type.getSimpleName() + "(" + parameter.getSimpleName() + ")").hasSize(1);
            }
        }
        assertThat(beans.values()).as("no bean is defined twice").doesNotHaveDuplicates();
        assertThat(Arrays.stream(ReportResource.class.getConstructors()[0].getParameterTypes())).isNotEmpty();
    }
}
