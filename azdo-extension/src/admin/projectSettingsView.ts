import type { BackendClient } from '../host/backendClient.js';
import { CONTROL_LIMITS } from '@flowtrack/web/controls';
import { el, message, say } from './dom.js';

interface Stage { name: string; category: string; states: string[] }
interface FlowConfig {
  stages: Stage[]; commitmentStage: string; startPolicy: string;
  /** The SLE, shaped as in Jira's configuration: days 1–3650, an optional percentile 1–100. */
  sle: { days: number | null; percentile: number | null } | null;
  calendar?: { workingDays: string[]; holidays: string[] } | null;
  blocked?: { source: string; tag?: string | null } | null;
}
interface Draft {
  types: Array<{ name: string; states: Array<{ name: string; category: string }> }>;
  /** Whether some work item type has Microsoft.VSTS.CMMI.Blocked; null or absent when Azure DevOps did not say. */
  blockedFieldInProcess?: boolean | null;
  draft: FlowConfig | null;
  current: FlowConfig | null;
}

const CATEGORIES = ['proposed', 'active', 'done', 'removed'];
/** Where blocked work comes from (docs/azdo-api.md, PUT …/config): the backend reads only the one field it names. */
const BLOCKED_SOURCES: Array<[string, string]> = [['none', 'Not tracked'],
  ['field', 'The Blocked field (Microsoft.VSTS.CMMI.Blocked, CMMI process)'], ['tag', 'A tag']];
