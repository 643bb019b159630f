/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Package: com.atlassian.jira.security.plugin — Jira's own ProjectPermissions source imports it from there, as do
 * several plugins (search tool, code corpus). Kind (final class) is INF and irrelevant here: the plugin calls no
 * member of it, it only passes the constants of ProjectPermissions on. The constructor exists so the
 * declaration of ProjectPermissions can build distinct constants; plugin code must not call it.
 */
package com.atlassian.jira.security.plugin;

public final class ProjectPermissionKey {
    private final String key;

    public ProjectPermissionKey(String key) {
        this.key = key;
    }

    @Override
    public String toString() {
        return key;
    }
}
