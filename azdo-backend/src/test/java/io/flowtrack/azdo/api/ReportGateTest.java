package io.flowtrack.azdo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most N computations run, at most Q wait; beyond that 503 with Retry-After at once. */
class ReportGateTest {
    @Test
    void beyondTheRunningAndTheQueuedARequestIsShedAtOnce() throws Exception {
        ReportGate gate = new ReportGate(2, 1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            java.util.function.Supplier<Integer> slow = () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return 1;
            };
            Future<Integer> a = pool.submit(() -> gate.run(slow));
            Future<Integer> b = pool.submit(() -> gate.run(slow));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Future<Integer> queued = pool.submit(() -> gate.run(slow));
            while (gate.inside() < 3) {
                Thread.sleep(10);
            }
            assertThatThrownBy(() -> gate.run(() -> 1)).isInstanceOfSatisfying(OverloadedException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("overloaded");
                assertThat(e.retryAfterSeconds()).isBetween(1, 30);
            });
            assertThat(gate.shed()).isEqualTo(1);
            release.countDown();
            assertThat(a.get() + b.get() + queued.get()).isEqualTo(3);
            assertThat(most.get()).as("never more than two at once").isEqualTo(2);
            assertThat(gate.inside()).isZero();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestThatWaitedTooLongIsShedAndAFailureFreesItsSlot() {
        ReportGate gate = new ReportGate(1, 5, Duration.ofMillis(200));
        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(gate.run(() -> gate.inside())).isEqualTo(1);
        CountDownLatch hold = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run(() -> {
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }));
        holder.start();
        try {
            while (gate.inside() < 1) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> gate.run(() -> 1)).isInstanceOf(OverloadedException.class);
        } finally {
            hold.countDown();
        }
    }
}
