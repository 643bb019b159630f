package io.flowtrack.azdo.store;

import io.flowtrack.azdo.model.FieldSelection;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work item revisions and each project's extraction watermark. A batch of revisions and the watermark
 * that follows it are stored in one transaction, keyed by (organization, work item, rev): a batch
 * stored twice changes nothing, and a batch that fails leaves neither rows nor watermark behind.
 */
public final class RevisionStore {
    /** Status recorded by {@link #saveBatch}. */
    public static final String STATUS_OK = "ok";

    private static final List<String> COLUMNS = List.of("org_id", "work_item_id", "rev", "project_id",
            "work_item_type", "state", "area_path", "created_date", "changed_date", "title", "blocked");
    private static final List<String> FIELD_COLUMNS = List.of("org_id", "work_item_id", "rev", "field_ref",
            "project_id", "field_value");
    private static final String SELECT = "SELECT work_item_id, rev, work_item_type, state, area_path,"
            + " created_date, changed_date, title, blocked FROM revision";
    private static final int FETCH_SIZE = 1000;

    private final Database db;

    public RevisionStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /**
     * Stores {@code revisions} of {@code projectId} (insert, or replace the same (work item, rev)) and
     * advances the project's watermark to {@code nextContinuationToken}, all in one transaction; new rows give
     * the project a new {@link DataVersions data version} in that transaction too.
     *
     * @param nextContinuationToken the token to resume from after this batch
     * @param at                    when the batch was fetched; becomes the watermark's last sync time
     * @throws OrganizationGoneException when the organization is not connected (any more): nothing is written
     */
    public void saveBatch(OrgId org, String projectId, List<WorkItemRevision> revisions, String nextContinuationToken,
                          Instant at) {
        saveBatch(org, projectId, revisions, nextContinuationToken, at, null);
    }

    /**
     * As {@link #saveBatch(OrgId, String, List, String, Instant)}, fenced by a sync run's lease: the batch is stored
     * only while {@code leaseOwner} holds the project's {@link SyncLease}, checked in the batch's transaction.
     *
     * @param leaseOwner the sync run's lease token, or null for no fence
     * @throws LeaseLostException when {@code leaseOwner} no longer holds the lease: nothing is written
     */
    public void saveBatch(OrgId org, String projectId, List<WorkItemRevision> revisions, String nextContinuationToken,
                          Instant at, String leaseOwner) {
        saveBatch(org, projectId, revisions, nextContinuationToken, at, leaseOwner, null);
    }

