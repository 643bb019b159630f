/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class, @PublicApi [J6 source; constructed with new in ApplicationUser-era plugin tests].
 * getCreated()Ljava/sql/Timestamp; [GRV 8+; J6 source field "private Timestamp created"].
 * getFrom()/getTo() ()Ljava/lang/String; — for field "status" they hold status ids: J6 source (fields from/to),
 * Java plugin code (changeItemBean.getTo() compared with status ids) and GRV on 8+ (it.to == STATUS_ID,
 * statusManager.getStatus(item.from)). Found with the search tool; confidence V2 for 6.x-8.x, not re-checked on 10/11.
 * getField()Ljava/lang/String; — the changed field's name ("status" for transitions): J6 source (field "field"),
 * ApplicationUser-era Java plugin code comparing it with IssueFieldConstants (ru.mail.jira.plugins.myteam, 2023) and
 * with "status" on items of ChangeHistory.getChangeItemBeans(). Used only by the bulk read (falls back on LinkageError).
 * getFromString()/getToString() ()Ljava/lang/String; — the value as shown (for the Flagged field "Impediment", for a
 * status its name at the time): ../shared/notes/jira-api-reference.txt (8+ [GRV]; 11.0.0 [SLK: passed to a
 * ChangeLogItem(String …) constructor]) and a public copy of the @PublicApi class's source (fields fromString/toString
 * with these getters, found with the search tool). Read for the blocked field only, where a value set means blocked.
 */
package com.atlassian.jira.issue.history;

import java.sql.Timestamp;

public class ChangeItemBean {
    public String getField() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getFrom() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getTo() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getFromString() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getToString() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Timestamp getCreated() {
        throw new UnsupportedOperationException("declaration only");
    }
}
