/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class (generated table type of the OfBiz entity ChangeGroup, table changegroup). What the plugin reads:
 *   static CHANGE_GROUP : Lcom/atlassian/jira/model/querydsl/QChangeGroup;
 *   id : Lcom/querydsl/core/types/dsl/NumberPath;       (column ID)
 *   issue : Lcom/querydsl/core/types/dsl/NumberPath;    (column issueid)
 *   created : Lcom/querydsl/core/types/dsl/DateTimePath; (column CREATED, java.sql.Timestamp)
 * Evidence: INFERRED from the generator's convention (paths named after the OfBiz fields, e.g. QVersion.project,
 * QVersion.releasedate : DateTimePath<Timestamp> in the 7.0.8 javadoc; Capture's QChangeItem.CHANGE_ITEM.group) and
 * the OfBiz field names of ChangeGroup (com.atlassian.jira.model.ChangeGroup 6.1: id, issue, author, created); the
 * column names from a schema generated off a real Jira database (everit jira-querydsl-support QChangegroup: id,
 * issueid, author, created). Not seen in a typed call site. A missing field is a NoSuchFieldError (LinkageError) on
 * which the plugin reads history one issue at a time. In tests this class runs for real on H2 (real querydsl-sql).
 */
package com.atlassian.jira.model.querydsl;

import com.querydsl.core.types.dsl.DateTimePath;
import com.querydsl.core.types.dsl.NumberPath;
import com.querydsl.core.types.dsl.StringPath;
import com.querydsl.sql.ColumnMetadata;
import java.sql.Timestamp;
import java.sql.Types;

public class QChangeGroup extends JiraRelationalPathBase<Object> {
    private static final long serialVersionUID = 1L;
    public static final QChangeGroup CHANGE_GROUP = new QChangeGroup("CHANGE_GROUP");

    public final NumberPath<Long> id = createNumber("id", Long.class);
    public final NumberPath<Long> issue = createNumber("issue", Long.class);
    public final StringPath author = createString("author");
    public final DateTimePath<Timestamp> created = createDateTime("created", Timestamp.class);

    public QChangeGroup(String alias) {
        super(Object.class, alias, "changegroup");
        addMetadata(id, ColumnMetadata.named("ID").withIndex(1).ofType(Types.NUMERIC));
        addMetadata(issue, ColumnMetadata.named("issueid").withIndex(2).ofType(Types.NUMERIC));
        addMetadata(author, ColumnMetadata.named("AUTHOR").withIndex(3).ofType(Types.VARCHAR));
        addMetadata(created, ColumnMetadata.named("CREATED").withIndex(4).ofType(Types.TIMESTAMP));
    }
}
