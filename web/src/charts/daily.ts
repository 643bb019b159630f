/* The daily series: throughput (bars), work in progress (area) and arrivals against departures (lines). */
import type { EChartsOption } from 'echarts';
import type { Report } from '../types';
import { NO_ACTIVITY, NO_DAYS, NO_FINISHED, pointsSummary, type ChartModule } from './chart';
import { axis, base, dateCategoryAxis, hLine, marks, palette, type Look } from './look';

export function dailyData(r: Report, field: 'throughput' | 'wip' | 'arrivals'): { dates: string[], values: number[] } {
  return { dates: r.daily.map(d => d.date), values: r.daily.map(d => d[field]) };
}

type Daily = ReturnType<typeof dailyData>;

/** The window's days, and whether anything was in the workflow on any of them. */
function emptyDays(r: Report) {
  return r.daily.length === 0 ? NO_DAYS
    : r.daily.every(d => d.wip === 0 && d.arrivals === 0 && d.throughput === 0) ? NO_ACTIVITY : null;
}

function dailyOption(kind: 'throughput' | 'wip', r: Report, look: Look): { option: EChartsOption, points: number } {
  const p = palette(look.theme);
  const o = base(look);
  const d = dailyData(r, kind);
  const mean = kind === 'throughput' ? r.throughput?.meanPerDay : r.wip?.mean;
  const lines = mean === undefined || mean === null ? []
    : [hLine(look, mean, `mean ${mean.toFixed(kind === 'wip' ? 1 : 2)}`, p.muted)];
  return {
    points: d.values.length,
    option: {
      ...o,
      legend: { show: false },
      tooltip: { ...(o.tooltip as object), trigger: 'axis' },
      xAxis: dateCategoryAxis(look, d.dates, true),
      yAxis: axis(look, { type: 'value', minInterval: 1,
        name: look.compact ? '' : kind === 'wip' ? 'items in progress' : 'items finished' }),
      series: [kind === 'wip'
        ? { type: 'line', name: 'WIP', data: d.values, showSymbol: false, step: 'middle', areaStyle: { opacity: 0.2 },
          markLine: marks(lines) }
        : { type: 'bar', name: 'throughput', data: d.values, barMaxWidth: 14, markLine: marks(lines) }],
    } as EChartsOption,
  };
}

export const throughput: ChartModule<Daily> = {
  kind: 'throughput',
  title: 'Throughput',
  empty: r => r.cycleTime.count > 0 ? null : NO_FINISHED,
  data: r => dailyData(r, 'throughput'),
  option: (r, look) => dailyOption('throughput', r, look),
  summary: r => `${r.throughput?.total ?? r.cycleTime.count} items finished in ${r.daily.length} days`,
};

export const wip: ChartModule<Daily> = {
  kind: 'wip',
  title: 'Work in progress',
  empty: emptyDays,
  data: r => dailyData(r, 'wip'),
  option: (r, look) => dailyOption('wip', r, look),
  summary: r => `work in progress from ${r.from} to ${r.to}, ${r.wip?.current ?? '?'} items now`,
};

export const arrivals: ChartModule<{ arrivals: Daily, departures: Daily }> = {
  kind: 'arrivals',
  title: 'Arrivals vs departures',
  empty: emptyDays,
  data: r => ({ arrivals: dailyData(r, 'arrivals'), departures: dailyData(r, 'throughput') }),
  option(r, look) {
    const o = base(look);
    const a = dailyData(r, 'arrivals');
    const t = dailyData(r, 'throughput');
    return {
      points: a.values.length + t.values.length,
      option: {
        ...o,
        tooltip: { ...(o.tooltip as object), trigger: 'axis' },
        legend: look.compact ? { show: false } : { ...(o.legend as object), data: ['arrivals', 'departures'] },
        xAxis: dateCategoryAxis(look, a.dates, true),
        yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items per day' }),
        series: [
          { type: 'line', name: 'arrivals', data: a.values, showSymbol: false, step: 'middle' },
          { type: 'line', name: 'departures', data: t.values, showSymbol: false, step: 'middle' },
        ],
      } as EChartsOption,
    };
  },
  summary: pointsSummary,
};
