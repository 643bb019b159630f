package io.flowtrack.metrics.quality;

/**
 * One data-quality finding of an item.
 *
 * @param count  how often it happened (1 for yes/no findings)
 * @param detail a sentence for the user: what happened and how it affects the numbers
 */
public record Finding(Kind kind, int count, String detail) {
    /** The kinds of finding; {@link #jsonName()} is the report's name for each. */
    public enum Kind {
        BACKWARD_MOVES("backwardMoves"),
        REOPENED("reopened"),
        CREATED_IN_DONE("createdInDone"),
        FROM_MISMATCH("fromMismatch"),
        UNMAPPED_STATES("unmappedStates"),
        STARTED_PAST_COMMITMENT("startedPastCommitment"),
        BACK_BEFORE_COMMITMENT("backBeforeCommitment");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }
}
