package io.flowtrack.jira.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowtrack.jira.audit.ReportRead;
import java.util.List;

/** Audited report reads as JSON, the same for the project's audit and the Jira administrators' route. */
final class ReadsJson {
    private ReadsJson() {
    }

    static void write(List<ReportRead> reads, ArrayNode into) {
        for (ReportRead r : reads) {
            ObjectNode row = into.addObject();
            row.put("actorKey", r.actorKey());
            row.put("at", r.at().toString());
            row.put("project", r.projectKey());
            ObjectNode selection = row.putObject("selection");
            selection.put("kind", r.selectionKind());
            selection.put("text", r.selection());
            selection.put("length", r.selectionLength());
            selection.put("cut", r.selectionCut());
            ObjectNode parameters = row.putObject("parameters");
            r.parameters().forEach(parameters::put);
            row.put("issues", r.issueCount());
        }
    }
}
