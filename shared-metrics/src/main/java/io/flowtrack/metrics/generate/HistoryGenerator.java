package io.flowtrack.metrics.generate;

import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Makes realistic synthetic histories for demos, property tests and benchmarks: several work item
 * types; items that skip stages, flow backward, get reopened, are removed, are born mid-flow or
 * directly done; occasional history records whose {@code from} is off. Equal seeds give equal histories.
 */
public final class HistoryGenerator {
    static final String BACKLOG = "New";
    static final String TODO = "To Do";
    static final String SELECTED = "Selected for Development";
    static final String IN_PROGRESS = "In Progress";
    static final String REVIEW = "In Review";
    static final String TESTING = "Testing";
    static final String DONE = "Done";
    static final String CLOSED = "Closed";
    static final String WONT_DO = "Won't Do";

    private static final String[] TYPES = {"Story", "Bug", "Task", "Spike"};
    private static final double[] TYPE_WEIGHTS = {0.5, 0.3, 0.15, 0.05};
    private static final long HOUR = 3_600L;
    private static final long DAY = 86_400L;

    private final long seed;
    private final LocalDate start;
    private final int spanDays;

    /**
     * @param seed     makes the history repeatable
     * @param start    the first day items may be created (UTC)
     * @param spanDays over how many days items are created; the history ends then
     */
    public HistoryGenerator(long seed, LocalDate start, int spanDays) {
        if (spanDays < 1) {
            throw new IllegalArgumentException("span must be at least one day");
        }
        this.seed = seed;
        this.start = start;
        this.spanDays = spanDays;
    }

    /** A span that suits the item count: about five new items a day, between 60 days and two years. */
    public static int defaultSpanDays(int items) {
        return Math.max(60, Math.min(730, items / 5));
    }

    /** The workflow every generated history uses. */
    public static Workflow workflow() {
        return Workflow.of(List.of(
                Stage.of("Backlog", Category.PROPOSED, BACKLOG, TODO),
                Stage.of("Selected", Category.PROPOSED, SELECTED),
                Stage.of("In Progress", Category.ACTIVE, IN_PROGRESS),
                Stage.of("Review", Category.WAITING, REVIEW),
                Stage.of("Testing", Category.ACTIVE, TESTING),
                Stage.of("Done", Category.DONE, DONE, CLOSED),
                Stage.of("Removed", Category.REMOVED, WONT_DO)), "In Progress");
    }

    /** The moment the generated history ends: the end of its last day. */
    public Instant end() {
        return start.plusDays(spanDays).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    }

    /** Generates {@code count} items, handing each to {@code sink} in creation-independent id order. */
    public void generate(int count, Consumer<WorkItem> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        long startSecond = start.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long endSecond = end().getEpochSecond();
        for (int i = 1; i <= count; i++) {
            SplittableRandom r = random.split();
            long created = startSecond + r.nextLong(spanDays * DAY);
            sink.accept(item(r, "GEN-" + i, created, endSecond));
        }
    }

    private WorkItem item(SplittableRandom r, String id, long created, long end) {
        String type = pick(r);
        double roll = r.nextDouble();
        String initial;
        if (roll < 0.02) {
            initial = DONE; // created directly done: imported or logged after the fact
        } else if (roll < 0.07) {
            initial = r.nextBoolean() ? IN_PROGRESS : REVIEW; // born mid-flow
        } else if (roll < 0.17) {
            initial = SELECTED;
        } else {
            initial = r.nextDouble() < 0.7 ? BACKLOG : TODO;
        }
        WorkItem.Builder b = WorkItem.builder(id, type, Instant.ofEpochSecond(created), initial);
        Walk walk = new Walk(r, b, created, end, initial, type.equals("Bug") ? 0.7 : 1.0);
        walk.run();
        walk.block(r.split());
        return b.build();
    }

