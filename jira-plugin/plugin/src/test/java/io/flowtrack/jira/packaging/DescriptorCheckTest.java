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
                    "script i18n key 'no.js.key' is not in the i18n resource",
                    "no <plugin-info>",
                    "atlassian-plugin-marketing.xml is not at the jar root");
        }
    }

    private static byte[] png(int width, int height) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    private Path binaryJar(Map<String, byte[]> entries) throws Exception {
        Path file = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** What an installable app carries: vendor, real images of the documented sizes, pages, marketing descriptor. */
    @Test
    void reportsWhatAnInstallableAppLacks() throws Exception {
        String descriptor = """
                <atlassian-plugin key="io.flowtrack.jira" name="x" plugins-version="2">
                  <plugin-info>
                    <version>${flowtrack.version.jira10}</version>
                    <vendor name="" url=""/>
                    <param name="plugin-icon">images/icon.png</param>
                    <param name="vendor-logo">images/text.png</param>
                    <param name="configure.url">/secure/NoSuchAction.jspa</param>
                  </plugin-info>
                  <webwork1 key="ww" class="java.lang.Object"><actions>
                    <action name="java.lang.Object" alias="Start"/>
                  </actions></webwork1>
                </atlassian-plugin>""";
        String marketing = """
                <atlassian-plugin-marketing>
                  <compatibility><product name="jira" min="11.0.0" max="10.3.0"/></compatibility>
                  <logo image="images/icon.png"/>
                  <highlights><highlight image="images/h.png" cropped="images/hc.png"/></highlights>
                </atlassian-plugin-marketing>""";
        Map<String, byte[]> entries = new java.util.HashMap<>();
        entries.put("atlassian-plugin.xml", descriptor.getBytes(StandardCharsets.UTF_8));
        entries.put("atlassian-plugin-marketing.xml", marketing.getBytes(StandardCharsets.UTF_8));
        entries.put("images/icon.png", png(32, 32));
        entries.put("images/text.png", "not an image".getBytes(StandardCharsets.UTF_8));
        entries.put("images/h.png", png(1840, 900));
        entries.put(DescriptorCheck.SPRING, "<beans/>".getBytes(StandardCharsets.UTF_8));
        try (PluginJar jar = new PluginJar(binaryJar(entries))) {
            assertThat(DescriptorCheck.problems(jar, "io.flowtrack.jira")).containsExactlyInAnyOrder(
                    "atlassian-plugin.xml has an unfiltered ${…} placeholder",
                    "plugin-info has no vendor name and url",
                    "plugin-info plugin-icon: images/icon.png is 32x32, expected 16x16",
                    "plugin-info has no plugin-logo",
                    "plugin-info vendor-logo: images/text.png is not a PNG image",
                    "plugin-info configure.url /secure/NoSuchAction.jspa is not one of the plugin's actions",
                    "plugin-info has no post.install.url",
                    "atlassian-plugin-marketing.xml: compatibility min is above max",
                    "atlassian-plugin-marketing.xml logo: images/icon.png is 32x32, expected 144x144",
                    "atlassian-plugin-marketing.xml has no <banner>",
                    "atlassian-plugin-marketing.xml highlight images/hc.png is not in the jar");
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
