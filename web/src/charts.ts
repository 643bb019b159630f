/*
 * Chart data (shape.ts) → ECharts options. Pure: no DOM. Theme and size only change colours, fonts and
 * how much decoration fits; the data are the same.
 */
import type { EChartsOption } from 'echarts';
import { agingBlockedSeries, BLOCKED, BLOCKED_NOW, scatterBlockedSeries } from './charts/blocked';
import { chartModule } from './charts/registry';
import type { ChartKind, DayCount, Report } from './types';
import { dayUnit } from './workingDays';
import {
  agingData, cfdData, dailyData, efficiencyData, forecastHowManyData, forecastWhenData, histogramData,
  percent, qualityData, scatterData, shortDate, typesData,
} from './shape';

export type Theme = 'light' | 'dark';

export interface Look {
  theme: Theme;
  /** Widget or gadget size (about 330 px): smaller fonts, no legend, fewer labels. */
  compact: boolean;
  /** What the report's day figures count (workingDays.ts reportFor); calendar days when absent. */
  days?: DayCount;
}

export interface Palette {
  text: string; muted: string; line: string; split: string; series: string[];
  percentiles: Record<string, string>; sle: string; beyond: string; zones: string[];
  /** CFD colours per stage category: greys for ideas, blues for work, amber for waiting, green for done. */
  stages: Record<string, string[]>;
}

const LIGHT: Palette = {
  text: '#172b4d', muted: '#5e6c84', line: '#8993a4', split: '#ebecf0',
  series: ['#0065ff', '#36b37e', '#ff8b00', '#6554c0', '#00b8d9', '#de350b', '#97a0af', '#ffc400', '#57d9a3',
    '#8777d9'],
  percentiles: { '50': '#00875a', '70': '#b37400', '85': '#de6b00', '95': '#bf2600' },
  sle: '#5243aa', beyond: '#de350b',
  stages: { proposed: ['#a5adba', '#c1c7d0', '#7a869a'], active: ['#0065ff', '#4c9aff', '#0747a6', '#2684ff'],
    waiting: ['#ffab00', '#ffe380'], done: ['#36b37e', '#79f2c0'], '': ['#6554c0', '#998dd9', '#00b8d9'] },
  zones: ['rgba(54,179,126,0.22)', 'rgba(255,196,0,0.22)', 'rgba(255,139,0,0.22)', 'rgba(222,53,11,0.2)',
    'rgba(191,38,0,0.08)'],
};

const DARK: Palette = {
  text: '#e6edf3', muted: '#a9b4c2', line: '#6e7681', split: '#30363d',
  series: ['#4c9aff', '#57d9a3', '#ffab00', '#998dd9', '#79e2f2', '#ff7452', '#b3bac5', '#ffe380', '#abf5d1',
    '#c0b6f2'],
  percentiles: { '50': '#57d9a3', '70': '#ffe380', '85': '#ffab00', '95': '#ff7452' },
  sle: '#c0b6f2', beyond: '#ff5630',
  stages: { proposed: ['#5e6c84', '#7a869a', '#42526e'], active: ['#2684ff', '#4c9aff', '#0052cc', '#85b8ff'],
    waiting: ['#ffab00', '#ffe380'], done: ['#36b37e', '#79f2c0'], '': ['#8777d9', '#c0b6f2', '#79e2f2'] },
  zones: ['rgba(87,217,163,0.2)', 'rgba(255,227,128,0.2)', 'rgba(255,171,0,0.2)', 'rgba(255,116,82,0.2)',
    'rgba(255,86,48,0.08)'],
};

export function palette(theme: Theme): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** HTML-escapes text from the tracker (titles, ids, types) before it goes into a tooltip. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

export function percentileColor(p: Palette, label: string): string {
  return p.percentiles[label.replace('%', '')] ?? p.muted;
}

export function base(look: Look): EChartsOption & Record<string, unknown> {
  const p = palette(look.theme);
  const font = look.compact ? 10 : 12;
  return {
    backgroundColor: 'transparent',
    animation: false,
    color: p.series,
    textStyle: { color: p.text, fontSize: font },
    grid: look.compact ? { left: 6, right: 14, top: 18, bottom: 6, containLabel: true }
      : { left: 12, right: 28, top: 42, bottom: 12, containLabel: true },
    tooltip: { confine: true, trigger: 'item', textStyle: { fontSize: font } },
    legend: look.compact ? { show: false } : { type: 'scroll', top: 0, textStyle: { color: p.text } },
  };
}

