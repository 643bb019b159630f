package io.flowtrack.azdo.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The API's JSON mapper: ISO-8601 dates, no failure on empty beans. One definition for the routes, the report
 * service, the demo and the tests; it lives here, not in {@code App}, so what {@code App} wires (the demo among
 * them) does not depend back on {@code App}.
 */
public final class ApiJson {
    private ApiJson() {
    }

    /** A new mapper with the API's settings (mappers are cheap to share; callers keep the one they make). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
