/*
 * Where the time goes (docs/metrics.md §12.1): each stage's share of the summed cycle time of the items
 * finished in the window, with the percentiles of the time spent in it. Horizontal bars in workflow order;
 * the stage with the largest share (the first to improve) is drawn in the accent colour.
 */
import type { EChartsOption } from 'echarts';
import { percent, percentileLines } from '../format';
import type { Report } from '../types';
import { duration, NO_FINISHED, OLD_REPORT, type ChartModule } from './chart';
import { axis, base, escapeHtml, palette } from './look';

export interface StageShare {
  stage: string; items: number; totalSeconds: number; share: number;
  percentiles: { label: string, seconds: number }[];
  /** The largest share of the window (ties: every one of them). */
  largest: boolean;
}

/** The stages finished items spent time in (workflow order, as the report lists them), each with its share. */
export function stageBreakdownData(r: Report): StageShare[] {
  const rows = (r.stageBreakdown ?? []).filter(s => s.items > 0 && s.totalSeconds > 0);
  const top = Math.max(0, ...rows.map(s => s.share ?? 0));
  return rows.map(s => ({
    stage: s.stage, items: s.items, totalSeconds: s.totalSeconds, share: s.share ?? 0,
    percentiles: percentileLines(s.percentiles).map(l => ({ label: l.label, seconds: l.value })),
    largest: top > 0 && (s.share ?? 0) === top,
  }));
}

function p(row: StageShare, label: string): string {
  const hit = row.percentiles.find(x => x.label === label);
  return hit ? duration(hit.seconds) : '–';
}

export const stageBreakdown: ChartModule<StageShare[]> = {
  kind: 'stage-breakdown',
  title: 'Where the time goes',
  empty(r) {
    if (!r.stageBreakdown) {
      return OLD_REPORT('stage breakdown');
    }
    return r.cycleTime.count === 0 || stageBreakdownData(r).length === 0 ? NO_FINISHED : null;
  },
  data: stageBreakdownData,
  option(r, look) {
    const pal = palette(look.theme);
    const o = base(look);
    const rows = stageBreakdownData(r);
    const reversed = [...rows].reverse();
    const label = (row: StageShare) => look.compact ? percent(row.share).replace('.0%', '%')
      : `${percent(row.share)} · P50 ${p(row, '50%')} · P85 ${p(row, '85%')}`;
    return {
      points: rows.length,
      option: {
        ...o,
        legend: { show: false },
        // Room on the right for the labels, below for the axis name (containLabel leaves names out).
        grid: { ...(o.grid as object), right: look.compact ? 40 : 170, bottom: look.compact ? 6 : 30 },
        tooltip: {
          ...(o.tooltip as object),
          formatter: (x: { dataIndex: number }) => {
            const row = reversed[x.dataIndex];
            return `<b>${escapeHtml(row.stage)}</b>: ${percent(row.share)} of the cycle time<br>`
              + `${row.items} of ${r.cycleTime.count} finished items spent time here, ${duration(row.totalSeconds)} in all<br>`
              + row.percentiles.map(l => `${l.label}: ${duration(l.seconds)} or less`).join('<br>');
          },
        },
        xAxis: axis(look, { type: 'value', min: 0, max: Math.min(100, Math.ceil(Math.max(...rows.map(x => x.share)) * 10) * 10), name: look.compact ? '' : 'share of cycle time (%)',
          nameLocation: 'middle', nameGap: 22,
          axisLabel: { color: pal.muted, fontSize: look.compact ? 9 : 11, formatter: '{value}%' } }),
        yAxis: axis(look, { type: 'category', data: reversed.map(s => s.stage), splitLine: { show: false },
          axisLabel: { color: pal.muted, fontSize: look.compact ? 9 : 11, width: look.compact ? 70 : 120,
            overflow: 'truncate' } }),
        series: [{
          type: 'bar', name: 'share of cycle time', barMaxWidth: 22,
          data: reversed.map(s => ({ value: Math.round(s.share * 1000) / 10,
            itemStyle: { color: s.largest ? pal.beyond : pal.series[0] } })),
          label: { show: true, position: 'right', color: pal.text, fontSize: look.compact ? 9 : 11,
            formatter: (x: { dataIndex: number }) => label(reversed[x.dataIndex]) },
        }],
      } as EChartsOption,
    };
  },
  summary(r) {
    const rows = stageBreakdownData(r);
    const top = rows.filter(s => s.largest).map(s => `${s.stage} (${percent(s.share)})`);
    return `where the cycle time of ${r.cycleTime.count} finished items went, by stage; the largest share: `
      + top.join(', ');
  },
};
