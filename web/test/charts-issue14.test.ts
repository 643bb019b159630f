import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartOption, palette } from '../src/charts';
import { duration } from '../src/charts/chart';
import { CHART_KINDS, CHART_MODULES, CHART_TITLES, chartModule } from '../src/charts/registry';
import { stageBreakdownData } from '../src/charts/stageBreakdown';
import { countPerValue, dailyThroughputBins, weeklyThroughputBins } from '../src/charts/throughputHistogram';
import { weeklyData } from '../src/charts/weekly';
import { parseReport } from '../src/query';
import { emptyState } from '../src/states';
import type { ChartKind, Report } from '../src/types';

// Engine-made reports (test/fixtures/README.md): generated demo data with blocked periods, 2024-01-10..02-18
// (Wednesday to Sunday: the first week partial), and the example history's 2024-01-01..03 window (nothing finished).
const fixture = (name: string): Report =>
  parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), 'utf8')));
const generated = fixture('generated-report.json');
const emptyWindow = fixture('empty-window-report.json');
const NEW_KINDS: ChartKind[] = ['stage-breakdown', 'weekly-throughput', 'throughput-histogram',
  'throughput-histogram-weekly'];

/** The report as an engine before issue 14 wrote it. */
function older(r: Report): Report {
  const { stageBreakdown: _s, weekly: _w, blocked: _b, ...rest } = r;
  return { ...rest, items: r.items.map(({ blockedSeconds: _x, blockedNow: _y, ...i }) => i) } as Report;
}

type Series = { type: string, name?: string, data: unknown[] };
const series = (o: unknown) => (o as { series: Series[] }).series;

test('the new kinds are registered, titled as their modules say, and drawn in both themes and sizes', () => {
  for (const kind of NEW_KINDS) {
    assert.ok(CHART_KINDS.includes(kind), kind);
    assert.equal(CHART_TITLES[kind], chartModule(kind)!.title);
    assert.equal(emptyState(generated, kind), null, kind);
    for (const theme of ['light', 'dark'] as const) {
      for (const compact of [false, true]) {
        const { option, points } = chartOption(kind, generated, { theme, compact });
        assert.ok(points > 0, `${kind} ${theme} ${compact}`);
        assert.ok(series(option).some(s => s.data.length > 0), kind);
      }
    }
    assert.ok(chartModule(kind)!.summary(generated, 1, 'calendar').length > 20, kind);
  }
  assert.equal(chartModule('no-such-chart' as ChartKind), null);
});

test('every kind is one module in the registry: CHART_KINDS keeps the dashboard order, CHART_TITLES the titles', () => {
  assert.deepEqual(CHART_KINDS, ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'arrivals', 'histogram', 'efficiency',
    'types', 'forecast-when', 'forecast-how-many', 'quality', 'stage-breakdown', 'weekly-throughput',
    'throughput-histogram', 'throughput-histogram-weekly']);
  assert.deepEqual(CHART_MODULES.map(m => m.kind), CHART_KINDS);
  for (const kind of CHART_KINDS) {
    assert.equal(chartModule(kind)!.kind, kind);
  }
  assert.deepEqual(CHART_TITLES, {
    scatter: 'Cycle time scatterplot', aging: 'Aging work in progress', cfd: 'Cumulative flow', throughput: 'Throughput',
    wip: 'Work in progress', arrivals: 'Arrivals vs departures', histogram: 'Cycle time histogram',
    efficiency: 'Flow efficiency', types: 'Finished items by type', 'forecast-when': 'Forecast: when will N items be done?',
    'forecast-how-many': 'Forecast: how many items in N days?', quality: 'Data quality',
    'stage-breakdown': 'Where the time goes', 'weekly-throughput': 'Weekly throughput',
    'throughput-histogram': 'Throughput histogram (days)', 'throughput-histogram-weekly': 'Throughput histogram (weeks)',
  });
  assert.ok(Object.isFrozen(CHART_KINDS) && Object.isFrozen(CHART_TITLES));
});

