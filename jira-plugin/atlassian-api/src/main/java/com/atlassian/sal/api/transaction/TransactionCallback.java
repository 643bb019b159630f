/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [AOS: ActiveObjects.executeInTransaction takes this SAL type, not AO's own TransactionCallback].
 * doInTransaction()Ljava/lang/Object; (erased T): plugins implement it as "public Object doInTransaction()" with
 * SAL's TransactionTemplate and with ActiveObjects.executeInTransaction (search tool, code corpus: several
 * Atlassian plugins). Confidence V2 for the member (was INF in the notes).
 */
package com.atlassian.sal.api.transaction;

public interface TransactionCallback<T> {
    T doInTransaction();
}
