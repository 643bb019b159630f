package io.flowtrack.jira.audit;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One report read: who, when, which issues (the selection as given, bounded), with which parameters, how many
 * issues it read. Table {@code AO_xxxxxx_FLOW_READ}; pruned by {@link ReadAudit} to a bounded age and row count.
 */
@Preload
@Table("FLOW_READ")
public interface FlowReadEntity extends Entity {
    @NotNull
    String getActorKey();

    void setActorKey(String userKey);

    @NotNull
    @Indexed
    Long getReadAt();

    void setReadAt(Long epochMillis);

    /** The project whose configuration the report used; null for a JQL or filter report without one. */
    @Indexed
    Long getProjectId();

    void setProjectId(Long projectId);

    /** The project's key at the time of the read (keys can change; the id cannot). */
    String getProjectKey();

    void setProjectKey(String key);

    /** {@code project}, {@code filter} or {@code jql}. */
    @NotNull
    @StringLength(16)
    String getSelectionKind();

    void setSelectionKind(String kind);

    /** The project key, the filter id, or the JQL — cut to {@link ReportRead#MAX_SELECTION} characters. */
    @StringLength(StringLength.UNLIMITED)
    String getSelectionText();

    void setSelectionText(String text);

    /** The selection's length as given, so a cut one shows as such. */
    @NotNull
    Integer getSelectionLength();

    void setSelectionLength(Integer length);

    /** The report parameters given (a JSON object of name to value; values bounded). */
    @StringLength(StringLength.UNLIMITED)
    String getReportParams();

    void setReportParams(String json);

    @NotNull
    Integer getIssueCount();

    void setIssueCount(Integer issues);
}