test('where the time goes: stages finished items spent time in, workflow order, the largest share marked', () => {
  const rows = stageBreakdownData(generated);
  // Backlog and Selected: no finished item spent time there between start and finish.
  assert.deepEqual(rows.map(r => r.stage), ['In Progress', 'Review', 'Testing', 'Done']);
  assert.deepEqual(rows.map(r => r.largest), [true, false, false, false]);
  const inProgress = generated.stageBreakdown!.find(s => s.stage === 'In Progress')!;
  assert.equal(rows[0].share, inProgress.share);
  assert.deepEqual(rows[0].percentiles.map(p => p.label), ['50%', '70%', '85%', '95%']);
  assert.equal(rows[0].percentiles[2].seconds, inProgress.percentiles['85']);

  const { option } = chartOption('stage-breakdown', generated, { theme: 'dark', compact: false });
  const bars = series(option)[0].data as { value: number, itemStyle: { color: string } }[];
  // Bottom to top: the first stage is drawn at the top.
  assert.deepEqual(bars.map(b => b.value), [...rows].reverse().map(r => Math.round(r.share * 1000) / 10));
  assert.equal(bars[bars.length - 1].itemStyle.color, palette('dark').beyond);
  assert.equal(bars[0].itemStyle.color, palette('dark').series[0]);
  const tooltip = (option as { tooltip: { formatter: (x: unknown) => string } }).tooltip.formatter;
  const text = tooltip({ dataIndex: bars.length - 1 });
  assert.match(text, /In Progress<\/b>: 62\.9% of the cycle time/);
  assert.match(text, new RegExp(`${inProgress.items} of ${generated.cycleTime.count} finished items`));
});

test('where the time goes escapes stage names in the tooltip', () => {
  const r: Report = { ...generated, stageBreakdown: generated.stageBreakdown!.map(s => ({ ...s, stage: `<i>${s.stage}` })) };
  const { option } = chartOption('stage-breakdown', r, { theme: 'light', compact: true });
  const html = (option as { tooltip: { formatter: (x: unknown) => string } }).tooltip.formatter({ dataIndex: 0 });
  assert.ok(html.includes('&lt;i&gt;') && !html.includes('<i>'));
});

test('durations: hours under two days, days above', () => {
  assert.equal(duration(6 * 3600), '6 h');
  assert.equal(duration(5400), '1.5 h');
  assert.equal(duration(30 * 3600), '30 h');
  assert.equal(duration(2.5 * 86_400), '2.5 d');
  assert.equal(duration(12 * 86_400), '12 d');
});

test('weekly throughput: one bar per week, partial weeks faded, mean over full weeks only', () => {
  const d = weeklyData(generated);
  assert.deepEqual(d.weeks.map(w => [w.weekStart, w.days, w.partial, w.throughput]), [
    ['2024-01-08', 5, true, 5], ['2024-01-15', 7, false, 4], ['2024-01-22', 7, false, 16], ['2024-01-29', 7, false, 9],
    ['2024-02-05', 7, false, 15], ['2024-02-12', 7, false, 14]]);
  assert.equal(d.weeks[0].label, '8 Jan');
  assert.equal(d.meanFullWeek, (4 + 16 + 9 + 15 + 14) / 5);
  const { option, points } = chartOption('weekly-throughput', generated, { theme: 'light', compact: false });
  assert.equal(points, 6);
  const bars = series(option)[0].data as { value: number, itemStyle?: { opacity: number } }[];
  assert.deepEqual(bars.map(b => b.value), [5, 4, 16, 9, 15, 14]);
  assert.equal(bars[0].itemStyle!.opacity, 0.4);
  assert.equal(bars[1].itemStyle, undefined);
  assert.deepEqual(series(option).map(s => s.name), ['throughput', 'arrivals', 'WIP']);
});

