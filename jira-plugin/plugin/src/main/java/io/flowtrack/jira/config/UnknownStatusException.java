package io.flowtrack.jira.config;

import java.util.List;

/** A configuration names status ids Jira does not have. */
public final class UnknownStatusException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> statusIds;

    public UnknownStatusException(List<String> statusIds) {
        super("Jira has no status with the id" + (statusIds.size() == 1 ? " " : "s ") + String.join(", ", statusIds));
        this.statusIds = List.copyOf(statusIds);
    }

    public List<String> statusIds() {
        return statusIds;
    }
}
