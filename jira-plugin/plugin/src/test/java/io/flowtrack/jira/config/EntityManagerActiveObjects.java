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
import org.mockito.Mockito;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * {@link ActiveObjects} served by the real Active Objects library ({@code net.java.ao}) on an embedded database, as
 * Jira's Active Objects plugin serves it from Jira's database: the store and the upgrade task run unchanged against
 * real tables.
 *
 * <p>Abstract, and made by Mockito with {@link #SERVED_OR_REFUSED}: the real interface (the {@code -Patlassian}
 * build compiles against it) has some twenty members, more than FlowTrack's declarations and more than this class
 * serves. Whatever it serves runs for real; any other member of whichever interface it was compiled against throws,
 * naming the member, instead of answering null. So the class compiles against the full interface of any version.
 */
public abstract class EntityManagerActiveObjects implements ActiveObjects, AutoCloseable {
    /** Real methods run; an abstract (unserved) one refuses loudly. */
    public static final Answer<Object> SERVED_OR_REFUSED = EntityManagerActiveObjects::servedOrRefused;

    /** Jira prefixes "AO_" and 6 hex digits derived from the plugin key; only the length matters here. */
    public static final String PREFIX = "AO_" + String.format("%06X", "io.flowtrack.jira".hashCode() & 0xFFFFFF) + "_";

    private final EntityManager em;

    protected EntityManagerActiveObjects(EntityManager em) {
        this.em = em;
    }

    private static Object servedOrRefused(InvocationOnMock invocation) throws Throwable {
        if (java.lang.reflect.Modifier.isAbstract(invocation.getMethod().getModifiers())) {
            throw new UnsupportedOperationException("ActiveObjects." + invocation.getMethod().getName()
                    + " is not served by the test stand-in EntityManagerActiveObjects");
        }
        return invocation.callRealMethod();
    }

    /** A fresh in-memory H2 database with FlowTrack's tables, created by its upgrade tasks in order, as Jira would. */
    public static EntityManagerActiveObjects onH2() {
        EntityManagerActiveObjects ao = onH2Empty();
        new FlowConfigUpgradeTask().upgrade(null, ao);
        new FlowReadsUpgradeTask().upgrade(null, ao);
        new FlowCalendarUpgradeTask().upgrade(null, ao);
        return ao;
    }

    /** A fresh in-memory H2 database without any table (a test migrates what an older model version had). */
    public static EntityManagerActiveObjects onH2Empty() {
        EntityManager em = EntityManagerBuilder.url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .username("sa").password("").auto()
                .tableNameConverter(new AtlassianTableNameConverter(name -> PREFIX + name))
                .fieldNameConverter(new AtlassianFieldNameConverter()).build();
        return Mockito.mock(EntityManagerActiveObjects.class, Mockito.withSettings().stubOnly().useConstructor(em)
                .defaultAnswer(SERVED_OR_REFUSED));
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
