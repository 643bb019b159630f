/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: final class, Comparable [AOS]. valueOf(Ljava/lang/String;)Lcom/atlassian/activeobjects/external/ModelVersion;
 * static, isOlderThan(Lcom/atlassian/activeobjects/external/ModelVersion;)Z [AOS].
 */
package com.atlassian.activeobjects.external;

public final class ModelVersion {
    private ModelVersion() {
    }

    public static ModelVersion valueOf(String version) {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean isOlderThan(ModelVersion other) {
        throw new UnsupportedOperationException("declaration only");
    }
}
