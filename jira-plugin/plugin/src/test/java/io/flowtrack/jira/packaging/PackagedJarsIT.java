package io.flowtrack.jira.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks both packaged artifacts: OSGi and Atlassian manifest headers, nothing of Atlassian's inside, the
 * engine embedded privately, the descriptor consistent with the jar, and no javax reference left in the Jira 11
 * jar to a package Jira 11 provides as jakarta.
 */
class PackagedJarsIT {
    private static final String KEY = System.getProperty("flowtrack.plugin.key", "io.flowtrack.jira");
    private static final List<String> JAKARTA_ON_11 = List.of("javax/ws/rs", "javax/inject", "javax/servlet",
            "javax.ws.rs", "javax.inject", "javax.servlet");

    @Test
    void bothJarsAreAtlassianPluginBundles() throws Exception {
        for (String artifact : List.of("flowtrack.jira10.jar", "flowtrack.jira11.jar")) {
            try (PluginJar jar = new PluginJar(artifact)) {
                assertThat(jar.header("Atlassian-Plugin-Key")).as(artifact).isEqualTo(KEY);
                assertThat(jar.header("Bundle-SymbolicName")).as(artifact).isEqualTo(KEY);
                assertThat(jar.header("Bundle-ManifestVersion")).as(artifact).isEqualTo("2");
                assertThat(jar.header("Spring-Context")).as(artifact).isEqualTo("*");
                assertThat(jar.header("Export-Package")).as(artifact).isNull();
                assertThat(jar.header("DynamicImport-Package")).as(artifact).isNull();
                Parameters imports = jar.imports();
                assertThat(imports.keySet()).as(artifact).contains("com.atlassian.jira.issue.changehistory",
                        "com.atlassian.jira.bc.issue.search", "com.atlassian.activeobjects.external", "net.java.ao");
                imports.forEach((pkg, attrs) -> {
                    assertThat(pkg).as(artifact + " imports its own or embedded package")
                            .doesNotStartWith("io.flowtrack").doesNotStartWith("com.fasterxml.jackson")
                            .doesNotStartWith("picocli");
                    assertThat(pkg).as(artifact + ": java.* is never imported").doesNotStartWith("java.");
                    // (the plugin framework's optional OSGi bridge package is imported at whatever it is)
                    if (!pkg.equals("com.atlassian.plugin.osgi.bridge.external")
                            && (pkg.startsWith("com.atlassian.") || pkg.startsWith("net.java.ao")
                            || pkg.startsWith("javax.ws") || pkg.startsWith("jakarta.ws") || pkg.startsWith("org.slf4j"))) {
                        assertThat(attrs.getVersion()).as(artifact + " " + pkg + " has a version range").isNotNull();
                    }
                });
                // Host packages at any version, chosen explicitly (never a range bnd derives from a compile jar).
                assertThat(imports.get("com.atlassian.jira.issue").getVersion()).isEqualTo("0");
                assertThat(imports.get("net.java.ao").getVersion()).isEqualTo("0");
                // Named only by annotations embedded with Caffeine (error-prone's), never loaded.
                assertThat(imports.get("javax.lang.model.element").get("resolution:")).isEqualTo("optional");
            }
        }
    }

    /**
     * Marketplace takes one version per compatibility range: each jar has its own release version (descriptor and
     * file name) and Bundle-Version, with one plugin key and symbolic name, and a release is never a SNAPSHOT.
     */
    @Test
    void eachJarHasItsOwnVersionAndTheSameKey() throws Exception {
        try (PluginJar jira10 = new PluginJar("flowtrack.jira10.jar");
             PluginJar jira11 = new PluginJar("flowtrack.jira11.jar")) {
            String v10 = System.getProperty("flowtrack.version.jira10");
            String v11 = System.getProperty("flowtrack.version.jira11");
            assertThat(v10).endsWith("-jira10");
            assertThat(v11).isEqualTo(v10.substring(0, v10.length() - "jira10".length()) + "jira11");
            assertThat(jira10.descriptorVersion()).isEqualTo(v10);
            assertThat(jira11.descriptorVersion()).isEqualTo(v11);
            assertThat(jira10.fileName()).isEqualTo("flowtrack-jira-" + v10 + ".jar");
            assertThat(jira11.fileName()).isEqualTo("flowtrack-jira-" + v11 + ".jar");

            String b10 = jira10.header("Bundle-Version");
            String b11 = jira11.header("Bundle-Version");
            assertThat(b10).isEqualTo(System.getProperty("flowtrack.bundle.version.jira10"));
            assertThat(b11).isEqualTo(System.getProperty("flowtrack.bundle.version.jira11")).isNotEqualTo(b10);
            // valid OSGi versions, the same major.minor.micro, the line in the qualifier
            aQute.bnd.version.Version osgi10 = aQute.bnd.version.Version.parseVersion(b10);
            aQute.bnd.version.Version osgi11 = aQute.bnd.version.Version.parseVersion(b11);
            assertThat(osgi10.getQualifier()).startsWith("jira10");
            assertThat(osgi11.getQualifier()).startsWith("jira11");
            assertThat(osgi11.compareTo(osgi10)).isPositive();
            assertThat(v10.startsWith(osgi10.getMajor() + "." + osgi10.getMinor() + "." + osgi10.getMicro())).isTrue();
            boolean snapshot = v10.contains("SNAPSHOT");
            assertThat(b10.contains("SNAPSHOT")).as("a development build says so in its Bundle-Version").isEqualTo(snapshot);

            for (PluginJar jar : List.of(jira10, jira11)) {
                assertThat(jar.header("Bundle-SymbolicName")).isEqualTo(KEY);
                assertThat(jar.header("Atlassian-Plugin-Key")).isEqualTo(KEY);
                assertThat(jar.xml("atlassian-plugin.xml").getDocumentElement().getAttribute("key")).isEqualTo(KEY);
            }
        }
    }

