/*
 * Weekly throughput run chart (docs/metrics.md §12.4): items finished per Monday-to-Sunday week, with the
 * weeks only partly inside the window drawn faded and labelled, arrivals and the week's last-day WIP as lines.
 */
import type { EChartsOption } from 'echarts';
import { shortDate } from '../format';
import type { Report, WeeklyRow } from '../types';
import { NO_DAYS, OLD_REPORT, type ChartModule } from './chart';
import { axis, base, escapeHtml, hLine, marks, palette } from './look';

export interface WeekPoint extends WeeklyRow { label: string }

export function weeklyData(r: Report): { weeks: WeekPoint[], meanFullWeek: number | null } {
  const weeks = (r.weekly ?? []).map(w => ({ ...w, label: shortDate(w.weekStart) }));
  const full = weeks.filter(w => !w.partial);
  return { weeks, meanFullWeek: full.length === 0 ? null
    : full.reduce((n, w) => n + w.throughput, 0) / full.length };
}

export const weeklyThroughput: ChartModule<ReturnType<typeof weeklyData>> = {
  kind: 'weekly-throughput',
  title: 'Weekly throughput',
  empty(r) {
    if (!r.weekly) {
      return OLD_REPORT('weekly series');
    }
    if (r.weekly.length === 0) {
      return NO_DAYS;
    }
    return r.weekly.every(w => w.throughput === 0 && w.arrivals === 0 && w.wip === 0)
      ? { state: 'empty', message: 'No item was in the workflow in this window.',
        action: 'Choose a longer window or more work item types.' } : null;
  },
  data: weeklyData,
  option(r, look) {
    const pal = palette(look.theme);
    const o = base(look);
    const { weeks, meanFullWeek } = weeklyData(r);
    const lines = meanFullWeek === null ? []
      : [hLine(look, meanFullWeek, `mean ${meanFullWeek.toFixed(1)}`, pal.muted)];
    return {
      points: weeks.length,
      option: {
        ...o,
        legend: look.compact ? { show: false } : { ...(o.legend as object), data: ['throughput', 'arrivals', 'WIP'] },
        tooltip: {
          ...(o.tooltip as object), trigger: 'axis',
          formatter: (xs: { dataIndex: number }[]) => {
            const w = weeks[xs[0]?.dataIndex ?? 0];
            return `<b>week of ${escapeHtml(w.weekStart)}</b>${w.partial ? ` (partial: ${w.days} of 7 days in the window)` : ''}`
              + `<br>finished <b>${w.throughput}</b> · arrived ${w.arrivals} · WIP ${w.wip} at its end`;
          },
        },
        xAxis: axis(look, { type: 'category', data: weeks.map(w => w.label), splitLine: { show: false } }),
        yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items per week' }),
        series: [
          { type: 'bar', name: 'throughput', barMaxWidth: 26, itemStyle: { color: pal.series[0] },
            data: weeks.map(w => w.partial
              ? { value: w.throughput, itemStyle: { opacity: 0.4, borderType: 'dashed', borderColor: pal.line, borderWidth: 1 },
                label: { show: !look.compact, position: 'top', color: pal.muted, fontSize: 9, formatter: `${w.days}/7 d` } }
              : { value: w.throughput }),
            markLine: marks(lines) },
          { type: 'line', name: 'arrivals', data: weeks.map(w => w.arrivals), showSymbol: !look.compact,
            itemStyle: { color: pal.series[2] }, lineStyle: { width: 1.5 } },
          { type: 'line', name: 'WIP', data: weeks.map(w => w.wip), showSymbol: false,
            itemStyle: { color: pal.series[3] }, lineStyle: { width: 1.5, type: 'dotted' } },
        ],
      } as EChartsOption,
    };
  },
  summary(r) {
    const { weeks, meanFullWeek } = weeklyData(r);
    const partial = weeks.filter(w => w.partial).length;
    return `items finished in each of ${weeks.length} weeks from ${r.from} to ${r.to}`
      + (partial > 0 ? ` (${partial} partial)` : '')
      + (meanFullWeek === null ? '' : `; ${meanFullWeek.toFixed(1)} per full week on average`);
  },
};
