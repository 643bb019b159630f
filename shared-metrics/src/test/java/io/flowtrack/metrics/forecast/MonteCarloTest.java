package io.flowtrack.metrics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo forecasts. Expected answers come from the exact distribution of the trial outcomes,
 * worked out by hand; each is at least 5 standard deviations of the trial count away from the
 * neighbouring answer at 10,000 trials, so they hold for any seed, and several seeds are run.
 */
class MonteCarloTest {
    private static final List<Integer> DEFAULT = List.of(50, 70, 85, 95);
    private static final long[] SEEDS = {1L, 42L, 2024L, -7L};

    @Test
    @DisplayName("samples all 1: how many in H days = H at every confidence")
    void allOnesHowMany() {
        Forecast f = MonteCarlo.howMany(new int[] {1, 1, 1}, 14, 1000, 42L, DEFAULT);
        assertThat(f.available()).isTrue();
        assertThat(f.percentiles()).containsExactly(Map.entry(50, 14), Map.entry(70, 14), Map.entry(85, 14),
                Map.entry(95, 14));
        assertThat(f.distribution()).containsExactly(new Forecast.Bucket(14, 1000));
    }

    @Test
    @DisplayName("samples all 1: N items take N days at every confidence")
    void allOnesWhen() {
        Forecast f = MonteCarlo.when(new int[] {1}, 20, 1000, 42L, DEFAULT);
        assertThat(f.percentiles()).containsExactly(Map.entry(50, 20), Map.entry(70, 20), Map.entry(85, 20),
                Map.entry(95, 20));
        assertThat(f.beyondHorizon()).isZero();
    }

    @Test
    @DisplayName("samples all 2: 7 items take ⌈7/2⌉ = 4 days; 5 days bring 10")
    void allTwos() {
        assertThat(MonteCarlo.when(new int[] {2, 2}, 7, 500, 3L, DEFAULT).percentiles().values()).containsOnly(4);
        assertThat(MonteCarlo.howMany(new int[] {2, 2}, 5, 500, 3L, DEFAULT).percentiles().values()).containsOnly(10);
    }

    @Test
    @DisplayName("all-zero samples or no samples: no forecast, with a reason")
    void allZero() {
        Forecast howMany = MonteCarlo.howMany(new int[] {0, 0, 0}, 14, 1000, 1L, DEFAULT);
        Forecast when = MonteCarlo.when(new int[] {0, 0, 0}, 5, 1000, 1L, DEFAULT);
        Forecast none = MonteCarlo.when(new int[0], 5, 1000, 1L, DEFAULT);
        for (Forecast f : List.of(howMany, when, none)) {
            assertThat(f.available()).isFalse();
            assertThat(f.reason()).isNotBlank();
            assertThat(f.percentiles()).isEmpty();
        }
        assertThat(howMany.reason()).contains("3 days");
    }

    @Test
    @DisplayName("how many in 1 day from [0,1,0,2]: P(sum ≥ 2) = .25, P(≥ 1) = .5 → 2 at 20 %, 1 at 40 %, 0 at 70 % and 95 %")
    void howManyOneDay() {
        // one draw: 0 (p .5), 1 (.25), 2 (.25). The answer at c is the largest v with P(sum ≥ v) ≥ c.
        // c=20 → 2 (.25 ≥ .2); c=40 → 1 (.5 ≥ .4 > .25); c=70, 95 → 0
        for (long seed : SEEDS) {
            Forecast f = MonteCarlo.howMany(new int[] {0, 1, 0, 2}, 1, 10_000, seed, List.of(20, 40, 70, 95));
            assertThat(f.percentiles()).as("seed %d", seed).containsExactly(Map.entry(20, 2), Map.entry(40, 1),
                    Map.entry(70, 0), Map.entry(95, 0));
        }
    }

    @Test
    @DisplayName("how many in 2 days from [0,1,0,2]: 3 at 10 %, 2 at 30 %, 1 at 70 %, 0 at 95 %")
    void howManyTwoDays() {
        // sum of two draws: 0 .25, 1 .25, 2 .3125, 3 .125, 4 .0625 → P(≥1) .75, P(≥2) .5, P(≥3) .1875, P(≥4) .0625
        // c=10 → 3; c=30 → 2; c=70 → 1; c=95 → 0
        for (long seed : SEEDS) {
            Forecast f = MonteCarlo.howMany(new int[] {0, 1, 0, 2}, 2, 10_000, seed, List.of(10, 30, 70, 95));
            assertThat(f.percentiles()).as("seed %d", seed).containsExactly(Map.entry(10, 3), Map.entry(30, 2),
                    Map.entry(70, 1), Map.entry(95, 0));
        }
    }

