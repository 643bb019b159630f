package io.flowtrack.jira.prefs;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One user's dashboard controls for one project's flow page (window, types, start policy, forecast inputs), as
 * the canonical JSON {@link UserControls} writes. In Jira's database, so every cluster node sees the same choice.
 */
@Preload
@Table("FLOW_PREFS")
public interface FlowPrefsEntity extends Entity {
    @NotNull
    @Indexed
    @StringLength(255)
    String getUserKey();

    void setUserKey(String userKey);

    @NotNull
    @Indexed
    Long getProjectId();

    void setProjectId(Long projectId);

    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getControls();

    void setControls(String json);

    @NotNull
    Long getUpdatedAt();

    void setUpdatedAt(Long epochMillis);
}
