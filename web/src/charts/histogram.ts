/* Cycle time histogram: items finished in the window per cycle time, with the percentile lines. */
import type { EChartsOption } from 'echarts';
import { percentileLines } from '../format';
import { finishedInWindow } from '../items';
import type { Report } from '../types';
import { dayUnit } from '../workingDays';
import { NO_FINISHED, type ChartModule } from './chart';
import { axis, base, marks, palette, percentileColor, roomForLabels, vLine } from './look';
import { finishedSummary } from './scatter';

/**
 * Items finished in the window per cycle time (days): [{days, items}] for every day count from the
 * smallest to the largest cycle time, zeros included so the axis is continuous.
 */
export function histogramData(r: Report): { bins: { days: number, items: number }[],
  percentiles: { label: string, value: number }[] } {
  const counts = new Map<number, number>();
  for (const item of finishedInWindow(r)) {
    counts.set(item.cycleTimeDays!, (counts.get(item.cycleTimeDays!) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const bins: { days: number, items: number }[] = [];
  if (keys.length > 0) {
    const min = Math.min(...keys);
    const max = Math.max(...keys);
    for (let d = min; d <= max; d++) {
      bins.push({ days: d, items: counts.get(d) ?? 0 });
    }
  }
  return { bins, percentiles: percentileLines(r.cycleTime.percentiles) };
}

export const histogram: ChartModule<ReturnType<typeof histogramData>> = {
  kind: 'histogram',
  title: 'Cycle time histogram',
  empty: r => r.cycleTime.count > 0 ? null : NO_FINISHED,
  data: histogramData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const days = (v: number) => `${v} d`;
    const unit = dayUnit(look.days);
    const d = histogramData(r);
    return {
      points: d.bins.length,
      option: {
        ...o,
        grid: roomForLabels(look, o),
        legend: { show: false },
        tooltip: { ...(o.tooltip as object), formatter: (x: { data: number[] }) =>
          `${x.data[1]} items took ${x.data[0]} ${unit}` },
        xAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : `cycle time (${unit})`,
          nameLocation: 'middle', nameGap: 22, splitLine: { show: false } }),
        yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items' }),
        series: [{ type: 'bar', name: 'items', data: d.bins.map(b => [b.days, b.items]), barMaxWidth: 18,
          barCategoryGap: '10%', markLine: marks(d.percentiles.map((l, k) => vLine(look, l.value, look.compact
            ? l.label : `${l.label} ${days(l.value)}`, percentileColor(p, l.label), k))) }],
      } as EChartsOption,
    };
  },
  summary: (r, _points, days) => finishedSummary(r, days),
};
