package io.flowtrack.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSettingsTest {
    private static final List<Stage> STAGES = List.of(Stage.of("To do", Category.PROPOSED, "New"),
            Stage.of("Doing", Category.ACTIVE, "Active"), Stage.of("Done", Category.DONE, "Closed"));

    @Test
    void theStartPolicyDefaultsToFirstAndTheWorkflowIsTheEnginesOwn() {
        FlowSettings s = new FlowSettings(STAGES, null, null, null, null);
        assertThat(s.startPolicy()).isEqualTo(StartPolicy.FIRST);
        assertThat(s.workflow().commitmentStage().name()).isEqualTo("Doing");
        assertThat(s.workflow().indexOfState("Closed")).isEqualTo(2);
    }

    @Test
    void whatWorkflowOfRefusesIsRefusedOnConstruction() {
        assertThatThrownBy(() -> new FlowSettings(STAGES, "Done"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitmentStage: 'Done'");
        List<Stage> twice = List.of(Stage.of("Doing", Category.ACTIVE, "Active"),
                Stage.of("Doing", Category.DONE, "Closed"));
        assertThatThrownBy(() -> new FlowSettings(twice, null)).hasMessageContaining("duplicate stage name 'Doing'");
        assertThatThrownBy(() -> new FlowSettings(List.of(), null)).hasMessage("stages: at least one stage is required");
    }

    @Test
    void theSharedLimitsOnStagesNamesAndStates() {
        List<Stage> many = new ArrayList<>();
        for (int i = 0; i <= FlowSettings.MAX_STAGES; i++) {
            many.add(Stage.of("S" + i, Category.ACTIVE, "s" + i));
        }
        assertThatThrownBy(() -> new FlowSettings(many, null)).hasMessageContaining("stages: at most 50 stages, got 51");
        assertThat(new FlowSettings(many.subList(0, FlowSettings.MAX_STAGES), null).stages()).hasSize(50);
        String longName = "n".repeat(FlowSettings.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> new FlowSettings(List.of(Stage.of(longName, Category.ACTIVE)), null))
                .hasMessage("stages[0].name: 1 to 100 characters");
        assertThatThrownBy(() -> new FlowSettings(List.of(Stage.of("Doing", Category.ACTIVE, " ")), null))
                .hasMessageStartingWith("stages[0].states: ");
        assertThatThrownBy(() -> new FlowSettings(List.of(Stage.of("Doing", Category.ACTIVE,
                "s".repeat(FlowSettings.MAX_STATE_LENGTH + 1))), null)).hasMessageStartingWith("stages[0].states: ");
    }

    @Test
    void aRequestTakesTheConfiguredPolicySleAndCalendarWhereTheCallerChoseNone() {
        ReportRequest.Sle sle = new ReportRequest.Sle(10, 85);
        WorkingCalendar weekdays = WorkingCalendar.of(List.of("MON", "TUE", "WED", "THU", "FRI"), null);
        FlowSettings s = new FlowSettings(STAGES, "Doing", StartPolicy.LAST, sle, weekdays);
        ReportRequest none = s.request(ReportParameters.read(Map.<String, String>of()::get, ZoneOffset.UTC));
        assertThat(none.startPolicy()).isEqualTo(StartPolicy.LAST);
        assertThat(none.sle()).isEqualTo(sle);
        assertThat(none.calendar()).isEqualTo(weekdays);
        ReportRequest chosen = s.request(ReportParameters.read(Map.of("startPolicy", "first", "sleDays", "5")::get,
                ZoneOffset.UTC));
        assertThat(chosen.startPolicy()).isEqualTo(StartPolicy.FIRST);
        assertThat(chosen.sle()).isEqualTo(new ReportRequest.Sle(5, null));
    }
}
