package io.flowtrack.jira.history;

import static com.atlassian.jira.model.querydsl.QChangeGroup.CHANGE_GROUP;
import static com.atlassian.jira.model.querydsl.QChangeItem.CHANGE_ITEM;

import com.atlassian.jira.database.QueryDslAccessor;
import com.querydsl.core.Tuple;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * The one query of {@link QueryDslStatusChanges} (status and blocked-field items together), kept apart because it names QueryDSL and Jira's generated table
 * types: the JVM loads and verifies this class at its first call, so where Jira does not export {@code com.querydsl}
 * (an optional import) that call throws a {@link NoClassDefFoundError} the caller catches, instead of the plugin's
 * {@code StatusHistory} failing to load.
 */
final class StatusChangeRows {
    private StatusChangeRows() {
    }

    /**
     * Adds the status items and the items of {@code blockedField} (none when null) of the issues with these ids to
     * {@code byIssue}, oldest first per issue: one query for both fields.
     */
    static void read(QueryDslAccessor db, List<Long> ids, String blockedField, Map<Long, IssueChanges> byIssue) {
        List<String> fields = blockedField == null ? List.of(StatusHistory.STATUS_FIELD)
                : List.of(StatusHistory.STATUS_FIELD, blockedField);
        List<Tuple> rows = db.executeQuery(connection -> connection.newSqlQuery()
                .select(CHANGE_GROUP.issue, CHANGE_GROUP.created, CHANGE_ITEM.field, CHANGE_ITEM.oldvalue,
                        CHANGE_ITEM.oldstring, CHANGE_ITEM.newvalue, CHANGE_ITEM.newstring)
                .from(CHANGE_GROUP)
                .join(CHANGE_ITEM).on(CHANGE_ITEM.group.eq(CHANGE_GROUP.id))
                .where(CHANGE_GROUP.issue.in(ids), CHANGE_ITEM.field.in(fields))
                .orderBy(CHANGE_GROUP.issue.asc(), CHANGE_GROUP.created.asc(), CHANGE_GROUP.id.asc(),
                        CHANGE_ITEM.id.asc())
                .fetch());
        for (Tuple row : rows) {
            Long issueId = row.get(CHANGE_GROUP.issue);
            Timestamp at = row.get(CHANGE_GROUP.created);
            String field = row.get(CHANGE_ITEM.field);
            if (issueId == null || at == null || field == null) {
                continue; // corrupt rows, as the per-issue read skips them
            }
            if (field.equals(StatusHistory.STATUS_FIELD)) {
                String to = row.get(CHANGE_ITEM.newvalue);
                if (to != null) {
                    byIssue.computeIfAbsent(issueId, k -> new IssueChanges())
                            .add(new StatusItem(at.toInstant(), row.get(CHANGE_ITEM.oldvalue), to));
                }
            } else {
                byIssue.computeIfAbsent(issueId, k -> new IssueChanges()).add(BlockedItem.of(at.toInstant(),
                        row.get(CHANGE_ITEM.oldvalue), row.get(CHANGE_ITEM.oldstring),
                        row.get(CHANGE_ITEM.newvalue), row.get(CHANGE_ITEM.newstring)));
            }
        }
    }
}
