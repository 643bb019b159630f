package io.flowtrack.metrics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandOffTest {
    @Test
    void everyItemArrivesInOrderOnTheWorkerThread() {
        List<Integer> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        HandOff<Integer> handOff = new HandOff<>(i -> {
            seen.add(i);
            if (threads.isEmpty()) {
                threads.add(Thread.currentThread().getName());
            }
        }, "test-worker");
        for (int i = 0; i < 10_000; i++) {
            handOff.accept(i);
        }
        handOff.finish();
        assertThat(seen).hasSize(10_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(threads).containsExactly("test-worker");
    }

    @Test
    void aFailureOfTheWorkerReachesTheCaller() {
        HandOff<Integer> handOff = new HandOff<>(i -> {
            if (i == 5_000) {
                throw new IllegalArgumentException("item 5000 is bad");
            }
        }, "test-worker");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                handOff.accept(i);
            }
            handOff.finish();
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("item 5000 is bad");
    }

    @Test
    void abortStopsAWaitingWorker() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        HandOff<Integer> handOff = new HandOff<>(i -> worker.set(Thread.currentThread()), "test-worker");
        for (int i = 0; i < 1_024; i++) {
            handOff.accept(i); // one full batch, so the worker runs once and then waits for more
        }
        for (int tries = 0; tries < 200 && worker.get() == null; tries++) {
            Thread.sleep(10);
        }
        assertThat(worker.get()).isNotNull();
        handOff.abort();
        Thread watcher = new Thread(() -> {
            try {
                worker.get().join();
                stopped.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watcher.start();
        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
