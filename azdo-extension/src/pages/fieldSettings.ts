import type { FieldSettingsState } from '../host/azdoHost.js';

/** What the section needs of the host: the organization's field settings (admin-only backend routes). */
export interface FieldSettingsApi {
  getFields(): Promise<FieldSettingsState>;
  putFields(fields: string[]): Promise<FieldSettingsState>;
}

export const TAGS_FIELD = 'System.Tags';
/** The backend's rule for a field reference name (FieldSelection.refusal): dot-separated words. */
const REFERENCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}(\.[A-Za-z0-9_]{1,64}){1,4}$/;
/** Never extended fields (the backend refuses them too): flow fields, the title, people, long text. */
const REFUSED = new Set(['system.id', 'system.rev', 'system.workitemtype', 'system.state', 'system.areapath',
  'system.createddate', 'system.changeddate', 'system.title', 'system.description', 'system.history',
  'system.assignedto', 'system.createdby', 'system.changedby', 'system.authorizedas', 'system.teamproject',
  'microsoft.vsts.common.activatedby', 'microsoft.vsts.common.closedby', 'microsoft.vsts.common.resolvedby',
  'microsoft.vsts.tcm.reprosteps', 'microsoft.vsts.common.acceptancecriteria', 'microsoft.vsts.tcm.steps',
  'microsoft.vsts.tcm.systeminfo', 'microsoft.vsts.common.reviewedby']);

/** Why the reference name cannot be an extended field, or null. */
export function fieldProblem(name: string): string | null {
  if (name.length > 128 || !REFERENCE_NAME.test(name)) {
    return `"${name.slice(0, 64)}" is not a field reference name such as Custom.Risk.`;
  }
  if (REFUSED.has(name.toLowerCase())) {
    return `${name} cannot be a filter field: it is a flow field, the title (its own switch), a person or long text.`;
  }
  return null;
}

/** The fields the form asks for: tags when checked, then one reference name a line, distinct; or the problems. */
export function readFields(tags: boolean, text: string, max: number): { fields: string[] } | { problems: string[] } {
  const fields = tags ? [TAGS_FIELD] : [];
  const problems: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim();
    if (name === '' || fields.includes(name)) continue;
    const problem = name === TAGS_FIELD ? null : fieldProblem(name);
    if (problem) problems.push(problem);
    else fields.push(name);
  }
  if (fields.length > max) problems.push(`Choose at most ${max} fields (tags count as one).`);
  return problems.length > 0 ? { problems } : { fields };
}

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

/**
 * The organization settings' "Filters" section: which work item data beyond the flow fields FlowTrack extracts so
 * that reports can filter by it — tags, and fields the admin names (e.g. Custom.Risk). Nothing is extracted until
 * it is turned on here; turning one off deletes what was stored of it. Mounts into `container` (the org settings
 * page's `#field-settings`) and returns a function that removes it.
 */
export async function mountFieldSettings(container: HTMLElement, api: FieldSettingsApi): Promise<() => void> {
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {},
    ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
    const e = Object.assign(doc.createElement(tag), props);
    e.append(...children);
    return e;
  };
  const heading = el('h2', {}, 'Filters: tags and extended fields');
  const intro = el('p', { className: 'ft-note' }, 'FlowTrack stores only the flow fields of your work items. Turn on'
    + ' tags or name other fields (reference names such as Custom.Risk, one a line) to filter reports by them. The next'
    + ' sync extracts them for every work item. Turning one off deletes every stored value of it.');
  const tagsBox = el('input', { type: 'checkbox', id: 'ft-fields-tags' });
  const tagsField = el('div', { className: 'ft-field' }, tagsBox, el('label', { htmlFor: tagsBox.id }, 'Tags'));
  const other = el('textarea', { id: 'ft-fields-other', rows: 4, placeholder: 'Custom.Risk' });
  const otherField = el('div', { className: 'ft-field' },
    el('label', { htmlFor: other.id }, 'Other fields (reference names, one a line)'), other);
  const save = el('button', { type: 'submit' }, 'Save filters');
  const status = el('p', { className: 'ft-status' });
  status.setAttribute('role', 'status');
  const problems = el('ul', { className: 'ft-problems' });
  problems.setAttribute('role', 'alert');
  const form = el('form', { className: 'ft-field-settings' }, heading, intro, tagsField, otherField, save, problems,
    status);
  container.replaceChildren(form);
  let max = 10;

  const show = (state: FieldSettingsState): void => {
    max = state.maxFields;
    tagsBox.checked = state.fields.includes(TAGS_FIELD);
    other.value = state.fields.filter((f) => f !== TAGS_FIELD).join('\n');
  };
  const showProblems = (list: string[]): void => {
    problems.replaceChildren(...list.map((p) => el('li', {}, p)));
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const reading = readFields(tagsBox.checked, other.value, max);
    if ('problems' in reading) {
      showProblems(reading.problems);
      status.textContent = '';
      return;
    }
    showProblems([]);
    save.disabled = true;
    status.textContent = 'Saving…';
    void api.putFields(reading.fields).then((state) => {
      show(state);
      const parts: string[] = [];
      if (state.added && state.added.length > 0) parts.push(`turned on: ${state.added.join(', ')} (extracted at the next sync)`);
      if (state.removed && state.removed.length > 0) {
        parts.push(`turned off: ${state.removed.join(', ')} (${state.valuesDeleted ?? 0} stored values deleted)`);
      }
      status.textContent = parts.length > 0 ? `Saved; ${parts.join('; ')}.` : 'Saved; nothing changed.';
    }, (err: unknown) => {
      status.textContent = '';
      showProblems([`Not saved: ${messageOf(err)}`]);
    }).finally(() => { save.disabled = false; });
  });

  try {
    show(await api.getFields());
  } catch (err) {
    save.disabled = true;
    showProblems([`The filter settings could not be read: ${messageOf(err)}`]);
  }
  return () => container.replaceChildren();
}