export function axis(look: Look, extra: Record<string, unknown>): Record<string, unknown> {
  const p = palette(look.theme);
  return {
    axisLine: { lineStyle: { color: p.line } },
    axisLabel: { color: p.muted, fontSize: look.compact ? 9 : 11, hideOverlap: true },
    splitLine: { lineStyle: { color: p.split } },
    nameTextStyle: { color: p.muted, fontSize: look.compact ? 9 : 11 },
    ...extra,
  };
}

export function hLine(look: Look, value: number, label: string, color: string, dashed = true): Record<string, unknown> {
  return {
    yAxis: value, name: label,
    lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: 1.5 },
    label: { formatter: label, color, position: 'insideEndTop', fontSize: look.compact ? 9 : 11 },
  };
}

/**
 * A vertical line labelled above its end. Percentile lines often stand close together, so the k-th
 * label of a chart is lifted k rows higher: the labels never overlap, whatever the values.
 */
function vLine(look: Look, value: number | string, label: string, color: string, k = 0): Record<string, unknown> {
  const row = look.compact ? 10 : 13;
  return {
    xAxis: value, name: label,
    lineStyle: { color, type: 'dashed', width: 1.5 },
    label: { formatter: label, color, position: 'end', distance: [0, 4 + k * row], fontSize: look.compact ? 9 : 11 },
  };
}

/** Room above the plot for up to four stacked line labels. */
function roomForLabels(look: Look, o: Record<string, unknown>): Record<string, unknown> {
  return { ...(o.grid as object), top: look.compact ? 46 : 62 };
}

/** Dates on a time axis: month names, and the day only where there is room. */
function timeAxis(look: Look, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const a = axis(look, { type: 'time', splitLine: { show: false }, splitNumber: look.compact ? 3 : 6, ...extra });
  a.axisLabel = { ...(a.axisLabel as object), formatter: { year: '{yyyy}', month: '{MMM}',
    day: '{d} {MMM}' } };
  return a;
}

/** An axis end a little above the data, on a round number so the top tick is labelled cleanly. */
function roundUp(v: number): number {
  const step = v <= 10 ? 1 : v <= 50 ? 5 : v <= 200 ? 10 : v <= 1000 ? 50 : 100;
  return Math.ceil(v / step) * step;
}

/** Days as categories (one per report day), labelled "5 Mar". */
export function dateCategoryAxis(look: Look, dates: string[], gap: boolean): Record<string, unknown> {
  const a = axis(look, { type: 'category', data: dates, boundaryGap: gap, splitLine: { show: false } });
  a.axisLabel = { ...(a.axisLabel as object), formatter: (v: string) => shortDate(v) };
  return a;
}

function atStart(line: Record<string, unknown>): Record<string, unknown> {
  return { ...line, label: { ...(line.label as object), position: 'insideStartTop' } };
}

export function marks(data: Record<string, unknown>[]): Record<string, unknown> {
  return { silent: true, symbol: 'none', data };
}

/** One bar per name, top to bottom in the given order, each labelled with its value. */
function horizontalBars(look: Look, o: Record<string, unknown>, names: string[], values: number[], valueName: string,
  color: string): { option: EChartsOption, points: number } {
  const p = palette(look.theme);
  return {
    points: values.length,
    option: {
      ...o,
      legend: { show: false },
      xAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : valueName }),
      yAxis: axis(look, { type: 'category', data: [...names].reverse(), splitLine: { show: false } }),
      series: [{ type: 'bar', name: valueName, data: [...values].reverse(), barMaxWidth: 22,
        label: { show: true, position: 'right', color: p.text, fontSize: look.compact ? 9 : 11 },
        itemStyle: { color } }],
    } as EChartsOption,
  };
}

