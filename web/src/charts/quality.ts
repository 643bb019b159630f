/* Data quality: how many items have each kind of finding (docs/metrics.md, data quality). */
import { findingName } from '../format';
import type { Report } from '../types';
import { pointsSummary, type ChartModule } from './chart';
import { base, horizontalBars, palette } from './look';

export function qualityData(r: Report): { counts: { kind: string, name: string, items: number }[],
  items: { id: string, title: string | null, type: string, findings: { kind: string, name: string, count: number,
    detail: string }[] }[] } {
  const dq = r.dataQuality ?? { counts: {}, items: [] };
  const byId = new Map(r.items.map(i => [i.id, i]));
  return {
    counts: Object.keys(dq.counts).map(kind => ({ kind, name: findingName(kind), items: dq.counts[kind] })),
    items: dq.items.map(i => ({ id: i.id, title: byId.get(i.id)?.title ?? null, type: byId.get(i.id)?.type ?? '',
      findings: i.findings.map(f => ({ ...f, name: findingName(f.kind) })) })),
  };
}

export const quality: ChartModule<ReturnType<typeof qualityData>> = {
  kind: 'quality',
  title: 'Data quality',
  empty: r => Object.values(r.dataQuality?.counts ?? {}).some(n => n > 0) ? null
    : { state: 'empty', message: 'No data-quality findings: every item moved through the workflow as mapped.' },
  data: qualityData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const d = qualityData(r);
    return horizontalBars(look, o, d.counts.map(c => c.name), d.counts.map(c => c.items), 'items', p.series[2]);
  },
  summary: pointsSummary,
};
