package io.flowtrack.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage times are written as seconds with up to three decimals, exactly, without a double in between. */
class ReportWriterNumbersTest {
    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({"0, 0", "1, 0.001", "10, 0.01", "100, 0.1", "999, 0.999", "1000, 1", "1500, 1.5",
        "86400000, 86400", "123456789, 123456.789", "3600050, 3600.05", "9223372036854775807, 9223372036854775.807"})
    void secondsFromMillis(long millis, String expected) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            ReportWriter.seconds(g, millis);
        }
        assertThat(out.toString()).isEqualTo(expected);
    }
}
