package io.flowtrack.azdo.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool over the service's database (H2 file or memory, or PostgreSQL), with the schema
 * migrated by Flyway when it opens.
 */
public final class Database implements AutoCloseable {
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

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
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
            return new Database(ds, dialect);
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

    @Override
    public void close() {
        dataSource.close();
    }
}