/** The option for one chart and how many data points it draws. */
export function chartOption(kind: ChartKind, r: Report, look: Look): { option: EChartsOption, points: number } {
  const module = chartModule(kind);
  if (module) {
    return module.option(r, look);
  }
  const p = palette(look.theme);
  const o = base(look);
  const days = (v: number) => `${v} d`;
  const unit = dayUnit(look.days);
  switch (kind) {
    case 'scatter': {
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
    }
    case 'aging': {
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
    }
    case 'cfd': {
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
    }
    case 'throughput':
    case 'wip':
    case 'arrivals': {
      if (kind === 'arrivals') {
        const a = dailyData(r, 'arrivals');
        const t = dailyData(r, 'throughput');
        return {
          points: a.values.length + t.values.length,
          option: {
            ...o,
            tooltip: { ...(o.tooltip as object), trigger: 'axis' },
            legend: look.compact ? { show: false } : { ...(o.legend as object), data: ['arrivals', 'departures'] },
            xAxis: dateCategoryAxis(look, a.dates, true),
            yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items per day' }),
            series: [
              { type: 'line', name: 'arrivals', data: a.values, showSymbol: false, step: 'middle' },
              { type: 'line', name: 'departures', data: t.values, showSymbol: false, step: 'middle' },
            ],
          } as EChartsOption,
        };
      }
      const d = dailyData(r, kind);
      const mean = kind === 'throughput' ? r.throughput?.meanPerDay : r.wip?.mean;
      const lines = mean === undefined || mean === null ? []
        : [hLine(look, mean, `mean ${mean.toFixed(kind === 'wip' ? 1 : 2)}`, p.muted)];
      return {
        points: d.values.length,
        option: {
          ...o,
          legend: { show: false },
          tooltip: { ...(o.tooltip as object), trigger: 'axis' },
          xAxis: dateCategoryAxis(look, d.dates, true),
          yAxis: axis(look, { type: 'value', minInterval: 1,
            name: look.compact ? '' : kind === 'wip' ? 'items in progress' : 'items finished' }),
          series: [kind === 'wip'
            ? { type: 'line', name: 'WIP', data: d.values, showSymbol: false, step: 'middle', areaStyle: { opacity: 0.2 },
              markLine: marks(lines) }
            : { type: 'bar', name: 'throughput', data: d.values, barMaxWidth: 14, markLine: marks(lines) }],
        } as EChartsOption,
      };
    }
    case 'histogram': {
      const d = histogramData(r);
      return {
        points: d.bins.length,
        option: {
          ...o,
          grid: roomForLabels(look, o),
          legend: { show: false },
          tooltip: { ...(o.tooltip as object), formatter: (x: { data: number[] }) =>
            `${x.data[1]} items took ${x.data[0]} ${unit}` },
          xAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : `cycle time (${unit})`,
            nameLocation: 'middle', nameGap: 22, splitLine: { show: false } }),
          yAxis: axis(look, { type: 'value', minInterval: 1, name: look.compact ? '' : 'items' }),
          series: [{ type: 'bar', name: 'items', data: d.bins.map(b => [b.days, b.items]), barMaxWidth: 18,
            barCategoryGap: '10%', markLine: marks(d.percentiles.map((l, k) => vLine(look, l.value, look.compact
              ? l.label : `${l.label} ${days(l.value)}`, percentileColor(p, l.label), k))) }],
        } as EChartsOption,
      };
    }
    case 'efficiency': {
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
    }
    case 'types': {
      const d = typesData(r);
      return horizontalBars(look, o, d.map(t => t.type), d.map(t => t.count), 'items finished', p.series[0]);
    }
    case 'forecast-when':
    case 'forecast-how-many': {
      const when = kind === 'forecast-when';
      const d = when ? forecastWhenData(r) : forecastHowManyData(r);
      const asOfDate = r.asOf.slice(0, 10);
      const markAt = (value: number, label: string, k: number) => vLine(look, when
        ? d.bars.find(b => b.value === value)?.label ?? value : value, label, percentileColor(p, label), k);
      return {
        points: d.bars.length,
        option: {
          ...o,
          grid: roomForLabels(look, o),
          legend: { show: false },
          tooltip: { ...(o.tooltip as object), formatter: (x: { data: unknown[] }) => when
            ? `${x.data[1]} trials finished on ${x.data[0]}` : `${x.data[1]} trials finished ${x.data[0]} items` },
          // Completion dates are dates: the time axis labels them "5 Apr", not as bare day numbers.
          xAxis: when ? timeAxis(look, { min: asOfDate }) : axis(look,
            { type: 'value', scale: true, minInterval: 1, name: look.compact ? '' : 'items finished', nameLocation: 'middle',
              nameGap: 22, splitLine: { show: false } }),
          yAxis: axis(look, { type: 'value', name: look.compact ? '' : 'trials' }),
          series: [{ type: 'bar', name: 'trials', barMaxWidth: 16, itemStyle: { color: p.series[when ? 3 : 4] },
            data: d.bars.map(b => [when ? b.label : b.value, b.trials]),
            markLine: marks(d.marks.map((m, k) => markAt(m.value, m.label, k))) }],
        } as EChartsOption,
      };
    }
    case 'quality': {
      const d = qualityData(r);
      return horizontalBars(look, o, d.counts.map(c => c.name), d.counts.map(c => c.items), 'items', p.series[2]);
    }
    default:
      throw new Error(`no chart option for '${kind}'`);
  }
}
