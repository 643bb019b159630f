package io.flowtrack.azdo.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a work item as the reporting revisions API returns it, reduced to the fields flow
 * metrics need. Title and assigned-to are null unless the organization switched them on.
 *
 * @param workItemId    System.Id
 * @param rev           System.Rev
 * @param teamProject   System.TeamProject (the project's name)
 * @param workItemType  System.WorkItemType
 * @param state         System.State
 * @param areaPath      System.AreaPath
 * @param createdDate   System.CreatedDate
 * @param changedDate   System.ChangedDate: when this revision was made
 * @param activatedDate Microsoft.VSTS.Common.ActivatedDate, or null
 * @param closedDate    Microsoft.VSTS.Common.ClosedDate, or null
 * @param title         System.Title, or null
 * @param assignedTo    System.AssignedTo (display name or unique name), or null
 */
public record WorkItemRevision(int workItemId, int rev, String teamProject, String workItemType, String state,
                               String areaPath, Instant createdDate, Instant changedDate, Instant activatedDate,
                               Instant closedDate, String title, String assignedTo) {
    public WorkItemRevision {
        Objects.requireNonNull(workItemType, "System.WorkItemType");
        Objects.requireNonNull(state, "System.State");
        Objects.requireNonNull(createdDate, "System.CreatedDate");
        Objects.requireNonNull(changedDate, "System.ChangedDate");
        if (workItemId <= 0 || rev <= 0) {
            throw new IllegalArgumentException("work item id and revision must be positive");
        }
    }
}
