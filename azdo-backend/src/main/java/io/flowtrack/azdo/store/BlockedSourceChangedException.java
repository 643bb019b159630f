package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;

/**
 * A sync run tried to store revisions read with a blocked source that is no longer the project's (an admin changed
 * it during the run): nothing of the batch was stored, and the run must stop. The configuration change reset the
 * project's watermark, so the next sync reads the whole history again with the new source.
 */
public final class BlockedSourceChangedException extends RuntimeException {
    public BlockedSourceChangedException(OrgId org, String projectId) {
        super("org " + org + " project " + projectId + ": the project's blocked source changed during the sync");
    }
}
