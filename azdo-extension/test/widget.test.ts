// @vitest-environment jsdom
import { WidgetStatusType, type WidgetSettings } from 'azure-devops-extension-api/Dashboard';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChartKind, Controls, FlowHost, FlowTrackBundle, Mounted } from '../src/contract.js';
import { widgetByKey } from '../src/widgets/catalog.js';
import { serializeWidgetConfig } from '../src/widgets/settings.js';
import { createWidget } from '../src/widgets/widget.js';
import { DEFAULT_CONTROLS } from '@flowtrack/web/controls';

interface Mount { kind: ChartKind; fixed: Partial<Controls> | undefined; updates: Array<Partial<Controls>>; destroyed: boolean; themes: string[] }

function fakeBundle(mounts: Mount[], fail = false): FlowTrackBundle {
  return {
    CHART_KINDS: [],
    CHART_TITLES: {} as Record<ChartKind, string>,
    normalizeControls: () => { throw new Error('not used by the widget'); },
    DEFAULT_CONTROLS,
    mountDashboard: async () => { throw new Error('not in a widget'); },
    async mountChart(el, kind, chartHost, fixed): Promise<Mounted> {
      if (fail) throw new Error('The chart could not be drawn.');
      const m: Mount = { kind, fixed, updates: [], destroyed: false, themes: [] };
      // Like the bundle: subscribed while mounted, unsubscribed by destroy.
      const stopTheme = chartHost.onThemeChange((t) => m.themes.push(t));
      mounts.push(m);
      el.setAttribute('data-chart', kind);
      return {
        refresh: async () => {},
        setControls: async (c) => { m.updates.push(c); },
        destroy: () => { m.destroyed = true; stopTheme(); },
      };
    },
  };
}

const themeListeners = new Set<(t: 'light' | 'dark') => void>();
const host = {
  onThemeChange: (cb) => { themeListeners.add(cb); return () => { themeListeners.delete(cb); }; },
} as FlowHost;
const switchTheme = (t: 'light' | 'dark') => [...themeListeners].forEach((cb) => cb(t));
const settings = (data: string | undefined, name = 'Team cycle time', columnSpan = 2): WidgetSettings => ({
  name, size: { columnSpan, rowSpan: 2 }, customSettings: { data: data as string },
});

