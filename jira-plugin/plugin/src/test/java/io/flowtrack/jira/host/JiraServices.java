package io.flowtrack.jira.host;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.jira.bc.issue.search.SearchService;
import com.atlassian.jira.config.StatusManager;
import com.atlassian.jira.issue.changehistory.ChangeHistoryManager;
import com.atlassian.jira.permission.ProjectPermissions;
import com.atlassian.jira.project.Project;
import com.atlassian.jira.project.ProjectManager;
import com.atlassian.jira.security.GlobalPermissionManager;
import com.atlassian.jira.security.JiraAuthenticationContext;
import com.atlassian.jira.security.PermissionManager;
import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.sal.api.transaction.TransactionCallback;
import java.lang.reflect.Array;
import org.mockito.stubbing.Answer;

/**
 * Jira's host components for an emulated host whose plugin classes live in a bundle the test cannot name: a
 * project FT that alice may browse, and an Active Objects that runs transactions and finds nothing (the entity
 * interfaces are the bundle's, so every array-returning query answers an empty array of the asked type).
 */
public final class JiraServices {
    public final ApplicationUser alice = mock(ApplicationUser.class);
    public final JiraAuthenticationContext authentication = mock(JiraAuthenticationContext.class);
    public final ProjectManager projects = mock(ProjectManager.class);
    public final PermissionManager permissions = mock(PermissionManager.class);
    public final ActiveObjects activeObjects = mock(ActiveObjects.class, emptyActiveObjects());

    public JiraServices() {
        Project ft = mock(Project.class);
        when(ft.getId()).thenReturn(10_000L);
        when(ft.getKey()).thenReturn("FT");
        when(ft.getName()).thenReturn("FlowTrack");
        when(projects.getProjectByCurrentKey("FT")).thenReturn(ft);
        when(alice.getKey()).thenReturn("alice-key");
        when(permissions.hasPermission(ProjectPermissions.BROWSE_PROJECTS, ft, alice)).thenReturn(true);
        when(authentication.getLoggedInUser()).thenReturn(alice);
    }

    private static Answer<Object> emptyActiveObjects() {
        return invocation -> {
            Class<?> returned = invocation.getMethod().getReturnType();
            if (invocation.getMethod().getName().equals("executeInTransaction")) {
                return invocation.getArgument(0, TransactionCallback.class).doInTransaction();
            }
            if (returned.isArray() && invocation.getArguments().length > 0
                    && invocation.getArgument(0) instanceof Class<?> entity) {
                return Array.newInstance(entity, 0);
            }
            return returned == int.class ? 0 : null;
        };
    }

    /** Registers every service the plugin's Spring context references, as Jira's system bundle does. */
    public void registerIn(HostFramework host) {
        host.register(JiraAuthenticationContext.class, authentication);
        host.register(ProjectManager.class, projects);
        host.register(PermissionManager.class, permissions);
        host.register(GlobalPermissionManager.class, mock(GlobalPermissionManager.class));
        host.register(SearchService.class, mock(SearchService.class));
        host.register(ChangeHistoryManager.class, mock(ChangeHistoryManager.class));
        host.register(StatusManager.class, mock(StatusManager.class));
        host.register(ActiveObjects.class, activeObjects);
    }
}
