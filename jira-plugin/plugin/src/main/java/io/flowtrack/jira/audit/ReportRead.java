package io.flowtrack.jira.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One report read, as audited. Texts are bounded here, so what is stored and shown never grows with the request.
 *
 * @param actorKey        the Jira user key of the reader (stable across renames)
 * @param at              when
 * @param projectId       the project whose configuration applied; null when none did
 * @param projectKey      that project's key at the time; null when none
 * @param selectionKind   {@code project}, {@code filter} or {@code jql}
 * @param selection       the project key, filter id or JQL, at most {@link #MAX_SELECTION} characters
 * @param selectionLength the selection's length as given (larger than {@code selection}'s when it was cut)
 * @param parameters      the report parameters given, by name; values at most {@link #MAX_VALUE} characters
 * @param issueCount      how many issues the report read
 */
public record ReportRead(String actorKey, Instant at, Long projectId, String projectKey, String selectionKind,
                         String selection, int selectionLength, Map<String, String> parameters, int issueCount) {
    public static final String PROJECT = "project";
    public static final String FILTER = "filter";
    public static final String JQL = "jql";
    /** Characters of a selection (JQL) kept. */
    public static final int MAX_SELECTION = 2_000;
    /** Characters of a parameter value kept. */
    public static final int MAX_VALUE = 200;

    public ReportRead {
        Objects.requireNonNull(actorKey, "actorKey");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(selectionKind, "selectionKind");
        Objects.requireNonNull(selection, "selection");
        selection = cut(selection, MAX_SELECTION);
        TreeMap<String, String> bounded = new TreeMap<>();
        parameters.forEach((name, value) -> bounded.put(cut(name, MAX_VALUE), cut(value, MAX_VALUE)));
        parameters = java.util.Collections.unmodifiableMap(bounded);
    }

    /** A read as the report resource sees it: the selection as given (its length is taken before it is cut). */
    public static ReportRead of(String actorKey, Instant at, Long projectId, String projectKey, String selectionKind,
                                String selection, Map<String, String> parameters, int issueCount) {
        return new ReportRead(actorKey, at, projectId, projectKey, selectionKind, selection, selection.length(),
                parameters, issueCount);
    }

    /** Whether the stored selection is shorter than the one given. */
    public boolean selectionCut() {
        return selectionLength > selection.length();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
