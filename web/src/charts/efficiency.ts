/* Flow efficiency: each finished item's share of active time by finish date, and the window's aggregate. */
import type { EChartsOption } from 'echarts';
import { percent } from '../format';
import { finishedInWindow } from '../items';
import type { Report } from '../types';
import { NO_FINISHED, pointsSummary, type ChartModule } from './chart';
import { axis, base, escapeHtml, hLine, marks, palette, timeAxis } from './look';

/** Finished items' flow efficiency by finish date, and the window's aggregate. */
export function efficiencyData(r: Report): { points: { id: string, title: string | null, finished: string,
  efficiency: number }[], aggregate: number | null } {
  return {
    points: finishedInWindow(r).filter(i => i.flowEfficiency !== null)
      .map(i => ({ id: i.id, title: i.title ?? null, finished: i.finished!, efficiency: i.flowEfficiency! })),
    aggregate: r.flowEfficiency,
  };
}

export const efficiency: ChartModule<ReturnType<typeof efficiencyData>> = {
  kind: 'efficiency',
  title: 'Flow efficiency',
  empty(r) {
    if (r.cycleTime.count === 0) {
      return NO_FINISHED;
    }
    return efficiencyData(r).points.length > 0 ? null : { state: 'empty',
      message: 'No finished item in this window has a flow efficiency (all took no time).' };
  },
  data: efficiencyData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const d = efficiencyData(r);
    const lines = d.aggregate === null ? [] : [hLine(look, d.aggregate * 100, `window ${percent(d.aggregate)}`, p.sle, false)];
    return {
      points: d.points.length,
      option: {
        ...o,
        legend: { show: false },
        tooltip: { ...(o.tooltip as object), formatter: (x: { data: unknown[] }) => {
          const [finished, , id, title, f] = x.data as [string, number, string, string | null, number];
          return `<b>${escapeHtml(id)}</b> ${title ? escapeHtml(title) : ''}<br>finished ${finished}<br>`
            + `flow efficiency <b>${percent(f)}</b>`;
        } },
        xAxis: timeAxis(look),
        yAxis: axis(look, { type: 'value', min: 0, max: 100, name: look.compact ? '' : 'flow efficiency (%)',
          axisLabel: { color: p.muted, fontSize: look.compact ? 9 : 11, formatter: '{value}%' } }),
        series: [{ type: 'scatter', name: 'flow efficiency', symbolSize: look.compact ? 5 : 7, cursor: 'pointer',
          data: d.points.map(x => [x.finished, x.efficiency * 100, x.id, x.title, x.efficiency]),
          markLine: marks(lines) }],
      } as EChartsOption,
    };
  },
  summary: pointsSummary,
};
