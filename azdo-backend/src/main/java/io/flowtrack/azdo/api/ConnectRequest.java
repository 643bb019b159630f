package io.flowtrack.azdo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.auth.Guids;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.store.Credential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The connect body, validated field by field before anything is written. Its toString() shows no secret. */
record ConnectRequest(String organizationName, Credential credential, List<String> projectIds,
                      boolean includeTitleAndAssignee) {
    /** Azure DevOps organization names: letters, digits and hyphens, not starting or ending with a hyphen. */
    static final Pattern ORGANIZATION_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?");
    /** Personal access tokens and client secrets: printable ASCII without spaces, bounded. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{1,1024}");
    /** Entra tenant: a GUID or a domain name. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,126}[A-Za-z0-9])?");
    static final int MAX_PROJECTS = 200;
    static final int MAX_PEM_CHARS = 16 * 1024;
    private static final ObjectMapper PARSER = new ObjectMapper();

    static ConnectRequest parse(String text) {
        JsonNode root;
        try {
            root = PARSER.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the body (and so a secret): never pass it on.
            throw ApiException.badRequest("the body must be a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        onlyFields(root, "", Set.of("organizationName", "credential", "projects", "includeTitleAndAssignee"));
        JsonNode personal = root.get("includeTitleAndAssignee");
        if (personal != null && !personal.isNull() && !personal.isBoolean()) {
            throw ApiException.badRequest("includeTitleAndAssignee must be true or false");
        }
        JsonNode name = root.get("organizationName");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("organizationName is required");
        }
        if (!ORGANIZATION_NAME.matcher(name.asText()).matches()) {
            throw ApiException.badRequest("organizationName must be an Azure DevOps organization name: 1 to 50"
                    + " letters, digits and hyphens");
        }
        Credential credential = credential(root.get("credential"));
        List<String> ids = new ArrayList<>();
        JsonNode list = root.get("projects");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiException.badRequest("projects must be an array of project ids");
            }
            if (list.size() > MAX_PROJECTS) {
                throw ApiException.badRequest("projects: at most " + MAX_PROJECTS);
            }
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String id = list.get(i).isTextual() ? Guids.canonical(list.get(i).asText()) : null;
                if (id == null) {
                    throw ApiException.badRequest("projects[" + i + "] must be a project id (a GUID)");
                }
                if (seen.add(id)) {
                    ids.add(id);
                }
            }
        }
        return new ConnectRequest(name.asText(), credential, List.copyOf(ids),
                personal != null && personal.asBoolean(false));
    }

    private static Credential credential(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("credential is required: {\"kind\": \"pat\", \"token\"},"
                    + " {\"kind\": \"entra\", \"tenantId\", \"clientId\", \"clientSecret\"} or"
                    + " {\"kind\": \"entra_cert\", \"tenantId\", \"clientId\", \"certificate\"}");
        }
        String kind = node.path("kind").isTextual() ? node.path("kind").asText() : "";
        switch (kind) {
            case "pat" -> {
                onlyFields(node, "credential.", Set.of("kind", "token"));
                return new Credential.Pat(new Secret(secret(node, "token")));
            }
            case "entra" -> {
                onlyFields(node, "credential.", Set.of("kind", "tenantId", "clientId", "clientSecret"));
                String tenant = tenantId(node);
                String client = clientId(node);
                return new Credential.Entra(tenant, client, new Secret(secret(node, "clientSecret")));
            }
            case "entra_cert" -> {
                onlyFields(node, "credential.", Set.of("kind", "tenantId", "clientId", "certificate"));
                String tenant = tenantId(node);
                String client = clientId(node);
                JsonNode pem = node.get("certificate");
                if (pem == null || !pem.isTextual() || pem.asText().length() > MAX_PEM_CHARS) {
                    throw ApiException.badRequest("credential.certificate is required: the certificate and its"
                            + " unencrypted PKCS#8 private key as PEM, at most " + MAX_PEM_CHARS + " characters");
                }
                try {
                    AzdoCredentials.ClientAuthentication.Certificate.parse(pem.asText());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("credential.certificate: " + e.getMessage());
                }
                return new Credential.EntraCertificate(tenant, client, new Secret(pem.asText()));
            }
            default -> throw ApiException.badRequest("credential.kind must be pat, entra or entra_cert");
        }
    }

    private static String secret(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !SECRET.matcher(value.asText()).matches()) {
            throw ApiException.badRequest("credential." + field + " is required: 1 to 1024 printable characters"
                    + " without spaces");
        }
        return value.asText();
    }

    private static void onlyFields(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field " + prefix + (name.length() > 64
                        ? name.substring(0, 64) : name));
            }
        }
    }

    /** SHA-256 of the credential's kind, ids and secret: names this credential in the admin verdict cache. */
    String fingerprint() {
        String secret = credential instanceof Credential.Pat p ? p.token().reveal()
                : credential instanceof Credential.Entra e ? e.tenantId() + "/" + e.clientId() + "/"
                + e.clientSecret().reveal()
                : ((Credential.EntraCertificate) credential).tenantId() + "/"
                + ((Credential.EntraCertificate) credential).clientId() + "/"
                + ((Credential.EntraCertificate) credential).certificateAndKeyPem().reveal();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (credential.kind() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ConnectRequest[organizationName=" + organizationName + ", credential=" + credential
                + ", projects=" + projectIds + "]";
    }

    /** The Entra tenant: a GUID or a domain. */
    private static String tenantId(JsonNode node) {
        String tenant = node.path("tenantId").isTextual() ? node.path("tenantId").asText() : "";
        if (!TENANT.matcher(tenant).matches()) {
            throw ApiException.badRequest("credential.tenantId must be a tenant id (GUID) or domain");
        }
        return tenant;
    }

    /** The Entra application (client) id, canonical GUID. */
    private static String clientId(JsonNode node) {
        String client = Guids.canonical(node.path("clientId").isTextual() ? node.path("clientId").asText() : null);
        if (client == null) {
            throw ApiException.badRequest("credential.clientId must be the application (client) id, a GUID");
        }
        return client;
    }
}