const DEFAULT_BLOCKED_TAG = 'Blocked';
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * Project settings → FlowTrack: the project's flow configuration. Stages in order (name, category), which state
 * maps to which stage (drafted from the work item types' states and categories, read by the backend with the
 * organization's credential), commitment stage, start policy, SLE, working calendar and where blocked work comes
 * from (none, the CMMI Blocked field, or a tag). The backend validates with
 * the engine before it stores; on an error the stored configuration stays as it was and the page says why.
 */
export async function mountProjectSettings(root: HTMLElement, client: BackendClient, projectId: string): Promise<void> {
  const doc = root.ownerDocument;
  root.replaceChildren();
  const page = el(doc, 'div', { class: 'ft-admin', 'data-page': 'project-settings' });
  root.append(page);
  const state = el(doc, 'p', { class: 'ft-admin-status', id: 'workflow-status' });
  page.append(el(doc, 'h1', {}, 'FlowTrack workflow'), state);
  let data: Draft;
  try {
    data = await client.request<Draft>('GET', `/projects/${encodeURIComponent(projectId)}/workflow-draft`);
  } catch (e) {
    say(state, message(e), 'error');
    return;
  }
  const config: FlowConfig = structuredClone(data.current ?? data.draft ?? {
    stages: [{ name: 'To do', category: 'proposed', states: [] }, { name: 'Doing', category: 'active', states: [] },
      { name: 'Done', category: 'done', states: [] }], commitmentStage: 'Doing', startPolicy: 'first', sle: null });
  say(state, data.current ? 'The stored configuration.' : 'A draft from the work item types\' states; not saved yet.');

  const stagesBox = el(doc, 'div', { id: 'stages' });
  const statesBox = el(doc, 'table', { class: 'ft-admin-table', id: 'state-map' });
  const commitment = el(doc, 'select', { id: 'commitment-stage' });
  const policy = el(doc, 'select', { id: 'start-policy' }, el(doc, 'option', { value: 'first' }, 'First entry into a started stage'),
    el(doc, 'option', { value: 'last' }, 'Last entry (restarts reset the clock)'));
  policy.value = config.startPolicy ?? 'first';
  const sleDays = el(doc, 'input', { id: 'sle-days', type: 'number', min: String(CONTROL_LIMITS.sleDays.min), max: String(CONTROL_LIMITS.sleDays.max), value: config.sle?.days == null ? '' : String(config.sle.days) });
  const slePct = el(doc, 'input', { id: 'sle-percentile', type: 'number', min: String(CONTROL_LIMITS.slePercentile.min), max: String(CONTROL_LIMITS.slePercentile.max), value: config.sle?.percentile == null ? '' : String(config.sle.percentile) });
  // A calendar is kept only when asked for: with one, every report adds working-day figures and the dashboards
  // offer their Days switch; a project saved without one stays in calendar days.
  const useCalendar = el(doc, 'input', { type: 'checkbox', id: 'use-calendar' });
  useCalendar.checked = config.calendar != null;
  const days = el(doc, 'div', { id: 'working-days', class: 'ft-custom' });
  const working = new Set(config.calendar?.workingDays ?? DAYS.slice(0, 5));
  for (const d of DAYS) {
    const box = el(doc, 'input', { type: 'checkbox', id: `day-${d}`, value: d });
    box.checked = working.has(d);
    days.append(el(doc, 'span', { class: 'ft-type' }, box, el(doc, 'label', { for: box.id }, d.slice(0, 3))));
  }
  const holidays = el(doc, 'textarea', { id: 'holidays', rows: '3' });
  holidays.value = (config.calendar?.holidays ?? []).join('\n');
  const blockedSource = el(doc, 'select', { id: 'blocked-source' },
    ...BLOCKED_SOURCES.map(([value, label]) => el(doc, 'option', { value }, label)));
  blockedSource.value = config.blocked?.source ?? 'none';
  const blockedTag = el(doc, 'input', { id: 'blocked-tag', type: 'text', maxlength: '128',
    value: config.blocked?.tag ?? DEFAULT_BLOCKED_TAG });
  const blockedTagField = el(doc, 'div', { class: 'ft-field', id: 'blocked-tag-field' },
    el(doc, 'label', { for: blockedTag.id }, 'Tag that means blocked'), blockedTag);
  // The field source reads nothing on a process without the field (Agile, Scrum, Basic): said before it is saved.
  const noField = el(doc, 'p', { id: 'blocked-field-missing', class: 'ft-warning', role: 'status' },
    'This project\'s work item types have no Microsoft.VSTS.CMMI.Blocked field (it belongs to the CMMI process), so'
    + ' no work would count as blocked. Choose a tag instead.');
  const showTag = () => {
    blockedTagField.hidden = blockedSource.value !== 'tag';
    noField.hidden = !(blockedSource.value === 'field' && data.blockedFieldInProcess === false);
  };
  blockedSource.addEventListener('change', showTag);
  showTag();
  const save = el(doc, 'button', { id: 'save-workflow', type: 'button' }, 'Validate and save');
  const addStage = el(doc, 'button', { id: 'add-stage', type: 'button' }, 'Add a stage');

  const allStates = [...new Set(data.types.flatMap((t) => t.states.map((s) => s.name)))];
  const categoryOf = new Map(data.types.flatMap((t) => t.states.map((s) => [s.name, s.category] as const)));

  function render(): void {
    stagesBox.replaceChildren(...config.stages.map((s, i) => {
      const name = el(doc, 'input', { type: 'text', value: s.name, 'data-stage-name': String(i) });
      name.addEventListener('change', () => {
        const old = s.name;
        s.name = name.value.trim();
        if (config.commitmentStage === old) config.commitmentStage = s.name;
        render();
      });
      const cat = el(doc, 'select', { 'data-stage-category': String(i) }, ...CATEGORIES.map((c) => el(doc, 'option', { value: c }, c)));
      cat.value = s.category;
      cat.addEventListener('change', () => { s.category = cat.value; });
      const up = el(doc, 'button', { type: 'button' }, '↑');
      up.disabled = i === 0;
      up.addEventListener('click', () => { config.stages.splice(i - 1, 0, ...config.stages.splice(i, 1)); render(); });
      const remove = el(doc, 'button', { type: 'button' }, 'Remove');
      remove.addEventListener('click', () => { config.stages.splice(i, 1); render(); });
      return el(doc, 'div', { class: 'ft-type', 'data-stage': String(i) }, el(doc, 'span', {}, `${i + 1}.`), name, cat, up, remove);
    }));
    statesBox.replaceChildren(el(doc, 'tr', {}, el(doc, 'th', {}, 'State'), el(doc, 'th', {}, 'Azure Boards category'),
      el(doc, 'th', {}, 'FlowTrack stage')), ...allStates.map((st) => {
      const select = el(doc, 'select', { 'data-state': st }, el(doc, 'option', { value: '' }, '(not mapped)'),
        ...config.stages.map((s) => el(doc, 'option', { value: s.name }, s.name)));
      select.value = config.stages.find((s) => s.states.includes(st))?.name ?? '';
      select.addEventListener('change', () => {
        for (const s of config.stages) s.states = s.states.filter((x) => x !== st);
        config.stages.find((s) => s.name === select.value)?.states.push(st);
      });
      return el(doc, 'tr', {}, el(doc, 'td', {}, st), el(doc, 'td', {}, categoryOf.get(st) ?? ''), el(doc, 'td', {}, select));
    }));
    commitment.replaceChildren(...config.stages.map((s) => el(doc, 'option', { value: s.name }, s.name)));
    commitment.value = config.commitmentStage;
  }
  commitment.addEventListener('change', () => { config.commitmentStage = commitment.value; });
  addStage.addEventListener('click', () => {
    config.stages.push({ name: `Stage ${config.stages.length + 1}`, category: 'active', states: [] });
    render();
  });
  render();

  const field = (label: string, input: HTMLElement) => el(doc, 'div', { class: 'ft-field' }, el(doc, 'label', { for: input.id }, label), input);
  const calendarBox = el(doc, 'div', { id: 'calendar-fields' }, days,
    field('Non-working dates (one per line, e.g. 2026-12-25)', holidays));
  const showCalendar = () => { calendarBox.hidden = !useCalendar.checked; };
  useCalendar.addEventListener('change', showCalendar);
  showCalendar();
  page.append(el(doc, 'section', { id: 'stages-section' }, el(doc, 'h2', {}, 'Stages, in order'), stagesBox, addStage),
    el(doc, 'section', {}, el(doc, 'h2', {}, 'Which state goes where'), statesBox),
    el(doc, 'section', {}, el(doc, 'h2', {}, 'Policies'), field('Commitment stage (work starts here)', commitment),
      field('Start policy', policy), field('SLE: days', sleDays), field('SLE: percentile', slePct)),
    el(doc, 'section', { id: 'calendar-section' }, el(doc, 'h2', {}, 'Working calendar'),
      el(doc, 'div', { class: 'ft-field' }, useCalendar, el(doc, 'label', { for: useCalendar.id },
        ' Count working days too (cycle time, age and forecasts in working days beside calendar days)')),
      calendarBox),
    el(doc, 'section', { id: 'blocked-section' }, el(doc, 'h2', {}, 'Blocked work'),
      field('Blocked work comes from', blockedSource), noField, blockedTagField,
      el(doc, 'p', {}, 'FlowTrack reads only this one field and keeps only whether each revision was'
        + ' blocked. Changing it clears what was read and re-reads the project\'s history at the next sync.')),
    save);

  save.addEventListener('click', async () => {
    const body: FlowConfig = {
      stages: config.stages, commitmentStage: commitment.value, startPolicy: policy.value,
      // Percentile without days is sent as it is, so the backend says what is missing.
      sle: sleDays.value === '' && slePct.value === '' ? null : {
        days: sleDays.value === '' ? null : Number(sleDays.value),
        percentile: slePct.value === '' ? null : Number(slePct.value) },
      calendar: !useCalendar.checked ? null
        : { workingDays: DAYS.filter((d) => (doc.getElementById(`day-${d}`) as HTMLInputElement).checked),
          holidays: holidays.value.split(/\s+/).filter((h) => h.length > 0) },
      blocked: blockedSource.value === 'tag' ? { source: 'tag', tag: blockedTag.value.trim() }
        : { source: blockedSource.value },
    };
    save.disabled = true;
    try {
      await client.request('PUT', `/projects/${encodeURIComponent(projectId)}/config`, body);
      say(state, 'Saved: the engine accepted the workflow; reports use it from now on.', 'ok');
    } catch (e) {
      say(state, `Not saved, the previous configuration stays: ${message(e)}`, 'error');
    } finally {
      save.disabled = false;
    }
  });
}
