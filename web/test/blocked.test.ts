import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartOption } from '../src/charts';
import { blockedFinished, blockedLine, blockedNowItems, blockedSentence } from '../src/charts/blocked';
import { finishedInWindow } from '../src/items';
import { parseReport } from '../src/query';
import type { Report } from '../src/types';

// Generated demo data with blocked periods (test/fixtures/README.md): as of 2024-02-18, 18 items finished in the
// window were blocked some time, one item (GEN-72, blocked 10221 s so far) is blocked now.
const fixture = (name: string): Report =>
  parseReport(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), 'utf8')));
const generated = fixture('generated-report.json');
const example = fixture('example-report.json');

type Series = { type: string, name?: string, data: unknown[][], tooltip?: { formatter: (x: unknown) => string } };
const series = (o: unknown) => (o as { series: Series[] }).series;

test('scatter: a ring per finished item of the window blocked some time, over its point, with its blocked time', () => {
  const { option, points } = chartOption('scatter', generated, { theme: 'light', compact: false });
  const rings = series(option).find(s => s.name === 'blocked')!;
  // In finish order, as the scatter's points.
  const expected = finishedInWindow(generated).filter(i => (i.blockedSeconds ?? 0) > 0).map(i => i.id);
  assert.equal(expected.length, generated.blocked!.items);
  assert.deepEqual(rings.data.map(d => d[2]), expected);
  const first = generated.items.find(i => i.id === rings.data[0][2])!;
  assert.deepEqual(rings.data[0].slice(0, 2), [first.finished, first.cycleTimeDays]);
  assert.equal(rings.data[0][5], first.blockedSeconds);
  assert.match(rings.tooltip!.formatter({ data: rings.data[0] }), /blocked <b>/);
  // The rings are decoration: the count of data points stays the finished items.
  assert.equal(points, finishedInWindow(generated).length);
  assert.ok((option as { legend: { data: string[] } }).legend.data.includes('blocked'));
});

test('aging: a ring around each item blocked now', () => {
  const { option } = chartOption('aging', generated, { theme: 'dark', compact: true });
  const rings = series(option).find(s => s.name === 'blocked now')!;
  assert.deepEqual(rings.data.map(d => d[2]), ['GEN-72']);
  assert.equal(rings.data[0][6], 10221);
  const html = rings.tooltip!.formatter({ data: rings.data[0] });
  assert.match(html, /blocked now<\/b>, 2\.8 h blocked in all/);
  assert.deepEqual([...blockedNowItems(generated).keys()], ['GEN-72']);
});

test('no blocked periods, or a report of an older engine: no rings, no blocked sentence', () => {
  // The example history has no blocked periods.
  assert.equal(blockedFinished(example).size, 0);
  for (const kind of ['scatter', 'aging'] as const) {
    const { option } = chartOption(kind, example, { theme: 'light', compact: false });
    assert.ok(!series(option).some(s => s.name?.startsWith('blocked')), kind);
  }
  assert.equal(blockedSentence(example), '0 finished items were blocked, 0.0% of the cycle time; 0 blocked now');
  const { blocked: _b, ...older } = generated;
  assert.equal(blockedSentence(older as Report), null);
  assert.equal(blockedSentence(generated), '18 finished items were blocked, 3.7% of the cycle time; 1 blocked now');
});

test('the item explanation\'s blocked line', () => {
  const gen72 = generated.items.find(i => i.id === 'GEN-72')!;
  assert.equal(blockedLine(gen72), 'Blocked 2.8 h in all between its start and now; blocked now.');
  const blockedFinishedItem = generated.items.find(i => i.finished !== null && (i.blockedSeconds ?? 0) > 0)!;
  assert.match(blockedLine(blockedFinishedItem)!, /^Blocked .+ in all between its start and its finish\.$/);
  assert.equal(blockedLine({ blockedSeconds: 0, started: '2024-01-02', finished: '2024-01-03' }),
    'Never blocked between its start and its finish.');
  const unstarted = generated.items.find(i => i.started === null)!;
  assert.equal(blockedLine(unstarted), null);
  assert.equal(blockedLine({ started: '2024-01-02', finished: null }), null);
});
