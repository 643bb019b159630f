package io.flowtrack.jira.admin;

import java.util.ArrayList;
import java.util.List;

/** Jira's $webResourceManager as a template sees it: records which web-resources the page requires. */
public final class RequiredResources {
    private final List<String> keys = new ArrayList<>();

    public void requireResource(String key) {
        keys.add(key);
    }

    public List<String> keys() {
        return List.copyOf(keys);
    }
}
