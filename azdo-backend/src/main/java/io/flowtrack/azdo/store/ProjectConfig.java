package io.flowtrack.azdo.store;

import java.time.Instant;

/** A project's FlowTrack configuration (JSON, validated by its owner) and who last changed it, when. */
public record ProjectConfig(String json, Instant updatedAt, String updatedBy) {
}
