import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartOption } from '../src/charts';
import { forecastHowManyData, forecastWhenData } from '../src/charts/forecast';
import { histogramData } from '../src/charts/histogram';
import { dailyThroughputBins } from '../src/charts/throughputHistogram';
import { chartModule } from '../src/charts/registry';
import { scatterData } from '../src/charts/scatter';
import { csvRecords, itemRows } from '../src/items';
import { parseReport } from '../src/query';
import { emptyState } from '../src/states';
import type { Report } from '../src/types';
import { calendarText, countedIn, hasCalendar, inWorkingDays, reportFor, workingDaysNote } from '../src/workingDays';

// Engine-made reports (test/fixtures/README.md): generated data with the calendar Monday to Friday and the holiday
// 2024-01-15 (window 2024-01-10..02-18, 63 items finished), and the example history without a calendar.
const fixture = (name: string): Report =>
  parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), 'utf8')));
const withCalendar = fixture('generated-report.json');
const without = fixture('example-report.json');

type Series = { type: string, name?: string, data: unknown[], markLine?: { data: { yAxis?: number, xAxis?: unknown,
  name: string }[] } };
const series = (o: unknown) => (o as { series: Series[] }).series;

test('working days are offered only for a report computed with a calendar', () => {
  assert.equal(hasCalendar(withCalendar), true);
  assert.equal(hasCalendar(without), false);
  assert.equal(hasCalendar(null), false);
  assert.equal(countedIn(withCalendar, 'working'), 'working');
  assert.equal(countedIn(withCalendar, 'calendar'), 'calendar');
  // Chosen, but the project has no calendar: calendar days, and the report is drawn as it is.
  assert.equal(countedIn(without, 'working'), 'calendar');
  assert.equal(reportFor(without, 'working'), without);
  assert.equal(reportFor(withCalendar, 'calendar'), withCalendar);
});

test('the calendar in a few words', () => {
  assert.equal(calendarText(withCalendar), 'Mon–Fri, 1 holiday');
  const other = { ...withCalendar, calendar: { workingDays: ['MONDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SUNDAY'],
    holidays: ['2024-01-01', '2024-12-25'] } };
  assert.equal(calendarText(other), 'Mon, Wed–Fri, Sun, 2 holidays');
  assert.equal(calendarText({ ...withCalendar, calendar: { workingDays: ['TUESDAY', 'WEDNESDAY'], holidays: [] } }),
    'Tue, Wed');
});

test('the working-day view: cycle times, ages, percentiles and forecasts are the engine\'s working-day figures', () => {
  const w = inWorkingDays(withCalendar);
  const item = (r: Report, id: string) => r.items.find(i => i.id === id)!;
  // GEN-1 took 6 calendar days, 4 of them working days; GEN-40 (in progress) is 13 days old, 9 working days.
  assert.equal(item(withCalendar, 'GEN-1').cycleTimeDays, 6);
  assert.equal(item(w, 'GEN-1').cycleTimeDays, 4);
  assert.equal(item(w, 'GEN-40').ageDays, 9);
  assert.deepEqual(w.cycleTime.percentiles, { '50': 3, '70': 4, '85': 6, '95': 9 });
  assert.equal(w.cycleTime.count, 63);
  assert.equal(w.aging!.items.find(a => a.id === 'GEN-40')!.ageDays, 9);
  // Pace zones and the SLE are calendar days: left out of the working-day view, not mixed in.
  assert.deepEqual(w.aging!.pace, []);
  assert.equal(w.sle, undefined);
  assert.deepEqual(w.forecast!.when!.percentiles, { '50': 8, '70': 9, '85': 10, '95': 12 });
  assert.deepEqual(w.forecast!.howMany!.percentiles, { '50': 17, '70': 15, '85': 13, '95': 10 });
  // The report itself is untouched (the dashboard switches back without asking the backend again).
  assert.equal(item(withCalendar, 'GEN-1').cycleTimeDays, 6);
  assert.deepEqual(withCalendar.cycleTime.percentiles, { '50': 4, '70': 6, '85': 8, '95': 13 });
});

test('the scatterplot plots working days and draws the working-day percentiles, named so', () => {
  const calendarOption = chartOption('scatter', withCalendar, { theme: 'light', compact: false }).option;
  const working = reportFor(withCalendar, 'working');
  const { option, points } = chartOption('scatter', working, { theme: 'light', compact: false, days: 'working' });
  assert.equal(points, 63);
  const point = (o: unknown) => series(o).flatMap(s => s.data as unknown[][]).find(d => d[2] === 'GEN-1')!;
  assert.equal(point(calendarOption)[1], 6);
  assert.equal(point(option)[1], 4);
  const lines = (o: unknown) => series(o).find(s => s.name === 'percentiles')!.markLine!.data.map(l => l.yAxis);
  assert.deepEqual(lines(calendarOption), [4, 6, 8, 13]);
  assert.deepEqual(lines(option), [3, 4, 6, 9]);
  assert.equal((option as { yAxis: { name: string } }).yAxis.name, 'cycle time (working days)');
  assert.equal((calendarOption as { yAxis: { name: string } }).yAxis.name, 'cycle time (days)');
  assert.deepEqual(scatterData(working).percentiles.map(p => p.value), [3, 4, 6, 9]);
});

