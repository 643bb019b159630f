package io.flowtrack.jira.rest;

import com.atlassian.annotations.security.LicensedOnly;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.user.ApplicationUser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.jira.audit.ReadAudit;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code GET /rest/flowtrack/1.0/audit/reads[?project=KEY][&limit=N]}: every audited report read, newest first —
 * including JQL and filter reports that used no project's configuration — for Jira administrators only. Project
 * administrators read their project's reads with {@code GET config/{KEY}/audit}.
 */
@Path("/audit")
@LicensedOnly
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final Access access;
    private final ReadAudit reads;

    @Inject
    public AuditResource(Access access, ReadAudit reads) {
        this.access = access;
        this.reads = reads;
    }

    @GET
    @Path("/reads")
    public Response reads(@QueryParam("project") String projectKey, @QueryParam("limit") String limit) {
        return Responses.run(() -> {
            ApplicationUser user = access.jiraAdministrator(access.user());
            Project project = projectKey == null ? null : access.browsable(user, projectKey);
            int rows = RowLimit.parse(limit);
            ObjectNode body = Responses.mapper().createObjectNode();
            body.put("project", project == null ? null : project.getKey());
            ReadsJson.write(reads.reads(project == null ? null : project.getId(), rows), body.putArray("reads"));
            return Responses.json(200, body.toString());
        });
    }
}
