/*
 * The shape of a chart kept in its own module (issue 14 onwards): everything one kind needs, so the shared
 * switches in shape.ts, charts.ts and view.ts only delegate. Modules import helpers of ../charts and ../shape
 * and use them at call time only (those modules import the registry back).
 */
import type { EChartsOption } from 'echarts';
import type { Look } from '../charts';
import type { ViewState } from '../shape';
import type { Report } from '../types';

export interface ChartModule {
  readonly title: string;
  /** Why the chart has nothing to draw for this report, or null when it has data. */
  empty(r: Report): ViewState | null;
  /** The ECharts option and how many data points it draws. */
  option(r: Report, look: Look): { option: EChartsOption, points: number };
  /** One sentence for screen readers (the canvas's aria label after the title). */
  summary(r: Report, points: number): string;
}

export const NO_FINISHED: ViewState = Object.freeze({ state: 'empty', message: 'No item finished in this window.',
  action: 'Choose a longer window or more work item types.' }) as ViewState;

export const OLD_REPORT = (what: string): ViewState => ({ state: 'empty',
  message: `This report has no ${what}: the FlowTrack server is older than this dashboard.`,
  action: 'Update the FlowTrack app or backend.' });

/** Seconds as a short duration: hours below two days, days (one decimal) above. */
export function duration(seconds: number): string {
  const hours = seconds / 3600;
  if (hours < 48) {
    return `${hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours)} h`;
  }
  const days = seconds / 86_400;
  return `${days < 10 ? Math.round(days * 10) / 10 : Math.round(days)} d`;
}