    /**
     * As {@link #saveBatch(OrgId, String, List, String, Instant, String)}, for revisions whose blocked flags were read
     * with {@code readWith}: stored only while that is still the project's blocked source, checked in the batch's
     * transaction.
     *
     * @param readWith the blocked source the revisions were read with, or null for no check
     * @throws BlockedSourceChangedException when the project's source is another one now: nothing is written
     */
    public void saveBatch(OrgId org, String projectId, List<WorkItemRevision> revisions, String nextContinuationToken,
                          Instant at, String leaseOwner, io.flowtrack.azdo.model.BlockedSource readWith) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(projectId, "project id", 64);
        Objects.requireNonNull(revisions, "revisions");
        Objects.requireNonNull(at, "at");
        if (nextContinuationToken != null && nextContinuationToken.length() > 4000) {
            throw new IllegalArgumentException("continuation token is longer than 4000 characters");
        }
        db.inTransaction(c -> {
            OrganizationLock.forWrite(c, db.dialect(), org);
            if (leaseOwner != null) {
                SyncLease.checkHeld(c, org, projectId, leaseOwner);
            }
            if (readWith != null && !ProjectConfigStore.blockedSource(c, org, projectId).equals(readWith)) {
                throw new BlockedSourceChangedException(org, projectId);
            }
            if (!revisions.isEmpty()) {
                // Whatever arrived, only what the organization allows now is kept: read under the lock that a switch
                // (titles off, an extended field off) takes too, so no batch keeps what a committed switch removed.
                FieldSelection allowed = OrganizationStore.fieldSelection(c, org);
                List<WorkItemRevision> kept = distinct(revisions).stream().map(r -> r.keepOnly(allowed)).toList();
                try (PreparedStatement ps = c.prepareStatement(
                        db.dialect().upsert("revision", COLUMNS, List.of("org_id", "work_item_id", "rev")))) {
                    for (WorkItemRevision r : kept) {
                        bind(ps, org, projectId, r);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                if (kept.stream().anyMatch(r -> !r.fields().isEmpty())) {
                    try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("revision_field",
                            FIELD_COLUMNS, List.of("org_id", "work_item_id", "rev", "field_ref")))) {
                        for (WorkItemRevision r : kept) {
                            for (Map.Entry<String, String> f : new java.util.TreeMap<>(r.fields()).entrySet()) {
                                ps.setString(1, org.value());
                                ps.setInt(2, r.workItemId());
                                ps.setInt(3, r.rev());
                                ps.setString(4, f.getKey());
                                ps.setString(5, projectId);
                                ps.setString(6, f.getValue());
                                ps.addBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                }
                DataVersions.change(c, db.dialect(), org, projectId);
            }
            Watermark previous = read(c, org, projectId);
            writeWatermark(c, org, projectId, new Watermark(nextContinuationToken, at, STATUS_OK, null,
                    previous.rowsLoaded() + revisions.size()));
            return null;
        });
    }

    /**
     * Records a failed sync (status and detail) without moving the continuation token or storing rows.
     */
    public void recordFailure(OrgId org, String projectId, String status, String detail, Instant at) {
        Objects.requireNonNull(org, "org");
        Jdbc.require(projectId, "project id", 64);
        Jdbc.require(status, "status", 32);
        db.inTransaction(c -> {
            OrganizationLock.forWrite(c, db.dialect(), org);
            Watermark previous = read(c, org, projectId);
            writeWatermark(c, org, projectId, new Watermark(previous.continuationToken(), at, status,
                    Jdbc.truncate(detail, 4000), previous.rowsLoaded()));
            return null;
        });
    }

    /** The project's watermark, or {@link Watermark#NONE} before its first batch. */
    public Watermark watermark(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> read(c, org, projectId));
    }

    /**
     * Streams the project's revisions to {@code sink} in (work item id, rev) order, without holding them
     * all in memory, with the values of every stored extended field. The sink runs inside a read transaction: keep
     * it fast and do not write from it.
     */
    public void forEachRevision(OrgId org, String projectId, Consumer<WorkItemRevision> sink) {
        Objects.requireNonNull(org, "org");
        Map<Long, Map<String, String>> values = db.withConnection(c -> {
            Map<Long, Map<String, String>> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT work_item_id, rev, field_ref, field_value"
                    + " FROM revision_field WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(key(rs.getInt(1), rs.getInt(2)), k -> new java.util.TreeMap<>())
                                .put(rs.getString(3), rs.getString(4));
                    }
                }
            }
            return out;
        });
        stream(org, projectId, SELECT, RevisionStore::map, r -> sink.accept(values.containsKey(key(r.workItemId(),
                r.rev())) ? new WorkItemRevision(r.workItemId(), r.rev(), r.workItemType(), r.state(), r.areaPath(),
                r.createdDate(), r.changedDate(), r.title(), values.get(key(r.workItemId(), r.rev())), r.blocked()) : r));
    }

    /**
     * As {@link #forEachRevision}, without extended fields: what a flow report reads of each revision (id, rev,
     * type, state, area path, created and changed dates, title, blocked flag).
     */
    public void forEachRevisionForReport(OrgId org, String projectId, Consumer<WorkItemRevision> sink) {
        stream(org, projectId, SELECT, RevisionStore::map, sink);
    }

    /**
     * For each work item of the project, the values of {@code fields} in its latest revision that has any of them:
     * the revision number and the values. A filter compares that revision number with the item's latest revision
     * (a field cleared later has no row in the latest revision).
     */
    public Map<Integer, FieldValues> latestFieldValues(OrgId org, String projectId, java.util.Set<String> fields) {
        Objects.requireNonNull(org, "org");
        Map<Integer, FieldValues> out = new java.util.HashMap<>();
        if (fields.isEmpty()) {
            return out;
        }
        return db.withConnection(c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(fields.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT work_item_id, rev, field_ref, field_value"
                    + " FROM revision_field WHERE org_id = ? AND project_id = ? AND field_ref IN (" + marks + ")")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                int i = 3;
                for (String f : fields) {
                    ps.setString(i++, f);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int id = rs.getInt(1);
                        int rev = rs.getInt(2);
                        FieldValues known = out.get(id);
                        if (known == null || known.rev() < rev) {
                            known = new FieldValues(rev, new java.util.HashMap<>());
                            out.put(id, known);
                        }
                        if (known.rev() == rev) {
                            known.values().put(rs.getString(3), rs.getString(4));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The extended fields the organization turned on (whose values are stored). */
    public java.util.Set<String> extendedFields(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> ExtendedFieldStore.enabled(c, org));
    }

    /** The extended field values of one revision of a work item. */
    public record FieldValues(int rev, Map<String, String> values) {
    }

    private static long key(int workItemId, int rev) {
        return ((long) workItemId << 32) | (rev & 0xffffffffL);
    }

    /** Maps one row of a result set. */
    @FunctionalInterface
    private interface RowMapper {
        WorkItemRevision map(ResultSet rs) throws SQLException;
    }

    private void stream(OrgId org, String projectId, String select, RowMapper mapper, Consumer<WorkItemRevision> sink) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(sink, "sink");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    select + " WHERE org_id = ? AND project_id = ? ORDER BY work_item_id, rev")) {
                ps.setFetchSize(FETCH_SIZE); // PostgreSQL streams with a cursor only outside auto-commit
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(mapper.map(rs));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Erases the titles stored for the organization (when an admin switches them off): data minimisation, not just
     * hiding (see {@link Database#reclaim} for the bytes on disk). Returns the rows changed.
     */
    public int forgetPersonalFields(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.inTransaction(c -> {
            // Exclusive: a sync's batch that read "titles on" under its shared lock commits before this erases.
            OrganizationLock.exclusive(c, org);
            try (PreparedStatement ps = c.prepareStatement("UPDATE revision SET title = NULL"
                    + " WHERE org_id = ? AND title IS NOT NULL")) {
                ps.setString(1, org.value());
                int changed = ps.executeUpdate();
                if (changed > 0) {
                    DataVersions.changeAll(c, org); // reports show titles: the cached ones are out of date
                }
                return changed;
            }
        });
    }

    /** How many revisions of the project are stored. */
    public long count(OrgId org, String projectId) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM revision WHERE org_id = ? AND project_id = ?")) {
                ps.setString(1, org.value());
                ps.setString(2, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The batch with each (work item, rev) once, the last delivery winning (as one statement per row would have
     * it): a multi-row upsert may not touch the same row twice.
     */
    private static Collection<WorkItemRevision> distinct(List<WorkItemRevision> revisions) {
        Map<Long, WorkItemRevision> byKey = new LinkedHashMap<>();
        for (WorkItemRevision r : revisions) {
            byKey.put(key(r.workItemId(), r.rev()), r);
        }
        return byKey.values();
    }

    private static void bind(PreparedStatement ps, OrgId org, String projectId, WorkItemRevision r) throws SQLException {
        ps.setString(1, org.value());
        ps.setInt(2, r.workItemId());
        ps.setInt(3, r.rev());
        ps.setString(4, projectId);
        ps.setString(5, r.workItemType());
        ps.setString(6, r.state());
        Jdbc.setString(ps, 7, r.areaPath());
        Jdbc.setInstant(ps, 8, r.createdDate());
        Jdbc.setInstant(ps, 9, r.changedDate());
        Jdbc.setString(ps, 10, r.title());
        ps.setBoolean(11, r.blocked());
    }

    private static WorkItemRevision map(ResultSet rs) throws SQLException {
        return new WorkItemRevision(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Jdbc.getInstant(rs, 6), Jdbc.getInstant(rs, 7), rs.getString(8), Map.of(), rs.getBoolean(9));
    }

    private static Watermark read(Connection c, OrgId org, String projectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT continuation_token, last_sync_at, last_sync_status,"
                + " last_sync_detail, rows_loaded FROM watermark WHERE org_id = ? AND project_id = ?")) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Watermark(rs.getString(1), Jdbc.getInstant(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)) : Watermark.NONE;
            }
        }
    }

    private void writeWatermark(Connection c, OrgId org, String projectId, Watermark w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("watermark",
                List.of("org_id", "project_id", "continuation_token", "last_sync_at", "last_sync_status",
                        "last_sync_detail", "rows_loaded"), List.of("org_id", "project_id")))) {
            ps.setString(1, org.value());
            ps.setString(2, projectId);
            Jdbc.setString(ps, 3, w.continuationToken());
            Jdbc.setInstant(ps, 4, w.lastSyncAt());
            Jdbc.setString(ps, 5, w.lastSyncStatus());
            Jdbc.setString(ps, 6, w.lastSyncDetail());
            ps.setLong(7, w.rowsLoaded());
            ps.executeUpdate();
        }
    }
}
