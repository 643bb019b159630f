package io.flowtrack.jira.config;

import com.atlassian.jira.config.StatusManager;
import io.flowtrack.metrics.model.Stage;
import java.util.List;
import java.util.Optional;

/**
 * Reading and changing a project's configuration, for the REST resource and the admin page alike: a body is
 * parsed strictly, every status id must exist in Jira, and every change is stored with its audit row. Callers
 * check that the user may administer the project first.
 */
public final class FlowConfigService {
    /** A configuration body is small; anything larger is refused before it is parsed. */
    public static final int MAX_BODY_CHARS = 200_000;

    private final FlowConfigStore store;
    private final StatusManager statuses;
    private final FlowConfigJson json = new FlowConfigJson();

    public FlowConfigService(FlowConfigStore store, StatusManager statuses) {
        this.store = store;
        this.statuses = statuses;
    }

    public Optional<FlowConfig> find(long projectId) {
        return store.find(projectId);
    }

    /**
     * @throws UnknownStatusException   when a status id does not exist
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public FlowConfig save(long projectId, String body, String actorKey) {
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("the configuration is larger than " + MAX_BODY_CHARS + " characters");
        }
        FlowConfig config = json.read(body);
        List<String> unknown = config.stages().stream().map(Stage::states).flatMap(List::stream)
                .filter(id -> statuses.getStatus(id) == null).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownStatusException(unknown);
        }
        store.save(projectId, config, actorKey);
        return config;
    }

    public boolean reset(long projectId, String actorKey) {
        return store.reset(projectId, actorKey);
    }

    public List<AuditEntry> audit(long projectId, int limit) {
        return store.audit(projectId, limit);
    }
}
