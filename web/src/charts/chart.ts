/*
 * The shape of a chart kept in its own module: everything one kind needs (registry.ts lists them all), so
 * charts.ts, states.ts and view.ts only delegate. Modules import only leaves (./look, ../format, ../items,
 * ../controls, ../workingDays), never a module that imports the registry back.
 */
import type { EChartsOption } from 'echarts';
import type { ViewState } from '../states';
import type { ChartKind, DayCount, Report } from '../types';
import type { Look } from './look';

/** One chart kind; D is what its data function makes of a report (what the option draws, what tests check). */
export interface ChartModule<D = unknown> {
  readonly kind: ChartKind;
  readonly title: string;
  /**
   * Why the chart has nothing to draw for this report, or null when it has data (after the check every chart
   * shares: some status is mapped to an in-progress stage).
   */
  empty(r: Report): ViewState | null;
  /** The report's figures this chart draws, picked and ordered (pure, no ECharts). */
  data(r: Report, days?: DayCount): D;
  /** The ECharts option and how many data points it draws. */
  option(r: Report, look: Look): { option: EChartsOption, points: number };
  /** One sentence for screen readers (the canvas's aria label after the title). */
  summary(r: Report, points: number, days: DayCount): string;
  /** The table under the chart, for the charts that have one (the forecasts' confidence table). */
  table?(r: Report, days: DayCount): ChartTable;
}

/** A table under a chart: one row per line, its value in full and in what fits a widget's column. */
export interface ChartTable {
  caption: string;
  /** The header of the value column (the first column's is the rows' label header). */
  header: [string, string];
  rows: { label: string, value: string, short: string }[];
}

export const NO_FINISHED_ACTION = 'Choose a longer window or more work item types.';

export const NO_FINISHED: ViewState = Object.freeze({ state: 'empty', message: 'No item finished in this window.',
  action: NO_FINISHED_ACTION }) as ViewState;

export const NO_DAYS: ViewState = Object.freeze({ state: 'empty', message: 'This window has no days.' }) as ViewState;

export const NO_ACTIVITY: ViewState = Object.freeze({ state: 'empty', message: 'No item was in the workflow in this window.',
  action: NO_FINISHED_ACTION }) as ViewState;

/** The sentence of the charts that have no better one. */
export function pointsSummary(r: Report, points: number): string {
  return `${points} data points from ${r.from} to ${r.to}`;
}

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
