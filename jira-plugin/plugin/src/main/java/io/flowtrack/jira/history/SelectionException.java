package io.flowtrack.jira.history;

import java.util.List;

/** The issues asked for cannot be searched: the JQL does not parse or validate, or the filter is not visible. */
public final class SelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public SelectionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
