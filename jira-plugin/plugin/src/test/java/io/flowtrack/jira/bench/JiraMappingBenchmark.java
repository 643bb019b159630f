package io.flowtrack.jira.bench;

import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.changehistory.ChangeHistory;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.issue.history.ChangeItemBean;
import com.atlassian.jira.issue.issuetype.IssueType;
import com.atlassian.jira.issue.status.Status;
import com.atlassian.jira.issue.status.category.StatusCategory;
import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.user.ApplicationUser;
import io.flowtrack.jira.config.DefaultWorkflow;
import io.flowtrack.jira.history.IssueSearch;
import io.flowtrack.jira.history.JiraChangeTables;
import io.flowtrack.jira.history.QueryDslStatusChanges;
import io.flowtrack.jira.history.SearchLimits;
import io.flowtrack.jira.history.HistoryCache;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.jira.report.JiraReports;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportParameters;
import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process benchmark of the Jira host path: N issues with K status changes each (plain in-memory objects
 * behind the declared Jira interfaces, so Jira's database is out of the figure) mapped to a history and
 * reported by the engine, then written as flowtrack-report/1 JSON as the REST resource does. Both ways of reading
 * change history run: one call per issue ({@code getChangeItemsForField}) and one bulk call per search page
 * ({@code getChangeHistoriesForUser}, found by reflection as on a Jira that has it); each round prints how many
 * calls reached the ChangeHistoryManager — on a real Jira each is at least one database query.
 *
 * <pre>bench/jira.sh [ISSUES] [CHANGES]     default 50000 10</pre>
 */
public final class JiraMappingBenchmark {
    private static final String[][] STATUSES = {
        {"1", "Open", "new"}, {"10000", "Selected", "new"}, {"3", "In Progress", "indeterminate"},
        {"10001", "In Review", "indeterminate"}, {"10003", "Blocked", "indeterminate"}, {"10002", "Done", "done"}};

    private static final int PAGE = SearchLimits.DEFAULT_PAGE_SIZE;
    private static final Groups GROUPS = new Groups();

    private JiraMappingBenchmark() {
    }

    public static void main(String[] args) {
        int issues = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Map<String, Status> statuses = new HashMap<>();
        for (String[] s : STATUSES) {
            statuses.put(s[0], status(s[0], s[1], s[2]));
        }
        Map<Issue, List<ChangeItemBean>> history = new IdentityHashMap<>();
        Map<Long, List<ChangeHistory>> groups = new HashMap<>();
        List<Issue> all = generate(issues, changes, statuses, history, groups);
        StatusManager statusManager = proxy(StatusManager.class, (m, a) -> statuses.get((String) a[0]));
        AtomicLong calls = new AtomicLong();
        ChangeHistoryManager perIssue = proxy(ChangeHistoryManager.class, (m, a) -> {
            calls.incrementAndGet();
            return history.get((Issue) a[0]);
        });
        ChangeHistoryManager bulk = proxy(BulkChangeHistoryManager.class, (m, a) -> {
            calls.incrementAndGet();
            List<ChangeHistory> page = new ArrayList<>();
            for (Object issue : (Iterable<?>) a[0]) {
                page.addAll(groups.getOrDefault(((Issue) issue).getId(), List.of()));
            }
            return page;
        });
        ApplicationUser user = proxy(ApplicationUser.class, (m, a) -> "bench-user");
        ReportParameters parameters = ReportParameters.read(Map.of("asOf", "2026-01-01")::get, ZoneOffset.UTC);
        System.out.printf("jira mapping: %,d issues x %d status changes (%,d change items), pages of %d%n", issues,
                changes, (long) issues * changes, PAGE);
        System.out.println("per-issue read, without the history cache (every round reads every issue):");
        rounds(reports(statusManager, perIssue, issues, new HistoryCache(0)), user, all, parameters, calls);
        System.out.println("bulk read, without the history cache (every round reads every page):");
        rounds(reports(statusManager, bulk, issues, new HistoryCache(0)), user, all, parameters, calls);
        System.out.println("bulk read with the history cache (round 1 fills it; later rounds find every issue unchanged):");
        rounds(reports(statusManager, bulk, issues, new HistoryCache((long) issues * (changes + 1))), user, all,
                parameters, calls);
        queryRounds(statusManager, perIssue, all, groups, user, parameters, calls);
    }

    /**
     * The primary read on a Jira with QueryDslAccessor: one SQL statement per search page against Jira's
     * changegroup/changeitem tables (H2 in memory, the real querydsl-sql; two other fields' items per status change,
     * as on a real instance). The figure includes H2 executing the query: an upper bound of the plugin's own time.
     */
    private static void queryRounds(StatusManager statusManager, ChangeHistoryManager perIssue, List<Issue> all,
                                     Map<Long, List<ChangeHistory>> groups, ApplicationUser user,
                                     ReportParameters parameters, AtomicLong calls) {
        try (JiraChangeTables tables = new JiraChangeTables()) {
            long t0 = System.nanoTime();
            for (Issue issue : all) {
                for (ChangeHistory g : groups.getOrDefault(issue.getId(), List.of())) {
                    ChangeItemBean c = g.getChangeItemBeans().get(0);
                    tables.group(issue.getId(), g.getTimePerformed().toInstant(),
                            new String[] {"resolution", null, "10000"},
                            new String[] {StatusHistory.STATUS_FIELD, c.getFrom(), c.getTo()},
                            new String[] {"assignee", "alice", "bob"});
                }
            }
            System.out.printf("query read (QueryDslAccessor on H2, Jira's change tables, %,d groups loaded in %d ms),"
                    + " without the history cache:%n", groups.values().stream().mapToInt(List::size).sum(),
                    (System.nanoTime() - t0) / 1_000_000);
            StatusHistory statusHistory = new StatusHistory(perIssue, new HistoryCache(0),
                    new QueryDslStatusChanges(List.of(tables)));
            JiraReports reports = JiraReports.uncached(new IssueSearch(proxy(SearchService.class, (m, a) -> {
                throw new UnsupportedOperationException("the benchmark starts from found issues");
            }), new SearchLimits(all.size(), PAGE)), statusHistory, new DefaultWorkflow(statusManager));
            // Two rounds: H2 answering 40 IN-list joins over 600,000 change items dominates and is Jira's database
            // time, not the plugin's; each round prints it separately.
            for (int round = 1; round <= 2; round++) {
                calls.set(0);
                tables.statements.set(0);
                tables.queryNanos.set(0);
                long s0 = System.nanoTime();
                Report report = reports.report(user, all, Optional.empty(), parameters);
                long s1 = System.nanoTime();
                String json = ReportWriter.toJson(report, false);
                long s2 = System.nanoTime();
                int pages = (all.size() + PAGE - 1) / PAGE;
                long database = tables.queryNanos.get();
                System.out.printf("round %d: map + report %5d ms (of which the history queries in H2 %5d ms, so the"
                                + " plugin's own %4d ms), JSON %4d ms, plugin total %5d ms (%,d items, %,d chars),"
                                + " %,d history queries for %,d pages (%.2f per page of %d), %,d change-history calls%n",
                        round, (s1 - s0) / 1_000_000, database / 1_000_000, (s1 - s0 - database) / 1_000_000,
                        (s2 - s1) / 1_000_000, (s2 - s0 - database) / 1_000_000, report.items().size(),
                        json.length(), tables.statements.get(), pages, tables.statements.get() / (double) pages, PAGE,
                        calls.get());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a Jira with the bulk read has on its ChangeHistoryManager (not declared: looked up by reflection). */
    public interface BulkChangeHistoryManager extends ChangeHistoryManager {
        List<ChangeHistory> getChangeHistoriesForUser(Iterable<Issue> issues, ApplicationUser user);
    }

    private static JiraReports reports(StatusManager statusManager, ChangeHistoryManager changeHistory, int issues,
                                       HistoryCache cache) {
        SearchService unused = proxy(SearchService.class, (m, a) -> {
            throw new UnsupportedOperationException("the benchmark starts from found issues");
        });
        StatusHistory statusHistory = new StatusHistory(changeHistory, cache, io.flowtrack.jira.history.QueryDslStatusChanges.none());
        if (statusHistory.readsInBulk() != changeHistory instanceof BulkChangeHistoryManager) {
            throw new IllegalStateException("the bulk read was not found where it exists, or found where it does not");
        }
        return JiraReports.uncached(new IssueSearch(unused, new SearchLimits(issues, PAGE)), statusHistory,
                new DefaultWorkflow(statusManager));
    }

    private static void rounds(JiraReports reports, ApplicationUser user, List<Issue> all,
                               ReportParameters parameters, AtomicLong calls) {
        for (int round = 1; round <= 5; round++) {
            calls.set(0);
            long t0 = System.nanoTime();
            Report report = reports.report(user, all, Optional.empty(), parameters);
            long t1 = System.nanoTime();
            String json = ReportWriter.toJson(report, false);
            long t2 = System.nanoTime();
            System.out.printf("round %d: map + report %5d ms, JSON %4d ms, total %5d ms (%,d items, %,d chars),"
                            + " %,d change-history calls%n", round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t2 - t0) / 1_000_000, report.items().size(), json.length(), calls.get());
        }
    }

    private static List<Issue> generate(int count, int changes, Map<String, Status> statuses,
                                        Map<Issue, List<ChangeItemBean>> history,
                                        Map<Long, List<ChangeHistory>> groups) {
        SplittableRandom random = new SplittableRandom(1);
        Map<String, IssueType> types = new HashMap<>();
        List<Issue> issues = new ArrayList<>(count);
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            Instant created = start.plusSeconds(random.nextLong(3L * 365 * 86_400 - 40L * 86_400));
            int state = random.nextInt(2);
            Instant at = created;
            List<ChangeItemBean> items = new ArrayList<>(changes);
            List<ChangeHistory> issueGroups = new ArrayList<>(changes);
            for (int c = 0; c < changes; c++) {
                int next;
                do {
                    // Mostly forward, sometimes back (review rework, reopening).
                    next = random.nextInt(10) < 7 ? Math.min(state + 1, STATUSES.length - 1)
                            : random.nextInt(STATUSES.length);
                } while (next == state);
                at = at.plusSeconds(600 + random.nextLong(3L * 86_400));
                Change change = new Change(STATUSES[state][0], STATUSES[next][0], Timestamp.from(at));
                items.add(change);
                issueGroups.add(GROUPS.group((long) i * changes + c, (long) i, change));
                state = next;
            }
            String type = random.nextInt(4) == 0 ? "Bug" : "Story";
            IssueType issueType = types.computeIfAbsent(type, t -> proxy(IssueType.class, (m, a) -> t));
            Issue issue = issue("FT-" + (i + 1), (long) i, Timestamp.from(created), Timestamp.from(at), issueType,
                    statuses.get(STATUSES[state][0]));
            history.put(issue, items);
            groups.put((long) i, issueGroups);
            issues.add(issue);
        }
        return issues;
    }

    private static Issue issue(String key, Long id, Timestamp created, Timestamp updated, IssueType type,
                               Status status) {
        return proxy(Issue.class, (m, a) -> switch (m) {
            case "getId" -> id;
            case "getKey" -> key;
            case "getSummary" -> "Summary of " + key;
            case "getCreated" -> created;
            case "getUpdated" -> updated;
            case "getIssueType" -> type;
            case "getStatus" -> status;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    private static Status status(String id, String name, String categoryKey) {
        StatusCategory category = proxy(StatusCategory.class, (m, a) -> categoryKey);
        return proxy(Status.class, (m, a) -> switch (m) {
            case "getId" -> id;
            case "getName" -> name;
            case "getStatusCategory" -> category;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    /** A status change item as Jira's ChangeItemBean carries it. */
    private static final class Change extends ChangeItemBean {
        private final String from;
        private final String to;
        private final Timestamp created;

        Change(String from, String to, Timestamp created) {
            this.from = from;
            this.to = to;
            this.created = created;
        }

        @Override
        public String getField() {
            return StatusHistory.STATUS_FIELD;
        }

        @Override
        public String getFrom() {
            return from;
        }

        @Override
        public String getTo() {
            return to;
        }

        @Override
        public Timestamp getCreated() {
            return created;
        }
    }

    /**
     * Change groups with their one status item, as Jira's ChangeHistory carries them. The real class's constructors
     * take Jira internals (6.x: a GenericValue and managers; 10/11 not seen), so no source subclass can call one:
     * a subclass generated once (Byte Buddy, which Mockito brings) answers the four getters the plugin calls from
     * its own fields, and its instances are made without a constructor call (Objenesis, as Mockito makes mocks).
     * Not Mockito mocks: half a million of them would cost far more than the report they feed.
     */
    private static final class Groups {
        private final org.objenesis.instantiator.ObjectInstantiator<? extends ChangeHistory> instantiator;
        private final java.lang.reflect.Field id;
        private final java.lang.reflect.Field issueId;
        private final java.lang.reflect.Field timePerformed;
        private final java.lang.reflect.Field items;

        Groups() {
            Class<? extends ChangeHistory> type = new net.bytebuddy.ByteBuddy()
                    .subclass(ChangeHistory.class, net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy.Default.NO_CONSTRUCTORS)
                    .defineField("id", Long.class, net.bytebuddy.description.modifier.Visibility.PUBLIC)
                    .defineField("issueId", Long.class, net.bytebuddy.description.modifier.Visibility.PUBLIC)
                    .defineField("timePerformed", Timestamp.class, net.bytebuddy.description.modifier.Visibility.PUBLIC)
                    .defineField("items", List.class, net.bytebuddy.description.modifier.Visibility.PUBLIC)
                    .method(net.bytebuddy.matcher.ElementMatchers.named("getId").and(net.bytebuddy.matcher.ElementMatchers.takesNoArguments()))
                    .intercept(net.bytebuddy.implementation.FieldAccessor.ofField("id"))
                    .method(net.bytebuddy.matcher.ElementMatchers.named("getIssueId"))
                    .intercept(net.bytebuddy.implementation.FieldAccessor.ofField("issueId"))
                    .method(net.bytebuddy.matcher.ElementMatchers.named("getTimePerformed"))
                    .intercept(net.bytebuddy.implementation.FieldAccessor.ofField("timePerformed"))
                    .method(net.bytebuddy.matcher.ElementMatchers.named("getChangeItemBeans"))
                    .intercept(net.bytebuddy.implementation.FieldAccessor.ofField("items"))
                    .make()
                    .load(ChangeHistory.class.getClassLoader(), net.bytebuddy.dynamic.loading.ClassLoadingStrategy.Default.WRAPPER)
                    .getLoaded();
            instantiator = new org.objenesis.ObjenesisStd().getInstantiatorOf(type);
            try {
                id = type.getField("id");
                issueId = type.getField("issueId");
                timePerformed = type.getField("timePerformed");
                items = type.getField("items");
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }

        ChangeHistory group(Long groupId, Long issue, Change change) {
            ChangeHistory group = instantiator.newInstance();
            try {
                id.set(group, groupId);
                issueId.set(group, issue);
                timePerformed.set(group, change.getCreated());
                items.set(group, List.<ChangeItemBean>of(change));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return group;
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> type.getSimpleName();
                };
            }
            return answer.answer(m.getName(), a);
        }));
    }
}
