package io.flowtrack.jira.rest;

import com.atlassian.annotations.security.LicensedOnly;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.jira.audit.ReadAudit;
import io.flowtrack.jira.audit.ReportRead;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.jira.config.FlowConfigStore;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.ReportParameters;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * {@code GET /rest/flowtrack/1.0/report}: a {@code flowtrack-report/1} for
 * <ul>
 *   <li>{@code project=KEY}: the project's issues, with its configuration;</li>
 *   <li>{@code jql=…} or {@code filter=ID} (a saved filter, which Jira checks the user may see): those
 *       issues, with the configuration of {@code project} if given, else the status-category default;</li>
 * </ul>
 * plus the engine's parameters ({@link ReportParameters#NAMES}). Unknown or repeated parameters are refused,
 * so a typo never silently means "everything". Every report served is audited first ({@link ReadAudit}: who, when,
 * the selection, the parameters, how many issues); a read that cannot be audited is not served.
 */
@Path("/report")
@LicensedOnly
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    static final Set<String> SELECTION = Set.of("project", "jql", "filter");
    static final int MAX_JQL_LENGTH = 10_000;

    private final Access access;
    private final JiraReports reports;
    private final FlowConfigStore configs;
    private final ReadAudit audit;

    @Inject
    public ReportResource(Access access, JiraReports reports, FlowConfigStore configs, ReadAudit audit) {
        this.access = access;
        this.reports = reports;
        this.configs = configs;
        this.audit = audit;
    }

    @GET
    public Response report(@Context UriInfo uri) {
        return Responses.run(() -> {
            ApplicationUser user = access.user();
            MultivaluedMap<String, String> query = uri.getQueryParameters();
            checkNames(query);
            String projectKey = query.getFirst("project");
            String jql = query.getFirst("jql");
            String filter = query.getFirst("filter");
            if (jql != null && filter != null) {
                throw ApiException.badRequest("give jql or filter, not both");
            }
            Project project = projectKey == null ? null : access.browsable(user, projectKey);
            String selection;
            String kind;
            String given;
            if (jql != null) {
                if (jql.isBlank() || jql.length() > MAX_JQL_LENGTH) {
                    throw ApiException.badRequest("jql: 1 to " + MAX_JQL_LENGTH + " characters");
                }
                selection = jql;
                kind = ReportRead.JQL;
                given = jql;
            } else if (filter != null) {
                if (!filter.matches("[0-9]{1,18}")) {
                    throw ApiException.badRequest("filter: the id of a saved filter, such as 10200");
                }
                selection = "filter = " + filter;
                kind = ReportRead.FILTER;
                given = filter;
            } else if (project != null) {
                selection = "project = " + project.getId();
                kind = ReportRead.PROJECT;
                given = project.getKey();
            } else {
                throw ApiException.badRequest("say which issues: project, jql or filter");
            }
            Optional<FlowConfig> config = project == null ? Optional.empty() : configs.find(project.getId());
            // Without asOf a report is as of this minute, so that equal requests within it are equal (ReportCache).
            ReportParameters parameters = ReportParameters.read(query::getFirst, ZoneOffset.UTC,
                    audit.now().truncatedTo(ChronoUnit.MINUTES));
            JiraReports.Result result = reports.report(user, selection, config, parameters);
            audit.record(ReportRead.of(user.getKey(), audit.now(), project == null ? null : project.getId(),
                    project == null ? null : project.getKey(), kind, given, engineParameters(query),
                    result.issues()));
            return Responses.json(200, ReportWriter.toJson(result.report(), false));
        });
    }

    /** The engine parameters the request gave (the selection is audited on its own). */
    private static Map<String, String> engineParameters(MultivaluedMap<String, String> query) {
        Map<String, String> given = new TreeMap<>();
        for (String name : ReportParameters.NAMES) {
            String value = query.getFirst(name);
            if (value != null) {
                given.put(name, value);
            }
        }
        return given;
    }

    private static void checkNames(MultivaluedMap<String, String> query) {
        Set<String> known = new HashSet<>(ReportParameters.NAMES);
        known.addAll(SELECTION);
        for (var entry : query.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw ApiException.badRequest("unknown parameter '" + entry.getKey() + "'; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            List<String> values = entry.getValue();
            if (values.size() > 1) {
                throw ApiException.badRequest("parameter '" + entry.getKey() + "' given " + values.size() + " times");
            }
        }
    }
}
