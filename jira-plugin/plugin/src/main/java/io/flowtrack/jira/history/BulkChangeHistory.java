package io.flowtrack.jira.history;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistory;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.user.ApplicationUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jira's bulk change-history read, {@code ChangeHistoryManager.getChangeHistoriesForUser(issues, user)}: one call
 * for a whole search page instead of one query per issue. Its parameter types on Jira 10/11 are not verified, so it
 * is not declared (a wrong descriptor would be a {@code NoSuchMethodError} in every report); it is looked up by
 * reflection on the interfaces of the instance Jira hands out, the way Atlassian's Streams plugin read it across
 * Jira versions that did and did not have it (docs/jira-plugin.md, "Reading history").
 *
 * <p>Accepted: a public method of that name on an interface extending {@code ChangeHistoryManager}, taking
 * ({@code Iterable}, {@code Collection} or {@code List}; {@code ApplicationUser}) and returning a {@code List}.
 * When there is none, or a call fails reflectively (access refused, arguments refused, a linkage error, elements
 * that are not {@link ChangeHistory}/{@link ChangeItemBean}), the read is switched off for good — logged once,
 * without issue data — and {@link StatusHistory} reads one issue at a time, as before. An exception Jira itself
 * throws inside the call (a database error) is not a reason to switch off: it propagates as the per-issue read's
 * would.
 */
final class BulkChangeHistory {
    static final String METHOD = "getChangeHistoriesForUser";
    private static final Logger LOG = LoggerFactory.getLogger(BulkChangeHistory.class);
    private static final Comparator<Row> ORDER = Comparator.comparing(Row::at)
            .thenComparing(Row::historyId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Row::index);

    private final ChangeHistoryManager changes;
    private final AtomicReference<Method> method;

    BulkChangeHistory(ChangeHistoryManager changes) {
        this.changes = changes;
        Method found = find(changes.getClass());
        if (found == null) {
            LOG.info("FlowTrack: Jira's ChangeHistoryManager has no usable {}(Iterable, ApplicationUser); change"
                    + " history is read one issue at a time", METHOD);
        } else {
            LOG.info("FlowTrack: reading change history in bulk with {}", describe(found));
        }
        this.method = new AtomicReference<>(found);
    }

    /** Whether the bulk read is (still) in use. */
    boolean available() {
        return method.get() != null;
    }

    /**
     * The status items and the {@code blockedField} items of the given issues, keyed by issue id (an issue without
     * any is absent), each list ordered by time, then change group id, then position in the group — the order of
     * Jira's per-issue read. Changes of issues not asked for, and items of every other field, are dropped at once.
     *
     * @param blockedField the change-item field that means "blocked", or null for status items only
     * @return empty when the bulk read is not available (now or from this call on)
     */
    Optional<Map<Long, IssueChanges>> read(List<Issue> issues, ApplicationUser user, String blockedField) {
        Method m = method.get();
        if (m == null) {
            return Optional.empty();
        }
        Object result;
        try {
            result = m.invoke(changes, issues, user);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return switchOff(m, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                return switchOff(m, cause);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Jira's change history read failed", cause);
        }
        try {
            return Optional.of(changeItems(result, issues, blockedField));
        } catch (UnexpectedResult | LinkageError | ClassCastException e) {
            return switchOff(m, e);
        }
    }

    private Optional<Map<Long, IssueChanges>> switchOff(Method m, Throwable reason) {
        if (method.compareAndSet(m, null)) {
            // The exception's class only: messages may name values, and no issue data belongs in Jira's log.
            LOG.warn("FlowTrack: Jira's bulk change-history read {} failed ({}); change history is read one issue at"
                    + " a time from now on", describe(m), reason.getClass().getName());
        }
        return Optional.empty();
    }

    private static Map<Long, IssueChanges> changeItems(Object result, List<Issue> issues, String blockedField) {
        if (!(result instanceof List<?> histories)) {
            throw new UnexpectedResult();
        }
        Set<Long> wanted = new HashSet<>();
        for (Issue issue : issues) {
            wanted.add(issue.getId());
        }
        List<Row> rows = new ArrayList<>();
        for (Object element : histories) {
            if (!(element instanceof ChangeHistory history)) {
                throw new UnexpectedResult();
            }
            Long issueId = history.getIssueId();
            Timestamp at = history.getTimePerformed();
            List<?> items = history.getChangeItemBeans();
            if (issueId == null || !wanted.contains(issueId) || at == null || items == null) {
                continue;
            }
            Long historyId = history.getId();
            int index = 0;
            for (Object bean : items) {
                if (!(bean instanceof ChangeItemBean item)) {
                    throw new UnexpectedResult();
                }
                String field = item.getField();
                if (StatusHistory.STATUS_FIELD.equals(field) && item.getTo() != null) {
                    rows.add(new Row(issueId, at.toInstant(), historyId, index,
                            new StatusItem(at.toInstant(), item.getFrom(), item.getTo()), null));
                } else if (field != null && field.equals(blockedField)) {
                    rows.add(new Row(issueId, at.toInstant(), historyId, index, null, BlockedItem.of(at.toInstant(),
                            item.getFrom(), item.getFromString(), item.getTo(), item.getToString())));
                }
                index++;
            }
        }
        rows.sort(ORDER);
        Map<Long, IssueChanges> byIssue = new HashMap<>();
        for (Row row : rows) {
            IssueChanges changes = byIssue.computeIfAbsent(row.issueId(), k -> new IssueChanges());
            if (row.status() != null) {
                changes.add(row.status());
            } else {
                changes.add(row.blocked());
            }
        }
        return byIssue;
    }

    /** The bulk method on the instance's own interfaces, or null. */
    static Method find(Class<?> type) {
        for (Class<?> candidate : interfaces(type)) {
            if (!ChangeHistoryManager.class.isAssignableFrom(candidate) || !Modifier.isPublic(candidate.getModifiers())) {
                continue;
            }
            for (Method m : candidate.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (m.getName().equals(METHOD) && p.length == 2
                        && Iterable.class.isAssignableFrom(p[0]) && p[0].isAssignableFrom(List.class)
                        && p[1] == ApplicationUser.class && List.class.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Set<Class<?>> interfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.isInterface()) {
                todo.add(c);
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> next = todo.poll();
            if (all.add(next)) {
                todo.addAll(List.of(next.getInterfaces()));
            }
        }
        return all;
    }

    private static String describe(Method m) {
        return m.getName() + "(" + m.getParameterTypes()[0].getSimpleName() + ", "
                + m.getParameterTypes()[1].getSimpleName() + ") on " + m.getDeclaringClass().getName();
    }

    /** One status or blocked-field item (the other null) of the bulk result with what orders it. */
    private record Row(Long issueId, Instant at, Long historyId, int index, StatusItem status, BlockedItem blocked) {
    }

    /** The result is not what the declared API says. */
    private static final class UnexpectedResult extends RuntimeException {
        UnexpectedResult() {
            super(null, null, false, false);
        }
    }
}
