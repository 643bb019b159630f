package io.flowtrack.jira.report;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.REVIEW;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.jira.issue.Issue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class JiraReportsTest {
    private final JiraFixture jira = new JiraFixture();
    private final StatusHistory statusHistory = new StatusHistory(jira.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none());
    private final JiraReports reports = JiraReports.uncached(
            new IssueSearch(Mockito.mock(com.atlassian.jira.bc.issue.search.SearchService.class),
                    new SearchLimits(100, 10)),
            statusHistory, new DefaultWorkflow(jira.statusManager));
    private final ObjectMapper mapper = new ObjectMapper();
    private final com.atlassian.jira.user.ApplicationUser user = Mockito.mock(com.atlassian.jira.user.ApplicationUser.class);

    private List<Issue> issues() {
        List<Issue> issues = new ArrayList<>(jira.twoIssues());
        issues.add(jira.issue("FT-3", "Story", "2024-03-03T09:00:00Z", OPEN));
        return issues;
    }

    private static ReportParameters asOf(String date, Map<String, String> more) {
        Map<String, String> query = new java.util.HashMap<>(more);
        query.put("asOf", date);
        return ReportParameters.read(query::get, ZoneOffset.UTC);
    }

    private JsonNode json(io.flowtrack.metrics.report.Report report) throws Exception {
        return mapper.readTree(ReportWriter.toJson(report, false));
    }

    @Test
    void theDefaultWorkflowComesFromStatusCategories() throws Exception {
        JsonNode report = json(reports.report(user, issues(), Optional.empty(), asOf("2024-03-10", Map.of())));
        assertThat(report.get("format").asText()).isEqualTo("flowtrack-report/1");
        assertThat(report.get("source").asText()).isEqualTo("jira");
        assertThat(report.get("stages")).extracting(JsonNode::asText)
                .containsExactly(DefaultWorkflow.TO_DO, DefaultWorkflow.IN_PROGRESS, DefaultWorkflow.DONE);
        // FT-1: in progress 03-02, done 03-04 -> 3 days; FT-2: in progress since 03-05 -> age 6 on 03-10.
        assertThat(report.get("cycleTime").get("count").asInt()).isEqualTo(1);
        assertThat(report.get("cycleTime").get("percentiles").get("85").asInt()).isEqualTo(3);
        assertThat(report.get("aging").get("items")).hasSize(1);
        assertThat(report.get("aging").get("items").get(0).get("id").asText()).isEqualTo("FT-2");
        assertThat(report.get("aging").get("items").get(0).get("ageDays").asInt()).isEqualTo(6);
        assertThat(report.get("items")).hasSize(3);
        assertThat(report.toString()).doesNotContain("Summary of");
    }

    @Test
    void theNumbersAreTheEngineOwnForTheSameHistory() throws Exception {
        // The plugin only translates: the same items through History.builder and FlowEngine give the same JSON.
        List<Issue> issues = issues();
        ReportParameters parameters = asOf("2024-03-10", Map.of("forecastItems", "5", "seed", "42"));
        String viaPlugin = ReportWriter.toJson(reports.report(user, issues, Optional.empty(), parameters), false);
        HashSet<String> seen = new HashSet<>();
        List<WorkItem> items = issues.stream().map(i -> statusHistory.item(i, false, seen)).toList();
        History history = History.builder(new DefaultWorkflow(jira.statusManager).over(seen)).source("jira")
                .timeZone(ZoneOffset.UTC).ignoreUnmappedStates(true).items(items).build();
        String direct = ReportWriter.toJson(FlowEngine.report(history, parameters.request()), false);
        assertThat(viaPlugin).isEqualTo(direct);
    }

    @Test
    void aDeletedStatusMapsNowhereAndIsReportedAsAFinding() throws Exception {
        jira.status("10099", "Blocked", "indeterminate");
        Issue issue = jira.issue("FT-9", "Story", "2024-03-01T09:00:00Z", IN_PROGRESS,
                change("2024-03-02T10:00:00Z", OPEN, "10099"),
                change("2024-03-03T10:00:00Z", "10099", IN_PROGRESS));
        jira.delete("10099");
        JsonNode report = json(reports.report(user, List.of(issue), Optional.empty(), asOf("2024-03-10", Map.of())));
        JsonNode findings = report.get("dataQuality").get("items").get(0);
        assertThat(findings.get("id").asText()).isEqualTo("FT-9");
        assertThat(findings.get("findings").get(0).get("kind").asText()).isEqualTo("unmappedStates");
        assertThat(findings.get("findings").get(0).get("detail").asText()).contains("10099");
    }

    @Test
    void aProjectConfigurationSetsStagesStartPolicySleAndTitles() throws Exception {
        FlowConfig config = new FlowConfig(List.of(
                new Stage("Backlog", Category.PROPOSED, List.of(OPEN)),
                new Stage("Doing", Category.ACTIVE, List.of(IN_PROGRESS)),
                new Stage("Review", Category.WAITING, List.of(REVIEW)),
                new Stage("Shipped", Category.DONE, List.of(DONE))),
                "Doing", StartPolicy.LAST, new ReportRequest.Sle(5, 85), true);
        JsonNode report = json(reports.report(user, issues(), Optional.of(config), asOf("2024-03-10", Map.of())));
        assertThat(report.get("stages")).extracting(JsonNode::asText)
                .containsExactly("Backlog", "Doing", "Review", "Shipped");
        assertThat(report.get("startPolicy").asText()).isEqualTo("last");
        assertThat(report.get("commitmentStage").asText()).isEqualTo("Doing");
        assertThat(report.get("sle").get("days").asInt()).isEqualTo(5);
        assertThat(report.toString()).contains("Summary of FT-1");

        JsonNode overridden = json(reports.report(user, issues(), Optional.of(config),
                asOf("2024-03-10", Map.of("startPolicy", "first", "sleDays", "9"))));
        assertThat(overridden.get("startPolicy").asText()).isEqualTo("first");
        assertThat(overridden.get("sle").get("days").asInt()).isEqualTo(9);
    }

    @Test
    void theReportIsAsOfTheRequestedInstant() throws Exception {
        JsonNode report = json(reports.report(user, issues(), Optional.empty(), asOf("2024-03-03", Map.of())));
        assertThat(Instant.parse(report.get("asOf").asText())).isEqualTo(Instant.parse("2024-03-03T23:59:59.999999999Z"));
        assertThat(report.get("cycleTime").get("count").asInt()).isZero();
    }

    @Test
    void withJirasBulkReadEachSearchPageIsOneCallAndTheReportIsTheSame() throws Exception {
        JiraFixture bulk = new JiraFixture(true);
        JiraReports inBulk = JiraReports.uncached(new IssueSearch(Mockito.mock(
                com.atlassian.jira.bc.issue.search.SearchService.class), new SearchLimits(100, 10)),
                new StatusHistory(bulk.changeHistory, new HistoryCache(0), io.flowtrack.jira.history.QueryDslStatusChanges.none()), new DefaultWorkflow(bulk.statusManager));
        List<Issue> many = new ArrayList<>();
        List<Issue> same = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            String key = "FT-" + i;
            String done = "2024-03-" + String.format("%02d", 2 + i % 7) + "T10:00:00Z";
            many.add(bulk.issue(key, "Story", "2024-03-01T09:00:00Z", DONE,
                    change("2024-03-01T10:00:00Z", OPEN, IN_PROGRESS), change(done, IN_PROGRESS, DONE)));
            same.add(jira.issue(key, "Story", "2024-03-01T09:00:00Z", DONE,
                    change("2024-03-01T10:00:00Z", OPEN, IN_PROGRESS), change(done, IN_PROGRESS, DONE)));
        }
        String viaBulk = ReportWriter.toJson(inBulk.report(user, many, Optional.empty(),
                asOf("2024-03-10", Map.of())), false);
        String perIssue = ReportWriter.toJson(reports.report(user, same, Optional.empty(),
                asOf("2024-03-10", Map.of())), false);
        assertThat(viaBulk).isEqualTo(perIssue);
        assertThat(bulk.bulkCalls).extracting(Set::size).containsExactly(10, 10, 5);
        Mockito.verify(bulk.changeHistory, Mockito.never()).getChangeItemsForField(Mockito.any(), Mockito.anyString());
    }
}
