/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [AOS; 9.12-11.x SP]. Erased descriptors from the reference file:
 * migrate([Ljava/lang/Class;)V [AOS]; find(Ljava/lang/Class;Lnet/java/ao/Query;)[Lnet/java/ao/RawEntity; [AOS, SP];
 * create(Ljava/lang/Class;[Lnet/java/ao/DBParam;)Lnet/java/ao/RawEntity; [AOS, SP]; delete([Lnet/java/ao/RawEntity;)V
 * [AOS, SP]; executeInTransaction(Lcom/atlassian/sal/api/transaction/TransactionCallback;)Ljava/lang/Object; [AOS].
 * net.java.ao itself is the real library from Maven Central (scope provided).
 */
package com.atlassian.activeobjects.external;

import com.atlassian.sal.api.transaction.TransactionCallback;
import net.java.ao.DBParam;
import net.java.ao.Query;
import net.java.ao.RawEntity;

public interface ActiveObjects {
    @SuppressWarnings("unchecked")
    void migrate(Class<? extends RawEntity<?>>... entities);

    <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query);

    <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params);

    void delete(RawEntity<?>... entities);

    <T> T executeInTransaction(TransactionCallback<T> callback);
}
