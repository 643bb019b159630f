import {
  ConfigurationEvent, WidgetConfigurationSave, WidgetStatusHelper, type IWidgetConfiguration,
  type IWidgetConfigurationContext, type SaveStatus, type WidgetSettings, type WidgetStatus,
} from 'azure-devops-extension-api/Dashboard';
import type { WindowChoice } from '../contract.js';
import { CONTROL_LIMITS as LIMITS, LAST_DAYS, addDays, isIsoDate, windowProblems } from '@flowtrack/web/controls';
import type { WidgetDefinition } from './catalog.js';
import {
  DEFAULT_WIDGET_CONFIG, parseWidgetConfig, serializeWidgetConfig, teamKey, type NamedTeam, type TeamChoice,
  type WidgetConfig,
} from './settings.js';

export interface ConfigDeps {
  root: HTMLElement;
  /** The project's work item type names (enabled ones); rejected when they cannot be listed. */
  workItemTypes: () => Promise<string[]>;
  /** Today in the user's zone, YYYY-MM-DD (the default end of a custom window). */
  today: () => string;
  /**
   * The project's teams (id and name, listed by the backend); rejected when they cannot be listed. Absent: only the
   * dashboard's team and the whole project are offered.
   */
  teams?: () => Promise<Array<{ id: string; name: string }>>;
}

/** The form's reading: a configuration, or the problems that keep it from being one. */
export type FormReading = { ok: true; config: WidgetConfig } | { ok: false; problems: string[] };

/**
 * The configuration view of a FlowTrack widget: window, work item types, start policy and — for the forecast
 * widget — the question and its parameters, for the throughput histogram days or weeks, for the widgets counting
 * days (cycle time, aging, forecast) calendar or working days. Every valid edit notifies ConfigurationChange (live preview; enables
 * Save); an invalid one shows why and makes Save refuse (Invalid).
 */
