// Issue 14's charts on the demo dashboard (the backend's engine writes stageBreakdown, weekly and blocked):
// each drawn with data points and labelled for screen readers with figures from the report, and the
// blocked figures in the summary. (The demo's Azure Boards revisions carry no blocked periods yet, so the
// blocked rings are checked by web/test/blocked.test.ts on generated data, not here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawn, ISSUE14_KINDS, openPage, screenshot, settled, useBrowser } from './support.mjs';

const browser = useBrowser();

const TITLES = {
  'stage-breakdown': /^Where the time goes: where the cycle time of \d+ finished items went, by stage; the largest share: .+ \(\d+\.\d%\)$/,
  'weekly-throughput': /^Weekly throughput: items finished in each of \d+ weeks from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/,
  'throughput-histogram': /^Throughput histogram \(days\): how many items each of \d+ days delivered; \d+ days delivered none/,
  'throughput-histogram-weekly': /^Throughput histogram \(weeks\): how many items each of \d+ full weeks delivered/,
};

for (const kind of ISSUE14_KINDS) {
  test(`${kind}: drawn on the dashboard with data points and an aria label from the report`, async () => {
    const page = await openPage(browser.context, '/demo/?theme=light');
    const states = await settled(page);
    assert.equal(states[kind], 'ready');
    const c = (await drawn(page))[kind];
    assert.ok(c.points > 0, `${kind}: no data points`);
    assert.ok(c.coloured > 200, `${kind}: only ${c.coloured} coloured pixels`);
    const label = await page.getAttribute(`[data-chart="${kind}"] .ft-chart-canvas`, 'aria-label');
    assert.match(label, TITLES[kind]);
    assert.equal(await page.getAttribute(`[data-chart="${kind}"] .ft-chart-canvas`, 'role'), 'img');
    await screenshot(page, `issue14-${kind}`, page.locator(`[data-chart="${kind}"]`));
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('the summary names blocked finished items, their share of cycle time and the items blocked now', async () => {
  const page = await openPage(browser.context, '/demo/?theme=dark');
  await settled(page);
  const summary = await page.$$eval('.ft-summary > div', entries => Object.fromEntries(entries.map(e =>
    [e.querySelector('dt').textContent, e.querySelector('dd').textContent])));
  assert.match(summary.Blocked, /^\d+ finished · \d+\.\d% of cycle time$/);
  assert.match(summary['Blocked now'], /^\d+$/);
  await page.close();
});

test('the item explanation says how long a finished item was blocked', async () => {
  const page = await openPage(browser.context, '/demo/?theme=light');
  await settled(page);
  await page.click('#ft-items-table tbody tr:first-child button[data-item]');
  const line = await page.textContent('.ft-explanation .ft-blocked');
  assert.match(line, /^(Never blocked between its start and its finish\.|Blocked \d+(\.\d)? [hd] in all between its start and its finish\.)$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
