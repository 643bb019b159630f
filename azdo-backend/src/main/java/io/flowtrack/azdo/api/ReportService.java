package io.flowtrack.azdo.api;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.report.HistoryAssembler;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.flowtrack.azdo.store.ProjectConfigStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.StateCategoryStore;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import io.flowtrack.metrics.report.ReportSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a project's flow report from the stored revisions, its state categories and its flow
 * configuration, with the same engine as the CLI and the Jira plugin. No metric arithmetic here.
 */
public final class ReportService {
    private final RevisionStore revisions;
    private final StateCategoryStore categories;
    private final ProjectConfigStore configs;
    private final ProjectHistories histories;

    public ReportService(RevisionStore revisions, StateCategoryStore categories, ProjectConfigStore configs) {
        this(revisions, categories, configs, ProjectHistories.off());
    }

    /** @param histories the warm, in-memory form of projects' histories ({@link ProjectHistories#off()}: none) */
    public ReportService(RevisionStore revisions, StateCategoryStore categories, ProjectConfigStore configs,
                         ProjectHistories histories) {
        this.revisions = revisions;
        this.categories = categories;
        this.configs = configs;
        this.histories = histories;
    }

    /** The stored flow configuration of the project, or empty for the default from state categories. */
    public Optional<ProjectFlowConfig> config(OrgId org, String projectId) {
        return configs.get(org, projectId).map(stored -> {
            try {
                return FlowConfigJson.read(stored.json());
            } catch (IllegalArgumentException e) {
                if (!isJson(stored.json())) {
                    // Not JSON at all: the stored row is damaged, a fault of the service (500, logged).
                    throw new IllegalStateException("the stored flow configuration of project " + projectId
                            + " cannot be read: " + e.getMessage(), e);
                }
                // JSON, but refused by the rules (stored by an older version under looser ones; issue 15 made both
                // hosts' rules one): the admin is told what to fix, and nothing is changed or guessed.
                throw new ApiException(409, "configuration_invalid", "The project's saved flow configuration no"
                        + " longer passes FlowTrack's rules (" + e.getMessage() + "). A project administrator can"
                        + " save it again in FlowTrack's project settings.");
            }
        });
    }

    private static boolean isJson(String text) {
        try {
            ApiJson.mapper().readTree(text);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The workflow the project's reports use now, as JSON. */
    public Map<String, Object> effectiveConfig(OrgId org, String projectId) {
        Optional<ProjectFlowConfig> config = config(org, projectId);
        return FlowConfigJson.of(config.map(HistoryAssembler::workflow)
                .orElseGet(() -> HistoryAssembler.defaultWorkflow(categories.list(org, projectId))), config.orElse(null));
    }

    /** The report; the project's configured start policy and SLE apply unless the query sets them. */
    public Report report(OrgId org, String projectId, ReportQuery query) {
        return report(org, projectId, query, null);
    }

    /**
     * As {@link #report(OrgId, String, ReportQuery)}, from the project's warm history at {@code dataVersion} (built
     * from the store on first use).
     *
     * @param dataVersion the project's data version, read before anything else; null reads the store
     */
    public Report report(OrgId org, String projectId, ReportQuery query, String dataVersion) {
        List<StateCategory> stateCategories = categories.list(org, projectId);
        if (stateCategories.isEmpty()) {
            throw new ApiException(409, "not_synced", "this project has not been synchronised yet; the first sync"
                    + " runs within minutes of connecting, or an admin can start one now");
        }
        ProjectFlowConfig config = config(org, projectId).orElse(null);
        ReportRequest request = query.request();
        if (config != null) {
            // The engine merges the project's start policy, SLE and calendar into what the caller did not choose.
            // The project's calendar: the report adds working-day figures beside the calendar-day ones.
            request = config.settings().request(new ReportParameters(request, query.startPolicyGiven(),
                    request.sle() != null, query.timeZone()));
        }
        try {
            Workflow workflow = config == null ? HistoryAssembler.defaultWorkflow(stateCategories)
                    : HistoryAssembler.workflow(config);
            // Stored revisions stream in (work item, rev) order straight into the engine: no project-sized list.
            ReportSession session = FlowEngine.session(workflow, query.timeZone(), HistoryAssembler.SOURCE, true, request);
            HistoryAssembler.Filter filter = new HistoryAssembler.Filter(query.areas(), Set.of(),
                    fieldFilter(org, projectId, query));
            if (dataVersion != null && histories.enabled()) {
                histories.get(new ProjectHistories.Key(org, projectId, dataVersion), () -> {
                    ProjectHistories.Builder builder = new ProjectHistories.Builder();
                    revisions.forEachRevisionForReport(org, projectId, builder);
                    return builder.build();
                }).forEach(filter, session);
            } else {
                try (HistoryAssembler.ItemStream items = new HistoryAssembler.ItemStream(filter, session)) {
                    revisions.forEachRevisionForReport(org, projectId, items);
                }
            }
            return session.finish();
        } catch (InvalidHistoryException e) {
            throw new ApiException(409, "configuration_invalid", "the project's flow configuration does not fit"
                    + " its data: " + e.problems().get(0));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The tag and extended-field filters of the query as a test of an item's latest revision, or null when it has
     * none. Each field it reads must be turned on for the organization (else nothing is stored of it: a 400).
     */
    private java.util.function.Predicate<io.flowtrack.azdo.model.WorkItemRevision> fieldFilter(OrgId org,
                                                                                              String projectId,
                                                                                              ReportQuery query) {
        Set<String> read = query.fieldsRead();
        if (read.isEmpty()) {
            return null;
        }
        Set<String> enabled = revisions.extendedFields(org);
        for (String f : read) {
            if (!enabled.contains(f)) {
                throw ApiException.badRequest((f.equals(io.flowtrack.azdo.model.FieldSelection.TAGS) ? "tag" : "field "
                        + f) + ": an organization administrator has not turned " + f + " on, so it is not stored");
            }
        }
        java.util.Map<Integer, RevisionStore.FieldValues> latest = revisions.latestFieldValues(org, projectId, read);
        return r -> {
            RevisionStore.FieldValues v = latest.get(r.workItemId());
            java.util.Map<String, String> values = v != null && v.rev() == r.rev() ? v.values() : java.util.Map.of();
            if (!query.tags().isEmpty() && query.tags().stream().noneMatch(t -> io.flowtrack.azdo.model.Tags.has(
                    values.get(io.flowtrack.azdo.model.FieldSelection.TAGS), t))) {
                return false;
            }
            for (java.util.Map.Entry<String, Set<String>> f : query.fields().entrySet()) {
                String value = values.get(f.getKey());
                if (value == null || !f.getValue().contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        };
    }
}
