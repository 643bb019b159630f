package io.flowtrack.jira.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor check finds each kind of mistake it is there for. */
class DescriptorCheckTest {
    @TempDir
    Path dir;

    private Path jar(Map<String, String> entries) throws Exception {
        Path file = dir.resolve("plugin.jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    @Test
    void reportsEveryKindOfInconsistency() throws Exception {
        String descriptor = """
                <atlassian-plugin key="io.flowtrack.jira" name="x" plugins-version="2">
                  <resource type="i18n" name="i18n" location="i18n/flowtrack"/>
                  <ao key="ao"><entity>io.flowtrack.Missing</entity></ao>
                  <rest key="rest" path="/flowtrack" version="1.0">
                    <description key="no.such.key">x</description>
                    <package>io.flowtrack.empty</package>
                  </rest>
                  <web-resource key="rest"><dependency>io.flowtrack.jira:nowhere</dependency></web-resource>
                  <webwork1 key="ww" class="java.lang.Object"><actions>
                    <action name="io.flowtrack.NoAction" alias="X"><view name="success">/templates/none.vm</view></action>
                  </actions></webwork1>
                  <web-resource key="wr"><resource type="download" name="a.js" location="js/a.js"/></web-resource>
                  <dashboard-item key="di"><amd-module>flowtrack/nowhere</amd-module></dashboard-item>
                  <velocity-allowlist key="va">
                    <method>io.flowtrack.NoModel#getName()</method>
                    <method>not an entry</method>
                  </velocity-allowlist>
                </atlassian-plugin>""";
        String template = """
                $webResourceManager.requireResource("io.flowtrack.jira:wr")
                $webResourceManager.requireResource("io.flowtrack.jira:missing")
                <p>$i18n.getText("known") $i18n.getText('unknown.key', $page.title())</p>""";
        String spring = """
                <beans><bean id="a" class="io.flowtrack.Gone"/><bean id="c" class="java.time.Clock"/></beans>""";
        try (PluginJar jar = new PluginJar(jar(Map.of("atlassian-plugin.xml", descriptor,
                "i18n/flowtrack.properties", "known=yes\n", DescriptorCheck.SPRING, spring,
                "templates/page.vm", template, "js/b.js", "define('x', [], f); AJS.I18n.getText('no.js.key');")))) {
            assertThat(DescriptorCheck.problems(jar, "io.flowtrack.jira")).containsExactlyInAnyOrder(
                    "duplicate module key 'rest'",
                    "i18n key 'no.such.key' (<description>) is not in the i18n resource",
                    "<entity> names io.flowtrack.Missing, which is not in the jar",
                    "REST package io.flowtrack.empty has no classes",
                    "web-resource io.flowtrack.jira:nowhere is not defined",
                    "Spring bean a names io.flowtrack.Gone, which is not in the jar",
                    "<action name> names io.flowtrack.NoAction, which is not in the jar",
                    "view success of X: template templates/none.vm is not in the jar",
                    "velocity-allowlist entry 'io.flowtrack.NoModel#getName()' names a class that is not in the jar",
                    "velocity-allowlist entry 'not an entry' is not Class#method(params)",
                    "templates/page.vm: $page…title() is not in the velocity-allowlist",
                    "templates/page.vm: i18n key 'unknown.key' is not in the i18n resource",
                    "templates/page.vm: requires web-resource io.flowtrack.jira:missing, which is not defined",
                    "download resource js/a.js is not in the jar",
                    "amd-module flowtrack/nowhere is not defined by any script in the jar",
                    "script i18n key 'no.js.key' is not in the i18n resource");
        }
    }

    @Test
    void aDescriptorOutsideTheJarRootIsReported() throws Exception {
        try (PluginJar jar = new PluginJar(jar(Map.of("META-INF/atlassian-plugin.xml", "<x/>")))) {
            assertThat(DescriptorCheck.problems(jar, "io.flowtrack.jira"))
                    .containsExactly("atlassian-plugin.xml is not at the jar root");
        }
    }
}
