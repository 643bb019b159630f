package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.fake.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    @Test
    void backoffDoublesWithJitterBetweenHalfAndFullAndIsCapped() {
        FakeTime time = new FakeTime();
        RetryPolicy low = time.policy(RetryPolicy.Settings.defaults(), 0.0);
        RetryPolicy high = time.policy(RetryPolicy.Settings.defaults(), 1.0);
        assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(1000));
        assertThat(low.backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(high.backoff(3)).isEqualTo(Duration.ofMillis(4000));
        assertThat(high.backoff(7)).isEqualTo(Duration.ofSeconds(60)); // 64 s capped at 60
        assertThat(low.backoff(40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEqualTo(Optional.empty());
        assertThat(RetryPolicy.parseRetryAfter("-3", now)).isEmpty();
    }
}
