package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;

/**
 * A sync run tried to write after it lost its project's lease (it expired and another run took it over):
 * nothing of the write was stored, and the run must stop.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(OrgId org, String projectId) {
        super("org " + org + " project " + projectId + ": this sync run no longer holds the project's lease");
    }
}
