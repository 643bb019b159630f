package io.flowtrack.jira.config;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** One stage of a project's configuration, in flow order by {@code STAGE_INDEX}. */
@Preload
@Table("FLOW_STAGE")
public interface FlowStageEntity extends Entity {
    @NotNull
    @Indexed
    Integer getConfigId();

    void setConfigId(Integer configId);

    @NotNull
    Integer getStageIndex();

    void setStageIndex(Integer index);

    @NotNull
    @StringLength(FlowConfig.MAX_NAME_LENGTH)
    String getStageName();

    void setStageName(String name);

    @NotNull
    @StringLength(16)
    String getStageCategory();

    void setStageCategory(String category);
}
