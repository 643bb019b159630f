import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addDays, agingData, CHART_KINDS, CHART_TITLES, cfdData, csvRecords, dailyData, DEFAULT_CONTROLS, efficiencyData,
  busyRetrySeconds, busyState, emptyState, errorState, explainItem, finishedInWindow, forecastHowManyData, forecastWhenData, histogramData,
  isIsoDate, itemRows, knownTypes, normalizeControls, parseReport, percentileLines, qualityData, reportQuery,
  scatterData, shortDate, typesData, windowDates,
} from '../src/shape';
import type { Report } from '../src/types';

// Reports made by the real engine (see test/fixtures/README.md for the commands): the example history as of
// 2024-03-31 with an SLE and forecasts, the same window under start policy "last", and 2024-01-01..03 (nothing
// finished).
const fixture = (name: string): Report =>
  parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), 'utf8')));
const report = fixture('example-report.json');
const emptyWindow = fixture('empty-window-report.json');

test('every chart kind has a title and the list is the contract order', () => {
  assert.deepEqual([...CHART_KINDS], ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'arrivals', 'histogram',
    'efficiency', 'types', 'forecast-when', 'forecast-how-many', 'quality', 'stage-breakdown', 'weekly-throughput',
    'throughput-histogram', 'throughput-histogram-weekly']);
  for (const k of CHART_KINDS) {
    assert.ok(CHART_TITLES[k].length > 3, k);
  }
});

test('dates: validity and calendar arithmetic across month, year and leap day', () => {
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2023-02-29'));
  assert.ok(!isIsoDate('2024-2-1'));
  assert.ok(!isIsoDate(20240201));
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('2023-12-31', 1), '2024-01-01');
  assert.equal(addDays('2024-03-31', -89), '2024-01-02');
});

test('saved controls: valid members kept, invalid ones replaced by the defaults', () => {
  assert.deepEqual(normalizeControls(null), DEFAULT_CONTROLS);
  assert.deepEqual(normalizeControls({ window: { kind: 'last', days: 30 }, types: ['Bug', 'Bug', 'Story'],
    startPolicy: 'last', forecastDays: 10, forecastItems: 5, days: 'working' }),
  { window: { kind: 'last', days: 30 }, types: ['Bug', 'Story'], startPolicy: 'last', forecastDays: 10, forecastItems: 5,
    days: 'working' });
  const bad = normalizeControls({ window: { kind: 'last', days: 45 }, types: 'Bug', startPolicy: 'middle',
    forecastDays: 0, forecastItems: 2.5, days: 'weekdays' });
  assert.deepEqual(bad, DEFAULT_CONTROLS);
  assert.deepEqual(normalizeControls({ window: { kind: 'custom', from: '2024-03-01', to: '2024-02-01' } }).window,
    DEFAULT_CONTROLS.window, 'a window that ends before it starts is refused');
  assert.deepEqual(normalizeControls({ window: { kind: 'custom', from: '2024-01-01', to: '2024-02-01' } }).window,
    { kind: 'custom', from: '2024-01-01', to: '2024-02-01' });
  assert.equal(normalizeControls({ startPolicy: null }, { ...DEFAULT_CONTROLS, startPolicy: 'first' }).startPolicy, null);
});

test('window and backend query: "last N days" ends today; a past custom window is reported as of its last day', () => {
  const c = normalizeControls({ window: { kind: 'last', days: 30 } });
  assert.deepEqual(windowDates(c, '2024-03-31'), { from: '2024-03-02', to: '2024-03-31' });
  assert.deepEqual(reportQuery(c, '2024-03-31', 'Europe/Berlin'),
    { from: '2024-03-02', to: '2024-03-31', timeZone: 'Europe/Berlin', forecastDays: 30, forecastItems: 20 });
  const custom = normalizeControls({ window: { kind: 'custom', from: '2024-01-01', to: '2024-01-31' }, types: ['Bug'],
    startPolicy: 'first' });
  assert.deepEqual(reportQuery(custom, '2024-03-31', 'UTC'), { from: '2024-01-01', to: '2024-01-31', timeZone: 'UTC',
    asOf: '2024-01-31', types: ['Bug'], startPolicy: 'first', forecastDays: 30, forecastItems: 20 });
});

