package io.flowtrack.azdo.store;

import java.time.Instant;

/**
 * How far a project's extraction has come: the revisions API's continuation token after the last
 * batch that was stored, and how the last sync went.
 *
 * @param continuationToken where the next page starts, or null before the first batch
 * @param lastSyncAt        when the last batch was stored or the last failure recorded
 * @param lastSyncStatus    {@code ok} or a failure status
 * @param lastSyncDetail    what went wrong, or null
 * @param rowsLoaded        revisions stored so far (counting a re-delivered revision again)
 */
public record Watermark(String continuationToken, Instant lastSyncAt, String lastSyncStatus, String lastSyncDetail,
                        long rowsLoaded) {
    /** The watermark of a project never synced. */
    public static final Watermark NONE = new Watermark(null, null, null, null, 0);
}
