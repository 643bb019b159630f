package io.flowtrack.azdo.api;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.flowtrack.metrics.config.ConfigJson;
import io.flowtrack.metrics.config.FlowSettings;
import io.flowtrack.metrics.config.FlowSettingsJson;
import io.flowtrack.metrics.model.Workflow;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A project's flow configuration as the API and the store write it: the engine's one JSON shape of the settings both
 * hosts share ({@link FlowSettingsJson}, stage states under {@code "states"}), plus this host's
 * {@code "blocked": {"source": "none|field|tag", "tag": …}}. Read strictly, as Jira reads its own: unknown fields,
 * repeated keys and wrong types are refused with a message naming the field. Configurations stored before the SLE
 * became an object carry {@code sleDays}/{@code slePercentile}; they are still read (both forms at once are refused).
 */
public final class FlowConfigJson {
    /** This host's own top-level fields: the blocked source, and the older flat SLE fields (read, never written). */
    private static final FlowSettingsJson SHARED = new FlowSettingsJson("states",
            Set.of("blocked", "sleDays", "slePercentile"));
    private static final Set<String> BLOCKED_FIELDS = Set.of("source", "tag");

    private FlowConfigJson() {
    }

    /**
     * Reads a configuration (a request body or a stored one).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static ProjectFlowConfig read(String text) {
        FlowSettingsJson.Read read = SHARED.read(text);
        FlowSettings settings = read.settings();
        Map<String, Object> own = read.hostFields();
        Object days = own.get("sleDays");
        Object percentile = own.get("slePercentile");
        if (days != null || percentile != null) {
            if (settings.sle() != null) {
                throw new IllegalArgumentException("sle: give the SLE once, as {\"days\", \"percentile\"}");
            }
            Integer d = ConfigJson.wholeNumber(days);
            Integer p = ConfigJson.wholeNumber(percentile);
            if (d == null) {
                throw new IllegalArgumentException("sleDays: a whole number of days is required");
            }
            if (percentile != null && p == null) {
                throw new IllegalArgumentException("slePercentile: a whole number from 1 to 100");
            }
            settings = settings.withSle(FlowSettingsJson.sle(d, p));
        }
        return new ProjectFlowConfig(settings, blocked(own.get("blocked")));
    }

    /**
     * Where blocked work comes from: {@code {"source": "none"}} (the default, also when absent or null),
     * {@code {"source": "field"}} (Microsoft.VSTS.CMMI.Blocked, where the process has it) or {@code {"source":
     * "tag", "tag": "Blocked"}} (the tag defaults to {@value BlockedSource#DEFAULT_TAG}; it is read only with source
     * tag).
     */
    private static BlockedSource blocked(Object value) {
        Map<String, Object> node = ConfigJson.optionalObject(value, "blocked",
                "an object {\"source\": \"none|field|tag\", \"tag\": …} or null", BLOCKED_FIELDS);
        if (node == null) {
            return BlockedSource.NONE;
        }
        String source = ConfigJson.optionalText(node, "source", "blocked.source");
        return switch (source == null ? "none" : source) {
            case "none" -> BlockedSource.NONE;
            case "field" -> BlockedSource.field();
            case "tag" -> {
                String tag = ConfigJson.optionalText(node, "tag", "blocked.tag");
                String name = tag == null ? BlockedSource.DEFAULT_TAG : tag;
                String refusal = BlockedSource.tagRefusal(name);
                if (refusal != null) {
                    throw new IllegalArgumentException(refusal);
                }
                yield BlockedSource.tag(name);
            }
            default -> throw new IllegalArgumentException("blocked.source must be none, field or tag");
        };
    }

    /** The JSON form of a configuration, as stored and answered: the blocked source written out. */
    public static Map<String, Object> write(ProjectFlowConfig config) {
        Map<String, Object> root = SHARED.write(config.settings());
        root.put("blocked", blocked(config.blocked()));
        return root;
    }

    /**
     * The JSON form of the workflow a project's reports use (the default one built from state categories when
     * {@code config} is null), with the configuration's start policy, SLE, calendar and blocked source; the
     * commitment stage written out.
     */
    public static Map<String, Object> of(Workflow workflow, ProjectFlowConfig config) {
        FlowSettings settings = new FlowSettings(workflow.stages(), workflow.commitmentStage().name(),
                config == null ? null : config.startPolicy(), config == null ? null : config.sle(),
                config == null ? null : config.calendar());
        return write(new ProjectFlowConfig(settings, config == null ? BlockedSource.NONE : config.blocked()));
    }

    /** The JSON form of a blocked source: the tag only with source tag. */
    static Map<String, Object> blocked(BlockedSource source) {
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("source", source.kind().name().toLowerCase(Locale.ROOT));
        b.put("tag", source.tag());
        return b;
    }
}
