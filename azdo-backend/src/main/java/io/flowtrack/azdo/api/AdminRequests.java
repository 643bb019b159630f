package io.flowtrack.azdo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.azdo.auth.Guids;
import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.flowtrack.azdo.store.AuditLog;
import io.javalin.http.Context;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The admin routes' request parsing: each reads one part of a request (path, query or body), validates it and
 * answers 400 with what was expected, before anything is written. The connect body has its own type,
 * {@link ConnectRequest}.
 */
final class AdminRequests {
    static final int MAX_BODY_CHARS = 64 * 1024;

    private AdminRequests() {
    }

    /** {@code ?limit=&before=} of the audit log. */
    record AuditQuery(int limit, Instant before) {
    }

    /** The body as text, refused beyond {@link #MAX_BODY_CHARS}. */
    static String body(Context ctx) {
        String text = ctx.body();
        if (text.length() > MAX_BODY_CHARS) {
            throw ApiException.badRequest("the body is larger than " + MAX_BODY_CHARS + " characters");
        }
        return text;
    }

    /** The path's project id, a GUID in canonical form. */
    static String projectId(Context ctx) {
        String id = Guids.canonical(ctx.pathParam("project"));
        if (id == null) {
            throw ApiException.badRequest("the project id in the path must be a GUID");
        }
        return id;
    }

    /** The configured base URL plus the validated organization name. */
    static URI organizationUrl(URI azdoBaseUrl, String organizationName) {
        if (organizationName == null || !ConnectRequest.ORGANIZATION_NAME.matcher(organizationName).matches()) {
            throw ApiException.badRequest("organizationName must be an Azure DevOps organization name: 1 to 50"
                    + " letters, digits and hyphens");
        }
        String base = azdoBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + organizationName);
    }

    /** {@code ?purge=true|false} of a disconnect (no other parameter). */
    static boolean purge(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("purge")) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; only purge=true|false");
            }
        }
        String purgeText = ctx.queryParam("purge");
        if (purgeText != null && !purgeText.equals("true") && !purgeText.equals("false")) {
            throw ApiException.badRequest("purge must be true or false");
        }
        return "true".equals(purgeText);
    }

    /** {@code ?limit=&before=}: 1 to {@link AuditLog#MAX_LIMIT} entries (100 by default) before an instant. */
    static AuditQuery auditQuery(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("limit") && !name.equals("before")) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; use limit and before");
            }
        }
        int limit = 100;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
                throw ApiException.badRequest("limit must be a whole number from 1 to " + AuditLog.MAX_LIMIT);
            }
        }
        Instant before = null;
        String beforeText = ctx.queryParam("before");
        if (beforeText != null) {
            try {
                before = Instant.parse(beforeText);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("before must be an instant such as 2025-03-01T12:00:00Z");
            }
        }
        return new AuditQuery(limit, before);
    }

    /**
     * A project's flow configuration, read by the one strict reading of both hosts' shared fields
     * ({@link FlowConfigJson#read}): valid as a workflow and in its SLE, calendar and blocked source, or a 400 naming
     * the field that is wrong.
     */
    static ProjectFlowConfig flowConfig(Context ctx) {
        try {
            return FlowConfigJson.read(body(ctx));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** {@code {"fields": ["System.Tags", "Custom.Risk"]}}: extended field reference names, at most the limit. */
    static List<String> extendedFields(ObjectMapper json, Context ctx) {
        JsonNode list = singleField(json, ctx, "fields", JsonNode::isArray, "{\"fields\": [\"Reference.Name\", ...]}");
        if (list.size() > FieldSelection.MAX_EXTENDED) {
            throw ApiException.badRequest("fields: at most " + FieldSelection.MAX_EXTENDED);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).isTextual() ? list.get(i).asText() : null;
            String refusal = FieldSelection.refusal(name);
            if (refusal != null) {
                throw ApiException.badRequest("fields[" + i + "] must be " + (name == null ? "a field reference name"
                        : "an extended field: " + refusal));
            }
            names.add(name);
        }
        return names;
    }

    /** {@code {"includeTitleAndAssignee": true|false}}. */
    static boolean personalFields(ObjectMapper json, Context ctx) {
        return singleField(json, ctx, "includeTitleAndAssignee", JsonNode::isBoolean,
                "{\"includeTitleAndAssignee\": true|false}").booleanValue();
    }

    /**
     * The one field of a body that must be exactly {@code {"name": value}} with a value of the given shape; anything
     * else is a 400 that shows the expected body.
     */
    private static JsonNode singleField(ObjectMapper json, Context ctx, String name, Predicate<JsonNode> shape,
                                        String usage) {
        JsonNode root;
        try {
            root = json.readTree(body(ctx));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be " + usage);
        }
        if (root == null || !root.isObject() || root.size() != 1 || !shape.test(root.path(name))) {
            throw ApiException.badRequest("the body must be " + usage);
        }
        return root.get(name);
    }
}
