// The full dashboard of the demo project in Chromium: every chart drawn with data, controls that re-render
// and survive a reload, CSV export, keyboard reach, the data-quality explanation and the dark theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL_KINDS, drawn, openPage, screenshot, settled, useBrowser } from './support.mjs';

const browser = useBrowser();

const DASHBOARD = '/demo/?theme=light';

test('every chart renders with data: ready, data points, painted and coloured canvas pixels', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  const states = await settled(page);
  assert.deepEqual(Object.keys(states).sort(), [...ALL_KINDS].sort());
  for (const kind of ALL_KINDS) {
    assert.equal(states[kind], 'ready', `${kind} is ${states[kind]}`);
  }
  const charts = await drawn(page);
  for (const kind of ALL_KINDS) {
    const c = charts[kind];
    assert.ok(c.points > 0, `${kind} has no data points`);
    assert.ok(c.width > 300 && c.height > 200, `${kind} canvas is ${c.width}x${c.height}`);
    assert.ok(c.painted > 2_000, `${kind}: only ${c.painted} painted pixels`);
    assert.ok(c.coloured > 200, `${kind}: only ${c.coloured} coloured pixels (no data drawn?)`);
  }
  // the summary, the forecast's confidence tables and the items table come from the same report
  const summary = await page.$$eval('.ft-summary > div', entries => Object.fromEntries(entries.map(e =>
    [e.querySelector('dt').textContent, e.querySelector('dd').textContent])));
  assert.match(summary.Finished, /^\d+$/);
  assert.equal(await page.locator('[data-chart="forecast-when"] .ft-confidence tbody tr').count(), 4);
  assert.equal(await page.locator('[data-chart="forecast-how-many"] .ft-confidence tbody tr').count(), 4);
  const finished = Number(summary.Finished);
  assert.equal(await page.locator('#ft-items-table tbody tr').count(), finished);
  await screenshot(page, 'dashboard-light');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a control change re-renders with different data, and the choice survives a reload', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  const before90 = await drawn(page);
  const rows90 = await page.locator('#ft-items-table tbody tr').count();
  assert.equal(await page.inputValue('#ft-window'), '90');

  await page.selectOption('#ft-window', '30');
  await page.waitForFunction(() => document.querySelector('#ft-window')?.value === '30');
  await settled(page);
  const after30 = await drawn(page);
  const rows30 = await page.locator('#ft-items-table tbody tr').count();
  assert.ok(rows30 < rows90, `30 days list ${rows30} items, 90 days ${rows90}`);
  for (const kind of ['scatter', 'cfd', 'throughput', 'wip']) {
    assert.notEqual(after30[kind].hash, before90[kind].hash, `${kind} did not change`);
  }
  assert.ok(after30.cfd.points < before90.cfd.points, 'the CFD covers fewer days');

  await page.selectOption('#ft-start-policy', 'last');
  await settled(page);
  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('#ft-window'), '30');
  assert.equal(await page.inputValue('#ft-start-policy'), 'last');
  assert.equal(await page.locator('#ft-items-table tbody tr').count(), rows30);
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('flowtrack.demo.controls')));
  assert.deepEqual(saved.window, { kind: 'last', days: 30 });

  // work item types: choosing one narrows every chart to it
  const firstType = page.locator('.ft-types input[type=checkbox]').first();
  const type = await firstType.getAttribute('value');
  await firstType.check();
  await settled(page);
  const types = await page.$$eval('#ft-items-table tbody tr td:nth-child(3)', cells => [...new Set(cells.map(c => c.textContent))]);
  assert.deepEqual(types, [type]);
  await page.click('#ft-types-all');
  await settled(page);
  await page.selectOption('#ft-start-policy', '');
  await page.selectOption('#ft-window', '90');
  await settled(page);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a custom window with nothing finished shows the empty states, never a blank chart', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  await page.selectOption('#ft-window', 'custom');
  await page.waitForSelector('#ft-from:visible');
  await page.fill('#ft-from', '2001-01-01');
  await page.fill('#ft-to', '2001-01-31');
  await page.dispatchEvent('#ft-to', 'change');
  await page.waitForFunction(() => document.querySelector('[data-chart="scatter"]')?.getAttribute('data-state') === 'empty');
  const states = await settled(page);
  for (const kind of ['scatter', 'histogram', 'throughput', 'types', 'efficiency', 'forecast-when', 'forecast-how-many',
    'aging', 'cfd', 'wip', 'arrivals', 'stage-breakdown', 'weekly-throughput', 'throughput-histogram',
    'throughput-histogram-weekly']) {
    assert.equal(states[kind], 'empty', kind);
    const text = await page.textContent(`[data-chart="${kind}"] .ft-chart-message`);
    assert.ok(text.trim().length > 10, `${kind} says nothing`);
  }
  assert.match(await page.textContent('[data-chart="scatter"]'), /No item finished in this window/);
  await screenshot(page, 'dashboard-empty-window');
  await page.selectOption('#ft-window', '90');
  await settled(page);
  await page.close();
});

test('CSV export downloads the items table, quoted', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  const rows = await page.locator('#ft-items-table tbody tr').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ft-csv')]);
  assert.match(download.suggestedFilename(), /^flowtrack-items-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
  const lines = text.split('\r\n').filter(l => l.length > 0);
  assert.equal(lines[0], 'ID,Title,Type,Stage,Started,Finished,Cycle time (days),Age (days),Flow efficiency');
  assert.equal(lines.length, rows + 1);
  const firstId = await page.textContent('#ft-items-table tbody tr:first-child td:first-child button');
  assert.ok(lines[1].startsWith(firstId + ','), `${lines[1]} does not start with ${firstId}`);
  await page.close();
});

