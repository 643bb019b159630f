package io.flowtrack.jira.history;

import java.time.Instant;

/**
 * One change item of the field that means "blocked" (by default Jira Software's Flagged), whichever read it came
 * from. Only whether the field had a value before and after is kept: a value (Flagged: "Impediment") means blocked,
 * an empty field means not blocked; the value itself is not kept.
 *
 * @param at     when the change was made
 * @param wasSet whether the field had a value before the change
 * @param isSet  whether it has one after it
 */
record BlockedItem(Instant at, boolean wasSet, boolean isSet) {

    /** From a change item's raw values and display strings (either may hold the value, depending on the field). */
    static BlockedItem of(Instant at, String from, String fromString, String to, String toString) {
        return new BlockedItem(at, present(from) || present(fromString), present(to) || present(toString));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank() && !"[]".equals(value.trim());
    }
}
