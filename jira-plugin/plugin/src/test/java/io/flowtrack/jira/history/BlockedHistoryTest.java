package io.flowtrack.jira.history;

import static io.flowtrack.jira.JiraFixture.DONE;
import static io.flowtrack.jira.JiraFixture.FLAG_OPTION;
import static io.flowtrack.jira.JiraFixture.IMPEDIMENT;
import static io.flowtrack.jira.JiraFixture.IN_PROGRESS;
import static io.flowtrack.jira.JiraFixture.OPEN;
import static io.flowtrack.jira.JiraFixture.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.user.ApplicationUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowtrack.jira.JiraFixture;
import io.flowtrack.jira.JiraFixture.Change;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.BlockedPeriod;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.ReportParameters;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocked periods from the change history of the project's blocked field (Jira Software's Flagged by default), read
 * by each of the three reads — one QueryDSL query per page (H2 shaped like Jira's tables), Jira's bulk read and the
 * per-issue fallback — and the blocked time the engine reports from them.
 *
 * <p>FT-1: in progress 03-02 10:00, flagged 03-03 10:00, cleared 03-04 16:00 (30 h), flagged 03-05 10:00, cleared
 * 12:00 (2 h), done 03-06 10:00: blocked 32 h of a 96 h cycle. FT-2: in progress 03-05 10:00, flagged 03-08 09:00 and
 * still flagged at asOf 03-10 09:00: blocked 48 h and blocked now. FT-3: never flagged.
 */
class BlockedHistoryTest {
    private static final String AS_OF = "2024-03-10T09:00:00Z";
    private static final double HOUR = 3600;
    private JiraChangeTables tables = new JiraChangeTables();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ApplicationUser user = mock(ApplicationUser.class);

    @AfterEach
    void close() throws Exception {
        tables.close();
    }

    /** An issue in the fixture (per-issue and bulk reads) and in Jira's tables (the query read). */
    private Issue issue(JiraFixture jira, String key, String current, Change... changes) {
        Issue issue = jira.issue(key, "Story", "2024-03-01T09:00:00Z", current, changes);
        for (Change c : changes) {
            tables.group(issue.getId(), Instant.parse(c.at()), new String[] {"status", c.from(), c.to()});
        }
        return issue;
    }

    /** The field set to "Impediment" or cleared, in both Jiras. */
    private void flag(JiraFixture jira, Issue issue, String field, String at, boolean set, boolean wasSet) {
        jira.flag(issue, field, at, wasSet, set);
        tables.customItem(issue.getId(), Instant.parse(at), field, wasSet ? FLAG_OPTION : null,
                wasSet ? IMPEDIMENT : null, set ? FLAG_OPTION : null, set ? IMPEDIMENT : null);
    }

    private List<Issue> scenario(JiraFixture jira, String field) {
        Issue ft1 = issue(jira, "FT-1", DONE, change("2024-03-02T10:00:00Z", OPEN, IN_PROGRESS),
                change("2024-03-06T10:00:00Z", IN_PROGRESS, DONE));
        flag(jira, ft1, field, "2024-03-03T10:00:00Z", true, false);
        flag(jira, ft1, field, "2024-03-04T16:00:00Z", false, true);
        flag(jira, ft1, field, "2024-03-05T10:00:00Z", true, false);
        flag(jira, ft1, field, "2024-03-05T12:00:00Z", false, true);
        Issue ft2 = issue(jira, "FT-2", IN_PROGRESS, change("2024-03-05T10:00:00Z", OPEN, IN_PROGRESS));
        flag(jira, ft2, field, "2024-03-08T09:00:00Z", true, false);
        Issue ft3 = issue(jira, "FT-3", IN_PROGRESS, change("2024-03-04T10:00:00Z", OPEN, IN_PROGRESS));
        return List.of(ft1, ft2, ft3);
    }

    private JsonNode report(JiraFixture jira, QueryDslStatusChanges query, List<Issue> issues,
                            Optional<FlowConfig> config) throws Exception {
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0), query);
        JiraReports reports = JiraReports.uncached(new IssueSearch(mock(SearchService.class), new SearchLimits(100, 50)),
                history, new DefaultWorkflow(jira.statusManager));
        ReportParameters parameters = ReportParameters.read(Map.of("asOf", AS_OF)::get, ZoneOffset.UTC);
        return mapper.readTree(ReportWriter.toJson(reports.report(user, issues, config, parameters), false));
    }

    private static JsonNode item(JsonNode report, String id) {
        for (JsonNode item : report.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + report.get("items"));
    }

    /** The blocked figures of the scenario, whichever read produced them. */
    private static void assertBlockedTime(JsonNode report) {
        assertThat(item(report, "FT-1").get("blockedSeconds").asDouble()).isEqualTo(32 * HOUR);
        assertThat(item(report, "FT-1").get("blockedNow").asBoolean()).isFalse();
        assertThat(item(report, "FT-2").get("blockedSeconds").asDouble()).isEqualTo(48 * HOUR);
        assertThat(item(report, "FT-2").get("blockedNow").asBoolean()).isTrue();
        assertThat(item(report, "FT-3").get("blockedSeconds").asDouble()).isZero();
        assertThat(item(report, "FT-3").get("blockedNow").asBoolean()).isFalse();
        JsonNode blocked = report.get("blocked");
        assertThat(blocked.get("items").asInt()).isEqualTo(1);
        assertThat(blocked.get("share").asDouble()).isCloseTo(32.0 / 96, within(1e-9));
        assertThat(blocked.get("now").asInt()).isEqualTo(1);
    }

    @Test
    void flaggedSetThenClearedIsBlockedTimeThroughTheOneQueryPerPage() throws Exception {
        JiraFixture jira = new JiraFixture();
        List<Issue> issues = scenario(jira, StatusHistory.DEFAULT_BLOCKED_FIELD);
        tables.statements.set(0);
        QueryDslStatusChanges query = new QueryDslStatusChanges(List.of(tables));
        JsonNode report = report(jira, query, issues, Optional.empty());
        assertBlockedTime(report);
        assertThat(query.available()).isTrue();
        assertThat(tables.statements).as("status and Flagged items in one query").hasValue(1);
        verify(jira.changeHistory, never()).getChangeItemsForField(any(), anyString());
    }

    @Test
    void flaggedSetThenClearedIsBlockedTimeThroughThePerIssueFallback() throws Exception {
        JiraFixture jira = new JiraFixture();
        List<Issue> issues = scenario(jira, StatusHistory.DEFAULT_BLOCKED_FIELD);
        assertBlockedTime(report(jira, QueryDslStatusChanges.none(), issues, Optional.empty()));
        verify(jira.changeHistory).getChangeItemsForField(issues.get(0), StatusHistory.DEFAULT_BLOCKED_FIELD);
    }

    @Test
    void flaggedSetThenClearedIsBlockedTimeThroughJirasBulkRead() throws Exception {
        JiraFixture jira = new JiraFixture(true);
        List<Issue> issues = scenario(jira, StatusHistory.DEFAULT_BLOCKED_FIELD);
        assertBlockedTime(report(jira, QueryDslStatusChanges.none(), issues, Optional.empty()));
        assertThat(jira.bulkCalls).hasSize(1);
        verify(jira.changeHistory, never()).getChangeItemsForField(any(), anyString());
    }

    /** The admin names another field: only its history is read, and Flagged changes no longer count. */
    @Test
    void aDifferentConfiguredFieldIsTheOnlyOneReadByEachRead() throws Exception {
        FlowConfig config = new FlowConfig(List.of(
                new Stage("To Do", Category.PROPOSED, List.of(OPEN)),
                new Stage("Doing", Category.ACTIVE, List.of(IN_PROGRESS)),
                new Stage("Done", Category.DONE, List.of(DONE))), null, StartPolicy.FIRST, null, false,
                "Blocked", null);
        for (int read = 0; read < 2; read++) {
            JiraFixture jira = new JiraFixture();
            tables.close();
            tables = new JiraChangeTables();
            List<Issue> issues = scenario(jira, "Blocked");
            // Flagged as well, over the whole of FT-3's life: not the configured field, so not blocked time.
            flag(jira, issues.get(2), StatusHistory.DEFAULT_BLOCKED_FIELD, "2024-03-04T11:00:00Z", true, false);
            QueryDslStatusChanges query = read == 0 ? new QueryDslStatusChanges(List.of(tables))
                    : QueryDslStatusChanges.none();
            JsonNode report = report(jira, query, issues, Optional.of(config));
            assertBlockedTime(report);
            if (read == 1) {
                verify(jira.changeHistory).getChangeItemsForField(issues.get(2), "Blocked");
                verify(jira.changeHistory, never()).getChangeItemsForField(any(),
                        eq(StatusHistory.DEFAULT_BLOCKED_FIELD));
            }
        }
    }

    /** An issue whose first Flagged item clears it was flagged when it was created (Jira writes no item then). */
    @Test
    void aFirstItemThatClearsTheFlagMeansFlaggedSinceCreation() {
        JiraFixture jira = new JiraFixture();
        Issue issue = jira.issue("FT-7", "Story", "2024-03-01T09:00:00Z", IN_PROGRESS,
                change("2024-03-01T10:00:00Z", OPEN, IN_PROGRESS));
        // Only a clearing item, from Impediment: the issue was flagged from its creation until 03-03 09:00.
        jira.flag(issue, StatusHistory.DEFAULT_BLOCKED_FIELD, "2024-03-03T09:00:00Z", true, false);
        StatusHistory history = new StatusHistory(jira.changeHistory, new HistoryCache(0), QueryDslStatusChanges.none());
        WorkItem item = history.items(List.of(issue), user, false, new HashSet<>()).get(0);
        assertThat(item.blocked()).containsExactly(new BlockedPeriod(Instant.parse("2024-03-01T09:00:00Z"),
                Instant.parse("2024-03-03T09:00:00Z")));
    }
}
