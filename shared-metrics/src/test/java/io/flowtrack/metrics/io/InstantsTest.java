package io.flowtrack.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The direct path for {@code …Z} instants gives what the library's parser gives. */
class InstantsTest {

    @Test
    @DisplayName("epoch days without LocalDate: every day from 1600 to 2400 as LocalDate counts it")
    void epochDays() {
        for (LocalDate d = LocalDate.of(1600, 1, 1); d.getYear() < 2400; d = d.plusDays(1)) {
            assertThat(Instants.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as("%s", d).isEqualTo(d.toEpochDay());
        }
        assertThat(Instants.epochDay(1970, 1, 1)).isZero();
        assertThat(Instants.epochDay(0, 1, 1)).isEqualTo(LocalDate.of(0, 1, 1).toEpochDay());
        assertThat(Instants.epochDay(9999, 12, 31)).isEqualTo(LocalDate.of(9999, 12, 31).toEpochDay());
    }

    @Test
    @DisplayName("fast path and library agree; impossible dates are refused as the library refuses them")
    void parse() {
        for (String text : new String[] {"2024-02-29T23:59:59Z", "2023-03-01T00:00:00.5Z", "1999-12-31T12:00:00.123456789Z",
                "2100-02-28T00:00:00Z", "2000-02-29T01:02:03Z", "2024-01-03T09:00:00+02:00"}) {
            assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {"2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z"}) {
            assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
