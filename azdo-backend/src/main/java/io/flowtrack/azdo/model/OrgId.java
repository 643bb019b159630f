package io.flowtrack.azdo.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An Azure DevOps organization, by its host id (the GUID the extension sees as {@code getHost().id}).
 * Every stored row carries one, and every query takes one: it is the partition key of the service.
 */
public record OrgId(String value) {
    public OrgId {
        Objects.requireNonNull(value, "organization id");
        try {
            value = UUID.fromString(value).toString(); // canonical lower-case form
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("organization id must be a GUID, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
