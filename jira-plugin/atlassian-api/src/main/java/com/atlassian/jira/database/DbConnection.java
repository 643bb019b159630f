/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface. newSqlQuery()Lcom/querydsl/sql/SQLQuery; — a QueryDSL 4 SQLQuery on Jira's connection, then
 * .select(..).from(..).join(..).on(..).where(..) [CAP: dbConnection.newSqlQuery().select(...).distinct().from(...)
 * .join(...).on(...), Java, Jira 8/9]. 10.x/11.x not re-checked (see QueryDslAccessor).
 */
package com.atlassian.jira.database;

import com.querydsl.sql.SQLQuery;

public interface DbConnection {
    SQLQuery<?> newSqlQuery();
}
