package io.flowtrack.jira.config;

import io.flowtrack.jira.audit.FlowReadEntity;
import io.flowtrack.jira.prefs.FlowPrefsEntity;
import net.java.ao.RawEntity;

/** The entity types FlowTrack stores, as listed in the descriptor's {@code <ao>} module. */
public final class FlowEntities {
    private FlowEntities() {
    }

    @SuppressWarnings("unchecked")
    public static Class<? extends RawEntity<?>>[] all() {
        return new Class[] {FlowConfigEntity.class, FlowStageEntity.class, FlowStatusEntity.class,
            FlowAuditEntity.class, FlowReadEntity.class, FlowPrefsEntity.class};
    }
}
