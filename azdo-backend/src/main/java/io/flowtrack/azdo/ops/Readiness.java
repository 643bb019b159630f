package io.flowtrack.azdo.ops;

import io.flowtrack.azdo.store.Database;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Whether this instance can serve: the database answers, and its schema is exactly the one this build migrates to
 * (no pending, failed or unknown newer migrations). Liveness is separate and asks nothing of the database: a
 * database outage makes instances unready (taken out of the load balancer), not dead (restarted in a loop).
 */
public final class Readiness {
    /** The verdict: ready or not, with one line per check. Check details never contain secrets or URLs. */
    public record Verdict(boolean ready, Map<String, String> checks) {
        public Verdict {
            checks = Map.copyOf(checks);
        }
    }

    private final Database database;
    private final int timeoutSeconds;

    public Readiness(Database database, int timeoutSeconds) {
        this.database = database;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Verdict check() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ready = true;
        try {
            database.withConnection(c -> {
                ping(c);
                return null;
            });
            checks.put("database", "up");
        } catch (RuntimeException e) {
            checks.put("database", "down");
            ready = false;
        }
        if (ready) {
            String schema = schema();
            checks.put("schema", schema);
            ready = schema.startsWith("current");
        }
        return new Verdict(ready, checks);
    }

    private void ping(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            s.execute("SELECT 1");
        }
    }

    private String schema() {
        try {
            MigrationInfo[] all = Flyway.configure().dataSource(database.dataSource())
                    .locations("classpath:db/migration").load().info().all();
            MigrationInfo latest = null;
            for (MigrationInfo m : all) {
                MigrationState state = m.getState();
                if (state.isFailed()) {
                    return "failed migration " + m.getVersion();
                }
                if (state == MigrationState.PENDING) {
                    return "pending migration " + m.getVersion();
                }
                if (state == MigrationState.FUTURE_SUCCESS) {
                    return "newer than this build (" + m.getVersion() + ")";
                }
                if (state.isApplied()) {
                    latest = m;
                }
            }
            return latest == null ? "not migrated" : "current (version " + latest.getVersion() + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }
}
