package io.flowtrack.jira.rest;

import com.atlassian.annotations.security.LicensedOnly;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.user.ApplicationUser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.config.AuditEntry;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.jira.config.FlowConfigJson;
import io.flowtrack.jira.config.FlowConfigService;
import java.io.InputStream;
import java.util.Optional;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code /rest/flowtrack/1.0/config/{projectKey}}: a project's flow configuration. Read by anyone who may
 * browse the project; written, reset and audited only by its administrators (or Jira administrators). The audit
 * ({@code GET …/audit}) lists the configuration changes and the report reads that used the project's configuration.
 * A status id that Jira does not know is refused, so a configuration never silently maps nothing.
 */
@Path("/config/{projectKey}")
@LicensedOnly
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    private final Access access;
    private final FlowConfigService configs;
    private final ReadAudit reads;
    private final FlowConfigJson json = new FlowConfigJson();

    @Inject
    public ConfigResource(Access access, FlowConfigService configs, ReadAudit reads) {
        this.access = access;
        this.configs = configs;
        this.reads = reads;
    }

    @GET
    public Response read(@PathParam("projectKey") String projectKey) {
        return Responses.run(() -> {
            Project project = access.browsable(access.user(), projectKey);
            return Responses.json(200, answer(project, configs.find(project.getId())));
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response write(@PathParam("projectKey") String projectKey, InputStream body) {
        return Responses.run(() -> {
            ApplicationUser user = access.user();
            Project project = access.administrable(user, projectKey);
            FlowConfig config = configs.save(project.getId(),
                    BoundedBody.read(body, FlowConfigService.MAX_BODY_CHARS), user.getKey());
            return Responses.json(200, answer(project, Optional.of(config)));
        });
    }

    @DELETE
    public Response reset(@PathParam("projectKey") String projectKey) {
        return Responses.run(() -> {
            ApplicationUser user = access.user();
            Project project = access.administrable(user, projectKey);
            configs.reset(project.getId(), user.getKey());
            return Responses.json(200, answer(project, Optional.empty()));
        });
    }

    @GET
    @Path("/audit")
    public Response audit(@PathParam("projectKey") String projectKey, @QueryParam("limit") String limit) {
        return Responses.run(() -> {
            Project project = access.administrable(access.user(), projectKey);
            int rows = RowLimit.parse(limit);
            ObjectNode body = Responses.mapper().createObjectNode();
            body.put("project", project.getKey());
            ArrayNode entries = body.putArray("entries");
            for (AuditEntry e : configs.audit(project.getId(), rows)) {
                ObjectNode row = entries.addObject();
                row.put("actorKey", e.actorKey());
                row.put("at", e.at().toString());
                row.put("action", e.action());
                row.put("details", e.details());
            }
            ReadsJson.write(reads.reads(project.getId(), rows), body.putArray("reads"));
            return Responses.json(200, body.toString());
        });
    }

    private String answer(Project project, Optional<FlowConfig> config) {
        ObjectNode body = Responses.mapper().createObjectNode();
        ObjectNode p = body.putObject("project");
        p.put("id", project.getId());
        p.put("key", project.getKey());
        p.put("name", project.getName());
        body.put("configured", config.isPresent());
        if (config.isPresent()) {
            body.set("config", json.toJson(config.get()));
        } else {
            body.putNull("config");
        }
        return body.toString();
    }
}
