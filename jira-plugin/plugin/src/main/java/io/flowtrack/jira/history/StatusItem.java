package io.flowtrack.jira.history;

import java.time.Instant;

/**
 * One status change item as Jira stores it, whichever read it came from.
 *
 * @param at   when the change was made
 * @param from the status id it left; null when Jira did not record it
 * @param to   the status id it entered
 */
record StatusItem(Instant at, String from, String to) {
}
