package io.flowtrack.metrics.model;

import java.util.List;

/**
 * Bad input: the history cannot be computed. Every problem found names the item (or workflow entry)
 * and the field; nothing is computed from a history that raised this.
 */
public final class InvalidHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidHistoryException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidHistoryException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, each naming where it is. */
    public List<String> problems() {
        return problems;
    }
}
