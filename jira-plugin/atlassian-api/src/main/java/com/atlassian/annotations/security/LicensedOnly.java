/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: annotation, package com.atlassian.annotations.security (platform 7 secure-endpoint defaults, notes §7).
 * Seen on a Jira 10.3 REST resource class (testplanit jira-dc-plugin PanelResource, search tool) — V1.
 * Retention RUNTIME (Jira's REST layer reads it reflectively); targets type and method.
 */
package com.atlassian.annotations.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LicensedOnly {
}
