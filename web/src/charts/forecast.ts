/* The Monte Carlo forecasts: when will N items be done, how many items in N days; each with its confidence table. */
import type { EChartsOption } from 'echarts';
import { addDays } from '../controls';
import { percentileLines } from '../format';
import type { DayCount, Report } from '../types';
import { NO_FINISHED_ACTION, type ChartModule, type ChartTable } from './chart';
import { axis, base, marks, palette, percentileColor, roomForLabels, timeAxis, vLine, type Look } from './look';

export interface ForecastView {
  bars: { label: string, value: number, trials: number }[];
  /** value: the full sentence; short: what fits a widget's column. */
  table: { confidence: string, value: string, short: string }[];
  marks: { label: string, value: number }[];
  caption: string;
}

/** "When": trials per completion day (as dates, day 1 = the day after asOf) and the confidence table. */
export function forecastWhenData(r: Report, days?: DayCount): ForecastView {
  const when = r.forecast?.when;
  const asOfDate = r.asOf.slice(0, 10);
  const dates = when?.dates ?? {};
  const lines = percentileLines(when?.percentiles);
  const keys = Object.keys(when?.percentiles ?? {}).sort((a, b) => Number(a) - Number(b));
  return {
    bars: (when?.distribution ?? []).map(d => ({ label: addDays(asOfDate, d.value), value: d.value, trials: d.trials })),
    marks: lines.map(l => ({ label: l.label, value: l.value })),
    table: keys.map(k => ({ confidence: `${k}%`, value: dates[k] ? `${dates[k]} (${when!.percentiles![k]} days)`
      : 'beyond the horizon', short: dates[k] ?? 'later' })),
    caption: when ? `${when.items} items, ${when.trials ?? ''} trials` + (when.beyondHorizon
      ? `, ${when.beyondHorizon} beyond the horizon` : '') + (days === 'working' ? ', drawn from working days' : '') : '',
  };
}

/** "How many": trials per number of items finished in the next N days, and the confidence table. */
export function forecastHowManyData(r: Report, days?: DayCount): ForecastView {
  const hm = r.forecast?.howMany;
  const keys = Object.keys(hm?.percentiles ?? {}).sort((a, b) => Number(a) - Number(b));
  return {
    bars: (hm?.distribution ?? []).map(d => ({ label: String(d.value), value: d.value, trials: d.trials })),
    marks: percentileLines(hm?.percentiles).map(l => ({ label: l.label, value: l.value })),
    table: keys.map(k => ({ confidence: `${k}%`, value: `${hm!.percentiles![k]} items or more`,
      short: `≥ ${hm!.percentiles![k]}` })),
    caption: hm ? `next ${hm.days} days, ${hm.trials ?? ''} trials`
      + (days === 'working' ? ', drawn from working days' : '') : '',
  };
}

function forecastEmpty(part: { available?: boolean, distribution?: unknown[], reason?: string } | undefined) {
  if (!part) {
    return { state: 'empty' as const, message: 'No forecast was asked for.' };
  }
  if (part.available === false || !part.distribution || part.distribution.length === 0) {
    return { state: 'empty' as const, message: 'No forecast: ' + (part.reason ?? 'the window has no throughput to sample.'),
      action: NO_FINISHED_ACTION };
  }
  return null;
}

function forecastOption(when: boolean, r: Report, look: Look): { option: EChartsOption, points: number } {
  const p = palette(look.theme);
  const o = base(look);
  const d = when ? forecastWhenData(r) : forecastHowManyData(r);
  const asOfDate = r.asOf.slice(0, 10);
  const markAt = (value: number, label: string, k: number) => vLine(look, when
    ? d.bars.find(b => b.value === value)?.label ?? value : value, label, percentileColor(p, label), k);
  return {
    points: d.bars.length,
    option: {
      ...o,
      grid: roomForLabels(look, o),
      legend: { show: false },
      tooltip: { ...(o.tooltip as object), formatter: (x: { data: unknown[] }) => when
        ? `${x.data[1]} trials finished on ${x.data[0]}` : `${x.data[1]} trials finished ${x.data[0]} items` },
      // Completion dates are dates: the time axis labels them "5 Apr", not as bare day numbers.
      xAxis: when ? timeAxis(look, { min: asOfDate }) : axis(look,
        { type: 'value', scale: true, minInterval: 1, name: look.compact ? '' : 'items finished', nameLocation: 'middle',
          nameGap: 22, splitLine: { show: false } }),
      yAxis: axis(look, { type: 'value', name: look.compact ? '' : 'trials' }),
      series: [{ type: 'bar', name: 'trials', barMaxWidth: 16, itemStyle: { color: p.series[when ? 3 : 4] },
        data: d.bars.map(b => [when ? b.label : b.value, b.trials]),
        markLine: marks(d.marks.map((m, k) => markAt(m.value, m.label, k))) }],
    } as EChartsOption,
  };
}

/** The confidence table: confidence → when (or how many). */
function confidenceTable(view: ForecastView, header: string): ChartTable {
  return { caption: `Confidence (${view.caption})`, header: ['confidence', header],
    rows: view.table.map(row => ({ label: row.confidence, value: row.value, short: row.short })) };
}

const drawnFrom = (days: DayCount) => days === 'working' ? ', drawn from working days' : '';

export const forecastWhen: ChartModule<ForecastView> = {
  kind: 'forecast-when',
  title: 'Forecast: when will N items be done?',
  empty: r => forecastEmpty(r.forecast?.when),
  data: forecastWhenData,
  option: (r, look) => forecastOption(true, r, look),
  summary: (r, points, days) => `forecast for ${r.forecast?.when?.items} items, ${points} outcomes` + drawnFrom(days),
  table: (r, days) => confidenceTable(forecastWhenData(r, days), 'done by'),
};

export const forecastHowMany: ChartModule<ForecastView> = {
  kind: 'forecast-how-many',
  title: 'Forecast: how many items in N days?',
  empty: r => forecastEmpty(r.forecast?.howMany),
  data: forecastHowManyData,
  option: (r, look) => forecastOption(false, r, look),
  summary: (r, points, days) => `forecast for the next ${r.forecast?.howMany?.days} days, ${points} outcomes`
    + drawnFrom(days),
  table: (r, days) => confidenceTable(forecastHowManyData(r, days), 'items done'),
};
