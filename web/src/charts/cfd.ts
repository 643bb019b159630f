/* Cumulative flow: the report's cumulative count per stage and day, coloured by stage category. */
import type { EChartsOption } from 'echarts';
import type { Report } from '../types';
import { NO_ACTIVITY, NO_DAYS, pointsSummary, type ChartModule } from './chart';
import { axis, base, dateCategoryAxis, palette } from './look';

/**
 * CFD lines, one per stage that is not a removed stage, workflow order (the report's cumulative counts),
 * with the stage's category ('' when the report has no workflow).
 */
export function cfdData(r: Report): { dates: string[], series: { stage: string, category: string, values: number[] }[] } {
  const categories = new Map<string, string>((r.workflow ?? []).map(w => [w.stage, w.category]));
  return {
    dates: r.daily.map(d => d.date),
    series: r.stages
      .map((stage, index) => ({ stage, index, category: categories.get(stage) ?? '' }))
      .filter(s => s.category !== 'removed')
      .map(s => ({ stage: s.stage, category: s.category, values: r.daily.map(d => d.cfd[s.index] ?? 0) })),
  };
}

export const cfd: ChartModule<ReturnType<typeof cfdData>> = {
  kind: 'cfd',
  title: 'Cumulative flow',
  empty: r => r.daily.length === 0 ? NO_DAYS : r.daily.every(d => d.cfd.every(v => v === 0)) ? NO_ACTIVITY : null,
  data: cfdData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const d = cfdData(r);
    return {
      points: d.series.reduce((n, s) => n + s.values.length, 0),
      option: {
        ...o,
        tooltip: { ...(o.tooltip as object), trigger: 'axis', order: 'seriesAsc' },
        legend: look.compact ? { show: false } : { ...(o.legend as object), data: d.series.map(s => s.stage) },
        xAxis: dateCategoryAxis(look, d.dates, false),
        yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items' }),
        // The report's bands are cumulative (stage s or later), so drawing them in workflow order, each
        // filled to zero, stacks them visually without adding anything up.
        series: d.series.map((s, k) => {
          const colours = p.stages[s.category] ?? p.stages[''];
          const color = colours[d.series.slice(0, k).filter(x => x.category === s.category).length % colours.length];
          return { type: 'line', name: s.stage, data: s.values, showSymbol: false, color,
            lineStyle: { width: 1, color }, areaStyle: { opacity: 0.9, color }, emphasis: { focus: 'series' } };
        }),
      } as EChartsOption,
    };
  },
  summary: pointsSummary,
};
