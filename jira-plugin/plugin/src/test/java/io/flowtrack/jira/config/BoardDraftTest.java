package io.flowtrack.jira.config;

import static org.assertj.core.api.Assertions.assertThat;
import io.flowtrack.metrics.model.Stage;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.model.Category;
import org.junit.jupiter.api.Test;

/**
 * The settings page drafts a configuration from a board's columns in the browser (configFromColumns in
 * js/flowtrack-host.js, whose node test expects exactly these drafts); the server must accept such a draft as it is,
 * so that Save works without edits. The same shapes, read by the server's own reader and validator.
 */
class BoardDraftTest {
    private final FlowConfigJson json = new FlowConfigJson();

    @Test
    void aDraftFromFourColumnsIsAValidConfiguration() {
        FlowConfig config = json.read("""
                {"stages": [{"name": "Backlog", "category": "proposed", "statuses": ["10000"]},
                            {"name": "Doing", "category": "active", "statuses": ["3"]},
                            {"name": "doing (2)", "category": "active", "statuses": ["10003"]},
                            {"name": "Done", "category": "done", "statuses": ["10002"]}],
                 "commitmentStage": "Doing", "startPolicy": "last", "sle": {"days": 14, "percentile": 85},
                 "includeTitles": true}""");
        assertThat(config.stages()).extracting(Stage::category)
                .containsExactly(Category.PROPOSED, Category.ACTIVE, Category.ACTIVE, Category.DONE);
        assertThat(config.workflow()).isNotNull();
    }

    @Test
    void aDraftFromTwoColumnsIsAValidConfiguration() {
        FlowConfig config = json.read("""
                {"stages": [{"name": "Doing", "category": "active", "statuses": ["3"]},
                            {"name": "Column 2", "category": "done", "statuses": ["10002"]}],
                 "commitmentStage": "Doing", "startPolicy": "first", "sle": null, "includeTitles": false}""");
        assertThat(config.commitmentStage()).isEqualTo("Doing");
    }

    @Test
    void theServerStillRefusesWhatTheDraftNeverMakes() {
        assertThatThrownBy(() -> json.read("""
                {"stages": [{"name": "Doing", "category": "active", "statuses": ["3"]},
                            {"name": "Done", "category": "done", "statuses": ["3"]}],
                 "commitmentStage": "Doing"}""")).isInstanceOf(IllegalArgumentException.class);
    }
}
