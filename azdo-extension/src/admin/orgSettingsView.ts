import type { BackendClient } from '../host/backendClient.js';
import { el, message, say, when } from './dom.js';
import type { FieldSettingsState } from '../host/azdoHost.js';
import { mountFieldSettings } from '../pages/fieldSettings.js';

interface ProjectStatus {
  id: string; name: string; enabled: boolean; running: boolean; lastSyncAt: string | null;
  lastSyncStatus: string | null; lastSyncDetail: string | null; revisionsLoaded: number; revisions: number;
  nextRunAt: string | null;
}
interface SyncStatus {
  organization: { name: string; status: string; detail: string };
  includeTitleAndAssignee: boolean;
  projects: ProjectStatus[];
}
interface AuditRow { at: string; actor: string; action: string; target: string | null; detail: string | null }

export interface OrgSettingsDeps {
  client: BackendClient;
  organizationName: string;
  /** The organization's projects as the user sees them, or null when they cannot be listed. */
  listProjects(): Promise<Array<{ id: string; name: string }> | null>;
  /** Polling period while a sync runs (ms). */
  pollMs?: number;
}

/**
 * Organization settings → FlowTrack: connect (PAT, Entra secret or certificate; the backend tests the credential
 * and checks that you administer the organization before it stores anything), per-project sync status with
 * progress, sync now, titles and assignees on/off, disconnect (keep or purge), the audit log. A
 * `<section id="field-settings">` is left for the field settings module.
 */
