/*
 * The charts' shared look: palettes per theme, axes, marked lines and the base option every chart starts from.
 * Pure: no DOM. Theme and size only change colours, fonts and how much decoration fits; the data are the same.
 */
import type { EChartsOption } from 'echarts';
import { shortDate } from '../format';
import type { DayCount } from '../types';

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
export function vLine(look: Look, value: number | string, label: string, color: string, k = 0): Record<string, unknown> {
  const row = look.compact ? 10 : 13;
  return {
    xAxis: value, name: label,
    lineStyle: { color, type: 'dashed', width: 1.5 },
    label: { formatter: label, color, position: 'end', distance: [0, 4 + k * row], fontSize: look.compact ? 9 : 11 },
  };
}

/** Room above the plot for up to four stacked line labels. */
export function roomForLabels(look: Look, o: Record<string, unknown>): Record<string, unknown> {
  return { ...(o.grid as object), top: look.compact ? 46 : 62 };
}

/** Dates on a time axis: month names, and the day only where there is room. */
export function timeAxis(look: Look, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const a = axis(look, { type: 'time', splitLine: { show: false }, splitNumber: look.compact ? 3 : 6, ...extra });
  a.axisLabel = { ...(a.axisLabel as object), formatter: { year: '{yyyy}', month: '{MMM}',
    day: '{d} {MMM}' } };
  return a;
}

/** Days as categories (one per report day), labelled "5 Mar". */
export function dateCategoryAxis(look: Look, dates: string[], gap: boolean): Record<string, unknown> {
  const a = axis(look, { type: 'category', data: dates, boundaryGap: gap, splitLine: { show: false } });
  a.axisLabel = { ...(a.axisLabel as object), formatter: (v: string) => shortDate(v) };
  return a;
}

export function atStart(line: Record<string, unknown>): Record<string, unknown> {
  return { ...line, label: { ...(line.label as object), position: 'insideStartTop' } };
}

export function marks(data: Record<string, unknown>[]): Record<string, unknown> {
  return { silent: true, symbol: 'none', data };
}

/** One bar per name, top to bottom in the given order, each labelled with its value. */
export function horizontalBars(look: Look, o: Record<string, unknown>, names: string[], values: number[], valueName: string,
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
