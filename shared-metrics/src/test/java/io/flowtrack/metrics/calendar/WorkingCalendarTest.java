package io.flowtrack.metrics.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reading of a configured calendar, used by the Jira and the Azure DevOps configurations alike. */
class WorkingCalendarTest {
    @Test
    void fullOrThreeLetterNamesInAnyCaseAndIsoDatesGiveTheCalendar() {
        WorkingCalendar c = WorkingCalendar.of(List.of("MONDAY", "tue", "Wednesday", "THU", "friday"),
                List.of("2026-12-26", "2026-12-25"));
        assertThat(c.workingDays()).isEqualTo(WorkingCalendar.MONDAY_TO_FRIDAY);
        assertThat(c.holidays()).containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
        assertThat(WorkingCalendar.of(List.of("SUNDAY"), null).orderedWorkingDays()).containsExactly(DayOfWeek.SUNDAY);
    }

    @Test
    void eachBadValueIsRefusedNamingItsField() {
        assertThatThrownBy(() -> WorkingCalendar.of(List.of(), null)).hasMessageStartingWith("calendar.workingDays:");
        assertThatThrownBy(() -> WorkingCalendar.of(null, null)).hasMessageStartingWith("calendar.workingDays:");
        assertThatThrownBy(() -> WorkingCalendar.of(List.of("MON", "MONDAY"), null))
                .hasMessage("calendar.workingDays: MONDAY is listed twice");
        assertThatThrownBy(() -> WorkingCalendar.of(List.of("MON-FRI"), null))
                .hasMessageContaining("one weekday name");
        assertThatThrownBy(() -> WorkingCalendar.of(List.of("Funday"), null))
                .hasMessageStartingWith("calendar.workingDays: 'Funday' is not a weekday");
        assertThatThrownBy(() -> WorkingCalendar.of(Arrays.asList("MON", null), null))
                .hasMessageStartingWith("calendar.workingDays:");
        assertThatThrownBy(() -> WorkingCalendar.of(List.of("MON"), List.of("2026-12-25", "25/12/2026")))
                .hasMessage("calendar.holidays[1]: '25/12/2026' is not a date (YYYY-MM-DD)");
        List<String> tooMany = new ArrayList<>();
        LocalDate d = LocalDate.of(2000, 1, 1);
        for (int i = 0; i <= WorkingCalendar.MAX_HOLIDAYS; i++) {
            tooMany.add(d.plusDays(i).toString());
        }
        assertThatThrownBy(() -> WorkingCalendar.of(List.of("MON"), tooMany))
                .hasMessageStartingWith("calendar.holidays: at most " + WorkingCalendar.MAX_HOLIDAYS);
    }
}
