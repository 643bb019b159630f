// The Jira plugin's flow page and dashboard items in Debian's headless Chromium (playwright-core, no browser
// download), against the plugin's REST resources served for real by JiraDashboardsBrowserIT, which starts this file.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.FLOWTRACK_JIRA_BASE;
const SCREENSHOTS = process.env.FLOWTRACK_SCREENSHOTS;
if (!BASE || !SCREENSHOTS) {
  throw new Error('FLOWTRACK_JIRA_BASE and FLOWTRACK_SCREENSHOTS are set by JiraDashboardsBrowserIT');
}
mkdirSync(SCREENSHOTS, { recursive: true });

let browser;
let context;
before(async () => {
  // Playwright gives the browser a fresh temporary user-data-dir of its own, removed when it closes.
  browser = await chromium.launch({
    executablePath: process.env.FLOWTRACK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC', locale: 'en-US' });
});
afterEach(async () => { await context?.close(); });

async function open(path) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.problems = [];
  page.on('console', m => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', e => page.problems.push(`page error: ${e.message}`));
  page.on('response', r => { if (r.status() >= 400) page.problems.push(`${r.status()}: ${r.url()}`); });
  const response = await page.goto(BASE + path);
  assert.equal(response.status(), 200, path);
  return page;
}

/** Waits until every chart has left "loading"; returns {kind: [state, points]}. */
async function settled(page) {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    return charts.length > 0 && charts.every(c => c.getAttribute('data-state') !== 'loading');
  }, null, { timeout: 60_000 });
  return page.$$eval('[data-chart]', charts => Object.fromEntries(charts.map(c => [c.getAttribute('data-chart'),
    [c.getAttribute('data-state'), Number(c.getAttribute('data-points') ?? 0)]])));
}

async function preferences(page, key) {
  return page.evaluate(async k => (await fetch(`/jira/rest/flowtrack/1.0/preferences/${k}`)).json(), key);
}

test('the project page draws every chart from the plugin\'s report, in Jira\'s look', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT');
  const charts = await settled(page);
  for (const kind of ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'arrivals', 'histogram', 'efficiency', 'types',
    'forecast-when', 'forecast-how-many']) {
    assert.deepEqual([charts[kind]?.[0], charts[kind]?.[1] > 0], ['ready', true], `${kind}: ${charts[kind]}`);
  }
  assert.equal(await page.title(), 'Flow metrics: Flow Track');
  assert.match(await page.textContent('h1'), /Flow metrics of Flow Track/);
  // The bundle's stylesheet and Jira's overlay are both applied: the dashboard takes the page's design token
  // (the test page sets --ds-text as Jira 10's theme does) and the page's font.
  assert.equal(await page.$eval('#flowtrack-project .ft-root', e => getComputedStyle(e).color), 'rgb(1, 2, 3)');
  assert.equal(await page.$eval('#flowtrack-project .ft-root', e => getComputedStyle(e).fontFamily), 'serif');
  // An issue link goes to Jira's issue page under the context path.
  const first = await page.$eval('#ft-items-table tbody a', a => a.getAttribute('href'));
  assert.match(first, /^\/jira\/browse\/FT-\d+$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('a control change re-renders the charts and is kept for the user on the server', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT');
  const before90 = await settled(page);
  assert.equal((await preferences(page, 'FT')).controls, null);
  await page.selectOption('#ft-window', '30');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')]
    .every(c => c.getAttribute('data-state') !== 'loading'));
  await page.waitForFunction(n => Number(document.querySelector('[data-chart="throughput"]')
    .getAttribute('data-points')) !== n, before90.throughput[1]);
  const after30 = await settled(page);
  assert.ok(after30.throughput[1] < before90.throughput[1], `${after30.throughput} < ${before90.throughput}`);
  await page.waitForFunction(async () => {
    const body = await (await fetch('/jira/rest/flowtrack/1.0/preferences/FT')).json();
    return body.controls && body.controls.window.days === 30;
  });
  // A new browser session (nothing in local storage) starts from the saved choice.
  await context.close();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC' });
  const again = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT');
  await settled(again);
  assert.equal(await again.$eval('#ft-window', s => s.value), '30');
  await again.screenshot({ path: join(SCREENSHOTS, 'project-page-last-30-days.png'), fullPage: true });
});

test('a project with no issues shows its empty states, never a blank chart', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=EMPTY');
  const charts = await settled(page);
  assert.equal(charts.scatter[0], 'empty');
  assert.match(await page.textContent('[data-chart="scatter"]'), /no item finished|map your statuses/i);
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-empty.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('Jira\'s dark colour mode is followed at start and when it changes', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT&mode=dark');
  await settled(page);
  assert.equal(await page.$eval('#flowtrack-project .ft-root', e => e.classList.contains('ft-theme-dark')), true);
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-dark.png'), fullPage: true });
  await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'light'));
  await page.waitForFunction(() => document.querySelector('#flowtrack-project .ft-root').classList.contains('ft-theme-light'));
});

test('each dashboard item draws its chart for its project or saved filter and window', async () => {
  for (const kind of ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'histogram', 'forecast-when', 'forecast-how-many']) {
    const page = await open(`/jira/test/dashboard-item?kind=${kind}&project=FT&days=180`);
    const charts = await settled(page);
    assert.deepEqual([charts[kind][0], charts[kind][1] > 0], ['ready', true], `${kind}: ${charts[kind]}`);
    assert.ok(await page.evaluate(() => window.resized) > 0, `${kind} asked the dashboard to resize`);
    await page.locator('#dashboard-item').screenshot({ path: join(SCREENSHOTS, `item-${kind}.png`) });
    assert.deepEqual(page.problems, [], kind);
    await page.close();
  }
  const filtered = await open('/jira/test/dashboard-item?kind=scatter&filter=10100&project=FT&days=90');
  assert.equal((await settled(filtered)).scatter[0], 'ready');
  // Rendered again (twice in a row, as after a saved configuration): one chart, the last one, remains.
  await filtered.evaluate(() => { window.renderAgain(); window.renderAgain(); });
  assert.equal((await settled(filtered)).scatter[0], 'ready');
  await filtered.waitForFunction(() => window.resized >= 2);
  assert.equal(await filtered.$$eval('#dashboard-item .ft-root', roots => roots.length), 1);
  assert.deepEqual(filtered.problems, []);
});

test('a dashboard item of an empty project says so; its edit form saves like a Jira gadget', async () => {
  const empty = await open('/jira/test/dashboard-item?kind=throughput&project=EMPTY&days=90');
  assert.equal((await settled(empty)).throughput[0], 'empty');
  await empty.locator('#dashboard-item').screenshot({ path: join(SCREENSHOTS, 'item-empty.png') });

  const edit = await open('/jira/test/dashboard-item?kind=scatter&project=FT&days=90&edit=1');
  await edit.fill('input[name="project"]', ' FT ');
  await edit.selectOption('select[name="days"]', '30');
  await edit.click('input[type="submit"]');
  assert.deepEqual(await edit.evaluate(() => window.savedPreferences), { project: 'FT', filter: '', days: '30' });
});