test('parseReport refuses what is not a flowtrack-report/1', () => {
  assert.throws(() => parseReport({ format: 'flowtrack-history/1' }), /flowtrack-report\/1/);
  assert.throws(() => parseReport(null), /flowtrack-report\/1/);
  assert.throws(() => parseReport({ format: 'flowtrack-report/1', stages: [] }), /lacks/);
});

test('host errors become the contract\'s empty states; others show their message', () => {
  assert.match(errorState({ status: 404, code: 'organization_not_connected', message: 'x' }).action!, /connect/i);
  assert.equal(errorState({ status: 404, code: 'organization_not_connected', message: 'x' }).state, 'empty');
  assert.match(errorState({ status: 409, code: 'not_synced', message: 'x' }).action!, /first sync/);
  assert.match(errorState({ status: 409, code: 'configuration_invalid', message: 'stage X' }).action!, /Map your statuses/);
  assert.deepEqual(errorState({ status: 403, code: 'forbidden', message: 'not a member' }),
    { state: 'error', message: 'not a member' });
  assert.equal(errorState(new Error('network down')).message, 'network down');
});

test('empty states: nothing finished in the window, no forecast, no mapped stages', () => {
  for (const kind of ['scatter', 'histogram', 'types', 'throughput', 'efficiency'] as const) {
    assert.equal(emptyState(emptyWindow, kind)?.message, 'No item finished in this window.', kind);
  }
  assert.match(emptyState(emptyWindow, 'forecast-when')!.message, /no item finished on any of the 3 days/);
  assert.match(emptyState(emptyWindow, 'forecast-how-many')!.message, /^No forecast/);
  assert.equal(emptyState(emptyWindow, 'aging')?.message, 'No item is in progress right now.');
  assert.match(emptyState(emptyWindow, 'quality')!.message, /No data-quality findings/);
  const unmapped: Report = { ...report, workflow: report.workflow!.map(w => ({ ...w,
    category: w.category === 'active' || w.category === 'waiting' ? 'proposed' as const : w.category })) };
  assert.match(emptyState(unmapped, 'cfd')!.action!, /Map your statuses/);
  for (const kind of CHART_KINDS) {
    assert.equal(emptyState(report, kind), null, kind);
  }
  assert.equal(emptyState({ ...report, forecast: undefined }, 'forecast-when')?.message, 'No forecast was asked for.');
});

test('scatter: one point per item finished in the window, in finish order, with percentile and SLE lines', () => {
  const d = scatterData(report);
  assert.equal(d.points.length, report.cycleTime.count);
  const sorted = [...d.points].sort((a, b) => a.finished.localeCompare(b.finished));
  assert.deepEqual(d.points, sorted);
  const first = d.points[0];
  const item = report.items.find(i => i.id === first.id)!;
  assert.equal(first.cycleTimeDays, item.cycleTimeDays);
  assert.equal(first.type, item.type);
  assert.deepEqual(d.percentiles.map(p => p.label), ['50%', '70%', '85%', '95%']);
  assert.deepEqual(d.percentiles.map(p => p.value), [50, 70, 85, 95].map(k => report.cycleTime.percentiles[k]));
  assert.deepEqual(d.sle, { days: 10, label: 'SLE 10 d' });
  assert.equal(scatterData({ ...report, sle: undefined }).sle, null);
});

test('finishedInWindow leaves out items finished outside the window', () => {
  const narrowed = { ...report, from: '2024-03-01' };
  assert.ok(finishedInWindow(narrowed).every(i => i.finished! >= '2024-03-01'));
  assert.ok(finishedInWindow(narrowed).length < finishedInWindow(report).length);
});

test('percentile lines are ordered numerically and skip nulls', () => {
  assert.deepEqual(percentileLines({ '95': 9, '5': 1, '50': null }).map(p => p.key), ['5', '95']);
});

