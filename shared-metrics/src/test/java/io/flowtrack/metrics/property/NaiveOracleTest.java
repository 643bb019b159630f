package io.flowtrack.metrics.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.generate.HistoryGenerator;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's one-pass sweep against a deliberately naive reading of the spec: every day rescans every
 * item's whole timeline, with {@link LocalDate#ofInstant} for days. Slow and obviously right; the two
 * must agree item by item and day by day.
 */
class NaiveOracleTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("Asia/Kathmandu"));

    static Stream<Arguments> cases() {
        return IntStream.rangeClosed(1, 12).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed * 104_729L);
            int span = 20 + r.nextInt(100);
            HistoryGenerator generator = new HistoryGenerator(seed + 1000L, LocalDate.of(2024, 3, 1), span);
            List<WorkItem> items = new ArrayList<>();
            generator.generate(30 + r.nextInt(150), items::add);
            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            History history = History.builder(HistoryGenerator.workflow()).timeZone(zone).items(items).build();
            Instant asOf = Instant.parse("2024-03-01T00:00:00Z").plusSeconds(r.nextLong((span + 10) * 86_400L));
            StartPolicy policy = seed % 2 == 0 ? StartPolicy.FIRST : StartPolicy.LAST;
            LocalDate from = LocalDate.of(2024, 3, 1).plusDays(r.nextInt(Math.max(1, span / 3)));
            LocalDate to = from.plusDays(r.nextInt(span));
            return Arguments.of(seed, history, asOf, policy, from, to);
        });
    }

    /** What the spec says of one item, computed the long way. */
    record Naive(String id, LocalDate started, LocalDate finished, boolean removed, boolean exists) {
    }

    static Naive naive(WorkItem item, Workflow wf, ZoneId zone, Instant asOf, StartPolicy policy) {
        if (item.created().isAfter(asOf)) {
            return new Naive(item.id(), null, null, false, false);
        }
        List<Instant> moments = new ArrayList<>();
        List<Integer> stages = new ArrayList<>();
        moments.add(item.created());
        stages.add(wf.indexOfState(item.initialState()));
        for (StateChange c : item.transitions()) {
            if (!c.at().isAfter(asOf)) {
                moments.add(c.at());
                stages.add(wf.indexOfState(c.to()));
            }
        }
        int last = stages.get(stages.size() - 1);
        boolean removed = wf.category(last) == Category.REMOVED;
        Instant started = null;
        for (int i = 0; i < stages.size(); i++) {
            boolean committed = wf.isCommitted(stages.get(i));
            boolean before = i == 0 || !wf.isCommitted(stages.get(i - 1));
            if (committed && before) {
                if (policy == StartPolicy.LAST || started == null) {
                    started = moments.get(i);
                }
            }
        }
        Instant finished = null;
        if (wf.category(last) == Category.DONE) {
            for (int i = 0; i < stages.size(); i++) {
                boolean done = wf.category(stages.get(i)) == Category.DONE;
                boolean before = i == 0 || wf.category(stages.get(i - 1)) != Category.DONE;
                if (done && before) {
                    finished = moments.get(i);
                }
            }
        }
        return new Naive(item.id(), started == null ? null : LocalDate.ofInstant(started, zone),
                finished == null ? null : LocalDate.ofInstant(finished, zone), removed, true);
    }

    /** The stage at the end of day d, or -1 when the item did not exist yet. */
    static int stageAtEndOf(WorkItem item, Workflow wf, ZoneId zone, Instant asOf, LocalDate d) {
        if (LocalDate.ofInstant(item.created(), zone).isAfter(d)) {
            return -1;
        }
        int stage = wf.indexOfState(item.initialState());
        for (StateChange c : item.transitions()) {
            if (!c.at().isAfter(asOf) && !LocalDate.ofInstant(c.at(), zone).isAfter(d)) {
                stage = wf.indexOfState(c.to());
            }
        }
        return stage;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    void engineAgreesWithTheNaiveReadingItemByItemAndDayByDay(int seed, History history, Instant asOf,
                                                               StartPolicy policy, LocalDate from, LocalDate to) {
        Report report = FlowEngine.report(history, ReportRequest.builder().asOf(asOf).startPolicy(policy)
                .from(from).to(to).build());
        Workflow wf = history.workflow();
        ZoneId zone = history.timeZone();
        List<Naive> kept = new ArrayList<>();
        List<WorkItem> keptItems = new ArrayList<>();
        for (WorkItem item : history.items()) {
            Naive n = naive(item, wf, zone, asOf, policy);
            if (n.exists() && !n.removed()) {
                kept.add(n);
                keptItems.add(item);
            }
        }
        assertThat(report.items()).hasSameSizeAs(kept);
        for (int i = 0; i < kept.size(); i++) {
            Report.Item got = report.items().get(i);
            Naive want = kept.get(i);
            assertThat(got.id()).isEqualTo(want.id());
            assertThat(got.started()).as("started of %s", want.id()).isEqualTo(want.started());
            assertThat(got.finished()).as("finished of %s", want.id()).isEqualTo(want.finished());
        }
        int stageCount = wf.size();
        int day = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1), day++) {
            Report.Day got = report.daily().get(day);
            assertThat(got.date()).isEqualTo(d);
            int arrivals = 0;
            int throughput = 0;
            int wip = 0;
            int[] inStage = new int[stageCount];
            for (int i = 0; i < kept.size(); i++) {
                Naive n = kept.get(i);
                if (d.equals(n.started())) {
                    arrivals++;
                }
                if (d.equals(n.finished())) {
                    throughput++;
                }
                if (n.started() != null && !n.started().isAfter(d)
                        && (n.finished() == null || !n.finished().isBefore(d))) {
                    wip++;
                }
                int stage = stageAtEndOf(keptItems.get(i), wf, zone, asOf, d);
                if (stage >= 0) {
                    inStage[stage]++;
                }
            }
            assertThat(got.arrivals()).as("arrivals on %s", d).isEqualTo(arrivals);
            assertThat(got.throughput()).as("throughput on %s", d).isEqualTo(throughput);
            assertThat(got.wip()).as("wip on %s", d).isEqualTo(wip);
            for (int s = 0; s < stageCount; s++) {
                int band = 0;
                for (int t = s; t < stageCount; t++) {
                    band += inStage[t];
                }
                assertThat(got.cfd().get(s)).as("cfd band %d on %s", s, d).isEqualTo(band);
            }
        }
    }
}
