package io.flowtrack.metrics.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What in the data bends the numbers: a count per kind and the findings per item. */
public record DataQuality(Map<Finding.Kind, Integer> counts, List<ItemFindings> items) {
    public DataQuality {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        items = List.copyOf(items);
    }
}