test('aging: columns in workflow order, every item placed once in its stage, zones from the pace percentiles', () => {
  const d = agingData(report);
  const order = report.stages.filter(s => d.stages.includes(s));
  assert.deepEqual(d.stages, order);
  assert.equal(d.points.length, report.aging!.items.length);
  for (const p of d.points) {
    assert.equal(d.stages[p.column], p.stage);
    assert.ok(p.offset >= -0.35 && p.offset <= 0.35);
  }
  const beyond = d.points.filter(p => p.beyondSle).length;
  assert.equal(beyond, report.aging!.items.filter(i => i.beyondSle).length);
  const review = d.zones.find(z => d.stages[z.column] === 'Review')!;
  assert.deepEqual(review.bands, [
    { from: 0, to: report.aging!.pace[1].percentiles['50'], label: 'up to 50%' },
    { from: report.aging!.pace[1].percentiles['50'], to: report.aging!.pace[1].percentiles['70'], label: 'up to 70%' },
    { from: report.aging!.pace[1].percentiles['70'], to: report.aging!.pace[1].percentiles['85'], label: 'up to 85%' },
    { from: report.aging!.pace[1].percentiles['85'], to: report.aging!.pace[1].percentiles['95'], label: 'up to 95%' },
    { from: report.aging!.pace[1].percentiles['95'], to: null, label: 'beyond 95%' },
  ]);
  assert.equal(d.sleDays, 10);
});

test('CFD: the report\'s cumulative bands in stage order, removed stages left out', () => {
  const d = cfdData(report);
  assert.deepEqual(d.series.map(s => s.stage), ['Backlog', 'Selected', 'In Progress', 'Review', 'Testing', 'Done']);
  assert.equal(d.dates.length, report.daily.length);
  assert.deepEqual(d.series[2].values, report.daily.map(r => r.cfd[2]));
  assert.deepEqual(d.series.map(s => s.category), ['proposed', 'proposed', 'active', 'waiting', 'active', 'done']);
});

test('short dates for axis labels', () => {
  assert.equal(shortDate('2024-03-05'), '5 Mar');
  assert.equal(shortDate('2024-12-31'), '31 Dec');
  assert.equal(shortDate('soon'), 'soon');
});

test('daily series are the report\'s rows', () => {
  assert.deepEqual(dailyData(report, 'wip').values, report.daily.map(d => d.wip));
  assert.deepEqual(dailyData(report, 'throughput').dates, report.daily.map(d => d.date));
});

test('histogram: items per cycle time, every day from shortest to longest, totals match', () => {
  const d = histogramData(report);
  assert.equal(d.bins.reduce((n, b) => n + b.items, 0), report.cycleTime.count);
  assert.equal(d.bins[0].days, report.cycleTime.min);
  assert.equal(d.bins[d.bins.length - 1].days, report.cycleTime.max);
  assert.deepEqual(d.bins.map(b => b.days), Array.from({ length: d.bins.length }, (_, k) => d.bins[0].days + k));
  assert.deepEqual(histogramData(emptyWindow).bins, []);
});

test('efficiency: finished items with a flow efficiency, and the aggregate', () => {
  const d = efficiencyData(report);
  assert.ok(d.points.length > 0);
  assert.ok(d.points.every(p => p.efficiency >= 0 && p.efficiency <= 1));
  assert.equal(d.aggregate, report.flowEfficiency);
});

test('types: the report\'s byType', () => {
  assert.deepEqual(typesData(report), report.byType);
});

test('forecast "when": dates counted from the day after asOf, table from the report', () => {
  const d = forecastWhenData(report);
  const dist = report.forecast!.when!.distribution!;
  assert.equal(d.bars.length, dist.length);
  assert.equal(d.bars[0].label, addDays('2024-03-31', dist[0].value));
  const dates = report.forecast!.when!.dates!;
  assert.deepEqual(d.table.map(t => t.confidence), ['50%', '70%', '85%', '95%']);
  assert.equal(d.table[2].value, `${dates['85']} (${report.forecast!.when!.percentiles!['85']} days)`);
  assert.equal(d.table[2].short, dates['85']);
  // the percentile date equals asOf + its days, so the mark lands on the matching bar
  assert.equal(addDays('2024-03-31', report.forecast!.when!.percentiles!['85']!), dates['85']);
});

