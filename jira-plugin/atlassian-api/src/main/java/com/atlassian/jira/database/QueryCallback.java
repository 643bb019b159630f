/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface with one abstract method — implemented by lambdas in Capture for Jira [CAP]. The method's name
 * (runQuery(Lcom/atlassian/jira/database/DbConnection;)Ljava/lang/Object;) is INFERRED: lambda call sites do not
 * show it. A wrong name would surface as an AbstractMethodError (a LinkageError) inside executeQuery, on which the
 * plugin switches the query read off and reads history one issue at a time.
 */
package com.atlassian.jira.database;

@FunctionalInterface
public interface QueryCallback<T> {
    T runQuery(DbConnection dbConnection);
}
