package io.flowtrack.jira.config;

import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.status.Status;
import com.atlassian.jira.issue.status.category.StatusCategory;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The workflow a project gets before anyone configures it, from Jira's status categories: {@code new}
 * (To Do) is proposed, {@code indeterminate} (In Progress) is active, {@code done} is done. Statuses are
 * looked up by id when a report is made, so a renamed status keeps its place; a deleted status (or one in
 * the "undefined" category) maps nowhere and shows up as an unmapped-state finding in the report.
 */
public final class DefaultWorkflow {
    public static final String TO_DO = "To Do";
    public static final String IN_PROGRESS = "In Progress";
    public static final String DONE = "Done";

    private final StatusManager statuses;

    public DefaultWorkflow(StatusManager statuses) {
        this.statuses = statuses;
    }

    /** The default workflow over the given status ids (those the reported issues have been in). */
    public Workflow over(Collection<String> statusIds) {
        List<String> proposed = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (String id : new TreeSet<>(statusIds)) {
            Status status = statuses.getStatus(id);
            StatusCategory category = status == null ? null : status.getStatusCategory();
            String key = category == null ? null : category.getKey();
            if ("new".equals(key)) {
                proposed.add(id);
            } else if ("indeterminate".equals(key)) {
                active.add(id);
            } else if ("done".equals(key)) {
                done.add(id);
            }
        }
        return Workflow.of(List.of(new Stage(TO_DO, Category.PROPOSED, proposed),
                new Stage(IN_PROGRESS, Category.ACTIVE, active), new Stage(DONE, Category.DONE, done)), null);
    }
}