test('forecast "how many": distribution and "N items or more" table', () => {
  const d = forecastHowManyData(report);
  assert.equal(d.bars.length, report.forecast!.howMany!.distribution!.length);
  assert.equal(d.table[0].value, `${report.forecast!.howMany!.percentiles!['50']} items or more`);
  assert.equal(d.table[0].short, `≥ ${report.forecast!.howMany!.percentiles!['50']}`);
  assert.match(d.caption, /next 14 days/);
});

test('quality: all seven counts and the findings per item', () => {
  const d = qualityData(report);
  assert.equal(d.counts.length, 7);
  assert.equal(d.items.length, report.dataQuality!.items.length);
  assert.equal(d.items[0].findings[0].name, 'Moved backwards');
});

test('explainItem: start, finish, cycle time and time per stage from the report', () => {
  const x = explainItem(report, 'FT-5')!;
  assert.equal(x.summary, 'Started 8 Jan when it entered In Progress (policy first: its first commitment); '
    + 'finished 12 Jan entering Done; 5 days');
  assert.equal(x.startedIn, 'In Progress');
  assert.equal(x.finishedIn, 'Done');
  assert.equal(x.cycleTimeReason, 'Cycle time 5 days: calendar days from 2024-01-08 to 2024-01-12, both counted.');
  assert.deepEqual(x.stages.map(s => s.stage), ['In Progress', 'Review', 'Testing']);
  assert.equal(x.stages[1].category, 'waiting');
  assert.equal(x.stages[1].days, Math.round((325378 / 86400) * 10) / 10);
  const open = explainItem(report, 'FT-1')!;
  assert.equal(open.summary, 'Started 14 Feb when it entered In Progress (policy first: its first commitment); '
    + 'not finished: in Backlog; 47 days old');
  assert.equal(open.finishedReason, 'Not finished: in Backlog.');
  assert.equal(open.cycleTimeReason, 'No cycle time yet; age 47 days from 2024-02-14 to the report\'s day, both counted.');
  assert.equal(open.findings.length, 2);
  const notStarted = explainItem(report, 'FT-2')!;
  assert.equal(notStarted.summary, 'Not started: it has not entered the commitment stage \'In Progress\' or a later '
    + 'stage; not finished: in Selected; no cycle time');
  assert.equal(notStarted.startedIn, null);
  assert.equal(explainItem(report, 'nope'), null);
});

test('explainItem: a skipped commitment and a reopened item say so', () => {
  // FT-8 jumped from before In Progress straight to Review (finding startedPastCommitment)
  assert.equal(explainItem(report, 'FT-8')!.summary, 'Started 9 Jan when it entered Review, past the commitment '
    + 'stage \'In Progress\', which it skipped (policy first: its first commitment); finished 16 Jan entering Done; 8 days');
  // FT-39 was reopened: it finished on its last entry into done
  assert.match(explainItem(report, 'FT-39')!.summary,
    /; finished 25 Feb entering Done \(its last entry into a done stage: it was reopened\); 15 days$/);
});

