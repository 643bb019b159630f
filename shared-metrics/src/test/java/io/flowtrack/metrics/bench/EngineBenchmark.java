package io.flowtrack.metrics.bench;

import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints warm (in-process, after warm-up) figures for each phase of a report, and for Monte Carlo
 * forecasts. Cold, whole-process figures (JVM start included) come from bench/run.sh. Not a test: run it
 * as described in docs/performance.md.
 *
 * <p>Usage: {@code EngineBenchmark HISTORY.json [ROUNDS]}
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Instant asOf = Instant.parse("2026-01-01T00:00:00Z");
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            History history = HistoryReader.strict().read(file);
            long t1 = System.nanoTime();
            Report report = FlowEngine.report(history, ReportRequest.builder().asOf(asOf).build());
            long t2 = System.nanoTime();
            CountingSink sink = new CountingSink();
            ReportWriter.write(report, sink, false);
            long t3 = System.nanoTime();
            System.out.printf("round %d: read %d ms, compute %d ms, write %d ms (%d items, %.1f MB report)%n", round,
                    ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), history.items().size(), sink.bytes / 1e6);
        }
        monteCarlo();
    }

    /** 10,000 trials of each forecast on a year of realistic daily throughput (mean 3 items a day). */
    static void monteCarlo() {
        SplittableRandom r = new SplittableRandom(1);
        int[] samples = new int[365];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = r.nextInt(7);
        }
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            Forecast howMany = MonteCarlo.howMany(samples, 30, MonteCarlo.DEFAULT_TRIALS, round, List.of(50, 85, 95));
            long t1 = System.nanoTime();
            Forecast when = MonteCarlo.when(samples, 200, MonteCarlo.DEFAULT_TRIALS, round, List.of(50, 85, 95));
            long t2 = System.nanoTime();
            System.out.printf("monte carlo round %d: howMany(30 days) %.2f ms, when(200 items) %.2f ms  [%s / %s]%n",
                    round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, howMany.percentiles(), when.percentiles());
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
