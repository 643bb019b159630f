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
    'forecast-when', 'forecast-how-many', 'stage-breakdown', 'weekly-throughput', 'throughput-histogram',
    'throughput-histogram-weekly']) {
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

test('a project with no issues shows its empty states, never a blank chart; no board choice without Jira Software', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=EMPTY');
  const charts = await settled(page);
  assert.equal(charts.scatter[0], 'empty');
  assert.match(await page.textContent('[data-chart="scatter"]'), /no item finished|map your statuses/i);
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-empty.png'), fullPage: true });
  // The test server's board list answers 404 for EMPTY, as a Jira without Jira Software does: no choice, no message.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some(e => e.name.includes('/rest/agile/')));
  assert.equal(await page.$('#flowtrack-board'), null);
  assert.equal(await page.$('.ft-jira-board-form'), null);
  assert.deepEqual(page.problems.filter(p => !/^404: .*\/jira\/rest\/agile\/1\.0\/board\?projectKeyOrId=EMPTY/.test(p)
    && !p.includes('404 (Not Found)')), []);
});

/** The report requests a page makes, as parsed query strings. */
function reportRequests(page) {
  const seen = [];
  page.on('request', r => {
    const url = new URL(r.url());
    if (url.pathname === '/jira/rest/flowtrack/1.0/report') {
      seen.push(Object.fromEntries(url.searchParams));
    }
  });
  return seen;
}

test('the project page offers the project\'s boards; a chosen board reports its saved filter and is in the address', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const reports = reportRequests(page);
  await page.goto(BASE + '/jira/secure/FlowTrackProject.jspa?projectKey=FT');
  const whole = await settled(page);
  await page.waitForSelector('#flowtrack-board');
  assert.deepEqual(await page.$$eval('#flowtrack-board option', os => os.map(o => [o.value, o.textContent])),
    [['', 'None: the whole project'], ['7', 'FT team board']]);
  assert.ok(reports.length > 0 && reports.every(q => q.project === 'FT' && !q.filter), JSON.stringify(reports));
  reports.length = 0;
  const boardReport = page.waitForResponse(r => r.url().includes('/rest/flowtrack/1.0/report?') && r.url().includes('filter=10100'));
  await page.selectOption('#flowtrack-board', '7');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('board') === '7');
  assert.equal((await boardReport).status(), 200);
  const board = await settled(page);
  assert.deepEqual(Object.keys(board).sort(), Object.keys(whole).sort());
  assert.ok(Object.values(board).every(([state]) => state === 'ready' || state === 'empty'), JSON.stringify(board));
  assert.equal(await page.$$eval('#flowtrack-project .ft-root', r => r.length), 1);
  assert.ok(reports.length > 0 && reports.every(q => q.filter === '10100' && q.project === 'FT' && !q.board),
    JSON.stringify(reports));
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-board.png'), fullPage: true });
  // The address keeps the board: a new page starts from it.
  const again = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT&board=7');
  await settled(again);
  await again.waitForSelector('#flowtrack-board');
  assert.equal(await again.$eval('#flowtrack-board', s => s.value), '7');
  assert.deepEqual(again.problems, []);
});

test('a dashboard item of a board draws the board\'s filter; a board the user may not see says so', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const reports = reportRequests(page);
  await page.goto(BASE + '/jira/test/dashboard-item?kind=throughput&project=FT&board=7&days=180');
  assert.equal((await settled(page)).throughput[0], 'ready');
  assert.deepEqual(reports.map(q => [q.filter, q.project]), [['10100', 'FT']]);
  await page.locator('#dashboard-item').screenshot({ path: join(SCREENSHOTS, 'item-board.png') });

  const hidden = await open('/jira/test/dashboard-item?kind=throughput&project=FT&board=8&days=90');
  assert.equal((await settled(hidden)).throughput[0], 'error');
  assert.match(await hidden.textContent('#dashboard-item'), /This board does not exist, or you may not see it/);
  assert.deepEqual(hidden.problems.filter(p => !p.includes('/jira/rest/agile/1.0/board/8/configuration')
    && !p.includes('404 (Not Found)')), []);
});

