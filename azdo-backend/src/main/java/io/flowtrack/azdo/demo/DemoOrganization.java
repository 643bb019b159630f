package io.flowtrack.azdo.demo;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import io.flowtrack.metrics.generate.HistoryGenerator;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generated organization of demo mode: one project whose work items went through an Azure Boards
 * process with realistic history (backflow, reopened, removed and restored items, items born mid-flow),
 * expressed as the revisions the reporting API would return, blocked now and then (the generator's blocked periods,
 * as the CMMI Blocked field would record them). Built from the engine's seeded
 * {@link HistoryGenerator}, so the same seed gives the same organization.
 */
public final class DemoOrganization {
    /** The demo organization's host id. */
    public static final OrgId ORG = new OrgId("00000000-0000-4000-8000-00000000d3e0");
    public static final String ORG_NAME = "flowtrack-demo";
    public static final String PROJECT_ID = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    public static final String PROJECT_NAME = "Fabrikam Fiber";
    /** A second project of the demo organization, enabled but never synced. */
    public static final String UNSYNCED_PROJECT_ID = "0d7e5a1c-3b9f-4c2e-9a61-5f0b8e7d2c41";
    public static final String UNSYNCED_PROJECT_NAME = "Not Synced Yet";
    /**
     * A third project, synced, without a flow configuration of its own (the default workflow from state categories)
     * and so without a working calendar: what the dashboards do for a project that has none.
     */
    public static final String PLAIN_PROJECT_ID = "3f2b8c4d-6e1a-4d7b-8c9e-0a1b2c3d4e5f";
    public static final String PLAIN_PROJECT_NAME = "Fabrikam Support";

    /** Generator state → Azure Boards state (Agile-like process with review and test states). */
    private static final Map<String, String> STATES = Map.of(
            "New", "New", "To Do", "New", "Selected for Development", "Approved", "In Progress", "Active",
            "In Review", "In Review", "Testing", "Testing", "Done", "Resolved", "Closed", "Closed",
            "Won't Do", "Removed");
    private static final Map<String, String> TYPES = Map.of(
            "Story", "User Story", "Bug", "Bug", "Task", "Task", "Spike", "Spike");
    private static final List<String> AREAS = List.of(
            "Fabrikam Fiber\\Web", "Fabrikam Fiber\\Mobile", "Fabrikam Fiber\\Platform");

    /** The demo project's teams (id, name), as Teams - Get Teams lists them; each owns one area of the project. */
    public static final List<io.flowtrack.azdo.extract.DirectoryClient.Entry> TEAMS = List.of(
            new io.flowtrack.azdo.extract.DirectoryClient.Entry("5a3f1c2e-7b8d-4e9f-a0b1-c2d3e4f5a6b7", "Web Team"),
            new io.flowtrack.azdo.extract.DirectoryClient.Entry("6b4a2d3f-8c9e-4fa0-b1c2-d3e4f5a6b7c8", "Mobile Team"),
            new io.flowtrack.azdo.extract.DirectoryClient.Entry("7c5b3e4a-9daf-4ab1-82d3-e4f5a6b7c8d9", "Platform Team"));

    private DemoOrganization() {
    }

    /** The state categories of every work item type of the demo process. */
    public static List<StateCategory> stateCategories() {
        List<StateCategory> categories = new ArrayList<>();
        for (String type : List.of("User Story", "Bug", "Task", "Spike")) {
            categories.add(new StateCategory(type, "New", "Proposed"));
            categories.add(new StateCategory(type, "Approved", "Proposed"));
            categories.add(new StateCategory(type, "Active", "InProgress"));
            categories.add(new StateCategory(type, "In Review", "InProgress"));
            categories.add(new StateCategory(type, "Testing", "InProgress"));
            categories.add(new StateCategory(type, "Resolved", "Resolved"));
            categories.add(new StateCategory(type, "Closed", "Completed"));
            categories.add(new StateCategory(type, "Removed", "Removed"));
        }
        return categories;
    }

    /**
     * The revisions of {@code items} generated work items whose history ends {@code end}: revision 1 is
     * the creation, each state change adds one.
     */
    public static List<WorkItemRevision> revisions(int items, long seed, LocalDate end, int spanDays) {
        HistoryGenerator generator = new HistoryGenerator(seed, end.minusDays(spanDays), spanDays);
        List<WorkItemRevision> revisions = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        int[] id = {1000};
        generator.generate(items, item -> addRevisions(item, ++id[0], AREAS.get(random.nextInt(AREAS.size())),
                revisions));
        return revisions;
    }

    /**
     * Revision 1 at creation, then one revision at each instant where the state or the blocked flag changes (the
     * generator's blocked periods, as Microsoft.VSTS.CMMI.Blocked going Yes and back to No would show them): a
     * revision that only blocks or unblocks keeps the state.
     */
    private static void addRevisions(WorkItem item, int id, String area, List<WorkItemRevision> out) {
        String type = TYPES.getOrDefault(item.type(), item.type());
        // Events by instant: a state change (the state it goes to), a block beginning (+1) or ending (-1).
        java.util.TreeMap<java.time.Instant, List<Object>> events = new java.util.TreeMap<>();
        for (StateChange change : item.transitions()) {
            events.computeIfAbsent(change.at(), k -> new ArrayList<>()).add(STATES.get(change.to()));
        }
        for (io.flowtrack.metrics.model.BlockedPeriod p : item.blocked()) {
            java.time.Instant from = p.from().isBefore(item.created()) ? item.created() : p.from();
            events.computeIfAbsent(from, k -> new ArrayList<>()).add(1);
            if (p.to() != null) {
                events.computeIfAbsent(p.to().isBefore(from) ? from : p.to(), k -> new ArrayList<>()).add(-1);
            }
        }
        String state = STATES.get(item.initialState());
        int blocks = 0;
        int rev = 1;
        List<Object> atCreation = events.remove(item.created());
        if (atCreation != null) {
            for (Object e : atCreation) {
                if (e instanceof Integer d) {
                    blocks += d;
                } else {
                    state = (String) e;
                }
            }
        }
        out.add(new WorkItemRevision(id, rev, type, state, area, item.created(), item.created(), null, Map.of(),
                blocks > 0));
        for (Map.Entry<java.time.Instant, List<Object>> at : events.entrySet()) {
            String nextState = state;
            int nextBlocks = blocks;
            for (Object e : at.getValue()) {
                if (e instanceof Integer d) {
                    nextBlocks += d;
                } else {
                    nextState = (String) e;
                }
            }
            boolean changed = !nextState.equals(state) || (nextBlocks > 0) != (blocks > 0);
            state = nextState;
            blocks = nextBlocks;
            if (changed) { // e.g. To Do → New is no state change in this process
                out.add(new WorkItemRevision(id, ++rev, type, state, area, item.created(), at.getKey(), null,
                        Map.of(), blocks > 0));
            }
        }
    }
}
