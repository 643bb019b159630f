package io.flowtrack.jira.config;

import java.time.Instant;

/**
 * One configuration change.
 *
 * @param actorKey the Jira user key of who made it (stable across renames)
 * @param at       when
 * @param action   {@code config.saved} or {@code config.reset}
 * @param details  the configuration saved, as JSON; null for a reset
 */
public record AuditEntry(String actorKey, Instant at, String action, String details) {
}
