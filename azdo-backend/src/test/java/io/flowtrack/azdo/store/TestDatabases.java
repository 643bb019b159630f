package io.flowtrack.azdo.store;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real databases for tests: an H2 in-memory database (opened with a plain URL, as an admin would give
 * one) and an embedded PostgreSQL 14 started once per test JVM on 127.0.0.1.
 *
 * <p>Register one per test class; each {@link #get(Kind)} there returns a database with a fresh schema,
 * created on first use and dropped after the class:
 * <pre>
 * &#64;RegisterExtension static final TestDatabases DBS = new TestDatabases();
 * &#64;ParameterizedTest &#64;EnumSource(TestDatabases.Kind.class)
 * void something(TestDatabases.Kind kind) { Database db = DBS.get(kind); ... }
 * </pre>
 */
public final class TestDatabases implements AfterAllCallback {
    /** Which database. */
    public enum Kind { H2, POSTGRES }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private final Map<Kind, Database> open = new EnumMap<>(Kind.class);
    private final Map<Kind, String> names = new EnumMap<>(Kind.class);

    /** This class's database of that kind, migrated. */
    public synchronized Database get(Kind kind) {
        return open.computeIfAbsent(kind, k -> {
            String name = "ft_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            names.put(k, name);
            return Database.open(createUrl(k, name), k == Kind.POSTGRES ? "postgres" : "sa",
                    k == Kind.POSTGRES ? null : new Secret(""), 4);
        });
    }

    /**
     * A new organization stored as connected in {@code db} (the stores write an organization's data only then), with
     * titles switched on: the store tests round-trip titles, and the store keeps them only when they are switched on.
     */
    public static io.flowtrack.azdo.model.OrgId connectedOrg(Database db) {
        io.flowtrack.azdo.model.OrgId org = new io.flowtrack.azdo.model.OrgId(java.util.UUID.randomUUID().toString());
        new OrganizationStore(db).upsert(org, "org-" + org.value().substring(0, 8), "https://dev.azure.com/test");
        new OrganizationStore(db).setPersonalFields(org, true);
        return org;
    }

    /**
     * Creates an empty database of that kind and returns its JDBC URL (not migrated). The caller owns it;
     * an H2 one lives while a connection is open or until SHUTDOWN.
     */
    public static String createUrl(Kind kind, String name) {
        if (kind == Kind.H2) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name;
    }

    /** The embedded PostgreSQL, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setRegisterShutdownHook(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        for (Map.Entry<Kind, Database> e : open.entrySet()) {
            Database db = e.getValue();
            String name = names.get(e.getKey());
            if (e.getKey() == Kind.H2) {
                db.close();
                // DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection: drop it.
                try (Connection c = DriverManager.getConnection(createUrl(Kind.H2, name), "sa", "");
                     Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            } else {
                db.close();
                try (Connection c = postgres().getPostgresDatabase().getConnection();
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
        open.clear();
    }
}
