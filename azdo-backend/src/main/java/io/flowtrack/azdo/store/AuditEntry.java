package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.time.Instant;

/** One line of an organization's audit log: who did what to which target, when. */
public record AuditEntry(long id, OrgId org, Instant at, String actor, String action, String target, String detail) {
}
