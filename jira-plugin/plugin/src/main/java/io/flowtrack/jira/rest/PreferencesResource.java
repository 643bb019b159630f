package io.flowtrack.jira.rest;

import com.atlassian.annotations.security.LicensedOnly;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.user.ApplicationUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.jira.prefs.PreferencesStore;
import io.flowtrack.jira.prefs.UserControls;
import java.io.InputStream;
import java.util.Optional;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code /rest/flowtrack/1.0/preferences/{projectKey}}: the logged-in user's own dashboard controls for a project's
 * flow page. Only the user themselves reads or writes them, and only for a project they may browse (anything else
 * answers like a project that does not exist). The body is validated field by field before it is stored.
 */
@Path("/preferences/{projectKey}")
@LicensedOnly
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {
    private final Access access;
    private final PreferencesStore store;

    @Inject
    public PreferencesResource(Access access, PreferencesStore store) {
        this.access = access;
        this.store = store;
    }

    @GET
    public Response read(@PathParam("projectKey") String projectKey) {
        return Responses.run(() -> {
            ApplicationUser user = access.user();
            Project project = access.browsable(user, projectKey);
            return Responses.json(200, answer(project, store.find(user.getKey(), project.getId())));
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response write(@PathParam("projectKey") String projectKey, InputStream body) {
        return Responses.run(() -> {
            ApplicationUser user = access.user();
            Project project = access.browsable(user, projectKey);
            String controls = UserControls.canonical(BoundedBody.read(body, UserControls.MAX_BODY));
            store.save(user.getKey(), project.getId(), controls);
            return Responses.json(200, answer(project, Optional.of(controls)));
        });
    }

    private static String answer(Project project, Optional<String> controls) {
        ObjectNode body = Responses.mapper().createObjectNode();
        body.put("project", project.getKey());
        try {
            body.set("controls", controls.isPresent() ? Responses.mapper().readTree(controls.get())
                    : NullNode.getInstance());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored controls are not JSON", e);
        }
        return body.toString();
    }
}
