package io.flowtrack.metrics.spec;

import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.quality.Finding;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny builders for hand-computed fixtures. Instants are written "2024-01-03T09:00" and mean UTC; an
 * item is written as its creation, its initial state and then (at, to) pairs, each transition's
 * {@code from} being the state before it (so no fromMismatch unless a test writes one on purpose).
 */
final class Fx {
    private Fx() {
    }

    /**
     * The standard workflow of these tests (indices in brackets): Backlog [0] proposed "To Do",
     * In Progress [1] active, Review [2] waiting "In Review", Testing [3] active, Done [4] done,
     * Closed [5] done, Removed [6] removed. The commitment stage is the default: In Progress.
     */
    static Workflow standard() {
        return Workflow.of(List.of(
                Stage.of("Backlog", Category.PROPOSED, "To Do"),
                Stage.of("In Progress", Category.ACTIVE, "In Progress"),
                Stage.of("Review", Category.WAITING, "In Review"),
                Stage.of("Testing", Category.ACTIVE, "Testing"),
                Stage.of("Done", Category.DONE, "Done"),
                Stage.of("Closed", Category.DONE, "Closed"),
                Stage.of("Removed", Category.REMOVED, "Removed")), null);
    }

    /** Backlog [0], In Progress [1], Review [2] (waiting), Done [3]: four CFD bands. */
    static Workflow fourStages() {
        return Workflow.of(List.of(
                Stage.of("Backlog", Category.PROPOSED, "To Do"),
                Stage.of("In Progress", Category.ACTIVE, "In Progress"),
                Stage.of("Review", Category.WAITING, "In Review"),
                Stage.of("Done", Category.DONE, "Done")), null);
    }

    /** "2024-01-03T09:00" (UTC) or any full ISO instant. */
    static Instant at(String text) {
        return Instant.parse(text.endsWith("Z") ? text : text.length() == 16 ? text + ":00Z" : text + "Z");
    }

    /** The last nanosecond of a UTC day: what {@code --as-of DATE} means for a UTC history. */
    static Instant endOf(String date) {
        return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant().minusNanos(1);
    }

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    /** An item: id, created, initial state, then pairs (at, to); from = the state before. */
    static WorkItem item(String id, String created, String initial, String... atTo) {
        if (atTo.length % 2 != 0) {
            throw new IllegalArgumentException("transitions come in (at, to) pairs");
        }
        WorkItem.Builder b = WorkItem.builder(id, "Story", at(created), initial);
        String state = initial;
        for (int i = 0; i < atTo.length; i += 2) {
            b.transition(at(atTo[i]), state, atTo[i + 1]);
            state = atTo[i + 1];
        }
        return b.build();
    }

    static History history(Workflow wf, WorkItem... items) {
        return History.builder(wf).items(Arrays.asList(items)).build();
    }

    static History history(Workflow wf, ZoneId zone, WorkItem... items) {
        return History.builder(wf).timeZone(zone).items(Arrays.asList(items)).build();
    }

    static Report report(History h, Instant asOf, String from, String to, StartPolicy policy) {
        return FlowEngine.report(h, ReportRequest.builder().asOf(asOf).from(from == null ? null : d(from))
                .to(to == null ? null : d(to)).startPolicy(policy).build());
    }

    static Report report(History h, Instant asOf, String from, String to) {
        return report(h, asOf, from, to, StartPolicy.FIRST);
    }

    static Report.Item item(Report r, String id) {
        return r.items().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in the report"));
    }

    static List<String> ids(Report r) {
        return r.items().stream().map(Report.Item::id).toList();
    }

    static Report.Day day(Report r, String date) {
        LocalDate wanted = d(date);
        return r.daily().stream().filter(x -> x.date().equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no day " + date + " in the report"));
    }

    static List<Integer> wip(Report r) {
        return r.daily().stream().map(Report.Day::wip).toList();
    }

    static List<Integer> arrivals(Report r) {
        return r.daily().stream().map(Report.Day::arrivals).toList();
    }

    static List<Integer> throughput(Report r) {
        return r.daily().stream().map(Report.Day::throughput).toList();
    }

    /** The findings of one item, kind → count; empty when the item is clean. */
    static Map<Finding.Kind, Integer> findings(Report r, String id) {
        Map<Finding.Kind, Integer> result = new EnumMap<>(Finding.Kind.class);
        r.dataQuality().items().stream().filter(f -> f.id().equals(id))
                .flatMap(f -> f.findings().stream()).forEach(f -> result.put(f.kind(), f.count()));
        return result;
    }

    static Finding finding(Report r, String id, Finding.Kind kind) {
        return r.dataQuality().items().stream().filter(f -> f.id().equals(id))
                .flatMap(f -> f.findings().stream()).filter(f -> f.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + kind + " for " + id));
    }

    static final double HOUR = 3600.0;
}
