// @vitest-environment jsdom
import { ConfigurationEvent, type IWidgetConfigurationContext, type WidgetSettings } from 'azure-devops-extension-api/Dashboard';
import { beforeEach, describe, expect, it } from 'vitest';
import { widgetByKey } from '../src/widgets/catalog.js';
import { createConfiguration } from '../src/widgets/configView.js';
import { parseWidgetConfig, serializeWidgetConfig, teamKey } from '../src/widgets/settings.js';
import { parseTeamChoice, storedTeam, teamChoiceKey } from '../src/host/azdoHost.js';
import { DEFAULT_CONTROLS } from '@flowtrack/web/controls';

const settings = (data?: string): WidgetSettings => ({ name: 'w', size: { columnSpan: 2, rowSpan: 2 }, customSettings: { data: data as string } });

describe('widget configuration', () => {
  let root: HTMLElement;
  let notified: Array<{ event: string; data: unknown }>;
  let ctx: IWidgetConfigurationContext;

  beforeEach(() => {
    document.body.innerHTML = '<div id="root"></div>';
    root = document.getElementById('root')!;
    notified = [];
    ctx = { notify: async (event, args) => { notified.push({ event, data: args.data }); return {} as never; } };
  });

  const view = (key = 'cycle-time', types: () => Promise<string[]> = async () => ['User Story', 'Bug', 'Task']) =>
    createConfiguration(widgetByKey(key), { root, workItemTypes: types, today: () => '2025-03-10' });
  const lastSettings = () => parseWidgetConfig((notified.at(-1)!.data as { data: string }).data);
  const edit = (el: HTMLInputElement | HTMLSelectElement, value: string | boolean) => {
    if (typeof value === 'boolean') (el as HTMLInputElement).checked = value; else el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('offers the defaults at once for a new widget (preview and Save enabled)', async () => {
    const v = view();
    await v.load(settings(), ctx);
    expect(notified).toHaveLength(1);
    expect(notified[0].event).toBe(ConfigurationEvent.ConfigurationChange);
    expect(lastSettings()?.controls).toEqual(DEFAULT_CONTROLS);
    expect([...root.querySelectorAll<HTMLInputElement>('.ft-types input')].map((i) => i.value)).toEqual(['Bug', 'Task', 'User Story']);
    expect(root.querySelector('#ft-question')).toBeNull(); // forecast fields only on the forecast widget
  });

  it('offers a Team choice: the dashboard\'s team by default, or the whole project', async () => {
    const v = view();
    await v.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when', team: 'project' }).data), ctx);
    const team = root.querySelector('#ft-team') as HTMLSelectElement;
    expect(team.value).toBe('project');
    edit(team, 'dashboard');
    await flush();
    expect(lastSettings()?.team).toBe('dashboard');
    edit(team, 'project');
    await flush();
    expect(lastSettings()?.team).toBe('project');
  });

  it('offers the project\'s teams by name, saves the chosen one with its id, and keeps a saved one offered', async () => {
    const listed = async () => [{ id: 't-2', name: 'Web' }, { id: 't-1', name: 'Apps' }];
    const v = createConfiguration(widgetByKey('cycle-time'),
      { root, workItemTypes: async () => ['Bug'], today: () => '2025-03-10', teams: listed });
    await v.load(settings(), ctx);
    const team = root.querySelector('#ft-team') as HTMLSelectElement;
    expect([...team.options].map((o) => [o.value, o.textContent])).toEqual([
      ['dashboard', 'This dashboard\'s team (its area paths)'], ['project', 'Whole project'],
      ['team:t-1', 'Apps'], ['team:t-2', 'Web']]);
    expect(team.value).toBe('dashboard');
    edit(team, 'team:t-2');
    await flush();
    expect(lastSettings()?.team).toEqual({ kind: 'team', id: 't-2', name: 'Web' });
    const reading = v.read();
    expect(reading.ok && JSON.parse(serializeWidgetConfig(reading.config).data).team).toEqual({ id: 't-2', name: 'Web' });

    // Opened again while the teams cannot be listed: the saved team is still there and chosen, and the page says why
    // the others are missing.
    document.body.innerHTML = '<div id="root"></div>';
    root = document.getElementById('root')!;
    const again = createConfiguration(widgetByKey('cycle-time'), {
      root, workItemTypes: async () => ['Bug'], today: () => '2025-03-10',
      teams: async () => { throw new Error('backend down'); },
    });
    await again.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when',
      team: { kind: 'team', id: 't-2', name: 'Web' } }).data), ctx);
    const select = root.querySelector('#ft-team') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['dashboard', 'project', 'team:t-2']);
    expect(select.value).toBe('team:t-2');
    expect(root.querySelector('#ft-team-note')?.textContent).toContain('could not be listed');
  });

  it('reads a saved team by the hub\'s rule (an id and a name); anything else is the dashboard\'s team', () => {
    const read = (team: unknown) => parseWidgetConfig(JSON.stringify({ controls: DEFAULT_CONTROLS, team }))?.team;
    expect(read({ id: 'abc', name: 'Apps' })).toEqual({ kind: 'team', id: 'abc', name: 'Apps' });
    // What the hub's saved choice refuses (parseTeamChoice), a widget's refuses too: a nameless id, an id that is not
    // Azure DevOps' shape.
    for (const bad of [{ id: 'abc' }, { id: 'a b', name: 'Apps' }, { name: 'Apps' }, { id: '' }, { id: 7 },
      { id: 'x'.repeat(257) }, ['abc'], 'team', null]) {
      expect(read(bad)).toBe('dashboard');
    }
    expect(read('project')).toBe('project');
  });

  it('keys and saves a team as the hub does: one key and one stored form for the same choice', () => {
    const apps = { kind: 'team' as const, id: 'abc', name: 'Apps' };
    expect(teamKey(apps)).toBe(teamChoiceKey(apps));
    expect(teamKey('project')).toBe(teamChoiceKey({ kind: 'project' }));
    expect(teamKey('dashboard')).toBe('dashboard');
    for (const team of [apps, 'project' as const]) {
      const saved = JSON.parse(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when', team }).data).team;
      const hub = storedTeam(team === 'project' ? { kind: 'project' } : team);
      expect(saved).toEqual(hub);
      expect(parseTeamChoice(saved)).toEqual(team === 'project' ? { kind: 'project' } : team);
    }
  });

  it('shows the saved configuration and notifies every valid edit', async () => {
    const saved = { controls: { ...DEFAULT_CONTROLS, types: ['Bug'], startPolicy: 'first' as const, window: { kind: 'last' as const, days: 180 as const } }, question: 'when' as const };
    const v = view();
    await v.load(settings(serializeWidgetConfig(saved).data), ctx);
    expect(notified).toHaveLength(0);
    expect((root.querySelector('#ft-window') as HTMLSelectElement).value).toBe('last-180');
    expect((root.querySelector('#ft-policy') as HTMLSelectElement).value).toBe('first');
    const bug = [...root.querySelectorAll<HTMLInputElement>('.ft-types input')].find((i) => i.value === 'Bug')!;
    expect(bug.checked).toBe(true);

    edit(root.querySelector('#ft-window') as HTMLSelectElement, 'last-30');
    await flush();
    expect(lastSettings()?.controls.window).toEqual({ kind: 'last', days: 30 });
    const task = [...root.querySelectorAll<HTMLInputElement>('.ft-types input')].find((i) => i.value === 'Task')!;
    edit(task, true);
    await flush();
    expect(lastSettings()?.controls.types).toEqual(['Bug', 'Task']);
    edit(root.querySelector('#ft-policy') as HTMLSelectElement, '');
    await flush();
    expect(lastSettings()?.controls.startPolicy).toBeNull();
    expect(notified).toHaveLength(3);

    const saveStatus = await v.onSave();
    expect(saveStatus.isValid).toBe(true);
    expect(parseWidgetConfig(saveStatus.customSettings!.data)?.controls.types).toEqual(['Bug', 'Task']);
  });

  it('refuses an invalid custom window: no notification, the reason shown, Save Invalid', async () => {
    const v = view();
    await v.load(settings(), ctx);
    edit(root.querySelector('#ft-window') as HTMLSelectElement, 'custom');
    await flush();
    expect((root.querySelector('#ft-to') as HTMLInputElement).value).toBe('2025-03-10');
    expect((root.querySelector('#ft-from') as HTMLInputElement).value).toBe('2024-12-11');
    expect(lastSettings()?.controls.window).toEqual({ kind: 'custom', from: '2024-12-11', to: '2025-03-10' });
    const count = notified.length;
    edit(root.querySelector('#ft-from') as HTMLInputElement, '2025-04-01');
    await flush();
    expect(notified).toHaveLength(count);
    expect(root.querySelector('.ft-problems')?.textContent).toContain('The start date is after the end date.');
    await expect(v.onSave()).rejects.toEqual({ isValid: false });
    edit(root.querySelector('#ft-from') as HTMLInputElement, '2025-01-01');
    await flush();
    expect(lastSettings()?.controls.window).toEqual({ kind: 'custom', from: '2025-01-01', to: '2025-03-10' });
    expect(root.querySelector('.ft-problems')?.textContent).toBe('');
  });

  it('asks the forecast widget\'s question with its parameter, within the backend\'s limits', async () => {
    const v = view('forecast');
    await v.load(settings(), ctx);
    const question = root.querySelector('#ft-question') as HTMLSelectElement;
    expect((root.querySelector('#ft-days')!.parentElement as HTMLElement).hidden).toBe(true);
    edit(root.querySelector('#ft-items') as HTMLInputElement, '25');
    await flush();
    expect(lastSettings()).toMatchObject({ question: 'when', controls: { forecastItems: 25 } });
    edit(question, 'how-many');
    await flush();
    edit(root.querySelector('#ft-days') as HTMLInputElement, '14');
    await flush();
    expect(lastSettings()).toMatchObject({ question: 'how-many', controls: { forecastDays: 14 } });
    edit(root.querySelector('#ft-days') as HTMLInputElement, '4000');
    await flush();
    await expect(v.onSave()).rejects.toEqual({ isValid: false });
    expect(root.querySelector('.ft-problems')?.textContent).toContain('Days ahead must be a whole number from 1 to 3650.');
  });

  it('offers "Count in: calendar | working days" on the widgets that count days, saved in the controls', async () => {
    const v = view('cycle-time');
    await v.load(settings(), ctx);
    const countIn = root.querySelector('#ft-count-in') as HTMLSelectElement;
    expect([...countIn.options].map((o) => o.value)).toEqual(['calendar', 'working']);
    expect(countIn.value).toBe('calendar');
    expect(lastSettings()?.controls.days).toBe('calendar');
    edit(countIn, 'working');
    await flush();
    expect(lastSettings()?.controls).toEqual({ ...DEFAULT_CONTROLS, days: 'working' });
    expect(JSON.parse(((await v.onSave()) as unknown as { customSettings: { data: string } }).customSettings.data).controls.days)
      .toBe('working');
    // Shown again as saved.
    root.replaceChildren();
    const again = view('forecast');
    await again.load(settings(serializeWidgetConfig({ controls: { ...DEFAULT_CONTROLS, days: 'working' }, question: 'when' }).data), ctx);
    expect((root.querySelector('#ft-count-in') as HTMLSelectElement).value).toBe('working');
  });

  it.each(['cfd', 'throughput', 'stage-breakdown', 'weekly-throughput', 'throughput-histogram'])(
    'has no day count on the %s widget (its figures are items and shares, not days)', async (key) => {
      const v = view(key);
      await v.load(settings(), ctx);
      expect(root.querySelector('#ft-count-in')).toBeNull();
      expect(lastSettings()?.controls.days).toBe('calendar');
    });

  it('asks the throughput histogram widget for days or weeks; only that widget', async () => {
    const v = view('throughput-histogram');
    await v.load(settings(), ctx);
    const period = root.querySelector('#ft-period') as HTMLSelectElement;
    expect([...period.options].map((o) => o.value)).toEqual(['days', 'weeks']);
    expect(lastSettings()?.period).toBe('days');
    edit(period, 'weeks');
    await flush();
    expect(lastSettings()?.period).toBe('weeks');
    root.replaceChildren();
    await view('throughput-histogram').load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when',
      period: 'weeks' }).data), ctx);
    expect((root.querySelector('#ft-period') as HTMLSelectElement).value).toBe('weeks');
    root.replaceChildren();
    await view('weekly-throughput').load(settings(), ctx);
    expect(root.querySelector('#ft-period')).toBeNull();
    expect(root.querySelector('#ft-question')).toBeNull();
  });

  it('falls back to typing the type names when Azure DevOps cannot list them', async () => {
    const saved = { controls: { ...DEFAULT_CONTROLS, types: ['Bug'] }, question: 'when' as const };
    const v = view('aging', async () => { throw new Error('403'); });
    await v.load(settings(serializeWidgetConfig(saved).data), ctx);
    const text = root.querySelector('#ft-types-text') as HTMLInputElement;
    expect(text.value).toBe('Bug');
    text.value = 'Bug, Epic';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect(lastSettings()?.controls.types).toEqual(['Bug', 'Epic']);
  });

  it('refuses more work item types than a saved configuration keeps (it would read back as all types)', async () => {
    const v = view('aging', async () => { throw new Error('403'); });
    await v.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data), ctx);
    const before = notified.length;
    const text = root.querySelector('#ft-types-text') as HTMLInputElement;
    text.value = Array.from({ length: 101 }, (_, i) => `Type ${i}`).join(', ');
    text.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect(notified).toHaveLength(before);
    await expect(v.onSave()).rejects.toEqual({ isValid: false });
    expect(root.querySelector('.ft-problems')?.textContent).toContain('at most 100 work item types');
  });
});
