package io.flowtrack.azdo.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldSelectionTest {
    private static final Instant T = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void tagsAsAzureDevOpsWritesThem() {
        // "tag; tag" as in the documented example revisions; "" when none
        assertThat(Tags.normalise("")).isNull();
        assertThat(Tags.normalise("beauty")).isEqualTo("beauty");
        assertThat(Tags.normalise(" web; Beauty;;web ;WEB")).isEqualTo("Beauty; web");
        assertThat(Tags.has("Beauty; web", "WEB ")).isTrue();
        assertThat(Tags.has("Beauty; web", "we")).isFalse();
        assertThat(Tags.has(null, "web")).isFalse();
    }

    @Test
    void aRevisionKeepsOnlyWhatTheSelectionAllows() {
        WorkItemRevision r = new WorkItemRevision(1, 1, "Bug", "New", "A", T, T, "Secret",
                Map.of("System.Tags", "vip", "Custom.Risk", "High"), false);
        assertThat(r.keepOnly(FieldSelection.NONE)).isEqualTo(
                new WorkItemRevision(1, 1, "Bug", "New", "A", T, T, null, Map.of(), false));
        assertThat(r.keepOnly(new FieldSelection(true, Set.of("Custom.Risk")))).isEqualTo(
                new WorkItemRevision(1, 1, "Bug", "New", "A", T, T, "Secret", Map.of("Custom.Risk", "High"), false));
        assertThat(r.keepOnly(new FieldSelection(true, Set.of("System.Tags", "Custom.Risk")))).isSameAs(r);
    }

    @Test
    void whatCanBeAnExtendedField() {
        assertThat(FieldSelection.refusal("Custom.Risk")).isNull();
        assertThat(FieldSelection.refusal("System.Tags")).isNull();
        assertThat(FieldSelection.refusal("Microsoft.VSTS.Common.Priority")).isNull();
        assertThat(FieldSelection.refusal("SYSTEM.TITLE")).isNotNull();
        assertThat(FieldSelection.refusal("System.AssignedTo")).isNotNull();
        assertThat(FieldSelection.refusal("Custom." + "x".repeat(130))).isNotNull();
        assertThat(FieldSelection.refusal("Custom.Risk=High")).isNotNull();
        assertThat(FieldSelection.refusal(null)).isNotNull();
    }
}
