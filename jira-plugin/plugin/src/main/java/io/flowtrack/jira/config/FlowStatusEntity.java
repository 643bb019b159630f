package io.flowtrack.jira.config;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * A Jira status (by id) mapped to one stage of a project's configuration. CONFIG_ID and STAGE_INDEX repeat
 * {@link FlowStageEntity}'s on purpose: Active Objects creates an inherited {@code @Indexed} column's index on the
 * super-interface's table, so a shared super-interface breaks migration (the H2 test showed it).
 */
@Preload
@Table("FLOW_STATUS")
public interface FlowStatusEntity extends Entity {
    @NotNull
    @Indexed
    Integer getConfigId();

    void setConfigId(Integer configId);

    @NotNull
    Integer getStageIndex();

    void setStageIndex(Integer index);

    @NotNull
    @StringLength(FlowConfig.MAX_STATUS_ID_LENGTH)
    String getStatusId();

    void setStatusId(String statusId);
}
