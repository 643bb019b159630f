package io.flowtrack.metrics.property;

import io.flowtrack.metrics.aging.StagePace;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.metrics.generate.HistoryGenerator;
import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.io.HistoryWriter;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that must hold for any history, checked over generated ones: each case is a seed, a time
 * zone, a start policy and an as-of moment, all drawn from the seed so a failure names its case.
 */
class GeneratedHistoryPropertiesTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Pacific/Auckland"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Europe/Berlin"));

    /** One generated case. */
    record Case(long seed, ZoneId zone, StartPolicy policy, History history, Instant asOf) {
        @Override
        public String toString() {
            return "seed " + seed + ", " + zone + ", start policy " + policy.jsonName() + ", asOf " + asOf;
        }
    }

    static Stream<Arguments> cases() {
        return IntStream.rangeClosed(1, 40).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed * 7919L);
            int items = 20 + r.nextInt(400);
            int span = 30 + r.nextInt(300);
            HistoryGenerator generator = new HistoryGenerator(seed, LocalDate.of(2024, 1, 1), span);
            List<WorkItem> generated = new ArrayList<>();
            generator.generate(items, generated::add);
            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            StartPolicy policy = r.nextBoolean() ? StartPolicy.FIRST : StartPolicy.LAST;
            History history = History.builder(HistoryGenerator.workflow()).timeZone(zone).items(generated).build();
            // Some cases look at the history mid-way, some after it ended.
            Instant asOf = r.nextBoolean() ? generator.end()
                    : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(r.nextLong(span * 86_400L) + 86_400L);
            return Arguments.of(new Case(seed, zone, policy, history, asOf));
        });
    }

    private static Report wholeHistory(Case c) {
        return FlowEngine.report(c.history(), ReportRequest.builder().asOf(c.asOf()).startPolicy(c.policy())
                .percentiles(IntStream.rangeClosed(1, 100).boxed().toList()).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void littlesLawHoldsWhenTheWindowHoldsWholeLives(Case c) {
        Report report = wholeHistory(c);
        // The default window starts at the first creation and ends on asOf's day, so it holds every
        // life: finished items contribute their cycle time, unfinished ones their age.
        long wipDays = report.daily().stream().mapToLong(Report.Day::wip).sum();
        long lives = 0;
        for (Report.Item item : report.items()) {
            if (item.cycleTimeDays() != null) {
                lives += item.cycleTimeDays();
            } else if (item.ageDays() != null) {
                lives += item.ageDays();
            }
        }
        assertThat(wipDays).isEqualTo(lives);
        Report.Day lastDay = report.daily().get(report.daily().size() - 1);
        // On asOf's day WIP holds the items still in progress and those that finished that day.
        assertThat(lastDay.wip()).isEqualTo(report.wip().current() + lastDay.throughput());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cfdBandsNeverCrossAndTheTopBandCountsCreatedItems(Case c) {
        Report report = wholeHistory(c);
        Map<LocalDate, Integer> createdBy = new HashMap<>();
        for (Report.Item item : report.items()) {
            createdBy.merge(item.created(), 1, Integer::sum);
        }
        int created = 0;
        int previousTop = 0;
        for (Report.Day day : report.daily()) {
            created += createdBy.getOrDefault(day.date(), 0);
            List<Integer> bands = day.cfd();
            assertThat(bands.get(0)).as("top band on %s", day.date()).isEqualTo(created);
            for (int s = 1; s < bands.size(); s++) {
                assertThat(bands.get(s)).as("band %d on %s", s, day.date()).isLessThanOrEqualTo(bands.get(s - 1));
                assertThat(bands.get(s)).isNotNegative();
            }
            assertThat(bands.get(0)).isGreaterThanOrEqualTo(previousTop);
            previousTop = bands.get(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void throughputAndArrivalsAddUpToTheItemsInTheWindow(Case c) {
        // A window that cuts the history on both sides.
        Report whole = wholeHistory(c);
        LocalDate from = whole.from().plusDays(whole.daily().size() / 4);
        LocalDate to = whole.to().minusDays(whole.daily().size() / 4);
        if (to.isBefore(from)) {
            to = from;
        }
        Report report = FlowEngine.report(c.history(), ReportRequest.builder().asOf(c.asOf()).from(from).to(to)
                .startPolicy(c.policy()).build());
        LocalDate first = from;
        LocalDate last = to;
        long finishedInWindow = report.items().stream().filter(i -> i.finished() != null
                && !i.finished().isBefore(first) && !i.finished().isAfter(last)).count();
        long startedInWindow = report.items().stream().filter(i -> i.started() != null
                && !i.started().isBefore(first) && !i.started().isAfter(last)).count();
        assertThat(report.daily().stream().mapToInt(Report.Day::throughput).sum()).isEqualTo((int) finishedInWindow);
        assertThat(report.throughput().total()).isEqualTo((int) finishedInWindow);
        assertThat(report.cycleTime().count()).isEqualTo((int) finishedInWindow);
        assertThat(report.daily().stream().mapToInt(Report.Day::arrivals).sum()).isEqualTo((int) startedInWindow);
        assertThat(report.byType().stream().mapToInt(Report.TypeCount::count).sum()).isEqualTo((int) finishedInWindow);
        assertThat(report.daily()).hasSize((int) (to.toEpochDay() - from.toEpochDay() + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void percentilesAreMonotoneInK(Case c) {
        Report report = wholeHistory(c);
        int previous = Integer.MIN_VALUE;
        for (int k = 1; k <= 100; k++) {
            Integer value = report.cycleTime().percentiles().get(k);
            if (report.cycleTime().count() == 0) {
                assertThat(value).isNull();
                continue;
            }
            assertThat(value).as("P%d", k).isGreaterThanOrEqualTo(previous);
            previous = value;
        }
        if (report.cycleTime().count() > 0) {
            assertThat(report.cycleTime().percentiles().get(100)).isEqualTo(report.cycleTime().max());
            assertThat(report.cycleTime().percentiles().get(1)).isEqualTo(report.cycleTime().min());
        }
        for (StagePace pace : report.aging().pace()) {
            int before = Integer.MIN_VALUE;
            for (int k = 1; k <= 100 && pace.count() > 0; k++) {
                assertThat(pace.percentiles().get(k)).isGreaterThanOrEqualTo(before);
                before = pace.percentiles().get(k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void itemsAreAccountedForAndConsistent(Case c) {
        Report report = wholeHistory(c);
        Report.Excluded excluded = report.excluded();
        assertThat(report.items().size() + excluded.removed() + excluded.createdAfterAsOf())
                .isEqualTo(c.history().items().size());
        for (Report.Item item : report.items()) {
            assertThat(item.stage()).isNotEqualTo("Removed");
            if (item.finished() != null) {
                assertThat(item.started()).isNotNull();
                assertThat(item.cycleTimeDays()).isEqualTo(
                        (int) (item.finished().toEpochDay() - item.started().toEpochDay() + 1)).isPositive();
                assertThat(item.ageDays()).isNull();
            }
            if (item.flowEfficiency() != null) {
                assertThat(item.flowEfficiency()).isBetween(0.0, 1.0);
            }
            if (item.started() != null && item.finished() == null) {
                assertThat(item.ageDays()).isPositive();
            }
            assertThat(item.created()).isBeforeOrEqualTo(item.started() == null ? item.created() : item.started());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLastStartIsNeverBeforeTheFirst(Case c) {
        ReportRequest.Builder request = ReportRequest.builder().asOf(c.asOf());
        Report first = FlowEngine.report(c.history(), request.startPolicy(StartPolicy.FIRST).build());
        Report last = FlowEngine.report(c.history(), request.startPolicy(StartPolicy.LAST).build());
        assertThat(last.items()).hasSameSizeAs(first.items());
        for (int i = 0; i < first.items().size(); i++) {
            Report.Item f = first.items().get(i);
            Report.Item l = last.items().get(i);
            assertThat(l.id()).isEqualTo(f.id());
            assertThat(l.finished()).isEqualTo(f.finished());
            assertThat(l.started() == null).isEqualTo(f.started() == null);
            if (f.started() != null) {
                assertThat(l.started()).isAfterOrEqualTo(f.started());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forecastConfidenceOrdersTheAnswers(Case c) {
        Report report = FlowEngine.report(c.history(), ReportRequest.builder().asOf(c.asOf())
                .startPolicy(c.policy()).forecast(new ForecastRequest(10, 15, 2_000, c.seed(), null, null,
                        List.of(10, 50, 70, 85, 95, 99))).build());
        var howMany = report.forecast().howMany();
        var when = report.forecast().when();
        if (report.throughput().total() == 0) {
            assertThat(howMany.available()).isFalse();
            assertThat(howMany.reason()).isNotBlank();
            return;
        }
        List<Integer> confidences = List.of(10, 50, 70, 85, 95, 99);
        for (int i = 1; i < confidences.size(); i++) {
            assertThat(howMany.percentiles().get(confidences.get(i)))
                    .isLessThanOrEqualTo(howMany.percentiles().get(confidences.get(i - 1)));
            Integer later = when.percentiles().get(confidences.get(i));
            Integer earlier = when.percentiles().get(confidences.get(i - 1));
            if (later != null && earlier != null) {
                assertThat(later).isGreaterThanOrEqualTo(earlier);
            }
        }
        assertThat(howMany.distribution().stream().mapToInt(b -> b.trials()).sum()).isEqualTo(2_000);
        assertThat(when.distribution().stream().mapToInt(b -> b.trials()).sum() + when.beyondHorizon())
                .isEqualTo(2_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHistoryWrittenAndReadBackGivesTheSameReport(Case c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryWriter.write(c.history(), out, false);
        History read = HistoryReader.strict().read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.items()).isEqualTo(c.history().items());
        assertThat(read.workflow()).isEqualTo(c.history().workflow());
        assertThat(read.timeZone()).isEqualTo(c.zone());
        ReportRequest request = ReportRequest.builder().asOf(c.asOf()).startPolicy(c.policy()).build();
        assertThat(ReportWriter.toJson(FlowEngine.report(read, request), false))
                .isEqualTo(ReportWriter.toJson(FlowEngine.report(c.history(), request), false));
    }
}
