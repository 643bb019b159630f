package io.flowtrack.azdo.bench;

import io.flowtrack.azdo.demo.DemoOrganization;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.azdo.store.Database;
import io.flowtrack.azdo.store.OrganizationStore;
import io.flowtrack.azdo.store.RevisionStore;
import io.flowtrack.azdo.store.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Loads the same revisions into fresh PostgreSQL databases with batch rewriting off and on, alternately, in one
 * JVM, so that both see the same machine load: the figures behind reWriteBatchedInserts in docs/performance.md.
 * Not a test: {@code bench/backend.sh load-ab [ITEMS] [ROUNDS]} runs it.
 */
public final class LoadComparison {
    private LoadComparison() {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<WorkItemRevision> all = DemoOrganization.revisions(items, 1, LocalDate.of(2026, 11, 1), 730);
        System.out.printf("load-ab: %d revisions of %d items, pages of 1,000, %d rounds%n", all.size(), items, rounds);
        for (int round = 1; round <= rounds; round++) {
            for (boolean rewrite : new boolean[] {false, true}) {
                String url = TestDatabases.createUrl(TestDatabases.Kind.POSTGRES, "load_ab_" + round + (rewrite ? "_on" : "_off"))
                        + (rewrite ? "" : "?reWriteBatchedInserts=false"); // the URL's setting wins over the pool's
                try (Database db = Database.open(url, "postgres", null)) {
                    new OrganizationStore(db).upsert(DemoOrganization.ORG, DemoOrganization.ORG_NAME, "https://x.test/o");
                    RevisionStore revisions = new RevisionStore(db);
                    long t0 = System.nanoTime();
                    for (int from = 0; from < all.size(); from += 1_000) {
                        revisions.saveBatch(DemoOrganization.ORG, DemoOrganization.PROJECT_ID,
                                all.subList(from, Math.min(all.size(), from + 1_000)), "wm-" + from, Instant.now());
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.printf("load-ab: round %d rewrite %-3s %6d ms (%.0f revisions/s), %d rows%n", round,
                            rewrite ? "on" : "off", ms, all.size() / (ms / 1e3),
                            revisions.count(DemoOrganization.ORG, DemoOrganization.PROJECT_ID));
                }
            }
        }
        System.exit(0); // the embedded PostgreSQL stops with the JVM
    }
}
