package io.flowtrack.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WideSumTest {

    @Test
    @DisplayName("below 2^63 it is the plain long sum; past it, the exact sum rounded once")
    void sums() {
        WideSum small = new WideSum();
        small.add(3);
        small.add(4);
        assertThat(small.toDouble()).isEqualTo(7.0);
        assertThat(new WideSum().isZero()).isTrue();
        assertThat(new WideSum().over(small, -1.0)).isZero();
        assertThat(small.over(new WideSum(), -1.0)).isEqualTo(-1.0);

        WideSum big = new WideSum();
        BigInteger exact = BigInteger.ZERO;
        for (int i = 0; i < 10; i++) {
            big.add(Long.MAX_VALUE - i);
            exact = exact.add(BigInteger.valueOf(Long.MAX_VALUE - i));
        }
        assertThat(big.toDouble()).isEqualTo(exact.doubleValue()).isPositive();
        assertThat(big.over(small, 0.0)).isEqualTo(exact.doubleValue() / 7.0);
    }
}
