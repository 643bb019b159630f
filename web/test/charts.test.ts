import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartOption, escapeHtml, palette } from '../src/charts';
import { CHART_KINDS } from '../src/charts/registry';
import { parseReport } from '../src/query';
import type { Report } from '../src/types';

const report: Report = parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures',
  'example-report.json'), 'utf8')));

type Series = { type: string, name?: string, data: unknown[], markLine?: { data: { yAxis?: number, xAxis?: unknown }[] },
  markArea?: { data: unknown[] } };
const series = (o: unknown) => (o as { series: Series[] }).series;

test('every kind has data points and series with data, light and dark, full and compact', () => {
  for (const kind of CHART_KINDS) {
    for (const theme of ['light', 'dark'] as const) {
      for (const compact of [false, true]) {
        const { option, points } = chartOption(kind, report, { theme, compact });
        assert.ok(points > 0, `${kind} ${theme} ${compact}`);
        assert.ok(series(option).some(s => s.data.length > 0), kind);
      }
    }
  }
});

test('compact charts hide the legend and axis names', () => {
  const { option } = chartOption('scatter', report, { theme: 'light', compact: true });
  assert.equal((option as { legend: { show: boolean } }).legend.show, false);
  assert.equal((option as { yAxis: { name: string } }).yAxis.name, '');
});

test('scatter: one series per type, a point carries finish date, cycle time and id; lines at percentiles and SLE', () => {
  const { option } = chartOption('scatter', report, { theme: 'light', compact: false });
  const s = series(option);
  const types = new Set(report.byType!.map(t => t.type));
  assert.deepEqual(new Set(s.filter(x => x.type === 'scatter').map(x => x.name)), types);
  const point = s[0].data[0] as unknown[];
  const item = report.items.find(i => i.id === point[2])!;
  assert.deepEqual(point.slice(0, 2), [item.finished, item.cycleTimeDays]);
  const lines = s.find(x => x.markLine)!.markLine!.data.map(d => d.yAxis);
  assert.deepEqual(lines, [6, 9, 13, 26, 10]);
});

test('aging: zones as mark areas per stage column, beyond-SLE items in their own series', () => {
  const { option } = chartOption('aging', report, { theme: 'dark', compact: false });
  const s = series(option);
  assert.equal(s[0].markArea!.data.length, 3 * 5);
  assert.equal(s[2].name, 'beyond SLE');
  assert.equal(s[2].data.length, report.aging!.items.filter(i => i.beyondSle).length);
});

test('tooltips escape tracker text', () => {
  assert.equal(escapeHtml('<img src=x onerror="a()">&\''), '&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;');
  const withTitle: Report = { ...report, items: report.items.map(i => ({ ...i, title: '<b>x</b>' })) };
  const { option } = chartOption('scatter', withTitle, { theme: 'light', compact: false });
  const formatter = (option as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter;
  const html = formatter({ data: series(option)[0].data[0] });
  assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;') && !html.includes('<b>x</b>'));
});

test('the palettes differ by theme', () => {
  assert.notEqual(palette('light').text, palette('dark').text);
});

/** The x-axis labels ECharts draws for an option (server-side SVG rendering, the real layout code). */
function xAxisLabels(option: unknown, width = 330, height = 330): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const echarts = require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as never);
    const svg = chart.renderToSVGString();
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(m => m[1]);
    return texts;
  } finally {
    chart.dispose();
  }
}

test('forecast "when": the date axis is labelled with dates, never bare day numbers, in both sizes', () => {
  // Five items finished in 2 to 9 days: a short range, where a plain time axis labels days as "2 3 4 5".
  const when = { ...report.forecast!.when!, distribution: [2, 3, 4, 5, 6, 7, 8, 9].map(value => ({ value, trials: 10 })),
    percentiles: { '50': 5, '85': 8 }, dates: { '50': '2024-04-05', '85': '2024-04-08' } };
  const short: Report = { ...report, forecast: { ...report.forecast, when } };
  for (const compact of [false, true]) {
    const { option } = chartOption('forecast-when', short, { theme: 'light', compact });
    // Only the x axis speaks: no y-axis labels, no line labels.
    const o = option as { yAxis: object, series: Series[] };
    const xOnly = { ...o, yAxis: { ...o.yAxis, name: '', axisLabel: { show: false } }, series: o.series.map(s => ({ ...s, markLine: undefined })) };
    const labels = xAxisLabels(xOnly, compact ? 330 : 700, compact ? 330 : 400).filter(t => t.trim() !== '');
    assert.ok(labels.length >= 2, `axis labels found: ${labels.join(' | ')}`);
    for (const label of labels) {
      assert.match(label, /^(\d{1,2} )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$|^\d{4}$/,
        `a date axis label that does not read as a date: ${labels.join(' | ')}`);
    }
  }
});
