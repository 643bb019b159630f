/*
 * Every chart kind and its module, in the order the dashboard shows them. CHART_KINDS and CHART_TITLES (the
 * contract's) derive from here: a new chart is one module and one line below.
 */
import type { ChartKind } from '../types';
import { aging } from './aging';
import { byType } from './byType';
import { cfd } from './cfd';
import type { ChartModule } from './chart';
import { arrivals, throughput, wip } from './daily';
import { efficiency } from './efficiency';
import { forecastHowMany, forecastWhen } from './forecast';
import { histogram } from './histogram';
import { quality } from './quality';
import { scatter } from './scatter';
import { stageBreakdown } from './stageBreakdown';
import { throughputHistogram, throughputHistogramWeekly } from './throughputHistogram';
import { weeklyThroughput } from './weekly';

// A Record, so the compiler says when a kind of types.ts has no module; its key order is the dashboard's order.
const BY_KIND: Readonly<Record<ChartKind, ChartModule>> = Object.freeze({
  scatter, aging, cfd, throughput, wip, arrivals, histogram, efficiency, types: byType,
  'forecast-when': forecastWhen, 'forecast-how-many': forecastHowMany, quality,
  'stage-breakdown': stageBreakdown, 'weekly-throughput': weeklyThroughput,
  'throughput-histogram': throughputHistogram, 'throughput-histogram-weekly': throughputHistogramWeekly,
});

export const CHART_MODULES: readonly ChartModule[] = Object.freeze(Object.values(BY_KIND));

export const CHART_KINDS: readonly ChartKind[] = Object.freeze(CHART_MODULES.map(m => m.kind));

export const CHART_TITLES: Record<ChartKind, string> = Object.freeze(
  Object.fromEntries(CHART_MODULES.map(m => [m.kind, m.title])) as Record<ChartKind, string>);

/** The module of a kind, or null for a name that is no chart kind (a host's typo, an old saved setting). */
export function chartModule(kind: ChartKind): ChartModule | null {
  return Object.prototype.hasOwnProperty.call(BY_KIND, kind) ? BY_KIND[kind] : null;
}
