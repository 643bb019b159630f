package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.time.Instant;

/** A connected organization and the state of its connection. */
public record Organization(OrgId id, String name, String baseUrl, Status status, String statusDetail,
                           Instant createdAt) {
    /** The connection's state, shown to admins. */
    public enum Status {
        /** Connected; syncs run. */
        CONNECTED,
        /** The credential was refused (revoked or expired); syncs stop until an admin replaces it. */
        CREDENTIAL_REJECTED,
        /** Syncs fail for another reason (the detail says which); they keep being retried. */
        FAILING,
        /** Disconnected by an admin; nothing runs. */
        DISCONNECTED
    }
}
