package io.flowtrack.jira.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The -Patlassian profile cannot run here (Atlassian's repository is unreachable), so this checks its shape against
 * what real Jira 10.3/11 apps build with (../shared/notes/jira-evidence-2026-12.md §12): the Jira BOMs imported at
 * ${jira.version}, every Atlassian dependency version-less (the BOM's), atlassian-plugin packaging with
 * jira-maven-plugin as a build extension, Atlassian's public repository, and the app signing settings.
 */
class AtlassianProfileTest {
    private static Element profile;
    private static Document pom;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        pom = f.newDocumentBuilder().parse(Files.newInputStream(Path.of("pom.xml")));
        for (Element p : all(pom.getDocumentElement(), "profile")) {
            if ("atlassian".equals(text(p, "id"))) {
                profile = p;
            }
        }
        assertThat(profile).as("profile atlassian in jira-plugin/plugin/pom.xml").isNotNull();
    }

    @Test
    void theJiraBomsManageTheAtlassianDependencies() {
        Element management = child(profile, "dependencyManagement");
        List<String> boms = new ArrayList<>();
        for (Element d : all(management, "dependency")) {
            assertThat(text(d, "type")).isEqualTo("pom");
            assertThat(text(d, "scope")).isEqualTo("import");
            assertThat(text(d, "version")).isEqualTo("${jira.version}");
            boms.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
        assertThat(boms).contains("com.atlassian.jira:jira-api-bom", "com.atlassian.jira:jira-bundled-plugins-bom");
        List<String> provided = new ArrayList<>();
        for (Element d : all(child(profile, "dependencies"), "dependency")) {
            assertThat(child(d, "version")).as(text(d, "artifactId") + " takes the BOM's version").isNull();
            assertThat(text(d, "scope")).isEqualTo("provided");
            provided.add(text(d, "artifactId"));
        }
        assertThat(provided).contains("jira-api", "sal-api", "activeobjects-plugin", "atlassian-rest-v2-api");
        assertThat(property(profile, "jira.version")).matches("10\\.3\\.\\d+");
    }

    @Test
    void ampsPackagesTheApp() {
        assertThat(text(pom.getDocumentElement(), "packaging")).isEqualTo("${flowtrack.packaging}");
        assertThat(property(pom.getDocumentElement(), "flowtrack.packaging")).isEqualTo("jar");
        assertThat(property(profile, "flowtrack.packaging")).isEqualTo("atlassian-plugin");
        Element amps = plugin("jira-maven-plugin");
        assertThat(text(amps, "groupId")).isEqualTo("com.atlassian.maven.plugins");
        assertThat(text(amps, "extensions")).isEqualTo("true");
        assertThat(text(amps, "version")).isEqualTo("${amps.version}");
        String[] version = property(profile, "amps.version").split("\\.");
        assertThat(Integer.parseInt(version[0]) * 100 + Integer.parseInt(version[1]))
                .as("app signing settings need AMPS 9.2+").isGreaterThanOrEqualTo(902);
        Element config = child(amps, "configuration");
        assertThat(text(config, "productVersion")).isEqualTo("${jira.version}");
        assertThat(text(config, "enablePluginSigning")).isEqualTo("true");
        assertThat(child(config, "customCertificate")).isNotNull();
    }

    @Test
    void atlassiansPublicRepository() {
        List<String> urls = new ArrayList<>();
        for (Element r : all(profile, "repository")) {
            urls.add(text(r, "url"));
        }
        for (Element r : all(profile, "pluginRepository")) {
            urls.add(text(r, "url"));
        }
        assertThat(urls).contains("https://packages.atlassian.com/maven-public/")
                .allMatch(u -> u.startsWith("https://"));
    }

    /**
     * Activating any profile of a POM switches off its activeByDefault ones, so a profile of the plugin's POM that
     * turns on by itself (a property, say -Dflowtrack.release.version) would silently drop the declarations.
     */
    @Test
    void nothingSwitchesTheDeclarationsOffButAnExplicitProfile() {
        List<String> automatic = new ArrayList<>();
        for (Element p : all(pom.getDocumentElement(), "profile")) {
            Element activation = child(p, "activation");
            if (activation != null && !"true".equals(text(activation, "activeByDefault"))) {
                automatic.add(text(p, "id"));
            }
        }
        assertThat(automatic).as("profiles of plugin/pom.xml activated other than by -P").isEmpty();
    }

    private Element plugin(String artifactId) {
        for (Element p : all(profile, "plugin")) {
            if (artifactId.equals(text(p, "artifactId"))) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + artifactId + " in the atlassian profile");
    }

    private static String property(Element owner, String name) {
        Element properties = child(owner, "properties");
        return properties == null ? null : text(properties, name);
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<Element> all(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
