/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [CD 8.20]. No member is called: the plugin only passes a parsed query back to SearchService.
 */
package com.atlassian.query;

public interface Query {
}
