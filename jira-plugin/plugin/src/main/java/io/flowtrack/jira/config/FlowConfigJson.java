package io.flowtrack.jira.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.metrics.config.ConfigJson;
import io.flowtrack.metrics.config.FlowSettingsJson;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link FlowConfig}, used by the REST resource, the settings page and the audit log: the engine's
 * one JSON shape of the settings both hosts share ({@link FlowSettingsJson}), a stage's Jira status ids under
 * {@code "statuses"}, plus this host's {@code includeTitles} and {@code blockedField}:
 * <pre>{"stages": [{"name": "In Progress", "category": "active", "statuses": ["3"]}, …],
 *  "commitmentStage": "In Progress", "startPolicy": "first", "sle": {"days": 14, "percentile": 85},
 *  "calendar": {"workingDays": ["MONDAY", …, "FRIDAY"], "holidays": ["2024-12-25"]},
 *  "includeTitles": false, "blockedField": "Flagged"}</pre>
 * {@code blockedField} absent or null is Jira Software's Flagged; {@code includeTitles} absent or null is false.
 * Reading is strict, by the engine's rules (the Azure DevOps backend's too): unknown fields, repeated keys, wrong
 * types and invalid values are refused with a message that names the field.
 */
public final class FlowConfigJson {
    private static final FlowSettingsJson SHARED = new FlowSettingsJson("statuses",
            Set.of("includeTitles", "blockedField"));

    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectNode toJson(FlowConfig config) {
        Map<String, Object> root = SHARED.write(config.settings());
        root.put("includeTitles", config.includeTitles());
        root.put("blockedField", config.blockedField());
        return mapper.valueToTree(root);
    }

    public String toText(FlowConfig config) {
        return toJson(config).toString();
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public FlowConfig read(String body) {
        FlowSettingsJson.Read read = SHARED.read(body);
        Map<String, Object> own = read.hostFields();
        boolean includeTitles = ConfigJson.optionalBoolean(own, "includeTitles", false);
        String blockedField = ConfigJson.optionalText(own, "blockedField", "blockedField");
        return new FlowConfig(read.settings(), includeTitles, blockedField);
    }
}