describe('widget', () => {
  let root: HTMLElement;
  let mounts: Mount[];
  beforeEach(() => {
    document.body.innerHTML = '<div id="root"></div>';
    root = document.getElementById('root')!;
    mounts = [];
    themeListeners.clear();
  });

  const widget = (key = 'cycle-time', fail = false) =>
    createWidget(widgetByKey(key), { root, host: async () => host, bundle: () => fakeBundle(mounts, fail) });

  it('limits the host to its team choice before drawing, and draws again when the choice changes', async () => {
    const scoped: string[] = [];
    const w = createWidget(widgetByKey('cycle-time'), {
      root, host: async () => host, bundle: () => fakeBundle(mounts),
      scopeToTeam: async (_h, team) => { scoped.push(`${typeof team === 'string' ? team : team.id}@${mounts.length}`); },
    });
    await w.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    expect(scoped).toEqual(['dashboard@0']); // before the chart was mounted
    await w.reload!(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when', team: 'project' }).data));
    expect(scoped).toEqual(['dashboard@0', 'project@1']);
    expect(mounts).toHaveLength(2);
    expect(mounts[0].destroyed).toBe(true);
    // A team chosen by name is drawn anew too, and another named team again.
    const named = (id: string) => serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when',
      team: { kind: 'team', id, name: `Team ${id}` } }).data;
    await w.reload!(settings(named('t-1')));
    await w.reload!(settings(named('t-1')));
    await w.reload!(settings(named('t-2')));
    expect(scoped).toEqual(['dashboard@0', 'project@1', 't-1@2', 't-2@3']);
    expect(mounts).toHaveLength(4);
  });

  it('is Unconfigured, with a hint, while it has no settings', async () => {
    const w = widget();
    expect((await w.preload(settings(undefined))).statusType).toBe(WidgetStatusType.Success);
    for (const data of [undefined, '', '{', 'null', '[1]']) {
      expect((await w.load(settings(data))).statusType).toBe(WidgetStatusType.Unconfigured);
    }
    expect(root.querySelector('.ft-unconfigured')?.textContent).toContain('Configure this widget');
    expect(mounts).toHaveLength(0);
  });

  it('mounts its fixed chart with the configured controls, and re-renders in place on reload', async () => {
    const w = widget();
    const config = { controls: { ...DEFAULT_CONTROLS, types: ['Bug'], startPolicy: 'last' as const }, question: 'when' as const };
    expect((await w.load(settings(serializeWidgetConfig(config).data))).statusType).toBe(WidgetStatusType.Success);
    expect(root.querySelector('.ft-widget-title')?.textContent).toBe('Team cycle time');
    expect(mounts.map((m) => m.kind)).toEqual(['scatter']);
    expect(mounts[0].fixed).toEqual(config.controls);

    const next = { ...config, controls: { ...config.controls, window: { kind: 'last' as const, days: 30 as const } } };
    expect((await w.reload!(settings(serializeWidgetConfig(next).data, 'Renamed'))).statusType).toBe(WidgetStatusType.Success);
    expect(mounts).toHaveLength(1);
    expect(mounts[0].updates).toEqual([next.controls]);
    expect(root.querySelector('.ft-widget-title')?.textContent).toBe('Renamed');

    switchTheme('dark');
    await w.reload!(settings(serializeWidgetConfig(next).data, 'Renamed', 4)); // resized: drawn again
    expect(mounts).toHaveLength(2);
    expect(mounts[0].destroyed).toBe(true);
    switchTheme('light'); // only the chart on screen hears it
    expect(mounts.map((m) => m.themes)).toEqual([['dark'], ['light']]);

    await w.reload!(settings(undefined)); // configuration cleared
    expect(mounts[1].destroyed).toBe(true);
  });

  it('keeps only the newest of two overlapping renders: the older one\'s chart is destroyed, the newer one is updated', async () => {
    let release!: () => void;
    const hostGate = new Promise<void>((resolve) => { release = resolve; });
    let calls = 0;
    // The first render waits for the host; a second render (the live preview's next edit) starts meanwhile.
    const w = createWidget(widgetByKey('cycle-time'), {
      root,
      host: async () => { if (calls++ === 0) await hostGate; return host; },
      bundle: () => fakeBundle(mounts),
    });
    const first = { controls: DEFAULT_CONTROLS, question: 'when' as const };
    const second = { controls: { ...DEFAULT_CONTROLS, types: ['Bug'] }, question: 'when' as const };
    const older = w.load(settings(serializeWidgetConfig(first).data));
    const newer = w.reload!(settings(serializeWidgetConfig(second).data, 'Team cycle time', 4));
    await newer;
    release();
    await older;
    const live = mounts.filter((m) => !m.destroyed);
    expect(live).toHaveLength(1);
    expect(live[0].fixed).toEqual(second.controls);
    expect(root.querySelectorAll('.ft-widget-chart')).toHaveLength(1);

    const third = { controls: { ...DEFAULT_CONTROLS, types: ['Task'] }, question: 'when' as const };
    await w.reload!(settings(serializeWidgetConfig(third).data, 'Team cycle time', 4));
    expect(live[0].updates).toEqual([third.controls]); // the chart on screen is the one that follows the settings
  });

  it('shows the forecast question its configuration asks', async () => {
    const w = widget('forecast');
    await w.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'how-many' }).data));
    await w.reload!(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    expect(mounts.map((m) => m.kind)).toEqual(['forecast-how-many', 'forecast-when']);
  });

  it('draws the throughput histogram of days or of weeks, as configured, and the new charts of issue 14', async () => {
    const w = widget('throughput-histogram');
    await w.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    await w.reload!(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when', period: 'weeks' }).data));
    expect(mounts.map((m) => m.kind)).toEqual(['throughput-histogram', 'throughput-histogram-weekly']);
    await widget('stage-breakdown').load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    await widget('weekly-throughput').load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    expect(mounts.map((m) => m.kind).slice(2)).toEqual(['stage-breakdown', 'weekly-throughput']);
  });

  it('passes "count in working days" to the chart with the other controls', async () => {
    const w = widget('cycle-time');
    const working = { ...DEFAULT_CONTROLS, days: 'working' as const };
    await w.load(settings(serializeWidgetConfig({ controls: working, question: 'when' }).data));
    expect(mounts[0].fixed).toEqual(working);
    await w.reload!(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data));
    expect(mounts[0].updates).toEqual([DEFAULT_CONTROLS]);
  });

  it('reports a Failure with the reason when the chart cannot be mounted', async () => {
    const w = widget('cfd', true);
    await expect(w.load(settings(serializeWidgetConfig({ controls: DEFAULT_CONTROLS, question: 'when' }).data)))
      .rejects.toMatchObject({ message: 'The chart could not be drawn.', isUserVisible: true });
  });
});
