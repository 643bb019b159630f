package io.flowtrack.jira.config;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** Who changed a project's configuration, when, how, and to what (the configuration as JSON). */
@Preload
@Table("FLOW_AUDIT")
public interface FlowAuditEntity extends Entity {
    @NotNull
    @Indexed
    Long getProjectId();

    void setProjectId(Long projectId);

    @NotNull
    String getActorKey();

    void setActorKey(String userKey);

    @NotNull
    Long getChangedAt();

    void setChangedAt(Long epochMillis);

    @NotNull
    @StringLength(32)
    String getActionName();

    void setActionName(String action);

    @StringLength(StringLength.UNLIMITED)
    String getDetails();

    void setDetails(String json);
}
