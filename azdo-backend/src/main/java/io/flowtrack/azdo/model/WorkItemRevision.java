package io.flowtrack.azdo.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One revision of a work item as the service keeps it: the flow fields a report reads, the title only when the
 * organization switched titles on, and the extended fields (tags, fields an admin chose) only when the organization
 * turned each one on ({@link FieldSelection}). Nothing else of what Azure DevOps sends is kept: not the team project,
 * not the activated or closed dates, not the assignee (no report reads them).
 *
 * @param workItemId   System.Id
 * @param rev          System.Rev
 * @param workItemType System.WorkItemType
 * @param state        System.State
 * @param areaPath     System.AreaPath
 * @param createdDate  System.CreatedDate
 * @param changedDate  System.ChangedDate: when this revision was made
 * @param title        System.Title, or null
 * @param fields       extended field values by reference name (System.Tags normalised by {@link Tags}); never null
 * @param blocked      whether the revision was blocked by the project's {@link BlockedSource} (false when it has none):
 *                     only this flag is kept, not the blocked field's or the tags' text
 */
public record WorkItemRevision(int workItemId, int rev, String workItemType, String state, String areaPath,
                               Instant createdDate, Instant changedDate, String title, Map<String, String> fields,
                               boolean blocked) {
    public WorkItemRevision {
        Objects.requireNonNull(workItemType, "System.WorkItemType");
        Objects.requireNonNull(state, "System.State");
        Objects.requireNonNull(createdDate, "System.CreatedDate");
        Objects.requireNonNull(changedDate, "System.ChangedDate");
        if (workItemId <= 0 || rev <= 0) {
            throw new IllegalArgumentException("work item id and revision must be positive");
        }
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** This revision, blocked or not. */
    public WorkItemRevision withBlocked(boolean value) {
        return value == blocked ? this : new WorkItemRevision(workItemId, rev, workItemType, state, areaPath,
                createdDate, changedDate, title, fields, value);
    }

    /** This revision with only what {@code allowed} lets the service keep. */
    public WorkItemRevision keepOnly(FieldSelection allowed) {
        String keptTitle = allowed.title() ? title : null;
        Map<String, String> kept = new java.util.LinkedHashMap<>(fields);
        kept.keySet().retainAll(allowed.extended());
        if (Objects.equals(keptTitle, title) && kept.size() == fields.size()) {
            return this;
        }
        return new WorkItemRevision(workItemId, rev, workItemType, state, areaPath, createdDate, changedDate,
                keptTitle, kept, blocked);
    }
}