test('the edit form offers the project\'s boards and saves the one chosen; a board and a filter together are refused', async () => {
  const edit = await open('/jira/test/dashboard-item?kind=scatter&project=FT&days=90&edit=1');
  await edit.waitForSelector('select[name="board"]', { state: 'visible' });
  assert.deepEqual(await edit.$$eval('select[name="board"] option', os => os.map(o => o.value)), ['', '7']);
  await edit.selectOption('select[name="board"]', '7');
  await edit.fill('input[name="filter"]', '10100');
  await edit.click('input[type="submit"]');
  assert.match(await edit.textContent('.ft-jira-form-error'), /board or a saved filter, not both/);
  assert.equal(await edit.evaluate(() => window.savedPreferences), null);
  await edit.fill('input[name="filter"]', '');
  await edit.click('input[type="submit"]');
  // A day-count chart (the scatterplot) also saves whether it counts calendar or working days.
  assert.deepEqual(await edit.evaluate(() => window.savedPreferences), { project: 'FT', filter: '', board: '7', days: '90',
    countIn: 'calendar' });
  assert.equal(await edit.textContent('.ft-jira-form-error'), '', 'the refusal goes once the form is right');
  await edit.locator('#dashboard-item').screenshot({ path: join(SCREENSHOTS, 'item-edit-board.png') });
  // Another project has no boards to offer (here: no Jira Software), so the choice goes away.
  await edit.fill('input[name="project"]', 'EMPTY');
  await edit.dispatchEvent('input[name="project"]', 'change');
  await edit.waitForSelector('select[name="board"]', { state: 'hidden' });
  assert.deepEqual(edit.problems.filter(p => !/^404: .*projectKeyOrId=EMPTY/.test(p)
    && !p.includes('404 (Not Found)')), []);
});

test('Jira\'s dark colour mode is followed at start and when it changes', async () => {
  const page = await open('/jira/secure/FlowTrackProject.jspa?projectKey=FT&mode=dark');
  await settled(page);
  assert.equal(await page.$eval('#flowtrack-project .ft-root', e => e.classList.contains('ft-theme-dark')), true);
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-dark.png'), fullPage: true });
  await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'light'));
  await page.waitForFunction(() => document.querySelector('#flowtrack-project .ft-root').classList.contains('ft-theme-light'));
});

/** The plugin's resources a page downloads, as paths. */
function downloads(page) {
  const seen = [];
  page.on('request', r => {
    const url = new URL(r.url());
    if (url.pathname.includes('/download/resources/')) {
      seen.push(url.pathname);
    }
  });
  return seen;
}

const BUNDLE_FILES = /\/(flowtrack-dashboard\.js|flowtrack-dashboard\.css|flowtrack-host\.js|flowtrack-jira\.css)$/;

test('a dashboard without a FlowTrack item never downloads the dashboard bundle; an item loads it once, when it renders', async () => {
  const page = await context.newPage();
  const seen = downloads(page);
  await page.goto(BASE + '/jira/test/dashboard');
  await page.waitForLoadState('networkidle');
  assert.ok(seen.some(p => p.endsWith('/flowtrack-dashboard-items.js')), JSON.stringify(seen));
  assert.deepEqual(seen.filter(p => BUNDLE_FILES.test(p)), []);
  assert.equal(await page.evaluate(() => typeof window.FlowTrack), 'undefined');
  assert.equal(await page.evaluate(() => window.WRM.required), undefined);

  // An item not configured yet says so without the bundle.
  const unconfigured = await context.newPage();
  const unconfiguredSeen = downloads(unconfigured);
  await unconfigured.goto(BASE + '/jira/test/dashboard-item?kind=scatter');
  await unconfigured.waitForLoadState('networkidle');
  assert.match(await unconfigured.textContent('#dashboard-item'), /Choose a project/);
  assert.deepEqual(unconfiguredSeen.filter(p => BUNDLE_FILES.test(p)), []);

  const item = await context.newPage();
  const itemSeen = downloads(item);
  await item.goto(BASE + '/jira/test/dashboard-item?kind=throughput&project=FT&days=90');
  const charts = await settled(item);
  assert.equal(charts.throughput[0], 'ready');
  assert.deepEqual(await item.evaluate(() => window.WRM.required), ['wr!io.flowtrack.jira:flowtrack-dashboard']);
  const bundle = itemSeen.filter(p => p.endsWith('/flowtrack-dashboard.js'));
  assert.equal(bundle.length, 1, JSON.stringify(itemSeen));
  // Rendered again (Jira does after a save): no second download, no second require.
  await item.evaluate(() => window.renderAgain());
  await settled(item);
  assert.equal(itemSeen.filter(p => p.endsWith('/flowtrack-dashboard.js')).length, 1);
  assert.equal(await item.evaluate(() => window.WRM.required.length), 1);
});