test('controls, sorting and the items are reachable and usable with the keyboard', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  const reached = new Set();
  await page.focus('body');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const e = document.activeElement;
      return e ? e.id || e.getAttribute('data-column') || e.tagName : null;
    });
    reached.add(id);
  }
  for (const id of ['ft-window', 'ft-start-policy', 'ft-forecast-days', 'ft-forecast-items', 'ft-refresh']) {
    assert.ok(reached.has(id), `${id} not reached by Tab; reached ${[...reached].join(', ')}`);
  }
  assert.ok([...reached].some(id => id?.startsWith('ft-type-')), 'no type checkbox reached');
  // every control has an accessible name
  const unnamed = await page.$$eval('.ft-controls select, .ft-controls input, .ft-controls button', els => els
    .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim())).map(e => e.outerHTML));
  assert.deepEqual(unnamed, []);
  // sorting from the keyboard
  await page.focus('button[data-column="cycleTimeDays"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('button[data-column="cycleTimeDays"]')
    ?.closest('th')?.getAttribute('aria-sort') === 'descending');
  const ages = await page.$$eval('#ft-items-table tbody tr td:nth-child(7)', cells => cells.map(c => Number(c.textContent)));
  assert.deepEqual(ages, [...ages].sort((a, b) => b - a));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-column')), 'cycleTimeDays');
  // a forecast input changed from the keyboard re-renders
  await page.focus('#ft-forecast-items');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => /50 items/.test(document.querySelector('[data-chart="forecast-when"] caption')?.textContent ?? ''));
  await page.close();
});

test('the data-quality panel explains an item\'s cycle time', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  const findings = page.locator('#ft-findings-table tbody tr');
  assert.ok(await findings.count() > 0, 'the demo has findings');
  const id = await findings.first().locator('button').textContent();
  await findings.first().locator('button').click();
  const text = await page.textContent('.ft-explanation');
  assert.match(text, new RegExp(id));
  // the summary: "Started 3 Mar when it entered …; finished 9 Mar entering Done; 7 days" (or not started/finished)
  assert.match(text, /(Started \d+ \w+ when it (entered|was created in) .+|Not started: .+); (finished \d+ \w+ entering |not finished: in )/);
  // finished items explain their cycle time and time per stage
  await page.selectOption('#ft-items-filter', 'finished');
  await page.locator('#ft-items-table tbody tr:first-child button').first().click();
  const finished = await page.textContent('.ft-explanation');
  assert.match(finished, /Cycle time \d+ days?: calendar days from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  assert.ok(await page.locator('.ft-explanation .ft-stage-time tbody tr').count() > 0);
  await screenshot(page, 'dashboard-quality', page.locator('.ft-quality'));
  await page.close();
});

test('hovering a dot of the scatterplot names the item; clicking it explains the item', async () => {
  const page = await openPage(browser.context, DASHBOARD);
  await settled(page);
  const canvas = page.locator('[data-chart="scatter"] canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const tooltip = page.locator('[data-chart="scatter"] .ft-chart-canvas > div:not(:first-child)').last();
  let text = '';
  let at = null;
  // Dots are dense just above the x axis: sweep the lower part of the plot until a tooltip names an item.
  search: for (const fy of [0.86, 0.82, 0.78, 0.74, 0.7]) {
    for (let x = box.x + 40; x < box.x + box.width - 30; x += 6) {
      await page.mouse.move(x, box.y + box.height * fy);
      text = (await tooltip.isVisible().catch(() => false)) ? await tooltip.textContent() : '';
      if (/cycle time \d+ days/.test(text)) {
        at = { x, y: box.y + box.height * fy };
        break search;
      }
    }
  }
  assert.ok(at, 'no tooltip found over the scatterplot');
  assert.match(text, /finished \d{4}-\d{2}-\d{2}/);
  const id = text.trim().split(/\s+/)[0];
  assert.ok(await page.locator(`#ft-items-table button[data-item="${id}"]`).count() === 1, `${id} is not in the items table`);
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(expected => document.querySelector('.ft-explanation h3')?.textContent.startsWith(expected), id);
  await page.close();
});

test('dark theme: from the host at start and when it changes', async () => {
  const page = await openPage(browser.context, '/demo/?theme=dark');
  const states = await settled(page);
  assert.ok(Object.values(states).every(s => s === 'ready'));
  assert.ok(await page.locator('.ft-root.ft-theme-dark').count() === 1);
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.ft-root')).backgroundColor);
  assert.equal(background, 'rgb(22, 26, 29)');
  const dark = await drawn(page);
  for (const kind of ALL_KINDS) {
    assert.ok(dark[kind].painted > 2_000 && dark[kind].coloured > 200, `${kind} in dark`);
  }
  // axis labels are light on dark: some painted pixels are bright
  const bright = await page.$eval('[data-chart="scatter"] canvas', canvas => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && data[i] > 150 && data[i + 1] > 150 && data[i + 2] > 150) n++;
    }
    return n;
  });
  assert.ok(bright > 100, `only ${bright} bright pixels on the dark scatterplot`);
  await screenshot(page, 'dashboard-dark');
  await page.click('#demo-theme');
  await page.waitForSelector('.ft-root.ft-theme-light');
  const light = await drawn(page);
  assert.notEqual(light.scatter.hash, dark.scatter.hash, 'the scatterplot was not redrawn in the light theme');
  assert.deepEqual(page.problems, []);
  await page.close();
});
