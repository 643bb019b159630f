/*
 * Chart data → ECharts options: each kind's option is its module's (src/charts/, listed in charts/registry.ts);
 * the shared look (palettes, axes, lines) is charts/look.ts, re-exported here. Pure: no DOM.
 */
import type { EChartsOption } from 'echarts';
import type { Look } from './charts/look';
import { chartModule } from './charts/registry';
import type { ChartKind, Report } from './types';

export {
  atStart, axis, base, dateCategoryAxis, escapeHtml, hLine, horizontalBars, marks, palette, percentileColor,
  roomForLabels, timeAxis, vLine, type Look, type Palette, type Theme,
} from './charts/look';

/** The option for one chart and how many data points it draws. */
export function chartOption(kind: ChartKind, r: Report, look: Look): { option: EChartsOption, points: number } {
  const module = chartModule(kind);
  if (!module) {
    throw new Error(`no chart option for '${kind}'`);
  }
  return module.option(r, look);
}
