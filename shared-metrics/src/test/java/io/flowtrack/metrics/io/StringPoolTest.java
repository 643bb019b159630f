package io.flowtrack.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StringPoolTest {
    private static String get(StringPool pool, String text) {
        char[] buf = ("xx" + text + "yy").toCharArray(); // the text sits inside a larger buffer, as in a parser
        return pool.get(buf, 2, text.length());
    }

    @Test
    void equalTextsGiveTheSameInstanceAndDifferentTextsDifferentOnes() {
        StringPool pool = new StringPool();
        String a = get(pool, "In Progress");
        String b = get(pool, "In Review");
        assertThat(get(pool, "In Progress")).isSameAs(a).isEqualTo("In Progress");
        assertThat(get(pool, "In Review")).isSameAs(b).isEqualTo("In Review");
        // Same length, same first, last and middle characters: must still be told apart.
        assertThat(get(pool, "Xa-cY")).isEqualTo("Xa-cY");
        assertThat(get(pool, "Xb-dY")).isEqualTo("Xb-dY");
        assertThat(get(pool, "")).isEmpty();
    }

    @Test
    void manyTextsStayCorrectPastTheTableAndThePoolLimit() {
        StringPool pool = new StringPool();
        Set<String> made = new HashSet<>();
        for (int i = 0; i < StringPool.MAX_ENTRIES * 3; i++) {
            String text = "state-" + i;
            String got = get(pool, text);
            assertThat(got).isEqualTo(text);
            made.add(got);
        }
        assertThat(made).hasSize(StringPool.MAX_ENTRIES * 3);
        assertThat(get(pool, "state-7")).isEqualTo("state-7").isSameAs(get(pool, "state-7"));
    }
}
