/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class (generated table type of the OfBiz entity ChangeItem, table changeitem). What the plugin reads:
 *   static CHANGE_ITEM : Lcom/atlassian/jira/model/querydsl/QChangeItem;   [CAP: static import, .select(CHANGE_ITEM)]
 *   group : Lcom/querydsl/core/types/dsl/NumberPath;   (column groupid)      [CAP: CHANGE_ITEM.group.eq(Long)]
 *   field : Lcom/querydsl/core/types/dsl/StringPath;   (column FIELD)        [CAP: ChangeItemDTO.getField() of the row]
 *   newvalue : Lcom/querydsl/core/types/dsl/StringPath; (column NEWVALUE)    [CAP: ChangeItemDTO.getNewvalue()]
 *   oldvalue, id                                                              [INFERRED: same generator, same entity]
 *   oldstring, newstring (columns OLDSTRING, NEWSTRING): read for the blocked field (Flagged) only [INFERRED: same
 *   generator; the OfBiz entity ChangeItem names them (com.atlassian.jira.model.ChangeItem.OLDSTRING/NEWSTRING,
 *   found with the search tool)]
 * CAP = Atlassian's Capture for Jira (com.atlassian.bonfire.listeners.IssueEventListener), Java compiled against
 * jira-api 8/9; 10.x/11.x not re-checked. Columns as in a schema generated off a real Jira database (everit
 * jira-querydsl-support). A missing field is a LinkageError on which the plugin reads one issue at a time.
 */
package com.atlassian.jira.model.querydsl;

import com.querydsl.core.types.dsl.NumberPath;
import com.querydsl.core.types.dsl.StringPath;
import com.querydsl.sql.ColumnMetadata;
import java.sql.Types;

public class QChangeItem extends JiraRelationalPathBase<Object> {
    private static final long serialVersionUID = 1L;
    public static final QChangeItem CHANGE_ITEM = new QChangeItem("CHANGE_ITEM");

    public final NumberPath<Long> id = createNumber("id", Long.class);
    public final NumberPath<Long> group = createNumber("group", Long.class);
    public final StringPath fieldtype = createString("fieldtype");
    public final StringPath field = createString("field");
    public final StringPath oldvalue = createString("oldvalue");
    public final StringPath oldstring = createString("oldstring");
    public final StringPath newvalue = createString("newvalue");
    public final StringPath newstring = createString("newstring");

    public QChangeItem(String alias) {
        super(Object.class, alias, "changeitem");
        addMetadata(id, ColumnMetadata.named("ID").withIndex(1).ofType(Types.NUMERIC));
        addMetadata(group, ColumnMetadata.named("groupid").withIndex(2).ofType(Types.NUMERIC));
        addMetadata(fieldtype, ColumnMetadata.named("FIELDTYPE").withIndex(3).ofType(Types.VARCHAR));
        addMetadata(field, ColumnMetadata.named("FIELD").withIndex(4).ofType(Types.VARCHAR));
        addMetadata(oldvalue, ColumnMetadata.named("OLDVALUE").withIndex(5).ofType(Types.VARCHAR));
        addMetadata(oldstring, ColumnMetadata.named("OLDSTRING").withIndex(6).ofType(Types.VARCHAR));
        addMetadata(newvalue, ColumnMetadata.named("NEWVALUE").withIndex(7).ofType(Types.VARCHAR));
        addMetadata(newstring, ColumnMetadata.named("NEWSTRING").withIndex(8).ofType(Types.VARCHAR));
    }
}
