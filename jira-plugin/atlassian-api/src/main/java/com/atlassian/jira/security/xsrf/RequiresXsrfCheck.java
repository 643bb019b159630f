/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: annotation on webwork action command methods, 9.12-11.x [SP] (reference file: TYPE annotation
 * com.atlassian.jira.security.xsrf.RequiresXsrfCheck). Jira checks the atl_token of the request before the method
 * runs. Retention RUNTIME (read reflectively); target METHOD (INF).
 */
package com.atlassian.jira.security.xsrf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresXsrfCheck {
}
