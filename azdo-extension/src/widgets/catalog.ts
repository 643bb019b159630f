import type { ChartKind } from '../contract.js';

export type ForecastQuestion = 'when' | 'how-many';
/** The throughput histogram widget's samples: days or full weeks. */
export type HistogramPeriod = 'days' | 'weeks';

/** One dashboard widget: its contributions (relative ids, as in vss-extension.json) and its chart. */
export interface WidgetDefinition {
  /** Short key: names the pages (widget-<key>.html, config-<key>.html). */
  readonly key: string;
  readonly contributionId: string;
  readonly configurationId: string;
  readonly title: string;
  /**
   * The chart; the forecast widget's depends on the question its configuration asks, the throughput histogram's on
   * the period (days or weeks).
   */
  readonly charts: readonly ChartKind[];
  readonly forecast: boolean;
  readonly histogram: boolean;
  /** Its figures are day counts (cycle time, age, forecasts): its configuration offers "Count in: calendar | working days". */
  readonly workingDays: boolean;
}

function widget(key: string, title: string, charts: ChartKind[],
  options: { forecast?: boolean; histogram?: boolean; workingDays?: boolean } = {}): WidgetDefinition {
  const contributionId = `flowtrack-${key}-widget`;
  return Object.freeze({ key, contributionId, configurationId: `${contributionId}-config`, title, charts,
    forecast: options.forecast === true, histogram: options.histogram === true, workingDays: options.workingDays === true });
}

export const WIDGETS: readonly WidgetDefinition[] = Object.freeze([
  widget('cycle-time', 'Cycle time scatterplot', ['scatter'], { workingDays: true }),
  widget('aging', 'Aging work in progress', ['aging'], { workingDays: true }),
  widget('cfd', 'Cumulative flow', ['cfd']),
  widget('throughput', 'Throughput', ['throughput']),
  widget('forecast', 'Monte Carlo forecast', ['forecast-when', 'forecast-how-many'], { forecast: true, workingDays: true }),
  // Issue 14: where the time goes, weekly flow, the throughput samples Monte Carlo draws from.
  widget('stage-breakdown', 'Where the time goes', ['stage-breakdown']),
  widget('weekly-throughput', 'Weekly throughput', ['weekly-throughput']),
  widget('throughput-histogram', 'Throughput histogram', ['throughput-histogram', 'throughput-histogram-weekly'],
    { histogram: true }),
]);

export const HUB_ID = 'flowtrack-hub';

export function widgetByKey(key: string | undefined): WidgetDefinition {
  const def = WIDGETS.find((w) => w.key === key);
  if (!def) throw new Error(`unknown FlowTrack widget '${key}'`);
  return def;
}

export function chartFor(def: WidgetDefinition, question: ForecastQuestion | undefined,
  period?: HistogramPeriod): ChartKind {
  if (def.histogram) return period === 'weeks' ? 'throughput-histogram-weekly' : 'throughput-histogram';
  if (!def.forecast) return def.charts[0];
  return question === 'how-many' ? 'forecast-how-many' : 'forecast-when';
}
