package io.flowtrack.jira.history;

import static com.atlassian.jira.model.querydsl.QChangeGroup.CHANGE_GROUP;
import static com.atlassian.jira.model.querydsl.QChangeItem.CHANGE_ITEM;

import com.atlassian.jira.database.QueryDslAccessor;
import com.querydsl.core.Tuple;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one query of {@link QueryDslStatusChanges}, kept apart because it names QueryDSL and Jira's generated table
 * types: the JVM loads and verifies this class at its first call, so where Jira does not export {@code com.querydsl}
 * (an optional import) that call throws a {@link NoClassDefFoundError} the caller catches, instead of the plugin's
 * {@code StatusHistory} failing to load.
 */
final class StatusChangeRows {
    private StatusChangeRows() {
    }

    /** Adds the status items of the issues with these ids to {@code byIssue}, oldest first per issue. */
    static void read(QueryDslAccessor db, List<Long> ids, Map<Long, List<StatusItem>> byIssue) {
        List<Tuple> rows = db.executeQuery(connection -> connection.newSqlQuery()
                .select(CHANGE_GROUP.issue, CHANGE_GROUP.created, CHANGE_ITEM.oldvalue, CHANGE_ITEM.newvalue)
                .from(CHANGE_GROUP)
                .join(CHANGE_ITEM).on(CHANGE_ITEM.group.eq(CHANGE_GROUP.id))
                .where(CHANGE_GROUP.issue.in(ids), CHANGE_ITEM.field.eq(StatusHistory.STATUS_FIELD))
                .orderBy(CHANGE_GROUP.issue.asc(), CHANGE_GROUP.created.asc(), CHANGE_GROUP.id.asc(),
                        CHANGE_ITEM.id.asc())
                .fetch());
        for (Tuple row : rows) {
            Long issueId = row.get(CHANGE_GROUP.issue);
            Timestamp at = row.get(CHANGE_GROUP.created);
            String to = row.get(CHANGE_ITEM.newvalue);
            if (issueId == null || at == null || to == null) {
                continue; // corrupt rows, as the per-issue read skips them
            }
            byIssue.computeIfAbsent(issueId, k -> new ArrayList<>())
                    .add(new StatusItem(at.toInstant(), row.get(CHANGE_ITEM.oldvalue), to));
        }
    }
}
