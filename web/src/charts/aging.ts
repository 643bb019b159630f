/* Aging work in progress: items in progress by stage and age, over the stages' pace zones, with the SLE. */
import type { EChartsOption } from 'echarts';
import { percentileLines } from '../format';
import type { Report } from '../types';
import { dayUnit } from '../workingDays';
import { agingBlockedSeries, BLOCKED_NOW } from './blocked';
import type { ChartModule } from './chart';
import { axis, base, escapeHtml, hLine, marks, palette } from './look';

export interface AgingPoint { id: string, title: string | null, type: string, stage: string, column: number,
  offset: number, ageDays: number, beyondSle: boolean }

/**
 * Aging WIP: one column per stage (workflow order) that has items in progress or pace zones; the items
 * of a column are spread side by side (offset in -0.35..0.35) so equal ages do not hide each other.
 * Zones per column: [0, p50], [p50, p70], … from the report's pace percentiles.
 */
export function agingData(r: Report): { stages: string[], points: AgingPoint[],
  zones: { column: number, bands: { from: number, to: number | null, label: string }[] }[], sleDays: number | null } {
  const aging = r.aging ?? { items: [], pace: [] };
  const used = new Set<string>([...aging.items.map(i => i.stage), ...aging.pace.map(p => p.stage)]);
  const stages = r.stages.filter(s => used.has(s));
  const titles = new Map(r.items.map(i => [i.id, i.title ?? null]));
  const byStage = new Map<string, typeof aging.items>();
  for (const item of aging.items) {
    byStage.set(item.stage, [...(byStage.get(item.stage) ?? []), item]);
  }
  const points: AgingPoint[] = [];
  stages.forEach((stage, column) => {
    const items = byStage.get(stage) ?? [];
    items.forEach((item, k) => {
      const offset = items.length === 1 ? 0 : -0.35 + (0.7 * k) / (items.length - 1);
      points.push({ id: item.id, title: titles.get(item.id) ?? null, type: item.type, stage, column, offset,
        ageDays: item.ageDays, beyondSle: item.beyondSle === true });
    });
  });
  const zones = aging.pace
    .filter(p => stages.includes(p.stage))
    .map(p => {
      const lines = percentileLines(p.percentiles);
      const bands: { from: number, to: number | null, label: string }[] = [];
      let from = 0;
      let label = '0';
      for (const l of lines) {
        bands.push({ from, to: l.value, label: `up to ${l.label}` });
        from = l.value;
        label = l.label;
      }
      if (lines.length > 0) {
        bands.push({ from, to: null, label: `beyond ${label}` });
      }
      return { column: stages.indexOf(p.stage), bands };
    });
  return { stages, points, zones, sleDays: r.sle?.days ?? null };
}

/** An axis end a little above the data, on a round number so the top tick is labelled cleanly. */
function roundUp(v: number): number {
  const step = v <= 10 ? 1 : v <= 50 ? 5 : v <= 200 ? 10 : v <= 1000 ? 50 : 100;
  return Math.ceil(v / step) * step;
}

export const aging: ChartModule<ReturnType<typeof agingData>> = {
  kind: 'aging',
  title: 'Aging work in progress',
  empty: r => (r.aging?.items.length ?? 0) > 0 ? null : { state: 'empty', message: 'No item is in progress right now.',
    action: 'Items appear here once they pass the commitment stage' + (r.commitmentStage
      ? ` '${r.commitmentStage}'.` : '.') },
  data: agingData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const unit = dayUnit(look.days);
    const d = agingData(r);
    const topZone = Math.max(0, ...d.zones.flatMap(z => z.bands.map(b => b.to ?? 0)));
    const top = roundUp(Math.max(1, topZone, d.sleDays ?? 0, ...d.points.map(x => x.ageDays)) * 1.05);
    const areas = d.zones.flatMap(z => z.bands.map((b, k) => [
      { xAxis: z.column - 0.45, yAxis: b.from, name: b.label, itemStyle: { color: p.zones[Math.min(k, p.zones.length - 1)] } },
      { xAxis: z.column + 0.45, yAxis: b.to ?? top },
    ]));
    const point = (x: (typeof d.points)[number]) => [x.column + x.offset, x.ageDays, x.id, x.title, x.type, x.stage];
    const sle = d.sleDays === null ? [] : [hLine(look, d.sleDays, `SLE ${d.sleDays} d`, p.sle, false)];
    const blocked = agingBlockedSeries(r, look, d.points);
    // In working days there is no SLE to be within (it is in calendar days): the items are just in progress.
    const within = look.days === 'working' ? 'in progress' : 'within SLE';
    return {
      points: d.points.length,
      option: {
        ...o,
        legend: look.compact ? { show: false } : { ...(o.legend as object), data: [within,
          ...(look.days === 'working' ? [] : ['beyond SLE']), ...(blocked.length > 0 ? [BLOCKED_NOW] : [])] },
        xAxis: axis(look, {
          type: 'value', min: -0.5, max: d.stages.length - 0.5, splitLine: { show: false },
          axisLabel: {
            color: p.muted, fontSize: look.compact ? 9 : 11, hideOverlap: false, customValues: d.stages.map((_, k) => k), width: look.compact ? 60 : 110,
            overflow: 'truncate', formatter: (v: number) => d.stages[Math.round(v)] ?? '',
          },
          axisTick: { show: false },
        }),
        yAxis: axis(look, { type: 'value', max: top, minInterval: 1, name: look.compact ? '' : `age (${unit})` }),
        tooltip: {
          ...(o.tooltip as object),
          formatter: (x: { data: unknown[], seriesName: string }) => {
            const [, age, id, title, type, stage] = x.data as [number, number, string, string | null, string, string];
            return `<b>${escapeHtml(id)}</b> ${title ? escapeHtml(title) : ''}<br>${escapeHtml(type)} in `
              + `${escapeHtml(stage)}<br>age <b>${age} ${unit}</b>${x.seriesName === 'beyond SLE' ? ' (past the SLE)' : ''}`;
          },
        },
        series: [
          { type: 'scatter', name: 'pace', data: [], markArea: { silent: true, label: { show: false }, data: areas },
            markLine: marks(sle) },
          { type: 'scatter', name: within, symbolSize: look.compact ? 6 : 8, itemStyle: { color: p.series[0] },
            cursor: 'pointer', data: d.points.filter(x => !x.beyondSle).map(point) },
          { type: 'scatter', name: 'beyond SLE', symbol: 'diamond', symbolSize: look.compact ? 8 : 11,
            cursor: 'pointer', itemStyle: { color: p.beyond, borderColor: p.text, borderWidth: 1 },
            data: d.points.filter(x => x.beyondSle).map(point) },
          ...blocked,
        ],
      } as EChartsOption,
    };
  },
  summary: r => `${r.aging?.items.length ?? 0} items in progress` + (r.sle ? `, ${r.sle.agingBeyondSle} past the SLE` : '')
    + (r.blocked ? `, ${r.blocked.now} blocked now` : ''),
};
