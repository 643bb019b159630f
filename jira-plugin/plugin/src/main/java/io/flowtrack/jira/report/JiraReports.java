package io.flowtrack.jira.report;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Computes a report in-process, exactly as the CLI does: the issues the user may see become a
 * {@link History} built with the engine's builder, and {@link FlowEngine#report} computes every number.
 * Nothing here does metric arithmetic; it only translates Jira data and configuration.
 */
public final class JiraReports {
    /** The {@code source} of every Jira history. */
    public static final String SOURCE = "jira";

    private final IssueSearch search;
    private final StatusHistory statusHistory;
    private final DefaultWorkflow defaults;
    private final ReportGate gate;
    private final ReportCache cache;

    /**
     * @param gate  bounds the computations running at once on this node
     * @param cache computed reports, keyed by what they are computed from
     */
    public JiraReports(IssueSearch search, StatusHistory statusHistory, DefaultWorkflow defaults, ReportGate gate,
                       ReportCache cache) {
        this.search = search;
        this.statusHistory = statusHistory;
        this.defaults = defaults;
        this.gate = gate;
        this.cache = cache;
    }

    /** Without a report cache and with a bound nothing reaches (tests and the benchmark). */
    public static JiraReports uncached(IssueSearch search, StatusHistory statusHistory, DefaultWorkflow defaults) {
        return new JiraReports(search, statusHistory, defaults,
                new ReportGate(Integer.MAX_VALUE, ReportGate.DEFAULT_RETRY_AFTER_SECONDS), ReportCache.off());
    }

    /**
     * The search runs on every request, as the user; the report of what it matched comes from the cache when the
     * same issues at the same versions were reported with the same configuration and parameters, else it is
     * computed within the node's bound.
     *
     * @param user       the requesting user: the search runs with their permissions
     * @param jql        the issues to report on
     * @param config     the project configuration to apply, or empty for the status-category default
     * @param parameters the request's window, as-of, forecast …; a configured start policy, SLE and working
     *                   calendar apply unless the request names its own; the configured blocked field (default
     *                   Flagged) gives the items' blocked periods
     * @throws ReportsBusyException when the report has to be computed and the node computes as many as it allows
     */
    public Result report(ApplicationUser user, String jql, Optional<FlowConfig> config, ReportParameters parameters) {
        List<Issue> issues = search.find(user, jql);
        Supplier<Result> compute = () -> gate.run(() -> new Result(report(user, issues, config, parameters),
                issues.size()));
        Optional<MatchedIssues> matched = MatchedIssues.of(issues);
        return matched.isEmpty() ? compute.get()
                : cache.get(new ReportCache.Key(jql, config, parameters, matched.get()), compute);
    }

    /**
     * A report and how many issues it read (its items leave out removed ones, so they may be fewer).
     *
     * @param report the engine's report
     * @param issues the number of issues the search found and the report read
     */
    public record Result(Report report, int issues) {
    }

    /**
     * The report of issues already found (the benchmark and tests start here); their change history is read a
     * search page at a time.
     */
    public Report report(ApplicationUser user, List<Issue> issues, Optional<FlowConfig> config,
                         ReportParameters parameters) {
        boolean titles = config.map(FlowConfig::includeTitles).orElse(false);
        String blockedField = config.map(FlowConfig::blockedField).orElse(StatusHistory.DEFAULT_BLOCKED_FIELD);
        Set<String> statusIds = new HashSet<>();
        List<WorkItem> items = new ArrayList<>(issues.size());
        int pageSize = search.pageSize();
        for (int start = 0; start < issues.size(); start += pageSize) {
            List<Issue> page = issues.subList(start, Math.min(issues.size(), start + pageSize));
            items.addAll(statusHistory.items(page, user, titles, blockedField, statusIds));
        }
        Workflow workflow = config.map(FlowConfig::workflow).orElseGet(() -> defaults.over(statusIds));
        History history = History.builder(workflow).source(SOURCE).timeZone(parameters.timeZone())
                .ignoreUnmappedStates(true).items(items).build();
        return FlowEngine.report(history, request(parameters, config));
    }

    private static ReportRequest request(ReportParameters parameters, Optional<FlowConfig> config) {
        return config.map(c -> c.settings().request(parameters))
                .orElseGet(parameters::request);
    }
}
