package io.flowtrack.azdo.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The few statements that differ between H2 and PostgreSQL: upserts. Everything else is portable SQL.
 */
public enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(String databaseProductName) {
        String name = databaseProductName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database: " + databaseProductName + " (H2 or PostgreSQL)");
    }

    /**
     * An insert-or-replace of one row of {@code table}: parameters are {@code columns} in order; on a
     * key clash the non-key columns are overwritten.
     */
    String upsert(String table, List<String> columns, List<String> keyColumns) {
        String cols = String.join(", ", columns);
        String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String keys = String.join(", ", keyColumns);
        if (this == H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + keys + ") VALUES (" + params + ")";
        }
        String updates = columns.stream().filter(c -> !keyColumns.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + params + ") ON CONFLICT (" + keys + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
    }
}
