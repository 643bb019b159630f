/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Referenced by SearchService descriptors [CD 8.20]. Kind: interface (Jira ships MessageSetImpl; INF — no
 * signature-bearing source seen). Members, from call sites found with the search tool (Jira's own REST search
 * resource copy, several plugins): getErrorMessages()Ljava/util/Set; (iterated, isEmpty(), String elements) and
 * hasAnyErrors()Z (validateQuery(...).hasAnyErrors()). Confidence V1; to confirm with -Patlassian.
 */
package com.atlassian.jira.util;

import java.util.Set;

public interface MessageSet {
    Set<String> getErrorMessages();

    boolean hasAnyErrors();
}
