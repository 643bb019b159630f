import {
  WidgetStatusHelper, type IConfigurableWidget, type WidgetSettings, type WidgetStatus,
} from 'azure-devops-extension-api/Dashboard';
import type { FlowHost, FlowTrackBundle, Mounted } from '../contract.js';
import { chartFor, type WidgetDefinition } from './catalog.js';
import { parseWidgetConfig, teamKey, type TeamChoice } from './settings.js';

export interface WidgetDeps {
  /** The widget's root element (the page body's container). */
  root: HTMLElement;
  /** The host adapter, created once per page. */
  host: () => Promise<FlowHost>;
  bundle: () => FlowTrackBundle;
  /**
   * Limits the host's reports to the widget's team choice (the dashboard's team's area paths, or the whole
   * project) before a chart is mounted; absent in hosts without teams.
   */
  scopeToTeam?: (host: FlowHost, team: TeamChoice) => Promise<void>;
}

function messageOf(e: unknown): string {
  return e instanceof Error || (e !== null && typeof e === 'object' && typeof (e as Error).message === 'string')
    ? (e as Error).message : String(e);
}

/**
 * A FlowTrack dashboard widget: one chart, fixed by the widget, with the window/types/policy/forecast of its
 * configuration (customSettings.data). Never configured → Unconfigured, with a sentence saying what to do. A new
 * configuration (the live preview while editing, or after Save) re-renders in place.
 */
export function createWidget(def: WidgetDefinition, deps: WidgetDeps): IConfigurableWidget {
  let mounted: { kind: string; size: string; chart: Mounted } | null = null;
  const doc = deps.root.ownerDocument;

  const title = doc.createElement('h2');
  title.className = 'ft-widget-title';
  const body = doc.createElement('div');
  body.className = 'ft-widget-body';
  deps.root.replaceChildren(title, body);

  function unmount(): void {
    // A destroyed chart unsubscribes from the host's theme itself (onThemeChange returns the unsubscribe).
    mounted?.chart.destroy();
    mounted = null;
  }

  // Renders overlap (the live preview renders on every edit, and a render waits for the host and the chart):
  // only the newest one may mount; an older one that resumes afterwards destroys what it drew and stops.
  let generation = 0;

  async function render(settings: WidgetSettings): Promise<WidgetStatus> {
    const mine = ++generation;
    const superseded = () => mine !== generation;
    title.textContent = settings.name || def.title;
    const config = parseWidgetConfig(settings.customSettings?.data);
    if (!config) {
      unmount();
      const hint = doc.createElement('p');
      hint.className = 'ft-unconfigured';
      hint.textContent = `Configure this widget to choose the window, work item types and start policy of its ${def.title.toLowerCase()}.`;
      body.replaceChildren(hint);
      return WidgetStatusHelper.Unconfigured();
    }
    try {
      const kind = chartFor(def, config.question, config.period);
      const size = `${settings.size?.columnSpan ?? 0}x${settings.size?.rowSpan ?? 0}/${teamKey(config.team)}`;
      if (mounted && mounted.kind === kind && mounted.size === size) {
        await mounted.chart.setControls(config.controls);
      } else {
        unmount();
        const host = await deps.host();
        if (deps.scopeToTeam) await deps.scopeToTeam(host, config.team);
        if (superseded()) return WidgetStatusHelper.Success();
        const chartRoot = doc.createElement('div');
        chartRoot.className = 'ft-widget-chart';
        body.replaceChildren(chartRoot);
        const chart = await deps.bundle().mountChart(chartRoot, kind, host, config.controls);
        if (superseded()) {
          chart.destroy();
          return WidgetStatusHelper.Success();
        }
        mounted = { kind, size, chart };
      }
      return WidgetStatusHelper.Success();
    } catch (e) {
      return WidgetStatusHelper.Failure(messageOf(e));
    }
  }

  return {
    preload: () => WidgetStatusHelper.Success(),
    load: render,
    reload: render,
  };
}
