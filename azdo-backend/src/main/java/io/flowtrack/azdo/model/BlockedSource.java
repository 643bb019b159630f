package io.flowtrack.azdo.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a project's blocked work comes from (issue 14): nowhere (the default: nothing about blocking is read), the
 * {@value #FIELD} field of the CMMI process ({@code "Yes"} is blocked), or a tag the project names (default
 * {@value #DEFAULT_TAG}). Only the one field this needs is asked of Azure DevOps, and only whether a revision was
 * blocked is kept: never the field's or the tags' text.
 *
 * @param kind none, field or tag
 * @param tag  the tag that means blocked (kind tag), else null
 */
public record BlockedSource(Kind kind, String tag) {
    /** The CMMI process' blocked field; its values are "Yes" and "No". */
    public static final String FIELD = "Microsoft.VSTS.CMMI.Blocked";
    /** The tag a project names by default. */
    public static final String DEFAULT_TAG = "Blocked";
    /** The longest tag name accepted (Azure Boards' own limit is unverified; tags are short). */
    public static final int MAX_TAG_CHARS = 128;

    /** Nothing read about blocking. */
    public static final BlockedSource NONE = new BlockedSource(Kind.NONE, null);

    /** The source kinds, named in the API in lower case. */
    public enum Kind { NONE, FIELD, TAG }

    public BlockedSource {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.TAG) {
            String refusal = tagRefusal(tag);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            tag = tag.trim();
        } else {
            tag = null;
        }
    }

    /** The CMMI blocked field. */
    public static BlockedSource field() {
        return new BlockedSource(Kind.FIELD, null);
    }

    /** The tag {@code name}. */
    public static BlockedSource tag(String name) {
        return new BlockedSource(Kind.TAG, name);
    }

    /** Why {@code name} cannot be the blocking tag, or null when it can. */
    public static String tagRefusal(String name) {
        if (name == null || name.isBlank()) {
            return "blocked.tag: a tag name is required";
        }
        if (name.trim().length() > MAX_TAG_CHARS) {
            return "blocked.tag: at most " + MAX_TAG_CHARS + " characters";
        }
        if (name.contains(";")) {
            return "blocked.tag: one tag, without ';' (Azure DevOps separates tags with it)";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "blocked.tag: no control characters";
        }
        return null;
    }

    /** The field asked of Azure DevOps beside the flow fields for this source (none for NONE). */
    public List<String> fieldsRead() {
        return switch (kind) {
            case NONE -> List.of();
            case FIELD -> List.of(FIELD);
            case TAG -> List.of(FieldSelection.TAGS);
        };
    }

    /**
     * Whether a revision was blocked, from the raw value of the field this source reads ({@link #fieldsRead()}; null
     * when the revision has none).
     */
    public boolean blocked(String rawValue) {
        return switch (kind) {
            case NONE -> false;
            case FIELD -> rawValue != null && rawValue.trim().equalsIgnoreCase("Yes");
            case TAG -> Tags.has(rawValue, tag);
        };
    }

    /** The stored form: {@code none}, {@code field} or {@code tag:NAME}. */
    public String key() {
        return kind == Kind.TAG ? "tag:" + tag : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The source of a {@link #key()}; null or unknown is none. */
    public static BlockedSource ofKey(String key) {
        if (key == null || key.equals("none")) {
            return NONE;
        }
        if (key.equals("field")) {
            return field();
        }
        if (key.startsWith("tag:")) {
            return tag(key.substring(4));
        }
        return NONE;
    }
}
