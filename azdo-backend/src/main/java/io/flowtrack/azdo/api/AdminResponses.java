package io.flowtrack.azdo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the admin routes answer, one record per body (Jackson writes a record's components in order). A component
 * marked {@code NON_NULL} is left out when absent; every other one is always written, null or not.
 */
final class AdminResponses {
    private AdminResponses() {
    }

    /** {@code GET/PUT .../connection}: the connection, never its secret. */
    record Connection(String organizationId, String organizationName, String url, String status, String statusDetail,
                      CredentialInfo credential, List<ProjectInfo> projects) {
    }

    /** The stored credential's kind, key and who stored it when; the Entra ids only for Entra credentials. */
    record CredentialInfo(String kind, String keyId, @JsonInclude(JsonInclude.Include.NON_NULL) String tenantId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String clientId, String updatedAt,
                          String updatedBy) {
    }

    record ProjectInfo(String id, String name, boolean enabled) {
    }

    /** {@code DELETE .../connection}: what was erased. */
    record Disconnected(String organizationId, String status, boolean purged, Deleted deleted) {
    }

    record Deleted(int revisions, int projects, int configurations, boolean credential, int auditEntries) {
    }

    /** {@code POST .../sync} when the sync finished within the wait. */
    record SyncFinished(String outcome, int pages, long revisions, String detail) {
    }

    /** {@code POST .../sync} when it still runs, or failed on our side. */
    record SyncPending(String outcome, String detail) {
    }

    /** {@code PUT .../personal-fields}. */
    record PersonalFields(boolean includeTitleAndAssignee) {
    }

    /** {@code GET .../sync-status}. */
    record SyncStatus(OrganizationStatus organization, boolean includeTitleAndAssignee, String pollInterval,
                      List<ProjectSyncStatus> projects, String checkedAt) {
    }

    record OrganizationStatus(String name, String status, String detail) {
    }

    record ProjectSyncStatus(String id, String name, boolean enabled, boolean running, String lastSyncAt,
                             String lastSyncStatus, String lastSyncDetail, long revisionsLoaded, long revisions,
                             String nextRunAt) {
    }

    /** {@code GET .../workflow-draft}: the types' states, a drafted configuration and the stored one. */
    /**
     * @param blockedFieldInProcess whether some work item type of the project has {@link
     *                              io.flowtrack.azdo.model.BlockedSource#FIELD} (the blocked source "field" reads
     *                              nothing without it); null when Azure DevOps' list of types named no fields
     */
    record WorkflowDraft(List<TypeStates> types, Boolean blockedFieldInProcess, Map<String, Object> draft,
                         JsonNode current) {
    }

    record TypeStates(String name, List<StateInfo> states) {
    }

    record StateInfo(String name, String category) {
    }

    /** {@code GET/PUT .../fields}; what changed only after a write. */
    record Fields(List<String> fields, boolean titles, int maxFields,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> added,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> removed,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer valuesDeleted) {
    }

    /** {@code GET .../audit}: a page of entries, newest first, and where the next page starts (or null). */
    record AuditPage(List<AuditRow> entries, String nextBefore) {
    }

    record AuditRow(long id, String at, String actor, String action, String target, String detail) {
    }
}
