package io.flowtrack.jira.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The change items one issue's history is built from, oldest first: its status changes and the changes of the field
 * that means "blocked". Filled by one read, then only read.
 */
final class IssueChanges {
    private final List<StatusItem> status = new ArrayList<>();
    private final List<BlockedItem> blocked = new ArrayList<>();

    List<StatusItem> status() {
        return status;
    }

    List<BlockedItem> blocked() {
        return blocked;
    }

    void add(StatusItem item) {
        status.add(item);
    }

    void add(BlockedItem item) {
        blocked.add(item);
    }
}
