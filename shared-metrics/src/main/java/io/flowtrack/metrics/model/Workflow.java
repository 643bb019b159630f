package io.flowtrack.metrics.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered list of stages. Stage order defines forward and backward; the commitment stage is where
 * cycle time starts. Immutable; validated on construction.
 */
public final class Workflow {
    /** The most stages a workflow may have. */
    public static final int MAX_STAGES = 1_000;

    private final List<Stage> stages;
    private final int commitmentIndex;
    private final Map<String, Integer> stageOfState;
    private final Category[] categories;

    private Workflow(List<Stage> stages, int commitmentIndex, Map<String, Integer> stageOfState) {
        this.stages = stages;
        this.commitmentIndex = commitmentIndex;
        this.stageOfState = stageOfState;
        this.categories = stages.stream().map(Stage::category).toArray(Category[]::new);
    }

    /**
     * Builds a workflow.
     *
     * @param stages          the stages in flow order
     * @param commitmentStage the stage where cycle time starts, or null for the default: the first
     *                        stage whose category is {@code active} or {@code waiting}
     * @throws InvalidHistoryException naming every problem found
     */
    public static Workflow of(List<Stage> stages, String commitmentStage) {
        List<String> problems = new ArrayList<>();
        List<Stage> copy = List.copyOf(stages);
        if (copy.isEmpty()) {
            throw new InvalidHistoryException("workflow: at least one stage is required");
        }
        if (copy.size() > MAX_STAGES) {
            throw new InvalidHistoryException("workflow: " + copy.size() + " stages; at most " + MAX_STAGES
                    + " are supported");
        }
        Set<String> names = new HashSet<>();
        Map<String, Integer> stageOfState = new HashMap<>();
        for (int i = 0; i < copy.size(); i++) {
            Stage stage = copy.get(i);
            if (!names.add(stage.name())) {
                problems.add("workflow[" + i + "].stage: duplicate stage name '" + stage.name() + "'");
            }
            for (String state : stage.states()) {
                Integer before = stageOfState.putIfAbsent(state, i);
                if (before != null) {
                    problems.add("workflow[" + i + "].states: state '" + state + "' is already mapped to stage '"
                            + copy.get(before).name() + "'");
                }
            }
        }
        int commitment = -1;
        if (commitmentStage != null) {
            for (int i = 0; i < copy.size(); i++) {
                if (copy.get(i).name().equals(commitmentStage)) {
                    commitment = i;
                    break;
                }
            }
            if (commitment < 0) {
                problems.add("commitmentStage: '" + commitmentStage + "' is not a stage of the workflow");
            } else if (copy.get(commitment).category() == Category.DONE
                    || copy.get(commitment).category() == Category.REMOVED) {
                problems.add("commitmentStage: '" + commitmentStage + "' is a "
                        + copy.get(commitment).category().jsonName() + " stage; work cannot be committed there");
            }
        } else {
            for (int i = 0; i < copy.size(); i++) {
                if (copy.get(i).category().isCommitted()) {
                    commitment = i;
                    break;
                }
            }
            if (commitment < 0) {
                problems.add("commitmentStage: not given, and no stage is active or waiting to default to");
            }
        }
        if (commitment >= 0) {
            for (int i = 0; i < commitment; i++) {
                if (copy.get(i).category() == Category.DONE) {
                    problems.add("workflow[" + i + "]: done stage '" + copy.get(i).name()
                            + "' comes before the commitment stage '" + copy.get(commitment).name() + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidHistoryException(problems);
        }
        return new Workflow(copy, commitment, Map.copyOf(stageOfState));
    }

    public List<Stage> stages() {
        return stages;
    }

    public int size() {
        return stages.size();
    }

    public Stage stage(int index) {
        return stages.get(index);
    }

    public Category category(int index) {
        return categories[index];
    }

    public int commitmentIndex() {
        return commitmentIndex;
    }

    public Stage commitmentStage() {
        return stages.get(commitmentIndex);
    }

    /** The index of the stage a tracker state maps onto, or -1 when no stage maps it. */
    public int indexOfState(String state) {
        Integer i = stageOfState.get(state);
        return i == null ? -1 : i;
    }

    public boolean maps(String state) {
        return stageOfState.containsKey(state);
    }

    /**
     * Whether being in this stage means being committed: at or after the commitment stage and not
     * removed (a removed stage never starts an item).
     */
    public boolean isCommitted(int index) {
        return index >= commitmentIndex && categories[index] != Category.REMOVED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Workflow w && w.stages.equals(stages) && w.commitmentIndex == commitmentIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stages, commitmentIndex);
    }

    @Override
    public String toString() {
        return "Workflow" + stages + " commitment=" + commitmentStage().name();
    }
}