export function createConfiguration(def: WidgetDefinition, deps: ConfigDeps): IWidgetConfiguration & {
  read(): FormReading;
} {
  const doc = deps.root.ownerDocument;
  let context: IWidgetConfigurationContext | null = null;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {},
    ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
    const e = doc.createElement(tag);
    Object.assign(e, props);
    e.append(...children);
    return e;
  };
  const field = (label: string, control: HTMLElement, id: string): HTMLElement => {
    control.id = id;
    return el('div', { className: 'ft-field' }, el('label', { htmlFor: id }, label), control);
  };

  const windowSelect = el('select');
  for (const d of LAST_DAYS) windowSelect.append(el('option', { value: `last-${d}` }, `Last ${d} days`));
  windowSelect.append(el('option', { value: 'custom' }, 'Custom dates'));
  const fromInput = el('input', { type: 'date' });
  const toInput = el('input', { type: 'date' });
  const customBox = el('div', { className: 'ft-custom' }, field('From', fromInput, 'ft-from'), field('To', toInput, 'ft-to'));

  const typesBox = el('fieldset', { className: 'ft-types' }, el('legend', {}, 'Work item types (none checked: all)'));
  const typesList = el('div', { className: 'ft-types-list' });
  const typesFallback = el('input', { type: 'text', placeholder: 'e.g. User Story, Bug' });
  typesBox.append(typesList);

  const policySelect = el('select');
  policySelect.append(
    el('option', { value: '' }, 'The project\'s setting'),
    el('option', { value: 'first' }, 'First entry into an active stage'),
    el('option', { value: 'last' }, 'Last entry into an active stage'),
  );

  const teamSelect = el('select');
  teamSelect.append(
    el('option', { value: 'dashboard' }, 'This dashboard\'s team (its area paths)'),
    el('option', { value: 'project' }, 'Whole project'),
  );
  const teamNote = el('p', { className: 'ft-team-note', id: 'ft-team-note' });
  teamNote.setAttribute('aria-live', 'polite');
  // The named teams offered, by select value; a saved team stays offered even when the list cannot be had.
  const namedTeams = new Map<string, NamedTeam>();
  function offerTeams(teams: Array<{ id: string; name: string }>): void {
    const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name));
    for (const t of sorted) {
      const team: NamedTeam = { kind: 'team', id: t.id, name: t.name };
      const key = teamKey(team);
      if (namedTeams.has(key)) continue;
      namedTeams.set(key, team);
      teamSelect.append(el('option', { value: key }, t.name));
    }
  }

  const questionSelect = el('select');
  questionSelect.append(
    el('option', { value: 'when' }, 'When will N items be done?'),
    el('option', { value: 'how-many' }, 'How many items in N days?'),
  );
  const itemsInput = el('input', { type: 'number', min: String(LIMITS.forecastItems.min), max: String(LIMITS.forecastItems.max), step: '1' });
  const daysInput = el('input', { type: 'number', min: String(LIMITS.forecastDays.min), max: String(LIMITS.forecastDays.max), step: '1' });
  const periodSelect = el('select');
  periodSelect.append(
    el('option', { value: 'days' }, 'Days: how often a day delivered n items'),
    el('option', { value: 'weeks' }, 'Weeks: how often a full week delivered n items'),
  );

  // Working days come from the project's calendar (FlowTrack project settings); without one the chart counts
  // calendar days and says nothing more (the report has no working-day figures).
  const daysSelect = el('select');
  daysSelect.append(
    el('option', { value: 'calendar' }, 'Calendar days'),
    el('option', { value: 'working' }, 'Working days (the project\'s calendar)'),
  );

  const itemsField = field('Items to finish (N)', itemsInput, 'ft-items');
  const daysField = field('Days ahead (N)', daysInput, 'ft-days');

  const problemsBox = el('ul', { className: 'ft-problems' });
  problemsBox.setAttribute('role', 'alert');

  const form = el('form', { className: 'ft-config' },
    field('Team', teamSelect, 'ft-team'), teamNote, field('Window', windowSelect, 'ft-window'), customBox, typesBox, field('Cycle time starts at', policySelect, 'ft-policy'));
  if (def.forecast) form.append(field('Question', questionSelect, 'ft-question'), itemsField, daysField);
  if (def.histogram) form.append(field('Count per', periodSelect, 'ft-period'));
  if (def.workingDays) form.append(field('Count in', daysSelect, 'ft-count-in'));
  form.append(problemsBox);
  form.addEventListener('submit', (e) => e.preventDefault());
  deps.root.replaceChildren(form);

  function checkedTypes(): string[] {
    if (typesFallback.isConnected) {
      return typesFallback.value.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
    }
    return [...typesList.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((c) => c.checked).map((c) => c.value);
  }

  function showTypes(names: string[], selected: string[]): void {
    const all = [...new Set([...names, ...selected])].sort((a, b) => a.localeCompare(b));
    typesList.replaceChildren(...all.map((name, i) => {
      const box = el('input', { type: 'checkbox', value: name, checked: selected.includes(name), id: `ft-type-${i}` });
      return el('div', { className: 'ft-type' }, box, el('label', { htmlFor: box.id }, name));
    }));
  }

  function fill(c: WidgetConfig): void {
    const w = c.controls.window;
    windowSelect.value = w.kind === 'last' ? `last-${w.days}` : 'custom';
    fromInput.value = w.kind === 'custom' ? w.from : '';
    toInput.value = w.kind === 'custom' ? w.to : '';
    policySelect.value = c.controls.startPolicy ?? '';
    questionSelect.value = c.question;
    periodSelect.value = c.period;
    daysSelect.value = c.controls.days;
    if (typeof c.team !== 'string') offerTeams([c.team]);
    teamSelect.value = teamKey(c.team);
    itemsInput.value = String(c.controls.forecastItems);
    daysInput.value = String(c.controls.forecastDays);
    showTypes([], c.controls.types);
  }

  function syncVisibility(): void {
    customBox.hidden = windowSelect.value !== 'custom';
    itemsField.hidden = questionSelect.value !== 'when';
    daysField.hidden = questionSelect.value !== 'how-many';
  }

  function read(): FormReading {
    const problems: string[] = [];
    const choice = windowSelect.value;
    const window: WindowChoice = choice === 'custom'
      ? { kind: 'custom', from: fromInput.value, to: toInput.value }
      : { kind: 'last', days: Number(choice.replace('last-', '')) as 30 | 90 | 180 };
    problems.push(...windowProblems(window));
    const types = checkedTypes();
    if (types.some((t) => t.length > LIMITS.typeNameLength)) problems.push('A work item type name is too long.');
    // A saved configuration with more would read back without its types, i.e. as all types (sanitizeControls).
    if (types.length > LIMITS.types) problems.push(`Choose at most ${LIMITS.types} work item types.`);
    const integer = (input: HTMLInputElement, limits: { min: number; max: number }, what: string): number => {
      const n = Number(input.value);
      if (!Number.isInteger(n) || n < limits.min || n > limits.max) {
        problems.push(`${what} must be a whole number from ${limits.min} to ${limits.max}.`);
      }
      return n;
    };
    const question = questionSelect.value === 'how-many' ? 'how-many' : 'when';
    const forecastItems = def.forecast && question === 'when'
      ? integer(itemsInput, LIMITS.forecastItems, 'Items to finish') : DEFAULT_WIDGET_CONFIG.controls.forecastItems;
    const forecastDays = def.forecast && question === 'how-many'
      ? integer(daysInput, LIMITS.forecastDays, 'Days ahead') : DEFAULT_WIDGET_CONFIG.controls.forecastDays;
    if (problems.length > 0) return { ok: false, problems };
    const startPolicy = policySelect.value === 'first' || policySelect.value === 'last' ? policySelect.value : null;
    const picked = teamSelect.value;
    const team: TeamChoice = picked === 'project' ? 'project' : namedTeams.get(picked) ?? 'dashboard';
    const period = def.histogram && periodSelect.value === 'weeks' ? 'weeks' : 'days';
    const days = def.workingDays && daysSelect.value === 'working' ? 'working' : 'calendar';
    return { ok: true, config: { controls: { window, types, startPolicy, forecastDays, forecastItems, days }, question,
      period, team } };
  }

  async function changed(): Promise<void> {
    syncVisibility();
    const reading = read();
    problemsBox.replaceChildren(...(reading.ok ? [] : reading.problems.map((p) => el('li', {}, p))));
    if (reading.ok && context) {
      await context.notify(ConfigurationEvent.ConfigurationChange, ConfigurationEvent.Args(serializeWidgetConfig(reading.config)));
    }
  }
  form.addEventListener('change', () => void changed());
  form.addEventListener('input', () => void changed());
  // Switching to custom dates starts from the last 90 days, so the choice is valid at once.
  windowSelect.addEventListener('change', () => {
    if (windowSelect.value === 'custom') {
      if (!toInput.value) toInput.value = deps.today();
      if (!fromInput.value && isIsoDate(toInput.value)) fromInput.value = addDays(toInput.value, -89);
    }
  }, { capture: true });

  return {
    read,
    async load(settings: WidgetSettings, ctx: IWidgetConfigurationContext): Promise<WidgetStatus> {
      context = ctx;
      const existing = parseWidgetConfig(settings.customSettings?.data);
      const initial = existing ?? DEFAULT_WIDGET_CONFIG;
      fill(initial);
      syncVisibility();
      if (deps.teams) {
        try {
          offerTeams(await deps.teams());
          teamSelect.value = teamKey(initial.team);
        } catch {
          teamNote.textContent = 'The project\'s teams could not be listed; this dashboard\'s team, the whole project'
            + (typeof initial.team === 'string' ? '' : ' and the saved team') + ' can still be chosen.';
        }
      }
      try {
        showTypes(await deps.workItemTypes(), initial.controls.types);
      } catch {
        typesFallback.value = initial.controls.types.join(', ');
        typesList.replaceChildren(field('Type names, separated by commas', typesFallback, 'ft-types-text'));
      }
      if (!existing) {
        // A new instance: offer the defaults at once (preview, and Save enabled without an edit).
        await changed();
      }
      return WidgetStatusHelper.Success();
    },
    async onSave(): Promise<SaveStatus> {
      const reading = read();
      if (!reading.ok) {
        problemsBox.replaceChildren(...reading.problems.map((p) => el('li', {}, p)));
        return WidgetConfigurationSave.Invalid();
      }
      return WidgetConfigurationSave.Valid(serializeWidgetConfig(reading.config));
    },
  };
}
