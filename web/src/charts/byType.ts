/* Finished items by type: one bar per work item type. */
import type { Report } from '../types';
import { NO_FINISHED, pointsSummary, type ChartModule } from './chart';
import { base, horizontalBars, palette } from './look';

export function typesData(r: Report): { type: string, count: number }[] {
  return (r.byType ?? []).filter(t => t.count > 0);
}

export const byType: ChartModule<ReturnType<typeof typesData>> = {
  kind: 'types',
  title: 'Finished items by type',
  empty: r => r.cycleTime.count > 0 ? null : NO_FINISHED,
  data: typesData,
  option(r, look) {
    const p = palette(look.theme);
    const o = base(look);
    const d = typesData(r);
    return horizontalBars(look, o, d.map(t => t.type), d.map(t => t.count), 'items finished', p.series[0]);
  },
  summary: pointsSummary,
};
