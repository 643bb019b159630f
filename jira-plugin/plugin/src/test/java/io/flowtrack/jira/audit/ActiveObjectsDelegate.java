package io.flowtrack.jira.audit;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.sal.api.transaction.TransactionCallback;
import net.java.ao.DBParam;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/** An {@link ActiveObjects} that hands every call to another; a test overrides the call it wants to fail. */
class ActiveObjectsDelegate implements ActiveObjects {
    private final ActiveObjects target;

    ActiveObjectsDelegate(ActiveObjects target) {
        this.target = target;
    }

    @Override
    @SafeVarargs
    public final void migrate(Class<? extends RawEntity<?>>... entities) {
        target.migrate(entities);
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query) {
        return target.find(type, query);
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params) {
        return target.create(type, params);
    }

    @Override
    public void delete(RawEntity<?>... entities) {
        target.delete(entities);
    }

    @Override
    public <T> T executeInTransaction(TransactionCallback<T> callback) {
        return target.executeInTransaction(callback);
    }
}