test('each dashboard item draws its chart for its project or saved filter and window', async () => {
  for (const kind of ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'histogram', 'forecast-when', 'forecast-how-many',
    'stage-breakdown', 'weekly-throughput', 'throughput-histogram', 'throughput-histogram-weekly']) {
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
  await edit.selectOption('select[name="countIn"]', 'working');
  await edit.click('input[type="submit"]');
  assert.deepEqual(await edit.evaluate(() => window.savedPreferences), { project: 'FT', filter: '', board: '', days: '30',
    countIn: 'working' });
  // A chart that counts items, not days (throughput), has no such choice and saves none.
  const counts = await open('/jira/test/dashboard-item?kind=throughput&project=FT&days=90&edit=1');
  await counts.waitForSelector('input[name="project"]');
  assert.equal(await counts.locator('select[name="countIn"]').count(), 0);
  await counts.click('input[type="submit"]');
  assert.deepEqual(await counts.evaluate(() => window.savedPreferences), { project: 'FT', filter: '', board: '', days: '90' });
});

test('the settings page writes the working calendar and the blocked field into its editor', async () => {
  const page = await open('/jira/secure/FlowTrackConfig.jspa?projectKey=FT');
  await page.waitForSelector('#flowtrack-calendar[data-started]');
  // The project has no calendar: the box is off and the weekdays wait, Monday to Friday, disabled.
  assert.equal(await page.isChecked('#flowtrack-calendar-on'), false);
  assert.equal(await page.isDisabled('#flowtrack-day-MONDAY'), true);
  assert.equal(await page.isChecked('#flowtrack-day-FRIDAY'), true);
  assert.equal(await page.inputValue('#flowtrack-blocked-field'), 'Flagged');
  await page.check('#flowtrack-calendar-on');
  await page.uncheck('#flowtrack-day-FRIDAY');
  await page.fill('#flowtrack-holidays', '2024-12-25, 2024-12-26');
  await page.dispatchEvent('#flowtrack-holidays', 'change');
  await page.fill('#flowtrack-blocked-field', 'Blocked');
  await page.dispatchEvent('#flowtrack-blocked-field', 'change');
  const config = JSON.parse(await page.$eval('#flowtrack-config', t => t.value));
  assert.deepEqual(config.calendar, { workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'],
    holidays: ['2024-12-25', '2024-12-26'] });
  assert.equal(config.blockedField, 'Blocked');
  assert.equal(config.commitmentStage, 'In Progress', 'the rest of the editor is kept');
  assert.match(await page.textContent('#flowtrack-calendar-note'), /Nothing is saved until you press Save/);
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-calendar.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('the settings page drafts the configuration from a board\'s columns into its editor', async () => {
  const page = await open('/jira/secure/FlowTrackConfig.jspa?projectKey=FT');
  await page.waitForSelector('#flowtrack-seed');
  assert.deepEqual(await page.$$eval('#flowtrack-seed-board option', os => os.map(o => [o.value, o.textContent])),
    [['7', 'FT team board']]);
  const before = await page.$eval('#flowtrack-config', t => t.value);
  await page.click('#flowtrack-seed');
  await page.waitForFunction(b => document.querySelector('#flowtrack-config').value !== b, before);
  const draft = JSON.parse(await page.$eval('#flowtrack-config', t => t.value));
  // The stand-in board has two columns: To Do (status 1) and Done (status 10002).
  assert.deepEqual(draft.stages, [{ name: 'To Do', category: 'active', statuses: ['1'] },
    { name: 'Done', category: 'done', statuses: ['10002'] }]);
  assert.equal(draft.commitmentStage, 'To Do');
  assert.match(await page.textContent('#flowtrack-board-seed [role="status"]'), /Review, then Save\. .*FT team board/);
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-board-draft.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});
