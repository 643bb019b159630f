package io.flowtrack.azdo.store;

/** A project of an organization, and whether FlowTrack syncs it. */
public record Project(String projectId, String name, boolean enabled) {
}
