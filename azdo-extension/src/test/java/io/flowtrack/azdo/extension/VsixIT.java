package io.flowtrack.azdo.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Opens the .vsix the build just packaged (it is a zip) and checks what Azure DevOps will see: the manifests, every
 * page and image a contribution names, widgets naming their configurations, the single scope, the backend URL in
 * the config file and nowhere else, and nothing that must not ship (source maps, local paths, sources, secrets).
 */
class VsixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, byte[]> entries;
    private static JsonNode manifest;
    private static Document vsixManifest;
    private static String variant;
    private static String backendUrl;

    @BeforeAll
    static void open() throws Exception {
        Path vsix = Path.of(System.getProperty("flowtrack.vsix"));
        assertThat(vsix).isRegularFile();
        entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(vsix))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        variant = System.getProperty("flowtrack.extension.variant");
        backendUrl = System.getProperty("flowtrack.backendUrl").replaceAll("/+$", "");
        manifest = JSON.readTree(entry("extension.vsomanifest"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        vsixManifest = factory.newDocumentBuilder().parse(new ByteArrayInputStream(entry("extension.vsixmanifest")));
    }

    private static byte[] entry(String name) {
        assertThat(entries).as("entries of the vsix").containsKey(name);
        return entries.get(name);
    }

    private static String text(String name) {
        return new String(entry(name), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> contributions(String type) {
        List<JsonNode> out = new ArrayList<>();
        manifest.get("contributions").forEach(c -> {
            if (c.get("type").asText().equals(type)) {
                out.add(c);
            }
        });
        return out;
    }

    private static BufferedImage image(String name) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(entry(name)));
        assertThat(img).as(name + " is a PNG").isNotNull();
        return img;
    }

    @Test
    void identityIsTheVariantsOwn() {
        Element identity = (Element) vsixManifest.getElementsByTagNameNS("*", "Identity").item(0);
        String expectedId = variant.equals("dev") ? "flowtrack-dev" : "flowtrack";
        assertThat(identity.getAttribute("Id")).isEqualTo(expectedId);
        assertThat(identity.getAttribute("Publisher")).isEqualTo(System.getProperty("flowtrack.extension.publisher"));
        assertThat(identity.getAttribute("Version")).matches("\\d+\\.\\d+\\.\\d+");
        String displayName = vsixManifest.getElementsByTagNameNS("*", "DisplayName").item(0).getTextContent();
        assertThat(displayName.contains("[DEV]")).isEqualTo(variant.equals("dev"));
        String flags = vsixManifest.getElementsByTagNameNS("*", "GalleryFlags").item(0).getTextContent();
        if (variant.equals("dev")) {
            assertThat(flags).doesNotContain("Public");
        }
        assertThat(vsixManifest.getElementsByTagNameNS("*", "Categories").item(0).getTextContent()).isEqualTo("Azure Boards");
    }

    @Test
    void asksForTheVsoWorkScopeOnly() {
        assertThat(manifest.get("scopes").toString()).isEqualTo("[\"vso.work\"]");
    }

    @Test
    void everyContributionPageAndImageIsInThePackage() throws IOException {
        List<JsonNode> hubs = contributions("ms.vss-web.hub");
        List<JsonNode> widgets = contributions("ms.vss-dashboards-web.widget");
        List<JsonNode> configs = contributions("ms.vss-dashboards-web.widget-configuration");
        // The Boards hub, and FlowTrack under Organization settings and under Project settings.
        assertThat(hubs).extracting(h -> h.get("id").asText() + " → " + h.at("/targets/0").asText()).containsExactly(
                "flowtrack-hub → ms.vss-work-web.work-hub-group",
                "flowtrack-org-settings → ms.vss-web.collection-admin-hub-group",
                "flowtrack-project-settings → ms.vss-web.project-admin-hub-group");
        // One widget per standalone chart, each with its configuration page, each configuration targeted by its widget.
        assertThat(widgets).extracting(w -> w.get("id").asText()).containsExactly("flowtrack-cycle-time-widget",
                "flowtrack-aging-widget", "flowtrack-cfd-widget", "flowtrack-throughput-widget",
                "flowtrack-forecast-widget", "flowtrack-stage-breakdown-widget", "flowtrack-weekly-throughput-widget",
                "flowtrack-throughput-histogram-widget");
        assertThat(configs).extracting(c -> c.get("id").asText())
                .containsExactlyElementsOf(widgets.stream().map(w -> w.get("id").asText() + "-config").toList());
        widgets.forEach(w -> assertThat(w.get("targets").toString()).as(w.get("id").asText())
                .contains("." + w.get("id").asText() + "-config"));
        manifest.get("contributions").forEach(c -> assertThat(entries).as(c.get("id").asText())
                .containsKey(c.at("/properties/uri").asText()));

        for (String theme : List.of("light", "dark")) {
            String icon = hubs.get(0).at("/properties/icon/" + theme).asText();
            assertThat(icon).startsWith("asset://");
            assertThat(image(icon.substring("asset://".length())).getWidth()).isEqualTo(32);
        }
        for (JsonNode w : widgets) {
            BufferedImage catalog = image(w.at("/properties/catalogIconUrl").asText());
            assertThat(List.of(catalog.getWidth(), catalog.getHeight())).containsExactly(98, 98);
            BufferedImage preview = image(w.at("/properties/previewImageUrl").asText());
            assertThat(List.of(preview.getWidth(), preview.getHeight())).containsExactly(330, 160);
        }
        String iconPath = vsixManifest.getElementsByTagNameNS("*", "Icon").item(0).getTextContent();
        BufferedImage icon = image(iconPath);
        assertThat(List.of(icon.getWidth(), icon.getHeight())).containsExactly(128, 128);
    }

    @Test
    void everyWidgetNamesItsOwnConfiguration() {
        Set<String> configIds = new TreeSet<>();
        contributions("ms.vss-dashboards-web.widget-configuration").forEach(c -> configIds.add(c.get("id").asText()));
        Set<String> named = new TreeSet<>();
        for (JsonNode w : contributions("ms.vss-dashboards-web.widget")) {
            List<String> targets = new ArrayList<>();
            w.get("targets").forEach(t -> targets.add(t.asText()));
            assertThat(targets).contains("ms.vss-dashboards-web.widget-catalog", "." + w.get("id").asText() + "-config");
            targets.stream().filter(t -> t.startsWith(".")).forEach(t -> named.add(t.substring(1)));
            assertThat(w.at("/properties/supportedScopes").toString()).isEqualTo("[\"project_team\"]");
            assertThat(w.at("/properties/supportedSizes/0").toString()).isEqualTo("{\"rowSpan\":2,\"columnSpan\":2}");
        }
        assertThat(named).isEqualTo(configIds);
    }

    @Test
    void everyFileIsAnAddressableAsset() {
        NodeList assets = vsixManifest.getElementsByTagNameNS("*", "Asset");
        Set<String> addressable = new TreeSet<>();
        for (int i = 0; i < assets.getLength(); i++) {
            Element a = (Element) assets.item(i);
            if (a.getAttribute("Addressable").equals("true")) {
                addressable.add(a.getAttribute("Path"));
            }
        }
        entries.keySet().stream().filter(n -> n.startsWith("dist/") || n.startsWith("static/"))
                .forEach(n -> assertThat(addressable).as("addressable assets").contains(n));
    }

    @Test
    void theBackendUrlIsInTheConfigFileAndNowhereElse() throws IOException {
        JsonNode config = JSON.readTree(entry("dist/flowtrack-config.json"));
        assertThat(config.get("backendUrl").asText()).isEqualTo(backendUrl);
        assertThat(config.size()).isEqualTo(1);
        String host = URI.create(backendUrl).getAuthority();
        entries.forEach((name, bytes) -> {
            if (!name.equals("dist/flowtrack-config.json")) {
                // The listing's links may live on the same host as the backend; they are not the backend URL.
                String content = new String(bytes, StandardCharsets.ISO_8859_1)
                        .replace(System.getProperty("flowtrack.extension.privacyUrl"), "")
                        .replace(System.getProperty("flowtrack.extension.supportUrl"), "");
                assertThat(content).as(name).doesNotContain(host);
            }
        });
    }

    @Test
    void pagesLoadOnlyPackagedScriptsAndStyles() {
        Pattern script = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);
        Pattern ref = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
        for (String page : entries.keySet().stream().filter(n -> n.endsWith(".html")).toList()) {
            String html = text(page);
            Matcher m = script.matcher(html);
            int scripts = 0;
            while (m.find()) {
                scripts++;
                assertThat(m.group(1)).as(page).contains("src=\"");
                assertThat(m.group(2).strip()).as(page + " inline script").isEmpty();
            }
            assertThat(scripts).as(page).isEqualTo(2);
            assertThat(html).as(page).doesNotContainPattern("\\son[a-z]+=").contains("script-src 'self'");
            Matcher r = ref.matcher(html);
            while (r.find()) {
                String resolved = URI.create("x:/" + page).resolve(r.group(1)).getPath().substring(1);
                assertThat(entries).as(page + " → " + r.group(1)).containsKey(resolved);
            }
        }
    }

    @Test
    void shipsNoSourcesSourceMapsLocalPathsOrSecrets() {
        String basedir = System.getProperty("flowtrack.basedir");
        Pattern jwt = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");
        assertThat(entries.keySet()).noneMatch(n -> n.endsWith(".map") || n.endsWith(".ts") || n.contains("node_modules")
                || n.startsWith("src/") || n.startsWith("test/") || n.contains(".npmrc") || n.contains(".env")
                || n.endsWith(".pem") || n.endsWith(".key") || n.endsWith("package.json"));
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".png")) {
                return;
            }
            String content = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(content).as(name).doesNotContain(basedir, "file://", "/home/", "/root/", "C:\\\\Users",
                    "sourceMappingURL", "-----BEGIN", "FLOWTRACK_EXTENSION_SECRETS", "FLOWTRACK_DATA_KEYS");
            assertThat(jwt.matcher(content).find()).as(name + " holds a token").isFalse();
        });
    }

    @Test
    void theDashboardBundleComesFromTheWebArtifactWithItsNotices() throws IOException {
        Path unpacked = Path.of(System.getProperty("flowtrack.basedir"), "target", "flowtrack-web", "io", "flowtrack", "web");
        List<String> files;
        try (var list = Files.list(unpacked)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("flowtrack-dashboard.js", "flowtrack-dashboard.css");
        for (String file : files) {
            try (InputStream in = Files.newInputStream(unpacked.resolve(file))) {
                assertThat(entry("dist/lib/" + file)).as(file).isEqualTo(in.readAllBytes());
            }
        }
    }

    /** Assets of the vsixmanifest: type → paths. */
    private static Map<String, List<String>> assets() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        NodeList assets = vsixManifest.getElementsByTagNameNS("*", "Asset");
        for (int i = 0; i < assets.getLength(); i++) {
            Element a = (Element) assets.item(i);
            out.computeIfAbsent(a.getAttribute("Type"), t -> new ArrayList<>()).add(a.getAttribute("Path"));
        }
        return out;
    }

    private static Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList props = vsixManifest.getElementsByTagNameNS("*", "Property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            out.put(p.getAttribute("Id"), p.getAttribute("Value"));
        }
        return out;
    }

    @Test
    void theListingLinksAPrivacyPolicyAndASupportPage() {
        Map<String, String> props = properties();
        assertThat(props).containsEntry("Microsoft.VisualStudio.Services.Links.Privacypolicy",
                System.getProperty("flowtrack.extension.privacyUrl"));
        assertThat(props).containsEntry("Microsoft.VisualStudio.Services.Links.Support",
                System.getProperty("flowtrack.extension.supportUrl"));
        assertThat(props.get("Microsoft.VisualStudio.Services.Links.Privacypolicy")).startsWith("https://");
    }

    @Test
    void theListingSaysWhatDataGoesWhere() {
        List<String> details = assets().get("Microsoft.VisualStudio.Services.Content.Details");
        assertThat(details).containsExactly("overview.md");
        String overview = text("overview.md");
        assertThat(overview).contains("## What data goes where", "vso.work", "flow fields", "Titles and assigned-to",
                "Never descriptions, comments, attachments", "purge", "privacy policy", "THIRD-PARTY-NOTICES.txt");
    }

    @Test
    void screenshotsAreRealPagesTheManifestNames() throws IOException {
        List<String> shots = new ArrayList<>();
        assets().forEach((type, paths) -> {
            if (type.startsWith("Microsoft.VisualStudio.Services.Screenshots.")) {
                shots.addAll(paths);
            }
        });
        // tfx turns the source manifest's "screenshots" into assets and leaves them out of extension.vsomanifest.
        JsonNode source = JSON.readTree(Path.of(System.getProperty("flowtrack.basedir"), "vss-extension.json").toFile());
        List<String> named = new ArrayList<>();
        source.path("screenshots").forEach(s -> named.add(s.get("path").asText()));
        assertThat(shots).hasSize(3).containsExactlyInAnyOrderElementsOf(named);
        for (String shot : shots) {
            BufferedImage img = image(shot);
            assertThat(img.getWidth()).as(shot).isGreaterThanOrEqualTo(320);
            // A drawn page, not a blank or a placeholder: many distinct colours (charts, text, anti-aliasing).
            Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    colours.add(img.getRGB(x, y) & 0xffffff);
                }
            }
            assertThat(colours.size()).as(shot + " distinct colours").isGreaterThan(200);
        }
    }

    @Test
    void shipsTheNoticesOfEveryBundledPackage() throws IOException {
        String notices = text("THIRD-PARTY-NOTICES.txt");
        Set<String> packages = new TreeSet<>();
        entries.keySet().stream().filter(n -> n.matches("licenses/[^/]+/about\\.json")).forEach(n -> packages.add(n.split("/")[1]));
        // The dashboard bundle's packages (its esbuild legal comments name them) and the pages' own.
        assertThat(packages).contains("echarts", "zrender", "tslib", "papaparse", "azure-devops-extension-sdk",
                "azure-devops-extension-api");
        String legal = text("dist/lib/flowtrack-dashboard.js.LEGAL.txt");
        Matcher named = Pattern.compile("(?m)^([a-z@][\\w./-]*?)/[\\w./-]+\\.js:$").matcher(legal);
        while (named.find()) {
            assertThat(packages).as("a package named in the bundle's legal comments").contains(named.group(1).split("/")[0]);
        }
        for (String pkg : packages) {
            JsonNode about = JSON.readTree(entry("licenses/" + pkg + "/about.json"));
            assertThat(notices).contains("- " + about.get("name").asText() + " " + about.get("version").asText());
            entries.keySet().stream().filter(n -> n.startsWith("licenses/" + pkg + "/") && !n.endsWith("about.json"))
                    .forEach(n -> assertThat(notices).as(n + " in the notices").contains(text(n).strip()));
        }
        // Apache-2.0 section 4: ECharts' licence and NOTICE; the SDK's MIT notice.
        assertThat(text("licenses/echarts/LICENSE")).contains("Apache License", "Version 2.0");
        assertThat(text("licenses/echarts/NOTICE")).contains("Apache ECharts");
        assertThat(text("licenses/azure-devops-extension-sdk/LICENSE")).contains("MIT License", "Microsoft");
        assertThat(notices).contains("Apache ECharts");
    }
}
