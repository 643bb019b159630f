/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class, @PublicApi, implements WithId — calls are invokevirtual [J6 source; J7 javadoc].
 * getId()Ljava/lang/Long; [J6 source (WithId); J7]. getIssueId()Ljava/lang/Long; [J6 source; J7].
 * getTimePerformed()Ljava/sql/Timestamp; [J6 source; J7; GRV 8+].
 * getChangeItemBeans()Ljava/util/List; [J6 source (items carry the group's created time); J7; CD 8.20; Java plugin
 * code of the ApplicationUser era iterating it (ru.mail.jira.plugins.myteam UserMentionService, 2023)].
 * Source: ../shared/notes/jira-api-reference.txt lines for ChangeHistory, confirmed with the search tool (a public copy
 * of Jira 6.x ChangeHistory.java). Not re-checked on 10/11: the plugin only reaches it through the bulk read, which
 * falls back to the per-issue read on any LinkageError (see io.flowtrack.jira.history.BulkChangeHistory).
 */
package com.atlassian.jira.issue.changehistory;

import com.atlassian.jira.issue.history.ChangeItemBean;
import java.sql.Timestamp;
import java.util.List;

public class ChangeHistory {
    public Long getId() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Long getIssueId() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Timestamp getTimePerformed() {
        throw new UnsupportedOperationException("declaration only");
    }

    public List<ChangeItemBean> getChangeItemBeans() {
        throw new UnsupportedOperationException("declaration only");
    }
}
