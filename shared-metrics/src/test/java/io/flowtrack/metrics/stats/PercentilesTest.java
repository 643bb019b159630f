package io.flowtrack.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Nearest rank: P<sub>k</sub> = the ⌈k/100 · n⌉-th smallest value. */
class PercentilesTest {
    private static final List<Integer> KS = List.of(50, 70, 85, 95, 100);

    @Test
    @DisplayName("n = 1: every percentile is the one value")
    void one() {
        assertThat(Percentiles.of(new int[] {7}, KS)).containsExactly(Map.entry(50, 7), Map.entry(70, 7),
                Map.entry(85, 7), Map.entry(95, 7), Map.entry(100, 7));
    }

    @Test
    @DisplayName("n = 4: ranks ⌈2⌉=2, ⌈2.8⌉=3, ⌈3.4⌉=4, ⌈3.8⌉=4, 4 (input unsorted)")
    void four() {
        assertThat(Percentiles.of(new int[] {4, 1, 3, 2}, KS)).containsExactly(Map.entry(50, 2), Map.entry(70, 3),
                Map.entry(85, 4), Map.entry(95, 4), Map.entry(100, 4));
    }

    @Test
    @DisplayName("n = 10: ranks 5, 7, ⌈8.5⌉=9, ⌈9.5⌉=10, 10")
    void ten() {
        int[] values = {100, 90, 80, 70, 60, 50, 40, 30, 20, 10};
        assertThat(Percentiles.of(values, KS)).containsExactly(Map.entry(50, 50), Map.entry(70, 70),
                Map.entry(85, 90), Map.entry(95, 100), Map.entry(100, 100));
        assertThat(values[0]).as("the input is not changed").isEqualTo(100);
    }

    @Test
    @DisplayName("n = 20: ranks 10, 14, 17, 19, 20")
    void twenty() {
        int[] values = new int[20];
        for (int i = 0; i < 20; i++) {
            values[i] = 20 - i; // 20, 19, …, 1
        }
        assertThat(Percentiles.of(values, KS)).containsExactly(Map.entry(50, 10), Map.entry(70, 14),
                Map.entry(85, 17), Map.entry(95, 19), Map.entry(100, 20));
    }

    @Test
    @DisplayName("ties: [1,1,1,5] gives P50 1, P85 5")
    void ties() {
        // n = 4: P50 rank 2 → 1; P70 rank 3 → 1; P85 rank 4 → 5
        assertThat(Percentiles.of(new int[] {5, 1, 1, 1}, List.of(50, 70, 85)))
                .containsExactly(Map.entry(50, 1), Map.entry(70, 1), Map.entry(85, 5));
    }

    @Test
    @DisplayName("rank is ⌈k·n/100⌉ in integers, at least 1")
    void rank() {
        assertThat(Percentiles.rank(1, 1)).isEqualTo(1);
        assertThat(Percentiles.rank(1, 99)).isEqualTo(1);  // ⌈0.99⌉
        assertThat(Percentiles.rank(1, 101)).isEqualTo(2); // ⌈1.01⌉
        assertThat(Percentiles.rank(70, 10)).isEqualTo(7);
        assertThat(Percentiles.rank(29, 100)).isEqualTo(29);
        assertThat(Percentiles.rank(7, 100)).isEqualTo(7);   // 7/100·100 is 7.000000000000001 in doubles
        assertThat(Percentiles.rank(55, 100)).isEqualTo(55); // 55/100·100 is 55.00000000000001 in doubles
        assertThat(Percentiles.rank(100, 20)).isEqualTo(20);
    }

    @Test
    @DisplayName("custom percentiles come back in request order; no values gives an empty map")
    void customAndEmpty() {
        assertThat(Percentiles.of(new int[] {3, 1, 2}, List.of(90, 10, 34))).containsExactly(Map.entry(90, 3),
                Map.entry(10, 1), Map.entry(34, 2)); // ranks ⌈2.7⌉=3, ⌈0.3⌉=1, ⌈1.02⌉=2
        assertThat(Percentiles.of(new int[0], KS)).isEmpty();
    }

    @Test
    @DisplayName("a percentile list must hold whole numbers 1..100, none twice, at least one")
    void validation() {
        assertThat(Percentiles.validated(List.of(50, 1, 100), "p")).containsExactly(50, 1, 100);
        assertThatThrownBy(() -> Percentiles.validated(List.of(0), "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.validated(List.of(101), "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.validated(List.of(50, 50), "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Percentiles.validated(List.of(), "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("selection gives the sorted array's ranks: hand-worked n = 10, then random, sorted, reversed and few-valued inputs")
    void selectionAgreesWithSorting() {
        long[] ten = {9, 2, 7, 4, 10, 1, 8, 3, 6, 5, 99, 99}; // the last two lie beyond n and are not read
        assertThat(Percentiles.ofLongsSelecting(ten, 10, List.of(95, 50, 70, 85, 100))).containsExactly(
                Map.entry(95, 10L), Map.entry(50, 5L), Map.entry(70, 7L), Map.entry(85, 9L), Map.entry(100, 10L));
        assertThat(Percentiles.ofLongsSelecting(new long[0], 0, KS)).isEmpty();
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        List<Integer> ks = List.of(1, 50, 70, 85, 95, 99, 100);
        for (int round = 0; round < 400; round++) {
            int n = 1 + random.nextInt(round < 300 ? 200 : 50_000);
            int distinct = round % 4 == 0 ? 3 : Integer.MAX_VALUE;
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(distinct);
            }
            if (round % 7 == 1) {
                java.util.Arrays.sort(values);
            } else if (round % 7 == 2) {
                java.util.Arrays.sort(values);
                for (int i = 0; i < n / 2; i++) {
                    long t = values[i];
                    values[i] = values[n - 1 - i];
                    values[n - 1 - i] = t;
                }
            }
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            Map<Integer, Long> expected = new java.util.LinkedHashMap<>();
            for (int k : ks) {
                expected.put(k, sorted[Percentiles.rank(k, n) - 1]);
            }
            assertThat(Percentiles.ofLongsSelecting(values, n, ks)).as("round %d, n %d", round, n)
                    .containsExactlyEntriesOf(expected);
        }
    }
}
