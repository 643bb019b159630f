package io.flowtrack.jira.config;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One project's configuration (table {@code AO_<hash>_FLOW_CONFIG}). Its stages and statuses are rows of
 * {@link FlowStageEntity} and {@link FlowStatusEntity}; every change is a row of {@link FlowAuditEntity}.
 * Names stay short (Jira's 30-character limit with the {@code AO_xxxxxx_} prefix) and avoid reserved words.
 */
@Preload
@Table("FLOW_CONFIG")
public interface FlowConfigEntity extends Entity {
    @NotNull
    @Indexed
    Long getProjectId();

    void setProjectId(Long projectId);

    @StringLength(FlowConfig.MAX_NAME_LENGTH)
    String getCommitmentStage();

    void setCommitmentStage(String name);

    @NotNull
    @StringLength(16)
    String getStartPolicy();

    void setStartPolicy(String policy);

    Integer getSleDays();

    void setSleDays(Integer days);

    Integer getSlePercentile();

    void setSlePercentile(Integer percentile);

    boolean getIncludeTitles();

    void setIncludeTitles(boolean include);

    /** The change-history field that means "blocked"; null for the default (Flagged). Since model version 3. */
    @StringLength(FlowConfig.MAX_FIELD_NAME_LENGTH)
    String getBlockedField();

    void setBlockedField(String field);

    /** The calendar's working weekdays, {@code MONDAY,TUESDAY,…}; null for no calendar. Since model version 3. */
    @StringLength(80)
    String getWorkingDays();

    void setWorkingDays(String days);

    /** The calendar's holidays, ISO dates separated by commas; null or empty for none. Since model version 3. */
    @StringLength(StringLength.UNLIMITED)
    String getHolidays();

    void setHolidays(String dates);

    @NotNull
    String getUpdatedBy();

    void setUpdatedBy(String userKey);

    @NotNull
    Long getUpdatedAt();

    void setUpdatedAt(Long epochMillis);
}