    /**
     * What UPM and Marketplace read besides the descriptor (which DescriptorCheck checks, images included): the
     * build date AMPS would write (yyyy-MM-dd'T'HH:mm:ssZ) and each jar's own Marketplace compatibility range.
     */
    @Test
    void bothJarsCarryTheBuildDateAndTheirOwnCompatibility() throws Exception {
        java.time.format.DateTimeFormatter amps = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
        for (String line : List.of("10", "11")) {
            try (PluginJar jar = new PluginJar("flowtrack.jira" + line + ".jar")) {
                String date = jar.header("Atlassian-Build-Date");
                assertThat(date).as("jira" + line + " Atlassian-Build-Date").isNotNull();
                java.time.OffsetDateTime built = java.time.OffsetDateTime.parse(date, amps);
                assertThat(built).isBefore(java.time.OffsetDateTime.now().plusMinutes(1));
                org.w3c.dom.Element product = (org.w3c.dom.Element) jar.xml("atlassian-plugin-marketing.xml")
                        .getElementsByTagName("product").item(0);
                assertThat(product.getAttribute("name")).isEqualTo("jira");
                assertThat(product.getAttribute("min")).as("jira" + line + " min").startsWith(line + ".");
                assertThat(product.getAttribute("max")).as("jira" + line + " max").startsWith(line + ".");
            }
        }
    }

    /**
     * Jira packages a request can do without: annotations, and the QueryDSL table paths of the change history (without
     * them the history is read per issue; com.atlassian.jira.database stays mandatory, the Spring XML names it).
     */
    private static final List<String> OPTIONAL_JIRA = List.of("com.atlassian.jira.security.xsrf",
            "com.atlassian.jira.security.request", "com.atlassian.jira.model.querydsl");

    /** Packages every request needs: mandatory, so a Jira without one refuses the bundle at install time. */
    private static final List<String> MANDATORY_PREFIXES = List.of("com.atlassian.jira.", "net.java.ao",
            "org.slf4j", "com.atlassian.activeobjects.", "com.atlassian.sal.api.", "com.atlassian.query");

    @Test
    void onlyWhatRunsIsImportedMandatorilyTheWayAmpsBuiltAppsDo() throws Exception {
        for (String line : List.of("10", "11")) {
            String artifact = "flowtrack.jira" + line + ".jar";
            String jaxrs = line.equals("10") ? "javax.ws.rs" : "jakarta.ws.rs";
            String inject = line.equals("10") ? "javax.inject" : "jakarta.inject";
            try (PluginJar jar = new PluginJar(artifact)) {
                Parameters imports = jar.imports();
                // The packages that pin the jar to its Jira line, and @Inject, which HK2 reads reflectively (an
                // unwired annotation type would leave it a plain constructor): mandatory.
                for (String pkg : List.of(jaxrs, jaxrs + ".core", inject)) {
                    assertThat(imports).as(artifact).containsKey(pkg);
                    assertThat(optional(imports.get(pkg))).as(artifact + " " + pkg + " is mandatory").isFalse();
                }
                // Annotations, Atlassian's framework packages for the Spring XML's service proxies, the OSGi
                // bridge the transformerless guide names: optional (evidence section 4).
                for (String pkg : List.of("com.atlassian.annotations.security", "com.atlassian.jira.security.xsrf",
                        "com.atlassian.jira.security.request", "org.eclipse.gemini.blueprint.service.importer",
                        "com.atlassian.plugin.osgi.bridge.external", "com.atlassian.jira.model.querydsl")) {
                    assertThat(imports).as(artifact).containsKey(pkg);
                    assertThat(optional(imports.get(pkg))).as(artifact + " " + pkg + " is optional").isTrue();
                }
                imports.forEach((pkg, attrs) -> {
                    boolean needed = pkg.equals(jaxrs) || pkg.equals(jaxrs + ".core") || pkg.equals(inject)
                            || (MANDATORY_PREFIXES.stream().anyMatch(pkg::startsWith)
                                && !OPTIONAL_JIRA.contains(pkg));
                    // everything else, including what bnd found in the embedded libraries, as the trailing
                    // *;resolution:=optional of real Jira 10/11 apps
                    assertThat(optional(attrs)).as(artifact + " " + pkg + " optional").isEqualTo(!needed);
                });
                assertThat(imports.keySet()).as(artifact + " runs on its line only")
                        .noneMatch(p -> p.startsWith(line.equals("10") ? "jakarta." : "javax.ws")
                                || p.equals(line.equals("10") ? "jakarta.inject" : "javax.inject"));
            }
        }
    }

