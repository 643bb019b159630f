package io.flowtrack.azdo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/azuredeploy.json, the Azure Container Apps deployment, checked as far as can be without Azure or an ARM
 * engine here: its expressions name only declared parameters and variables and balance; no secret is in it (secrets
 * are Key Vault references read with the managed identity); the app's ports, probes and settings match what the
 * backend listens on and accepts.
 */
class DeployTemplateTest {
    private static JsonNode template;
    private static JsonNode parametersExample;

    @BeforeAll
    static void read() throws Exception {
        Path deploy = Path.of("..", "deploy");
        ObjectMapper json = new ObjectMapper();
        template = json.readTree(deploy.resolve("azuredeploy.json").toFile());
        parametersExample = json.readTree(deploy.resolve("azuredeploy.parameters.example.json").toFile());
    }

    private static JsonNode resource(String type) {
        for (JsonNode r : template.get("resources")) {
            if (r.get("type").asText().equals(type)) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " in the template");
    }

    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.fieldNames().forEachRemaining(out::add);
        node.elements().forEachRemaining(child -> strings(child, out));
    }

    @Test
    void everyExpressionBalancesAndNamesDeclaredParametersAndVariables() {
        assertThat(template.get("$schema").asText()).contains("deploymentTemplate.json");
        Set<String> parameters = new HashSet<>();
        template.get("parameters").fieldNames().forEachRemaining(parameters::add);
        Set<String> variables = new HashSet<>();
        template.get("variables").fieldNames().forEachRemaining(variables::add);
        List<String> all = new ArrayList<>();
        strings(template, all);
        Pattern reference = Pattern.compile("(parameters|variables)\\('([^']+)'\\)");
        Set<String> usedParameters = new HashSet<>();
        for (String s : all) {
            if (!s.startsWith("[") || s.startsWith("[[")) {
                continue;
            }
            assertThat(s).as("an expression is one [...]").endsWith("]");
            int depth = 0;
            boolean quoted = false;
            for (char ch : s.substring(1, s.length() - 1).toCharArray()) {
                if (ch == '\'') {
                    quoted = !quoted;
                } else if (!quoted && ch == '(') {
                    depth++;
                } else if (!quoted && ch == ')') {
                    depth--;
                    assertThat(depth).as("parentheses in " + s).isNotNegative();
                }
            }
            assertThat(depth).as("parentheses in " + s).isZero();
            assertThat(quoted).as("quotes in " + s).isFalse();
            Matcher m = reference.matcher(s);
            while (m.find()) {
                if (m.group(1).equals("parameters")) {
                    assertThat(parameters).as("declared parameter in " + s).contains(m.group(2));
                    usedParameters.add(m.group(2));
                } else {
                    assertThat(variables).as("declared variable in " + s).contains(m.group(2));
                }
            }
        }
        assertThat(usedParameters).as("every parameter is used").containsAll(parameters);
        parametersExample.get("parameters").fieldNames().forEachRemaining(p ->
                assertThat(parameters).as("the example sets declared parameters").contains(p));
    }

    @Test
    void noSecretIsInTheTemplateOrItsParameters() {
        template.get("parameters").fields().forEachRemaining(p -> {
            if (p.getKey().matches("(?i).*(password|secret|key).*") && !p.getKey().equals("keyVaultName")) {
                assertThat(p.getValue().get("type").asText()).as(p.getKey()).isEqualTo("securestring");
                assertThat(p.getValue().has("defaultValue")).as(p.getKey() + " has no default").isFalse();
            }
        });
        // The example parameters file takes the database password from Key Vault, never a value.
        JsonNode password = parametersExample.get("parameters").get("databaseAdminPassword");
        assertThat(password.has("value")).isFalse();
        assertThat(password.get("reference").get("secretName").asText()).isEqualTo("flowtrack-database-password");

        List<String> all = new ArrayList<>();
        strings(template, all);
        strings(parametersExample, all);
        for (String s : all) {
            assertThat(s).as("no data key (base64 of 32 bytes)").doesNotContainPattern("[A-Za-z0-9+/]{43}=");
            assertThat(s).as("no credentials in a URL").doesNotContainPattern("(?i)(password|pwd)=");
            assertThat(s).as("no PAT or client secret").doesNotContainPattern("(?i)(pat|secret)-[a-z0-9]{16,}");
        }
        for (String type : new String[] {"Microsoft.App/containerApps", "Microsoft.App/jobs"}) {
            JsonNode r = resource(type);
            assertThat(r.get("identity").get("type").asText()).isEqualTo("UserAssigned");
            JsonNode container = r.get("properties").get("template").get("containers").get(0);
            assertThat(container.get("env").asText()).isEqualTo("[variables('env')]");
            assertThat(r.get("properties").get("configuration").get("secrets").asText())
                    .isEqualTo("[variables('secrets')]");
        }
        for (JsonNode secret : template.get("variables").get("secrets")) {
            assertThat(secret.has("value")).as("a Key Vault reference, never a value").isFalse();
            assertThat(secret.get("keyVaultUrl").asText()).contains("variables('vaultUri')");
            assertThat(secret.get("identity").asText()).contains("userAssignedIdentities");
        }
        Map<String, JsonNode> env = env();
        for (String name : new String[] {"FLOWTRACK_DATA_KEYS", "FLOWTRACK_EXTENSION_SECRETS",
                "FLOWTRACK_DATABASE_PASSWORD"}) {
            assertThat(env.get(name).has("value")).as(name + " is a secret reference").isFalse();
            assertThat(env.get(name).get("secretRef").asText()).isNotBlank();
        }
        // The identity may read the vault's secrets (Key Vault Secrets User), nothing more.
        JsonNode role = resource("Microsoft.Authorization/roleAssignments");
        assertThat(role.get("scope").asText()).contains("Microsoft.KeyVault/vaults/");
        assertThat(template.get("variables").get("keyVaultSecretsUserRole").asText())
                .isEqualTo("4633458b-17de-408a-b874-0445c86b69e6");
    }

    private static Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new HashMap<>();
        template.get("variables").get("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    @Test
    void theBackendAcceptsTheSettingsAndTheProbesAndIngressMatchItsPorts() {
        Map<String, JsonNode> env = env();
        int apiPort = template.get("variables").get("apiPort").asInt();
        int managementPort = template.get("variables").get("managementPort").asInt();
        // The settings as the backend will see them: expressions replaced by values of the right form.
        Map<String, String> settings = new HashMap<>();
        env.forEach((name, e) -> settings.put(name, e.has("secretRef") ? null : e.get("value").asText()));
        settings.put("FLOWTRACK_PORT", Integer.toString(apiPort));
        settings.put("FLOWTRACK_MANAGEMENT_PORT", Integer.toString(managementPort));
        settings.put("FLOWTRACK_DATABASE_URL", "jdbc:postgresql://server.postgres.database.azure.com:5432/flowtrack"
                + "?sslmode=require");
        settings.put("FLOWTRACK_DATABASE_USER", "flowtrack");
        settings.put("FLOWTRACK_DATABASE_PASSWORD", "from-key-vault");
        settings.put("FLOWTRACK_DATA_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                "0123456789abcdef0123456789ABCDEF".getBytes()));
        settings.put("FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001");
        settings.put("FLOWTRACK_EXTENSION_AUDIENCE", "");
        settings.put("FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io");
        assertThat(settings.keySet()).as("every setting in the template").containsExactlyInAnyOrderElementsOf(
                env.keySet());
        BackendConfig config = ConfigLoader.load(settings, null, false);
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.managementPort()).isEqualTo(9090).isNotEqualTo(config.port());
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(env.get("FLOWTRACK_DATABASE_URL").get("value").asText()).contains("jdbc:postgresql://",
                "sslmode=require");

        JsonNode app = resource("Microsoft.App/containerApps").get("properties");
        JsonNode ingress = app.get("configuration").get("ingress");
        assertThat(ingress.get("targetPort").asText()).isEqualTo("[variables('apiPort')]");
        assertThat(ingress.get("allowInsecure").asBoolean()).isFalse();
        assertThat(apiPort).isEqualTo(8080);
        Map<String, JsonNode> probes = new HashMap<>();
        JsonNode container = app.get("template").get("containers").get(0);
        container.get("probes").forEach(p -> probes.put(p.get("type").asText(), p.get("httpGet")));
        assertThat(probes).containsOnlyKeys("Startup", "Liveness", "Readiness");
        assertThat(probes.get("Liveness").get("path").asText()).isEqualTo("/health");
        assertThat(probes.get("Startup").get("path").asText()).isEqualTo("/health");
        assertThat(probes.get("Readiness").get("path").asText()).isEqualTo("/ready");
        probes.values().forEach(p -> assertThat(p.get("port").asText()).isEqualTo("[variables('managementPort')]"));
        assertThat(managementPort).isEqualTo(9090);
        // /tmp, the image's one writable place, is an emptyDir volume.
        assertThat(container.get("volumeMounts").get(0).get("mountPath").asText()).isEqualTo("/tmp");

        JsonNode job = resource("Microsoft.App/jobs").get("properties").get("template").get("containers").get(0);
        assertThat(job.get("args").get(0).asText()).isEqualTo("rotate-keys");
    }

    @Test
    void theDatabaseIsPostgresqlWithBackupsAndTls() throws Exception {
        JsonNode pg = resource("Microsoft.DBforPostgreSQL/flexibleServers").get("properties");
        assertThat(Integer.parseInt(pg.get("version").asText())).isGreaterThanOrEqualTo(14);
        assertThat(pg.get("administratorLoginPassword").asText()).isEqualTo("[parameters('databaseAdminPassword')]");
        assertThat(pg.get("backup").get("backupRetentionDays").asText()).isEqualTo("[parameters('backupRetentionDays')]");
        assertThat(template.get("parameters").get("backupRetentionDays").get("minValue").asInt())
                .isGreaterThanOrEqualTo(7);
        assertThat(pg.get("storage").get("autoGrow").asText()).isEqualTo("Enabled");
        assertThat(Files.exists(Path.of("..", "docs", "operations.md"))).isTrue();
    }
}
