/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: class — webwork1 actions of plugins extend it on 9.12, 10.3 and 11.x [SP; notes §10]. The only member
 * used is webwork's command hook doExecute()Ljava/lang/String; (protected, declared by webwork.action.ActionSupport,
 * inherited here), which FlowTrack's action overrides; overriding needs no call into Jira. Command methods named
 * do<Command>() (public, ()Ljava/lang/String;) are found by webwork reflectively. Confidence V1.
 */
package com.atlassian.jira.web.action;

public class JiraWebActionSupport {
    protected String doExecute() throws Exception {
        throw new UnsupportedOperationException("declaration only");
    }
}