    private static boolean optional(Attrs attrs) {
        return "optional".equals(attrs.get("resolution:"));
    }

    @Test
    void nothingOfAtlassianIsInsideAndTheEngineIsEmbeddedPrivately() throws Exception {
        for (String artifact : List.of("flowtrack.jira10.jar", "flowtrack.jira11.jar")) {
            try (PluginJar jar = new PluginJar(artifact)) {
                assertThat(jar.entries()).as(artifact).noneMatch(n -> n.startsWith("com/atlassian/")
                        || n.startsWith("net/java/ao/") || n.startsWith("org/slf4j/") || n.startsWith("javax/")
                        || n.startsWith("jakarta/") || n.startsWith("picocli/"));
                assertThat(jar.hasClass("io.flowtrack.metrics.report.FlowEngine")).as(artifact).isTrue();
                assertThat(jar.hasClass("io.flowtrack.metrics.io.ReportWriter")).as(artifact).isTrue();
                assertThat(jar.hasClass("com.fasterxml.jackson.core.JsonGenerator")).as(artifact).isTrue();
                assertThat(jar.hasClass("io.flowtrack.metrics.cli.FlowtrackCli")).as(artifact + ": no CLI").isFalse();
                assertThat(jar.has("atlassian-plugin.xml")).as(artifact).isTrue();
            }
        }
    }

    @Test
    void theDescriptorsAgreeWithTheJars() throws Exception {
        for (String artifact : List.of("flowtrack.jira10.jar", "flowtrack.jira11.jar")) {
            try (PluginJar jar = new PluginJar(artifact)) {
                assertThat(DescriptorCheck.problems(jar, KEY)).as(artifact).isEmpty();
            }
        }
    }

    @Test
    void theJira10JarSpeaksJavaxAndTheJira11JarOnlyJakarta() throws Exception {
        try (PluginJar jira10 = new PluginJar("flowtrack.jira10.jar")) {
            Map<String, Attrs> imports = jira10.imports();
            assertThat(imports).containsKey("javax.ws.rs").doesNotContainKey("jakarta.ws.rs");
            assertThat(imports.get("javax.ws.rs").getVersion()).isEqualTo("[2.1,3)");
        }
        try (PluginJar jira11 = new PluginJar("flowtrack.jira11.jar")) {
            Map<String, Attrs> imports = jira11.imports();
            assertThat(imports).containsKey("jakarta.ws.rs").doesNotContainKey("javax.ws.rs");
            assertThat(imports.get("jakarta.ws.rs").getVersion()).isEqualTo("[3.0,4.0)");
            assertThat(imports.keySet()).noneMatch(p -> p.startsWith("javax.ws") || p.startsWith("javax.inject")
                    || p.startsWith("javax.servlet"));
            for (String javax : JAKARTA_ON_11) {
                // The transformer plugin adds the project's pom under META-INF/maven/: build metadata, not code.
                assertThat(jira11.entriesContaining(javax)).as("entries of the jira11 jar naming " + javax)
                        .allMatch(n -> n.startsWith("META-INF/maven/"));
            }
            assertThat(jira11.entriesContaining("jakarta/ws/rs/GET"))
                    .contains("io/flowtrack/jira/rest/ReportResource.class");
        }
    }

    @Test
    void bothJarsCarryTheSharedDashboardBundleUnchanged() throws Exception {
        try (PluginJar jira10 = new PluginJar("flowtrack.jira10.jar");
             PluginJar jira11 = new PluginJar("flowtrack.jira11.jar")) {
            for (String file : List.of("io/flowtrack/web/flowtrack-dashboard.js", "io/flowtrack/web/flowtrack-dashboard.css",
                    "css/flowtrack-jira.css", "js/flowtrack-host.js", "META-INF/licenses/echarts/LICENSE",
                    "META-INF/licenses/papaparse/LICENSE")) {
                assertThat(jira10.has(file)).as(file).isTrue();
                assertThat(jira11.bytes(file)).as("the jira11 transform leaves " + file + " as it is")
                        .isEqualTo(jira10.bytes(file));
            }
            String bundle = new String(jira10.bytes("io/flowtrack/web/flowtrack-dashboard.js"),
                    java.nio.charset.StandardCharsets.UTF_8);
            // The real bundle (ECharts inside, the global FlowTrack with the host contract), not a placeholder.
            assertThat(bundle.length()).isGreaterThan(200_000);
            assertThat(bundle).contains("var FlowTrack=").contains("mountDashboard").contains("mountChart");
            // Nothing in it registers with Jira's AMD loader (an anonymous define would break the page's modules).
            assertThat(bundle).doesNotContain("define.amd");
        }
    }
}
