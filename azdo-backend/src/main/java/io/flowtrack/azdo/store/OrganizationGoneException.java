package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;

/**
 * A write for an organization that is not connected (any more): an admin disconnected it, and its data was
 * deleted. Thrown instead of writing, so a sync that was running when the organization was disconnected cannot
 * bring any of its rows back.
 */
public final class OrganizationGoneException extends StoreException {
    private final transient OrgId org;

    public OrganizationGoneException(OrgId org) {
        super("organization " + org + " is not connected (never was, or was disconnected); nothing was written");
        this.org = org;
    }

    public OrgId org() {
        return org;
    }
}
