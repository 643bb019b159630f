/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: annotation, 9.12-11.x [SP; SLK 11.0.0; MST2 11.3.3] (reference file: TYPE annotation
 * com.atlassian.jira.security.request.SupportedMethods). The HTTP methods a webwork action (class) or command
 * (method) accepts. Element: RequestMethod[] value(), from the uses @SupportedMethods(RequestMethod.GET) [SLK] and
 * @SupportedMethods({RequestMethod.GET, RequestMethod.POST}) [MST2]; targets TYPE [SLK, Atlassian's data-generator
 * plugin] and METHOD [SP, MST2]. Retention RUNTIME (Jira reads it reflectively; INF: the annotation's source was not
 * seen). Evidence: ../shared/notes/jira-evidence-2026-12.md §8.
 */
package com.atlassian.jira.security.request;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SupportedMethods {
    RequestMethod[] value();
}