    @Test
    @DisplayName("when will 2 items be done from [0,1,0,2]: 2 days at 30 %, 3 at 60 %, 5 at 85 %, 7 at 95 %")
    void whenTwoItems() {
        // P(done within k days) = 1 − P(no 2 and at most one 1 in k draws) = 1 − (.5^k + k·.25·.5^(k−1)):
        // k=1 .25, 2 .5, 3 .6875, 4 .8125, 5 .890625, 6 .9375, 7 .96484
        // the answer at c is the smallest k with P ≥ c: 30 % → 2, 60 % → 3, 85 % → 5, 95 % → 7
        for (long seed : SEEDS) {
            Forecast f = MonteCarlo.when(new int[] {0, 1, 0, 2}, 2, 10_000, seed, List.of(30, 60, 85, 95));
            assertThat(f.percentiles()).as("seed %d", seed).containsExactly(Map.entry(30, 2), Map.entry(60, 3),
                    Map.entry(85, 5), Map.entry(95, 7));
        }
    }

    @Test
    @DisplayName("when will 1 item be done from [0,5] (geometric): 2 days at 70 %, 3 at 85 %, 5 at 95 %")
    void whenGeometric() {
        // P(done within k days) = 1 − .5^k: .5, .75, .875, .9375, .96875 → 70 % → 2, 85 % → 3, 95 % → 5
        for (long seed : SEEDS) {
            Forecast f = MonteCarlo.when(new int[] {0, 5}, 1, 10_000, seed, List.of(70, 85, 95));
            assertThat(f.percentiles()).as("seed %d", seed).containsExactly(Map.entry(70, 2), Map.entry(85, 3),
                    Map.entry(95, 5));
        }
    }

    @Test
    @DisplayName("the same seed gives the same forecast")
    void sameSeed() {
        int[] samples = {0, 1, 0, 2, 3, 0, 1};
        assertThat(MonteCarlo.howMany(samples, 10, 5000, 99L, DEFAULT))
                .isEqualTo(MonteCarlo.howMany(samples, 10, 5000, 99L, DEFAULT));
        assertThat(MonteCarlo.when(samples, 25, 5000, 99L, DEFAULT))
                .isEqualTo(MonteCarlo.when(samples, 25, 5000, 99L, DEFAULT));
    }

    @Test
    @DisplayName("higher confidence: how many is never larger, when is never sooner; buckets add up to the trials")
    void monotoneInConfidence() {
        int[] samples = {0, 1, 0, 2, 5, 3};
        List<Integer> cs = List.of(10, 30, 50, 70, 85, 95, 99, 100);
        Forecast howMany = MonteCarlo.howMany(samples, 10, 10_000, 5L, cs);
        Forecast when = MonteCarlo.when(samples, 30, 10_000, 5L, cs);
        for (int i = 1; i < cs.size(); i++) {
            assertThat(howMany.percentiles().get(cs.get(i))).isLessThanOrEqualTo(howMany.percentiles().get(cs.get(i - 1)));
            assertThat(when.percentiles().get(cs.get(i))).isGreaterThanOrEqualTo(when.percentiles().get(cs.get(i - 1)));
        }
        // bounds: 10 days of at most 5 → at most 50; 30 items need at least ⌈30/5⌉ = 6 days
        assertThat(howMany.percentiles().get(10)).isBetween(0, 50);
        assertThat(when.percentiles().get(10)).isGreaterThanOrEqualTo(6);
        assertThat(howMany.distribution().stream().mapToInt(Forecast.Bucket::trials).sum()).isEqualTo(10_000);
        assertThat(when.distribution().stream().mapToInt(Forecast.Bucket::trials).sum()).isEqualTo(10_000);
    }

    @Test
    @DisplayName("a when trial that has not reached N within the 3653-day horizon gives no answer")
    void horizon() {
        // one item a day: 3653 items take exactly 3653 days (on the horizon); 4000 items are beyond it
        Forecast onHorizon = MonteCarlo.when(new int[] {1}, 3653, 10, 1L, DEFAULT);
        assertThat(onHorizon.percentiles().values()).containsOnly(3653);
        Forecast beyond = MonteCarlo.when(new int[] {1}, 4000, 10, 1L, DEFAULT);
        assertThat(beyond.available()).isTrue();
        assertThat(beyond.beyondHorizon()).isEqualTo(10);
        assertThat(beyond.percentiles()).containsOnlyKeys(50, 70, 85, 95);
        assertThat(beyond.percentiles().values()).containsOnlyNulls();
    }

    @Test
    @DisplayName("targets and trials out of range are rejected")
    void arguments() {
        assertThatThrownBy(() -> MonteCarlo.howMany(new int[] {1}, 0, 10, 1L, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonteCarlo.when(new int[] {1}, 5, 0, 1L, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