export async function mountOrgSettings(root: HTMLElement, deps: OrgSettingsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const { client } = deps;
  const pollMs = deps.pollMs ?? 1500;
  root.replaceChildren();
  const page = el(doc, 'div', { class: 'ft-admin', 'data-page': 'org-settings' });
  root.append(page);
  page.append(el(doc, 'h1', {}, 'FlowTrack'));

  // ---- connection ----
  const summary = el(doc, 'p', { class: 'ft-admin-status', id: 'connection-summary' });
  const connectStatus = el(doc, 'p', { class: 'ft-admin-status', id: 'connect-status' });
  const nameInput = el(doc, 'input', { id: 'org-name', type: 'text', value: deps.organizationName });
  const kind = el(doc, 'select', { id: 'credential-kind' },
    el(doc, 'option', { value: 'pat' }, 'Personal access token (organization-scoped)'),
    el(doc, 'option', { value: 'entra' }, 'Microsoft Entra service principal, client secret'),
    el(doc, 'option', { value: 'entra_cert' }, 'Microsoft Entra service principal, certificate'));
  const token = el(doc, 'input', { id: 'pat', type: 'password', autocomplete: 'off' });
  const tenant = el(doc, 'input', { id: 'tenant-id', type: 'text' });
  const clientId = el(doc, 'input', { id: 'client-id', type: 'text' });
  const secret = el(doc, 'input', { id: 'client-secret', type: 'password', autocomplete: 'off' });
  const cert = el(doc, 'textarea', { id: 'certificate', rows: '6', spellcheck: 'false' });
  const field = (label: string, input: HTMLElement, id: string) => el(doc, 'div', { class: 'ft-field', 'data-for': id },
    el(doc, 'label', { for: input.id }, label), input);
  const patField = field('Personal access token (scopes: Work Items (Read), Identity (Read))', token, 'pat');
  const tenantField = field('Tenant id', tenant, 'entra');
  const clientField = field('Application (client) id', clientId, 'entra');
  const secretField = field('Client secret', secret, 'entra');
  const certField = field('Certificate and its PKCS#8 private key (PEM)', cert, 'entra_cert');
  const showKind = () => {
    const k = kind.value;
    patField.hidden = k !== 'pat';
    tenantField.hidden = k === 'pat';
    clientField.hidden = k === 'pat';
    secretField.hidden = k !== 'entra';
    certField.hidden = k !== 'entra_cert';
  };
  kind.addEventListener('change', showKind);
  showKind();
  const projectsBox = el(doc, 'fieldset', { class: 'ft-types', id: 'connect-projects' }, el(doc, 'legend', {}, 'Projects to sync'));
  const personal = el(doc, 'input', { id: 'connect-personal', type: 'checkbox' });
  const connectButton = el(doc, 'button', { id: 'connect', type: 'button' }, 'Test and connect');
  page.append(el(doc, 'section', { id: 'connection' }, el(doc, 'h2', {}, 'Connection'), summary,
    field('Organization name', nameInput, 'name'), field('Credential', kind, 'kind'), patField, tenantField, clientField,
    secretField, certField, projectsBox,
    el(doc, 'div', { class: 'ft-type' }, personal, el(doc, 'label', { for: 'connect-personal' },
      'Also store work item titles and assignees')), connectButton, connectStatus));

  const projects = await deps.listProjects().catch(() => null);
  let idsText: HTMLTextAreaElement | null = null;
  if (projects && projects.length > 0) {
    for (const p of projects) {
      const box = el(doc, 'input', { type: 'checkbox', value: p.id, id: `project-${p.id}` });
      projectsBox.append(el(doc, 'div', { class: 'ft-type' }, box, el(doc, 'label', { for: box.id }, p.name)));
    }
  } else {
    idsText = el(doc, 'textarea', { id: 'project-ids', rows: '2' });
    projectsBox.append(el(doc, 'label', { for: 'project-ids' }, 'Project ids, one per line'), idsText);
  }

  connectButton.addEventListener('click', async () => {
    const k = kind.value;
    const credential = k === 'pat' ? { kind: 'pat', token: token.value.trim() }
      : k === 'entra' ? { kind: 'entra', tenantId: tenant.value.trim(), clientId: clientId.value.trim(), clientSecret: secret.value }
        : { kind: 'entra_cert', tenantId: tenant.value.trim(), clientId: clientId.value.trim(), certificate: cert.value };
    const ids = idsText ? idsText.value.split(/\s+/).filter((s) => s.length > 0)
      : [...projectsBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => b.value);
    connectButton.disabled = true;
    say(connectStatus, 'Testing the credential with Azure DevOps…');
    try {
      await client.request('PUT', '/connection', { organizationName: nameInput.value.trim(), credential, projects: ids,
        includeTitleAndAssignee: personal.checked });
      token.value = '';
      secret.value = '';
      cert.value = '';
      say(connectStatus, 'Connected. The credential works and is stored encrypted; the first sync can start now.', 'ok');
      await refresh();
    } catch (e) {
      say(connectStatus, `Not connected: ${message(e)}`, 'error');
    } finally {
      connectButton.disabled = false;
    }
  });

  // ---- sync status ----
  const syncSection = el(doc, 'section', { id: 'sync' }, el(doc, 'h2', {}, 'Sync status'));
  const syncState = el(doc, 'p', { class: 'ft-admin-status', id: 'sync-status' });
  const table = el(doc, 'table', { class: 'ft-admin-table', id: 'sync-table' });
  syncSection.append(syncState, table);
  page.append(syncSection);

  // ---- titles and assignees ----
  const personalToggle = el(doc, 'input', { id: 'personal-fields', type: 'checkbox' });
  const personalState = el(doc, 'p', { class: 'ft-admin-status', id: 'personal-status' });
  page.append(el(doc, 'section', { id: 'personal' }, el(doc, 'h2', {}, 'Titles and assignees'),
    el(doc, 'div', { class: 'ft-type' }, personalToggle, el(doc, 'label', { for: 'personal-fields' },
      'Store work item titles and assignees (off: they are not extracted, and the stored ones are erased)')),
    personalState));
  personalToggle.addEventListener('change', async () => {
    try {
      await client.request('PUT', '/personal-fields', { includeTitleAndAssignee: personalToggle.checked });
      say(personalState, personalToggle.checked ? 'Titles and assignees are stored from the next sync on.'
        : 'Titles and assignees are off; the stored ones were erased.', 'ok');
    } catch (e) {
      personalToggle.checked = !personalToggle.checked;
      say(personalState, `Not changed: ${message(e)}`, 'error');
    }
  });

  // ---- field settings (mounted by the field settings module) ----
  const fieldSlot = el(doc, 'section', { id: 'field-settings', class: 'ft-admin-slot' });
  page.append(fieldSlot);
  void mountFieldSettings(fieldSlot, {
    getFields: () => client.request<FieldSettingsState>('GET', '/fields'),
    putFields: (fields) => client.request<FieldSettingsState>('PUT', '/fields', { fields }),
  });

  // ---- disconnect ----
  const purge = el(doc, 'input', { id: 'purge', type: 'checkbox' });
  const disconnect = el(doc, 'button', { id: 'disconnect', type: 'button' }, 'Disconnect…');
  const confirmButton = el(doc, 'button', { id: 'disconnect-confirm', type: 'button', hidden: '' }, 'Yes, disconnect');
  const disconnectState = el(doc, 'p', { class: 'ft-admin-status', id: 'disconnect-status' });
  page.append(el(doc, 'section', { id: 'disconnect-section' }, el(doc, 'h2', {}, 'Disconnect'),
    el(doc, 'p', {}, 'Stops syncing and deletes the credential, revisions, projects and configurations. The audit log'
      + ' is kept unless you purge it too.'),
    el(doc, 'div', { class: 'ft-type' }, purge, el(doc, 'label', { for: 'purge' }, 'Also purge the audit log')),
    disconnect, confirmButton, disconnectState));
  disconnect.addEventListener('click', () => {
    confirmButton.hidden = false;
    say(disconnectState, purge.checked ? 'This deletes everything FlowTrack holds of this organization, audit log included.'
      : 'This deletes everything but the audit log.');
  });
  confirmButton.addEventListener('click', async () => {
    confirmButton.hidden = true;
    try {
      const r = await client.request<{ deleted: { revisions: number; projects: number; auditEntries: number } }>(
        'DELETE', `/connection?purge=${purge.checked}`);
      say(disconnectState, `Disconnected: ${r.deleted.revisions} revisions, ${r.deleted.projects} projects and`
        + ` ${r.deleted.auditEntries} audit entries deleted.`, 'ok');
      await refresh();
    } catch (e) {
      say(disconnectState, `Not disconnected: ${message(e)}`, 'error');
    }
  });

  // ---- audit log ----
  const auditTable = el(doc, 'table', { class: 'ft-admin-table', id: 'audit-table' });
  const auditState = el(doc, 'p', { class: 'ft-admin-status', id: 'audit-status' });
  const auditButton = el(doc, 'button', { id: 'audit-load', type: 'button' }, 'Show the audit log');
  page.append(el(doc, 'section', { id: 'audit' }, el(doc, 'h2', {}, 'Audit log'), auditButton, auditState, auditTable));
  auditButton.addEventListener('click', async () => {
    try {
      const r = await client.request<{ entries: AuditRow[] }>('GET', '/audit?limit=50');
      auditTable.replaceChildren(el(doc, 'tr', {}, ...['When', 'Who', 'What', 'On', 'Detail'].map((h) => el(doc, 'th', {}, h))),
        ...r.entries.map((e) => el(doc, 'tr', {}, el(doc, 'td', {}, when(e.at)), el(doc, 'td', {}, e.actor),
          el(doc, 'td', {}, e.action), el(doc, 'td', {}, e.target ?? ''), el(doc, 'td', {}, e.detail ?? ''))));
      say(auditState, `${r.entries.length} newest entries.`);
    } catch (e) {
      say(auditState, message(e), 'error');
    }
  });

  let timer: ReturnType<typeof setTimeout> | null = null;
  let syncing = 0;
  async function refresh(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    let status: SyncStatus;
    try {
      status = await client.request<SyncStatus>('GET', '/sync-status');
    } catch (e) {
      const m = message(e);
      const notConnected = /not connected/i.test(m);
      say(syncState, notConnected ? 'Not connected yet: connect the organization above.' : m, notConnected ? 'info' : 'error');
      say(summary, notConnected ? 'Not connected yet.' : '', notConnected ? 'info' : 'error');
      table.replaceChildren();
      return;
    }
    say(summary, `Connected to ${status.organization.name} (${status.organization.status})`
      + (status.organization.detail ? `: ${status.organization.detail}` : ''), status.organization.status === 'connected' ? 'ok' : 'error');
    personalToggle.checked = status.includeTitleAndAssignee;
    const running = status.projects.some((p) => p.running) || syncing > 0;
    table.replaceChildren(el(doc, 'tr', {}, ...['Project', 'Last sync', 'Revisions', 'State', 'Next run', '']
      .map((h) => el(doc, 'th', {}, h))), ...status.projects.map((p) => {
      const button = el(doc, 'button', { type: 'button', 'data-sync': p.id }, 'Sync now');
      button.disabled = p.running;
      button.addEventListener('click', () => void syncNow(p.id));
      const state = p.running ? `Syncing… ${p.revisionsLoaded} revisions so far`
        : p.lastSyncStatus === null ? 'Not synced yet'
          : p.lastSyncStatus === 'ok' ? 'Up to date' : `Failed: ${p.lastSyncDetail ?? p.lastSyncStatus}`;
      return el(doc, 'tr', { 'data-project': p.id, 'data-running': String(p.running) }, el(doc, 'td', {}, p.name),
        el(doc, 'td', {}, when(p.lastSyncAt)), el(doc, 'td', { 'data-revisions': String(p.revisions) }, String(p.revisions)),
        el(doc, 'td', { class: 'ft-sync-state' }, state), el(doc, 'td', {}, p.nextRunAt ? when(p.nextRunAt) : 'on demand'),
        el(doc, 'td', {}, button));
    }));
    say(syncState, running ? 'A sync is running; this table follows it.' : `${status.projects.length} project(s).`);
    if (running) timer = setTimeout(() => void refresh(), pollMs);
  }

  async function syncNow(projectId: string): Promise<void> {
    syncing++;
    timer = setTimeout(() => void refresh(), pollMs);
    try {
      const r = await client.request<{ outcome: string; detail?: string | null }>('POST',
        `/projects/${encodeURIComponent(projectId)}/sync`);
      say(syncState, r.outcome === 'synced' ? 'Sync finished.' : `Sync: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}`,
        r.outcome === 'synced' || r.outcome === 'running' ? 'ok' : 'error');
    } catch (e) {
      say(syncState, `Sync failed: ${message(e)}`, 'error');
    } finally {
      syncing--;
      await refresh();
    }
  }

  await refresh();
}
