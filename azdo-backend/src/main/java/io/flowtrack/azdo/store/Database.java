package io.flowtrack.azdo.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool over the service's database (H2 file or memory, or PostgreSQL), with the schema
 * migrated by Flyway when it opens.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * The connection of the transaction this thread is in, if any: store calls made inside
     * {@link #inTransaction} join it, so several stores' writes commit or roll back together.
     */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** How long {@link #reclaim} waits for a table's exclusive lock. */
    public static final java.time.Duration RECLAIM_LOCK_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final boolean h2File;

    private Database(HikariDataSource dataSource, Dialect dialect, boolean h2File) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.h2File = h2File;
    }

    /** Opens the database the configuration names and migrates it. */
    public static Database open(BackendConfig config) {
        return open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
    }

    /**
     * Opens a pool over {@code jdbcUrl} and applies pending migrations.
     *
     * @param password may be null (H2 without a password)
     */
    public static Database open(String jdbcUrl, String user, Secret password) {
        return open(jdbcUrl, user, password, 10);
    }

    /** As {@link #open(String, String, Secret)}, with at most {@code maxPoolSize} connections. */
    public static Database open(String jdbcUrl, String user, Secret password, int maxPoolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) URL");
        }
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        if (h2File && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            // H2's own shutdown hook would close the file before the service's (Main) runs close(), and the file
            // would not be compacted: erased rows would stay in it. The service closes it itself.
            jdbcUrl = jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password.reveal());
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // The driver sends a batch of inserts as multi-row INSERTs instead of one statement per row: revision
            // pages load several times faster (docs/performance.md). Upserts stay rewritable: no parameter follows
            // VALUES (the update takes EXCLUDED values), and RevisionStore never puts one key twice in a batch.
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        hc.setPoolName("flowtrack-db");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            // Hikari's message may quote the URL; it never includes the password.
            throw new StoreException("cannot connect to the database: " + e.getMessage(), e);
        }
        try {
            Dialect dialect;
            try (Connection c = ds.getConnection()) {
                dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
            }
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new Database(ds, dialect, h2File);
        } catch (SQLException | RuntimeException e) {
            ds.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the database: " + e.getMessage(), e);
        }
    }

    /** Which SQL dialect the upserts use. */
    public Dialect dialect() {
        return dialect;
    }

    /** The pool, for callers that need plain JDBC (tests, health checks). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * A {@link SQLException} comes out as a {@link StoreException}; unchecked exceptions pass unchanged.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection outer = current.get();
        if (outer != null) {
            return joined(outer, work); // part of the caller's transaction: it commits or rolls back the whole
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                current.remove();
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it; the original outcome stands
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit mode (each statement its own transaction). */
    public <T> T withConnection(SqlWork<T> work) {
        Connection outer = current.get();
        if (outer != null) {
            return joined(outer, work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    private static <T> T joined(Connection outer, SqlWork<T> work) {
        try {
            return work.run(outer);
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    /**
     * After data was erased (titles switched off, an extended field turned off, an organization disconnected), makes
     * the database give up the erased bytes instead of keeping them as dead rows. PostgreSQL keeps an updated or
     * deleted row's old version in the table's file, and a plain {@code VACUUM} only marks its space free (a test
     * reading the file still found every title), so this runs {@code VACUUM FULL}, which rewrites each table into a
     * new file from its live rows. It locks the table exclusively while it runs (syncs and reports of every
     * organization wait): it waits at most {@link #RECLAIM_LOCK_TIMEOUT} for the lock, and on failure falls back to a
     * plain {@code VACUUM} and logs that the bytes stay until the next successful reclaim or an operator's
     * {@code VACUUM FULL}. Runs outside any transaction: call it after the erasing one committed. H2 rewrites its file
     * when it is closed ({@link #close}: {@code SHUTDOWN COMPACT}).
     */
    public void reclaim(List<String> tables) {
        for (String table : tables) {
            if (!table.matches("[a-z_]{1,64}")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        }
        if (dialect != Dialect.POSTGRESQL || current.get() != null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String table : tables) {
                try {
                    s.execute("SET lock_timeout = '" + RECLAIM_LOCK_TIMEOUT.toMillis() + "ms'");
                    s.execute("VACUUM FULL " + table);
                } catch (SQLException e) {
                    LOG.warn("VACUUM FULL {} after an erasure failed ({}); plain VACUUM instead: the erased bytes stay"
                            + " in the table's file until the next reclaim or an operator's VACUUM FULL", table,
                            e.getMessage());
                    s.execute("SET lock_timeout = 0");
                    s.execute("VACUUM " + table);
                } finally {
                    s.execute("RESET lock_timeout");
                }
            }
        } catch (SQLException e) {
            LOG.warn("VACUUM after an erasure failed ({}); the dead rows stay until autovacuum", e.getMessage());
        }
    }

    /**
     * Closes the pool. An H2 file database is compacted first ({@code SHUTDOWN COMPACT}): H2 rewrites the file from
     * its live data, so rows deleted or overwritten (erased titles, a purged organization) are not left in it.
     */
    @Override
    public void close() {
        if (h2File && !dataSource.isClosed()) {
            Connection c = null;
            try {
                c = dataSource.getConnection();
                c.createStatement().execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                LOG.warn("H2 SHUTDOWN COMPACT failed: {}", e.getMessage());
            } finally {
                try {
                    if (c != null) {
                        c.close(); // after a SHUTDOWN the connection is closed already: nothing to report
                    }
                } catch (SQLException ignored) {
                    // the database is shut down
                }
            }
        }
        dataSource.close();
    }
}
