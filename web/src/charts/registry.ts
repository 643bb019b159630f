/* The chart kinds kept in their own modules, by kind. */
import type { ChartKind } from '../types';
import type { ChartModule } from './chart';
import { stageBreakdown } from './stageBreakdown';
import { throughputHistogram, throughputHistogramWeekly } from './throughputHistogram';
import { weeklyThroughput } from './weekly';

/** Read at call time only: shape.ts and charts.ts import this module and are imported back by the charts. */
export function chartModule(kind: ChartKind): ChartModule | null {
  switch (kind) {
    case 'stage-breakdown': return stageBreakdown;
    case 'weekly-throughput': return weeklyThroughput;
    case 'throughput-histogram': return throughputHistogram;
    case 'throughput-histogram-weekly': return throughputHistogramWeekly;
    default: return null;
  }
}
