import type { ChartKind } from '../contract.js';

export type ForecastQuestion = 'when' | 'how-many';

/** One dashboard widget: its contributions (relative ids, as in vss-extension.json) and its chart. */
export interface WidgetDefinition {
  /** Short key: names the pages (widget-<key>.html, config-<key>.html). */
  readonly key: string;
  readonly contributionId: string;
  readonly configurationId: string;
  readonly title: string;
  /** The chart; the forecast widget's depends on the question its configuration asks. */
  readonly charts: readonly ChartKind[];
  readonly forecast: boolean;
}

function widget(key: string, title: string, charts: ChartKind[], forecast = false): WidgetDefinition {
  const contributionId = `flowtrack-${key}-widget`;
  return Object.freeze({ key, contributionId, configurationId: `${contributionId}-config`, title, charts, forecast });
}

export const WIDGETS: readonly WidgetDefinition[] = Object.freeze([
  widget('cycle-time', 'Cycle time scatterplot', ['scatter']),
  widget('aging', 'Aging work in progress', ['aging']),
  widget('cfd', 'Cumulative flow', ['cfd']),
  widget('throughput', 'Throughput', ['throughput']),
  widget('forecast', 'Monte Carlo forecast', ['forecast-when', 'forecast-how-many'], true),
]);

export const HUB_ID = 'flowtrack-hub';

export function widgetByKey(key: string | undefined): WidgetDefinition {
  const def = WIDGETS.find((w) => w.key === key);
  if (!def) throw new Error(`unknown FlowTrack widget '${key}'`);
  return def;
}

export function chartFor(def: WidgetDefinition, question: ForecastQuestion | undefined): ChartKind {
  if (!def.forecast) return def.charts[0];
  return question === 'how-many' ? 'forecast-how-many' : 'forecast-when';
}
