/*
 * Throughput histograms: how often a day (from daily[].throughput) or a full week (from weekly, partial weeks
 * left out: fewer days would count as slow weeks) delivered n items. These are the samples the Monte Carlo
 * forecasts draw from (docs/metrics.md §7), so a user can judge them: many zero days, one outlier week…
 */
import type { EChartsOption } from 'echarts';
import type { DayCount, Report } from '../types';
import { dayUnit, isWorkingDate } from '../workingDays';
import { NO_DAYS, NO_FINISHED, OLD_REPORT, type ChartModule } from './chart';
import { axis, base, palette } from './look';

export interface ThroughputBins { bins: { items: number, count: number }[], samples: number, left: number }

/** Counts per value from the smallest to the largest, zeros included so the axis is continuous. */
export function countPerValue(values: number[]): { items: number, count: number }[] {
  if (values.length === 0) {
    return [];
  }
  const min = Math.min(...values);
  const counts = new Array<number>(Math.max(...values) - min + 1).fill(0);
  values.forEach(v => counts[v - min]++);
  return counts.map((count, k) => ({ items: min + k, count }));
}

/**
 * Per day: every day of the window; in working days only the calendar's working dates, the samples the working-day
 * forecasts draw (docs/metrics.md §12), so that a weekend's zero does not read as a slow day.
 */
export function dailyThroughputBins(r: Report, days?: DayCount): ThroughputBins {
  // `days` is what the chart view counts (countedIn): working only for a report with a calendar, as for every chart.
  const rows = days === 'working' ? r.daily.filter(d => isWorkingDate(r, d.date)) : r.daily;
  const values = rows.map(d => d.throughput);
  return { bins: countPerValue(values), samples: values.length, left: 0 };
}

/** Per week: the weeks wholly inside the window; `left` says how many partial weeks were left out. */
export function weeklyThroughputBins(r: Report): ThroughputBins {
  const weeks = r.weekly ?? [];
  const values = weeks.filter(w => !w.partial).map(w => w.throughput);
  return { bins: countPerValue(values), samples: values.length, left: weeks.length - values.length };
}

function histogram(unit: 'day' | 'week', data: (r: Report, days?: DayCount) => ThroughputBins,
  colour: number): ChartModule['option'] {
  return (r, look) => {
    const per = unit === 'day' && look.days === 'working' ? 'working day' : unit;
    const pal = palette(look.theme);
    const o = base(look);
    const d = data(r, look.days);
    const first = d.bins[0]?.items ?? 0;
    const last = d.bins[d.bins.length - 1]?.items ?? 0;
    const step = Math.max(1, Math.ceil(d.bins.length / (look.compact ? 6 : 12)));
    const labelled = d.bins.map(b => b.items).filter(v => (v - first) % step === 0);
    return {
      points: d.bins.length,
      option: {
        ...o,
        legend: { show: false },
        tooltip: { ...(o.tooltip as object), formatter: (x: { data: number[] }) =>
          `${x.data[1]} of ${d.samples} ${per}s delivered ${x.data[0]} item${x.data[0] === 1 ? '' : 's'}` },
        // The bars sit on whole numbers and the axis runs half a bar beyond both ends, so the labels are
        // placed on the bars' values (every k-th when there are many), not on the axis's own ticks.
        xAxis: axis(look, { type: 'value', min: first - 0.5, max: last + 0.5, splitLine: { show: false },
          name: look.compact ? '' : `items finished per ${per}`, nameLocation: 'middle', nameGap: 22,
          axisTick: { customValues: labelled },
          axisLabel: { color: pal.muted, fontSize: look.compact ? 9 : 11, customValues: labelled,
            formatter: (v: number) => String(v) } }),
        yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : `${per}s` }),
        series: [{ type: 'bar', name: `${per}s`, barWidth: '80%', itemStyle: { color: pal.series[colour] },
          data: d.bins.map(b => [b.items, b.count]) }],
      } as EChartsOption,
    };
  };
}

export const throughputHistogram: ChartModule<ThroughputBins> = {
  kind: 'throughput-histogram',
  title: 'Throughput histogram (days)',
  empty(r) {
    if (r.daily.length === 0) {
      return NO_DAYS;
    }
    return r.daily.every(d => d.throughput === 0) ? NO_FINISHED : null;
  },
  data: dailyThroughputBins,
  option: histogram('day', dailyThroughputBins, 4),
  summary(r, _points, days) {
    const d = dailyThroughputBins(r, days);
    const zero = d.bins[0]?.items === 0 ? d.bins[0].count : 0;
    const unit = dayUnit(days);
    return `how many items each of ${d.samples} ${unit} delivered; ${zero} ${unit} delivered none, the best day `
      + `${d.bins[d.bins.length - 1]?.items ?? 0}`;
  },
};

export const throughputHistogramWeekly: ChartModule<ThroughputBins> = {
  kind: 'throughput-histogram-weekly',
  title: 'Throughput histogram (weeks)',
  empty(r) {
    if (!r.weekly) {
      return OLD_REPORT('weekly series');
    }
    if (weeklyThroughputBins(r).samples === 0) {
      return { state: 'empty', message: 'No full week (Monday to Sunday) lies inside this window.',
        action: 'Choose a longer window.' };
    }
    return r.weekly.every(w => w.throughput === 0) ? NO_FINISHED : null;
  },
  data: weeklyThroughputBins,
  option: histogram('week', weeklyThroughputBins, 1),
  summary(r) {
    const d = weeklyThroughputBins(r);
    return `how many items each of ${d.samples} full weeks delivered`
      + (d.left > 0 ? ` (${d.left} partial week${d.left === 1 ? '' : 's'} left out)` : '')
      + `; the slowest week ${d.bins[0]?.items ?? 0}, the best ${d.bins[d.bins.length - 1]?.items ?? 0}`;
  },
};