test('the aging chart and the cycle-time histogram count working days', () => {
  const working = reportFor(withCalendar, 'working');
  const aging = chartOption('aging', working, { theme: 'dark', compact: true, days: 'working' }).option;
  const gen40 = series(aging).flatMap(s => s.data as unknown[][]).find(d => d[2] === 'GEN-40')!;
  assert.equal(gen40[1], 9);
  // No SLE in working days: the legend names the items in progress, not "within SLE".
  assert.deepEqual((aging as { legend: { show: boolean } }).legend, { show: false });
  const full = chartOption('aging', working, { theme: 'light', compact: false, days: 'working' }).option as {
    legend: { data: string[] } };
  assert.equal(full.legend.data[0], 'in progress');
  assert.ok(!full.legend.data.includes('beyond SLE'));
  assert.equal((chartOption('aging', withCalendar, { theme: 'light', compact: false }).option as {
    legend: { data: string[] } }).legend.data[0], 'within SLE');
  assert.equal(emptyState(working, 'aging'), null);
  const bins = (r: Report) => histogramData(r).bins;
  const total = (r: Report) => bins(r).reduce((n, b) => n + b.items, 0);
  assert.equal(total(working), 63);
  assert.equal(total(withCalendar), 63);
  // 20 calendar days is the longest cycle time; in working days it is shorter.
  assert.equal(bins(withCalendar).at(-1)!.days, 20);
  assert.ok(bins(working).at(-1)!.days < 20);
  const n1 = (r: Report) => bins(r).find(b => b.days === 1)?.items ?? 0;
  assert.equal(n1(working), working.items.filter(i => i.finished && i.finished >= working.from
    && i.finished <= working.to && i.cycleTimeDays === 1).length);
});

test('the forecasts in working days: drawn from working days, dates after asOf', () => {
  const working = reportFor(withCalendar, 'working');
  const when = forecastWhenData(working, 'working');
  assert.match(when.caption, /, drawn from working days$/);
  assert.equal(when.table.find(t => t.confidence === '85%')!.value.endsWith('(10 days)'), true);
  assert.equal(forecastWhenData(withCalendar).table.find(t => t.confidence === '85%')!.value.endsWith('(9 days)'), true);
  const howMany = forecastHowManyData(working, 'working');
  assert.equal(howMany.table.find(t => t.confidence === '85%')!.value, '13 items or more');
  assert.equal(forecastHowManyData(withCalendar).table.find(t => t.confidence === '85%')!.value, '16 items or more');
});

test('the items table and its CSV say working days when they count them', () => {
  const working = reportFor(withCalendar, 'working');
  const rows = itemRows(working, 'finished', 'id', false);
  const csv = csvRecords(rows, 'working');
  assert.deepEqual(csv[0].slice(6, 8), ['Cycle time (working days)', 'Age (working days)']);
  const gen1 = csv.find(r => r[0] === 'GEN-1')!;
  assert.equal(gen1[6], 4);
  assert.deepEqual(csvRecords(itemRows(withCalendar, 'finished', 'id', false))[0].slice(6, 8),
    ['Cycle time (days)', 'Age (days)']);
  assert.equal(csvRecords(itemRows(withCalendar, 'finished', 'id', false)).find(r => r[0] === 'GEN-1')![6], 6);
});

test('in working days the daily throughput histogram counts the working dates only (the working-day forecasts\' samples)', () => {
  // Window 2024-01-10 (Wed) .. 2024-02-18 (Sun), Monday to Friday, holiday Monday 2024-01-15: by hand, 3 + 4 + 5 + 5
  // + 5 + 5 = 27 working dates of 40.
  const calendarDays = dailyThroughputBins(withCalendar, 'calendar');
  const working = dailyThroughputBins(withCalendar, 'working');
  assert.equal(calendarDays.samples, 40);
  assert.equal(working.samples, 27);
  assert.equal(working.bins.reduce((n, b) => n + b.count, 0), 27);
  const offDays = withCalendar.daily.filter(d => [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay())
    || d.date === '2024-01-15');
  assert.equal(offDays.length, 13);
  const delivered = (b: { bins: { items: number, count: number }[] }) => b.bins.reduce((n, x) => n + x.items * x.count, 0);
  assert.equal(delivered(working), delivered(calendarDays) - offDays.reduce((n, d) => n + d.throughput, 0));
  // A report without a calendar counts every day whatever was chosen.
  assert.equal(dailyThroughputBins(without, 'working').samples, without.daily.length);
  // As the chart view draws it: the working-day view of the report (reportFor), which keeps the calendar.
  const view = reportFor(withCalendar, 'working');
  assert.equal(dailyThroughputBins(view, 'working').samples, 27);
  const { option } = chartOption('throughput-histogram', view, { theme: 'light', compact: false, days: 'working' });
  const tooltip = (option as { tooltip: { formatter: (x: unknown) => string } }).tooltip.formatter;
  assert.match(tooltip({ data: [1, 9] }), /^9 of 27 working days delivered 1 item$/);
  assert.match(chartModule('throughput-histogram')!.summary(view, 6, 'working'), /each of 27 working days delivered/);
});

test('a single chart says when working days were chosen but the project has no calendar', () => {
  assert.match(workingDaysNote(without, 'working')!, /^Counting calendar days: working days were chosen, but the project has no working calendar/);
  assert.equal(workingDaysNote(without, 'calendar'), null);
  assert.equal(workingDaysNote(without, undefined), null);
  assert.equal(workingDaysNote(withCalendar, 'working'), null);
});
