package io.flowtrack.metrics.quality;

import java.util.List;

/** The data-quality findings of one item. */
public record ItemFindings(String id, List<Finding> findings) {
    public ItemFindings {
        findings = List.copyOf(findings);
    }
}
