package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Row locks on an organization that order writes of its data against disconnecting it. Every write that a sync
 * makes (revisions, watermark, state categories) first takes a shared lock on the organization's row in its own
 * transaction and writes only when the row is there; disconnecting takes the exclusive lock, then deletes
 * everything, the row last. So a write either commits before the disconnect starts deleting, or finds the
 * organization gone and writes nothing. On PostgreSQL the shared lock is {@code FOR KEY SHARE}: it conflicts with the
 * disconnect's {@code FOR UPDATE} and its delete, but not with updating the organization's status, which a write
 * transaction may do itself ({@code FOR SHARE} would make two such transactions deadlock, each waiting for the
 * other's shared lock). H2 has no shared row lock: there the write takes the exclusive one (H2 is the
 * single-instance database; its write transactions are short).
 */
final class OrganizationLock {
    private OrganizationLock() {
    }

    /**
     * Locks the organization's row for writing its data (shared); call inside a transaction.
     *
     * @throws OrganizationGoneException when the organization is not stored or is disconnected
     */
    static void forWrite(Connection c, Dialect dialect, OrgId org) throws SQLException {
        String status = lock(c, org, dialect == Dialect.POSTGRESQL ? "KEY SHARE" : "UPDATE");
        if (status == null || Organization.Status.DISCONNECTED.name().equals(status)) {
            throw new OrganizationGoneException(org);
        }
    }

    /** Locks the organization's row exclusively (to delete its data); false when it is not stored. */
    static boolean exclusive(Connection c, OrgId org) throws SQLException {
        return lock(c, org, "UPDATE") != null;
    }

    /** The organization's status, its row locked; null when it is not stored. */
    private static String lock(Connection c, OrgId org, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM organization WHERE org_id = ? FOR " + mode)) {
            ps.setString(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
