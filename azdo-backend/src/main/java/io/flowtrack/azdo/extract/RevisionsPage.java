package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.model.WorkItemRevision;

import java.util.List;

/**
 * One batch of the reporting work item revisions API.
 *
 * @param values            the revisions, in the order Azure DevOps sent them (change order, not per item)
 * @param continuationToken the watermark to ask for the next batch with; persist it together with the
 *                          rows it covers. Still set on the last batch: polling it later returns new revisions
 * @param isLastBatch       true when there is nothing more for now
 */
public record RevisionsPage(List<WorkItemRevision> values, String continuationToken, boolean isLastBatch) {
    public RevisionsPage {
        values = List.copyOf(values);
    }
}
