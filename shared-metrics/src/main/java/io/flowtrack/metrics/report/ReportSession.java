package io.flowtrack.metrics.report;

import io.flowtrack.metrics.model.HistoryValidator;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.timeline.DayClock;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.ItemTimeline;
import io.flowtrack.metrics.timeline.StageIndex;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One report being computed item by item: {@link #accept(WorkItem)} walks each item's timeline once and
 * keeps only its facts; {@link #finish()} composes the report. Made by {@link FlowEngine}; not
 * thread-safe; finish once.
 */
public final class ReportSession implements Consumer<WorkItem> {
    private final Setting setting;
    private final ReportRequest request;
    private final ItemTimeline timeline;
    private final HistoryValidator validator;
    private final List<ItemFacts> reported = new ArrayList<>();
    private int removed;
    private int notYetCreated;
    private int otherTypes;
    private long earliestCreated = Long.MAX_VALUE;
    private boolean finished;

    /**
     * What a report is computed for, fixed for the session: the workflow (and its stage index), the time zone (and
     * its day clock), the source named in the report and the request.
     */
    record Setting(Workflow workflow, ZoneId timeZone, String source, ReportRequest request, StageIndex stages,
                   DayClock clock) {
    }

    ReportSession(Workflow workflow, ZoneId timeZone, String source, boolean ignoreUnmappedStates,
                  ReportRequest request, boolean validate) {
        this.setting = new Setting(workflow, timeZone, source, request, new StageIndex(workflow),
                new DayClock(timeZone));
        this.request = request;
        this.timeline = new ItemTimeline(setting.stages(), setting.clock(), request.asOf(), request.startPolicy());
        this.validator = validate ? new HistoryValidator(workflow, ignoreUnmappedStates) : null;
    }

    /** Takes the next item of the history. */
    @Override
    public void accept(WorkItem item) {
        if (finished) {
            throw new IllegalStateException("the report is already finished");
        }
        if (validator != null) {
            validator.check(item);
        }
        if (!request.types().isEmpty() && !request.types().contains(item.type())) {
            otherTypes++;
            return;
        }
        ItemFacts facts = timeline.walk(item);
        if (facts == null) {
            notYetCreated++;
        } else if (facts.removed()) {
            removed++;
        } else {
            reported.add(facts);
            earliestCreated = Math.min(earliestCreated, facts.createdDay());
        }
    }

    /**
     * Composes the report.
     *
     * @throws io.flowtrack.metrics.model.InvalidHistoryException naming every problem in the items taken
     * @throws IllegalArgumentException when the request does not fit the history
     */
    public Report finish() {
        if (finished) {
            throw new IllegalStateException("the report is already finished");
        }
        finished = true;
        if (validator != null) {
            validator.throwIfInvalid();
        }
        return FlowEngine.compose(setting, reported, earliestCreated,
                new Report.Excluded(removed, notYetCreated, otherTypes));
    }
}