    private static String pick(SplittableRandom r) {
        double x = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < TYPES.length; i++) {
            acc += TYPE_WEIGHTS[i];
            if (x < acc) {
                return TYPES[i];
            }
        }
        return TYPES[TYPES.length - 1];
    }

    /** One item's way through the workflow, until it is done or removed for good or the history ends. */
    private static final class Walk {
        private final SplittableRandom r;
        private final WorkItem.Builder b;
        private final long end;
        private final double pace;
        private long now;
        private String state;
        private int reopens;
        /** Where the item was in progress, reviewed or tested: [enter, leave] pairs, leave -1 while there. */
        private long[] committed = new long[8];
        private int segments;

        Walk(SplittableRandom r, WorkItem.Builder b, long created, long end, String initial, double pace) {
            this.r = r;
            this.b = b;
            this.now = created;
            this.end = end;
            this.state = initial;
            this.pace = pace;
        }

        void run() {
            for (int step = 0; step < 40; step++) {
                String next = next();
                if (next == null) {
                    return;
                }
                long wait = waitIn(state);
                now += Math.max(60, wait);
                if (now > end) {
                    return;
                }
                String from = r.nextDouble() < 0.005 ? TESTING : state; // a history that skips a record
                b.transition(Instant.ofEpochSecond(now), from, next);
                if (inFlow(state) && segments > 0) {
                    committed[2 * segments - 1] = now;
                }
                if (inFlow(next)) {
                    if (2 * segments + 2 > committed.length) {
                        committed = java.util.Arrays.copyOf(committed, committed.length * 2);
                    }
                    committed[2 * segments] = now;
                    committed[2 * segments + 1] = -1;
                    segments++;
                }
                state = next;
            }
        }

        private static boolean inFlow(String s) {
            return s.equals(IN_PROGRESS) || s.equals(REVIEW) || s.equals(TESTING);
        }

        /**
         * Blocked periods, drawn from their own random stream after the walk so that the transitions of a
         * seed stay what they were: now and then an item waits on something while in flow, for hours to days,
         * sometimes past the history's end (still blocked).
         */
        void block(SplittableRandom blocks) {
            for (int i = 0; i < segments; i++) {
                if (blocks.nextDouble() >= 0.12) {
                    continue;
                }
                long enter = committed[2 * i];
                long leave = committed[2 * i + 1] < 0 ? end : committed[2 * i + 1];
                if (leave - enter < 2 * HOUR) {
                    continue;
                }
                long from = enter + (long) (blocks.nextDouble() * (leave - enter) / 2);
                long length = (long) (-Math.log(1.0 - blocks.nextDouble()) * 30 * HOUR);
                long to = from + Math.max(HOUR, length);
                b.blocked(Instant.ofEpochSecond(from), to > end ? null : Instant.ofEpochSecond(to));
            }
        }

        private String next() {
            double x = r.nextDouble();
            switch (state) {
                case BACKLOG, TODO -> {
                    if (x < 0.05) {
                        return WONT_DO;
                    }
                    if (x < 0.07) {
                        return DONE; // straight to done: fixed on the side
                    }
                    return x < 0.25 ? IN_PROGRESS : SELECTED;
                }
                case SELECTED -> {
                    if (x < 0.03) {
                        return WONT_DO;
                    }
                    return x < 0.08 ? BACKLOG : IN_PROGRESS;
                }
                case IN_PROGRESS -> {
                    if (x < 0.02) {
                        return BACKLOG; // sent back to the backlog
                    }
                    if (x < 0.04) {
                        return WONT_DO;
                    }
                    if (x < 0.22) {
                        return TESTING; // review skipped
                    }
                    return x < 0.30 ? DONE : REVIEW;
                }
                case REVIEW -> {
                    if (x < 0.12) {
                        return IN_PROGRESS; // changes requested
                    }
                    return x < 0.35 ? DONE : TESTING;
                }
                case TESTING -> {
                    if (x < 0.12) {
                        return IN_PROGRESS; // bug found in test
                    }
                    return DONE;
                }
                case DONE -> {
                    if (reopens == 0 && x < 0.04) {
                        reopens++;
                        return IN_PROGRESS;
                    }
                    return x < 0.55 ? CLOSED : null; // many teams close after release
                }
                case WONT_DO -> {
                    return x < 0.03 ? BACKLOG : null; // occasionally restored
                }
                default -> {
                    return null;
                }
            }
        }

        private long waitIn(String s) {
            double meanHours = switch (s) {
                case BACKLOG, TODO -> 240;
                case SELECTED -> 72;
                case IN_PROGRESS -> 60;
                case REVIEW -> 20;
                case TESTING -> 30;
                case DONE -> 48;
                default -> 500;
            };
            double u = 1.0 - r.nextDouble();
            return (long) (-Math.log(u) * meanHours * pace * HOUR);
        }
    }
}
