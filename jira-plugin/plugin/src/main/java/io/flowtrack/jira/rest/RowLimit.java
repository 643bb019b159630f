package io.flowtrack.jira.rest;

/**
 * The {@code limit} query parameter of the audit routes, read by the resource itself after its access checks: JAX-RS
 * would answer a value it cannot convert to a number with 404 (as if the route did not exist) and before any check.
 * Absent means the default; the store bounds the number further.
 */
final class RowLimit {
    static final int DEFAULT = 50;

    private RowLimit() {
    }

    static int parse(String limit) {
        if (limit == null) {
            return DEFAULT;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: a whole number of rows, such as 50");
        }
    }
}
