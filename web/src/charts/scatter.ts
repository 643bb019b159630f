/* Cycle time scatterplot: one point per item finished in the window, percentile lines, the SLE, blocked rings. */
import type { EChartsOption } from 'echarts';
import { percentileLines } from '../format';
import { finishedInWindow } from '../items';
import type { DayCount, Report } from '../types';
import { dayUnit } from '../workingDays';
import { BLOCKED, scatterBlockedSeries } from './blocked';
import { NO_FINISHED, type ChartModule } from './chart';
import { atStart, axis, base, escapeHtml, hLine, marks, palette, percentileColor, timeAxis } from './look';

export interface ScatterPoint { id: string, title: string | null, type: string, finished: string, cycleTimeDays: number }

export function scatterData(r: Report): { points: ScatterPoint[], percentiles: { label: string, value: number }[],
  sle: { days: number, label: string } | null } {
  return {
    points: finishedInWindow(r).map(i => ({ id: i.id, title: i.title ?? null, type: i.type, finished: i.finished!,
      cycleTimeDays: i.cycleTimeDays! })),
    percentiles: percentileLines(r.cycleTime.percentiles),
    sle: r.sle ? { days: r.sle.days, label: r.sle.targetPercentile === null ? `SLE ${r.sle.days} d`
      : `SLE ${r.sle.days} d at ${r.sle.targetPercentile}%` } : null,
  };
}

export const scatter: ChartModule<ReturnType<typeof scatterData>> = {
  kind: 'scatter',
  title: 'Cycle time scatterplot',
  empty: r => r.cycleTime.count > 0 ? null : NO_FINISHED,
  data: scatterData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const unit = dayUnit(look.days);
    const d = scatterData(r);
    const types = [...new Set(d.points.map(x => x.type))];
    const lines = d.percentiles.map(l => hLine(look, l.value, look.compact ? l.label : `${l.label}: ${l.value} d`,
      percentileColor(p, l.label)));
    if (d.sle) {
      lines.push(atStart(hLine(look, d.sle.days, look.compact ? `SLE ${d.sle.days} d` : d.sle.label, p.sle, false)));
    }
    const blocked = scatterBlockedSeries(r, look, d.points);
    return {
      points: d.points.length,
      option: {
        ...o,
        legend: look.compact ? { show: false } : { ...(o.legend as object),
          data: blocked.length > 0 ? [...types, BLOCKED] : types },
        xAxis: timeAxis(look),
        yAxis: axis(look, { type: 'value', name: look.compact ? '' : `cycle time (${unit})`, minInterval: 1 }),
        tooltip: {
          ...(o.tooltip as object),
          formatter: (x: { data: unknown[] }) => {
            const [finished, ct, id, title, type] = x.data as [string, number, string, string | null, string];
            return `<b>${escapeHtml(id)}</b> ${title ? escapeHtml(title) : ''}<br>${escapeHtml(type)}`
              + ` · finished ${finished}<br>cycle time <b>${ct} ${unit}</b>`;
          },
        },
        series: [
          ...types.map(t => ({
            type: 'scatter', name: t, symbolSize: look.compact ? 5 : 7, cursor: 'pointer',
            data: d.points.filter(x => x.type === t).map(x => [x.finished, x.cycleTimeDays, x.id, x.title, x.type]),
          })),
          { type: 'line', name: 'percentiles', data: [], markLine: marks(lines) },
          ...blocked,
        ],
      } as EChartsOption,
    };
  },
  summary: (r, _points, days) => finishedSummary(r, days) + (r.blocked
    ? `; ${r.blocked.items} were blocked some time (ringed)` : ''),
};

/** The scatterplot's and the histogram's sentence: how many finished, how long 85% took. */
export function finishedSummary(r: Report, days: DayCount): string {
  const p85 = r.cycleTime.percentiles['85'];
  return `${r.cycleTime.count} items finished from ${r.from} to ${r.to}` + (p85 != null
    ? `; 85% took ${p85} ${dayUnit(days)} or less` : '');
}
