package io.flowtrack.jira.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packages a Jira line's system bundle exports to plugins, with the versions the emulated host gives them.
 * Which packages: those FlowTrack's declarations and Jira's public API name (jira-plugin.md, "Declared Atlassian
 * API"; ../shared/notes/jira-evidence-2026-12.md sections 1-4). Which versions: the plugin framework takes a host
 * package's version from the file name of the jar that holds it (jira-plugin.md, "Import-Package": ExportsBuilder /
 * PackageScanner), so the Jira packages carry the Jira version and each library package its library's version —
 * <b>inferred</b>: no running Jira's exported list was read. The one version that decides which jar runs where is
 * evidenced: Jira 10 (platform 7, REST v2 on Jersey 2) serves {@code javax.ws.rs} 2.1; Jira 11 (platform 8, Jakarta
 * EE) serves {@code jakarta.ws.rs} 3.x and {@code jakarta.inject} 2.x (scrum-poker 10.3.0 / 11.3.1, Slack
 * integration 11.0.0).
 */
public enum JiraLine {
    JIRA_10("10.3.0", Map.of(
            // jakarta.ws.rs-api 2.1.6: the javax JAX-RS 2.1 API of REST v2 on Jersey 2 (evidence: SP 10.3.0)
            "javax.ws.rs", "2.1.6", "javax.ws.rs.core", "2.1.6", "javax.ws.rs.ext", "2.1.6",
            // javax.inject-1.jar (inferred version)
            "javax.inject", "1.0.0",
            // SAL 6 and Active Objects 6.1 on platform 7 (inferred; -Patlassian pins activeobjects-plugin 6.1.1)
            "com.atlassian.sal.api.transaction", "6.0.0", "com.atlassian.activeobjects.external", "6.1.1",
            "net.java.ao", "6.1.1", "net.java.ao.schema", "6.1.1")),
    JIRA_11("11.3.0", Map.of(
            // Jakarta REST 3.1 / Jakarta Inject 2.0 of Jakarta EE 10 (platform 8; versions inferred, names evidenced)
            "jakarta.ws.rs", "3.1.0", "jakarta.ws.rs.core", "3.1.0", "jakarta.ws.rs.ext", "3.1.0",
            "jakarta.inject", "2.0.1",
            // SAL 7.0.4 with jira-api-bom 11.3.6 (one source: jira-mcp-plugin CHANGELOG); AO inferred
            "com.atlassian.sal.api.transaction", "7.0.4", "com.atlassian.activeobjects.external", "6.1.1",
            "net.java.ao", "6.1.1", "net.java.ao.schema", "6.1.1"));

    /** Packages of jira-api, exported at the Jira version. */
    static final List<String> JIRA_API = List.of("com.atlassian.jira.bc.issue.search", "com.atlassian.jira.config",
            "com.atlassian.jira.issue", "com.atlassian.jira.issue.changehistory", "com.atlassian.jira.issue.history",
            "com.atlassian.jira.issue.issuetype", "com.atlassian.jira.issue.search", "com.atlassian.jira.issue.status",
            "com.atlassian.jira.issue.status.category", "com.atlassian.jira.permission", "com.atlassian.jira.project",
            "com.atlassian.jira.security", "com.atlassian.jira.security.plugin", "com.atlassian.jira.security.xsrf",
            "com.atlassian.jira.security.request", "com.atlassian.jira.user", "com.atlassian.jira.util",
            "com.atlassian.jira.web.action", "com.atlassian.jira.web.bean", "com.atlassian.query",
            // QueryDslAccessor and its table paths: jira-api since 7 (Atlassian's Capture for Jira calls them on 8/9;
            // exported on 10/11 inferred, docs/jira-plugin.md "Large Data Center instances")
            "com.atlassian.jira.database", "com.atlassian.jira.model.querydsl");

    private final String version;
    private final Map<String, String> libraries;

    JiraLine(String version, Map<String, String> libraries) {
        this.version = version;
        this.libraries = libraries;
    }

    /**
     * The exports, less {@code missing}. Deliberately absent on both lines: the plugin framework's own packages
     * ({@code com.atlassian.plugin.osgi.bridge.external}, Gemini Blueprint's) which no framework here provides, and
     * {@code com.atlassian.annotations.security} only where a test removes it.
     */
    public Map<String, String> exports(String... missing) {
        Map<String, String> exports = new LinkedHashMap<>();
        JIRA_API.forEach(p -> exports.put(p, version));
        // atlassian-annotations (version inferred; optional imports only)
        exports.put("com.atlassian.annotations", "4.1.0");
        exports.put("com.atlassian.annotations.security", "4.1.0");
        exports.put("org.slf4j", "1.7.36");
        exports.putAll(libraries);
        for (String m : missing) {
            if (exports.remove(m) == null) {
                throw new IllegalArgumentException(m + " is not exported anyway");
            }
        }
        return exports;
    }

    /** The value of {@code org.osgi.framework.system.packages.extra}. */
    public static String systemPackagesExtra(Map<String, String> exports) {
        return exports.entrySet().stream().map(e -> e.getKey() + ";version=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
    }
}
