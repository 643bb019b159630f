package io.flowtrack.jira.config;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.sal.api.transaction.TransactionCallback;
import java.sql.SQLException;
import java.util.UUID;
import net.java.ao.DBParam;
import net.java.ao.EntityManager;
import net.java.ao.Query;
import net.java.ao.RawEntity;
import net.java.ao.Transaction;
import net.java.ao.atlassian.AtlassianFieldNameConverter;
import net.java.ao.atlassian.AtlassianTableNameConverter;
import net.java.ao.builder.EntityManagerBuilder;

/**
 * The declared {@link ActiveObjects} served by the real Active Objects library ({@code net.java.ao}) on an
 * embedded database, as Jira's Active Objects plugin serves it from Jira's database: the store and the
 * upgrade task run unchanged against real tables.
 */
public final class EntityManagerActiveObjects implements ActiveObjects, AutoCloseable {
    /** Jira prefixes "AO_" and 6 hex digits derived from the plugin key; only the length matters here. */
    public static final String PREFIX = "AO_" + String.format("%06X", "io.flowtrack.jira".hashCode() & 0xFFFFFF) + "_";

    private final EntityManager em;

    private EntityManagerActiveObjects(EntityManager em) {
        this.em = em;
    }

    /** A fresh in-memory H2 database with FlowTrack's tables, created by its upgrade tasks in order, as Jira would. */
    public static EntityManagerActiveObjects onH2() {
        EntityManagerActiveObjects ao = onH2Empty();
        new FlowConfigUpgradeTask().upgrade(null, ao);
        new FlowReadsUpgradeTask().upgrade(null, ao);
        return ao;
    }

    /** A fresh in-memory H2 database without any table (a test migrates what an older model version had). */
    public static EntityManagerActiveObjects onH2Empty() {
        EntityManager em = EntityManagerBuilder.url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .username("sa").password("").auto()
                .tableNameConverter(new AtlassianTableNameConverter(name -> PREFIX + name))
                .fieldNameConverter(new AtlassianFieldNameConverter()).build();
        return new EntityManagerActiveObjects(em);
    }

    public EntityManager entityManager() {
        return em;
    }

    @Override
    public void close() {
        em.getProvider().dispose();
    }

    @Override
    @SafeVarargs
    public final void migrate(Class<? extends RawEntity<?>>... entities) {
        sql(() -> {
            em.migrate(entities);
            return null;
        });
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query) {
        return sql(() -> em.find(type, query));
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params) {
        return sql(() -> em.create(type, params));
    }

    @Override
    public void delete(RawEntity<?>... entities) {
        sql(() -> {
            em.delete(entities);
            return null;
        });
    }

    @Override
    public <T> T executeInTransaction(TransactionCallback<T> callback) {
        return sql(() -> new Transaction<T>(em) {
            @Override
            protected T run() {
                return callback.doInTransaction();
            }
        }.execute());
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
