/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: enum, 9.12-11.x [SP; reference file: TYPE enum com.atlassian.jira.security.request.RequestMethod]. Constants
 * as in public copies of the source (@PublicApi enum: GET, HEAD, OPTIONS, CONNECT, DELETE, POST, PUT, PATCH, TRACE;
 * one copy adds matches(String), not declared here since FlowTrack does not call it). An annotation stores an enum
 * constant by name, so only the names matter to the compiled plugin.
 */
package com.atlassian.jira.security.request;

public enum RequestMethod {
    GET,
    HEAD,
    OPTIONS,
    CONNECT,
    DELETE,
    POST,
    PUT,
    PATCH,
    TRACE
}
