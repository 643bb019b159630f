package io.flowtrack.azdo.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CycloneDX SBOMs the build wrote for what the .vsix ships: the extension's runtime npm packages and the
 * dashboard bundle's (ECharts is bundled into the pages); no build tool is listed as shipped.
 */
class SbomIT {
    private static final Path TARGET = Path.of(System.getProperty("flowtrack.basedir", ".")).resolve("target");

    private static List<String> components(JsonNode bom) {
        List<String> names = new ArrayList<>();
        bom.get("components").forEach(c -> {
            names.add(c.get("name").asText());
            assertThat(c.get("purl").asText()).startsWith("pkg:npm/");
            assertThat(c.get("version").asText()).isNotBlank();
        });
        return names;
    }

    private static JsonNode read(String name) throws Exception {
        Path file = TARGET.resolve(name);
        assertThat(file).exists();
        JsonNode bom = new ObjectMapper().readTree(file.toFile());
        assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        return bom;
    }

    @Test
    void theExtensionsSbomListsItsRuntimePackagesAndNoBuildTool() throws Exception {
        JsonNode bom = read("flowtrack-azdo-extension-bom.json");
        assertThat(bom.get("metadata").get("component").get("name").asText()).isEqualTo("flowtrack-azdo-extension");
        assertThat(components(bom)).contains("azure-devops-extension-sdk", "azure-devops-extension-api")
                .doesNotContain("tfx-cli", "typescript", "vitest", "esbuild", "@cyclonedx/cyclonedx-npm");
    }

    @Test
    void theDashboardBundlesSbomListsEcharts() throws Exception {
        JsonNode bom = read("flowtrack-dashboard-bom.json");
        assertThat(components(bom)).contains("echarts", "zrender").doesNotContain("typescript", "esbuild");
    }
}