test('explainItem: under policy last the latest commitment starts the item', () => {
  // FT-23 entered In Progress on 25 Feb, went back, and entered it again on 29 Feb
  const last = fixture('example-report-last.json');
  assert.equal(last.startPolicy, 'last');
  assert.equal(explainItem(last, 'FT-23')!.summary, 'Started 29 Feb when it entered In Progress (policy last: its '
    + 'latest commitment); not finished: in In Progress; 32 days old');
  assert.match(explainItem(report, 'FT-23')!.summary, /^Started 25 Feb when it entered In Progress \(policy first/);
});

test('explainItem: a report without startedIn/finishedIn (an older backend) is explained from the dates', () => {
  const older: Report = { ...report, items: report.items.map(({ startedIn, finishedIn, ...rest }) => rest) };
  assert.ok(older.items.every(i => !('startedIn' in i) && !('finishedIn' in i)));
  const finished = older.items.find(i => i.id === 'FT-5')!;
  const x = explainItem(older, 'FT-5')!;
  assert.equal(x.startedIn, null);
  assert.equal(x.finishedIn, null);
  assert.match(x.startedReason, new RegExp(`Started ${finished.started}.*'In Progress'.*first`));
  assert.match(x.finishedReason, new RegExp(`Finished ${finished.finished}: it entered a done stage`));
  assert.equal(x.summary, `${x.startedReason} ${x.finishedReason}`);
  assert.match(x.cycleTimeReason, /Cycle time 5 days/);
  assert.match(explainItem(older, 'FT-1')!.finishedReason, /Not finished: in 'Backlog', 47 days old/);
  assert.match(explainItem(older, 'FT-2')!.startedReason, /Not started/);
});

test('items table: filters, sorts with nulls last, ties in report order', () => {
  const finished = itemRows(report, 'finished', 'cycleTimeDays', true);
  assert.equal(finished.length, report.cycleTime.count);
  for (let k = 1; k < finished.length; k++) {
    assert.ok(finished[k - 1].cycleTimeDays! >= finished[k].cycleTimeDays!);
  }
  const all = itemRows(report, 'all', 'finished', false);
  assert.equal(all.length, report.items.length);
  const firstNull = all.findIndex(i => i.finished === null);
  assert.ok(all.slice(firstNull).every(i => i.finished === null), 'nulls last');
  const byId = itemRows(report, 'all', 'id', false).map(i => i.id);
  assert.deepEqual(byId.slice(0, 3), ['FT-1', 'FT-2', 'FT-3'], 'numeric-aware: FT-2 before FT-10');
  const wip = itemRows(report, 'in-progress', 'ageDays', true);
  assert.ok(wip.every(i => i.started !== null && i.finished === null));
});

test('CSV records: header then one row per item, empty cells for nulls, fractions unchanged', () => {
  const rows = itemRows(report, 'finished', 'finished', false);
  const csv = csvRecords(rows);
  assert.equal(csv.length, rows.length + 1);
  assert.deepEqual(csv[0].slice(0, 3), ['ID', 'Title', 'Type']);
  assert.equal(csv[1][0], rows[0].id);
  assert.equal(csv[1][1], '', 'no title in the example');
  assert.equal(csv[1][8], rows[0].flowEfficiency);
});

test('known types: the report\'s, the chosen and the seen ones, sorted', () => {
  assert.deepEqual(knownTypes(report, ['Epic'], ['Feature']), ['Bug', 'Epic', 'Feature', 'Spike', 'Story', 'Task']);
  assert.deepEqual(knownTypes(null, [], []), []);
});

test('a busy server (503 busy + Retry-After) is asked again after its wait, bounded; other errors are not', () => {
  assert.equal(busyRetrySeconds({ status: 503, code: 'busy', message: 'x', retryAfterSeconds: 7 }), 7);
  assert.equal(busyRetrySeconds({ status: 503, code: 'busy', message: 'x', retryAfterSeconds: 100000 }), 120);
  assert.equal(busyRetrySeconds({ status: 503, code: 'busy', message: 'x', retryAfterSeconds: 0 }), 1);
  assert.equal(busyRetrySeconds({ status: 503, code: 'busy', message: 'x' }), 5);
  assert.equal(busyRetrySeconds({ status: 503, code: 'http_503', message: 'x', retryAfterSeconds: 7 }), null);
  assert.equal(busyRetrySeconds({ status: 500, code: 'internal_error', message: 'x' }), null);
  assert.equal(busyRetrySeconds(new Error('network down')), null);
  assert.match(busyState(7).message, /busy.*retrying in 7 s/);
  const gaveUp = errorState({ status: 503, code: 'busy', message: 'FlowTrack is computing 4 reports' });
  assert.equal(gaveUp.state, 'error');
  assert.match(gaveUp.message, /busy/);
});
