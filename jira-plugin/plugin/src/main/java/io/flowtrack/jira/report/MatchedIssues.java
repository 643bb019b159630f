package io.flowtrack.jira.report;

import com.atlassian.jira.issue.Issue;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a user's search matched, as a cache key: how many issues, the newest {@code updated} among them and a
 * SHA-256 over every matched issue's id and {@code updated}, in search order. Any change that can change a report
 * changes it: a status change, edit or move of a matched issue bumps its {@code updated}; an issue entering or
 * leaving the selection (or the user's permissions) changes the set. Two users whose searches match exactly the
 * same issues at the same versions get equal keys — and the same report is then correct for both, because a
 * report is computed from those issues alone.
 *
 * @param count         matched issues
 * @param newestUpdated the newest {@code updated} of them (null when none matched)
 * @param digest        hex SHA-256 of (id, updated) in search order
 */
public record MatchedIssues(int count, Instant newestUpdated, String digest) {

    /** The fingerprint of a search's issues; empty when an issue has no {@code updated} (then nothing is cached). */
    public static Optional<MatchedIssues> of(List<Issue> issues) {
        MessageDigest sha = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(3 * Long.BYTES);
        Instant newest = null;
        for (Issue issue : issues) {
            Timestamp updated = issue.getUpdated();
            Long id = issue.getId();
            if (updated == null || id == null) {
                return Optional.empty();
            }
            Instant at = updated.toInstant();
            if (newest == null || at.isAfter(newest)) {
                newest = at;
            }
            buffer.clear();
            buffer.putLong(id).putLong(at.getEpochSecond()).putLong(at.getNano());
            sha.update(buffer.array());
        }
        return Optional.of(new MatchedIssues(issues.size(), newest, HexFormat.of().formatHex(sha.digest())));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
