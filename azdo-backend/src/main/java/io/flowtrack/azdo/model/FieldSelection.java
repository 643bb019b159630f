package io.flowtrack.azdo.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What of a work item an organization lets the service read and keep beyond the flow fields: the title (the
 * organization's titles switch) and the extended fields its admin turned on, by reference name (System.Tags is one).
 * Off by default; the store applies it to whatever Azure DevOps sends, so a server that sends more changes nothing.
 *
 * @param title    whether System.Title is kept
 * @param extended reference names of the extended fields kept
 */
public record FieldSelection(boolean title, Set<String> extended) {
    /** Nothing beyond the flow fields. */
    public static final FieldSelection NONE = new FieldSelection(false, Set.of());

    /** Most extended fields an organization may turn on. */
    public static final int MAX_EXTENDED = 10;
    /** Longest value kept of an extended field; a longer one is not kept (it is not a short category). */
    public static final int MAX_VALUE_CHARS = 256;
    /** Tags, as Azure DevOps names the field. */
    public static final String TAGS = "System.Tags";

    /** A field reference name: dot-separated words, e.g. {@code Custom.Risk} or {@code Microsoft.VSTS.Common.Priority}. */
    private static final Pattern REFERENCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}(\\.[A-Za-z0-9_]{1,64}){1,4}");

    /**
     * Never extended fields: the flow fields (always read), the title (its own switch), people and long text
     * (descriptions, history, repro steps, acceptance criteria: data minimisation).
     */
    private static final Set<String> REFUSED = Set.of("system.id", "system.rev", "system.workitemtype", "system.state",
            "system.areapath", "system.createddate", "system.changeddate", "system.title", "system.description",
            "system.history", "system.assignedto", "system.createdby", "system.changedby", "system.authorizedas",
            "system.teamproject", "microsoft.vsts.common.activatedby", "microsoft.vsts.common.closedby",
            "microsoft.vsts.common.resolvedby", "microsoft.vsts.tcm.reprosteps",
            "microsoft.vsts.common.acceptancecriteria", "microsoft.vsts.tcm.steps",
            "microsoft.vsts.tcm.systeminfo", "microsoft.vsts.common.reviewedby");

    public FieldSelection {
        extended = extended == null ? Set.of() : Set.copyOf(new TreeSet<>(extended));
    }

    /**
     * Why {@code referenceName} cannot be an extended field, or null when it can.
     */
    public static String refusal(String referenceName) {
        if (referenceName == null || !REFERENCE_NAME.matcher(referenceName).matches()) {
            return "a field reference name such as Custom.Risk or System.Tags (letters, digits, underscores,"
                    + " dot-separated, at most 128 characters)";
        }
        if (referenceName.length() > 128) {
            return "at most 128 characters";
        }
        if (REFUSED.contains(referenceName.toLowerCase(Locale.ROOT))) {
            return "a flow field, the title (its own switch), a person or long text: never an extended field";
        }
        return null;
    }

    /** Whether the field is kept. */
    public boolean keeps(String referenceName) {
        Objects.requireNonNull(referenceName);
        return extended.contains(referenceName);
    }
}