test('throughput histograms: days per number of items, full weeks only for the weekly one', () => {
  assert.deepEqual(countPerValue([2, 0, 2, 3]), [{ items: 0, count: 1 }, { items: 1, count: 0 }, { items: 2, count: 2 },
    { items: 3, count: 1 }]);
  assert.deepEqual(countPerValue([]), []);
  assert.deepEqual(countPerValue([7, 5, 7]), [{ items: 5, count: 1 }, { items: 6, count: 0 }, { items: 7, count: 2 }]);
  const days = dailyThroughputBins(generated);
  assert.equal(days.samples, 40);
  assert.deepEqual(days.bins.map(b => b.count), [12, 9, 10, 5, 1, 3]);
  const weeks = weeklyThroughputBins(generated);
  assert.equal(weeks.samples, 5);
  assert.equal(weeks.left, 1);
  assert.equal(weeks.bins.length, 13);
  assert.equal(weeks.bins[0].items, 4);
  assert.deepEqual(weeks.bins.filter(b => b.count > 0).map(b => b.items), [4, 9, 14, 15, 16]);
  const { option } = chartOption('throughput-histogram', generated, { theme: 'light', compact: false });
  assert.deepEqual(series(option)[0].data[0], [0, 12]);
  // Labels on the bars' values: the axis itself runs from -0.5 to 5.5.
  const x = (o: unknown) => (o as { xAxis: { min: number, max: number, axisLabel: { customValues: number[] } } }).xAxis;
  assert.deepEqual([x(option).min, x(option).max], [-0.5, 5.5]);
  assert.deepEqual(x(option).axisLabel.customValues, [0, 1, 2, 3, 4, 5]);
  const weekly = chartOption('throughput-histogram-weekly', generated, { theme: 'light', compact: true }).option;
  assert.deepEqual(x(weekly).axisLabel.customValues, [4, 7, 10, 13, 16]);
  const tooltip = (option as { tooltip: { formatter: (x: unknown) => string } }).tooltip.formatter;
  assert.equal(tooltip({ data: [1, 9] }), '9 of 40 days delivered 1 item');
  assert.match(chartModule('throughput-histogram')!.summary(generated, 6, 'calendar'), /; 12 days delivered none, the best day 5$/);
  assert.match(chartModule('throughput-histogram-weekly')!.summary(generated, 13, 'calendar'),
    /each of 5 full weeks delivered \(1 partial week left out\); the slowest week 4, the best 16$/);
});

test('empty states: nothing finished, no full week, reports of older engines', () => {
  for (const kind of ['stage-breakdown', 'throughput-histogram'] as ChartKind[]) {
    assert.equal(emptyState(emptyWindow, kind)?.message, 'No item finished in this window.', kind);
  }
  assert.equal(emptyState(emptyWindow, 'throughput-histogram-weekly')?.message,
    'No full week (Monday to Sunday) lies inside this window.');
  assert.equal(emptyState(emptyWindow, 'weekly-throughput')?.message, 'No item was in the workflow in this window.');
  const old = older(generated);
  for (const kind of ['stage-breakdown', 'weekly-throughput', 'throughput-histogram-weekly'] as ChartKind[]) {
    assert.match(emptyState(old, kind)!.message, /older than this dashboard/, kind);
  }
  // The daily histogram needs only daily[], which every report has.
  assert.equal(emptyState(old, 'throughput-histogram'), null);
});

test('only the forecasts have a table under the chart: their confidence table, as the dashboard draws it', () => {
  assert.deepEqual(CHART_KINDS.filter(k => chartModule(k)!.table), ['forecast-when', 'forecast-how-many']);
  const report = parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures',
    'example-report.json'), 'utf8')));
  const when = chartModule('forecast-when')!.table!(report, 'calendar');
  const dates = report.forecast!.when!.dates!;
  assert.deepEqual(when.header, ['confidence', 'done by']);
  assert.deepEqual(when.rows.map(r => r.label), ['50%', '70%', '85%', '95%']);
  assert.deepEqual(when.rows[2], { label: '85%', value: `${dates['85']} (${report.forecast!.when!.percentiles!['85']} days)`,
    short: dates['85'] });
  assert.match(when.caption, /^Confidence \(\d+ items, 10000 trials/);
  const howMany = chartModule('forecast-how-many')!.table!(report, 'working');
  assert.deepEqual(howMany.header, ['confidence', 'items done']);
  assert.equal(howMany.rows[0].value, `${report.forecast!.howMany!.percentiles!['50']} items or more`);
  assert.match(howMany.caption, /^Confidence \(next 14 days, .*, drawn from working days\)$/);
});
