package io.flowtrack.azdo.model;

/**
 * The category Azure Boards gives a state of a work item type: Proposed, InProgress, Resolved,
 * Completed or Removed.
 */
public record StateCategory(String workItemType, String state, String category) {
}
