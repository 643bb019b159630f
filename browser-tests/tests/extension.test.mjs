// The packaged Azure DevOps extension (the pages of the built .vsix) against the real backend in demo mode:
// each page inside the harness that plays Azure DevOps (SDK handshake, tokens, services) on its own loopback
// origin, which the backend names in FLOWTRACK_ALLOWED_ORIGINS, so every report call is a real CORS call
// (run.mjs, extension-pages.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_TEAMS } from '../extension-pages.mjs';
import { ALL_KINDS, BASE, drawn, screenshot, settled, useBrowser } from './support.mjs';

const EXTENSION = process.env.FLOWTRACK_EXTENSION_ORIGIN;
const OTHER = process.env.FLOWTRACK_OTHER_ORIGIN;
if (!EXTENSION || !OTHER) {
  throw new Error('FLOWTRACK_EXTENSION_ORIGIN / FLOWTRACK_OTHER_ORIGIN are not set: run the tests through run.mjs');
}
const CONFIG_CHANGE = 'ms.vss-dashboards-web.configurationChange';
/** Frame sizes: the hub a laptop screen, a widget its 2x2 tile, a configuration its side panel. */
const FRAMES = { hub: { width: 1280, height: 1400 }, widget: { width: 330, height: 330 }, config: { width: 560, height: 640 } };
const DAY = 86_400_000;
/** Azure DevOps' theme variables as the SDK applies them, light and dark. */
const LIGHT = { 'background-color': 'rgba(255, 255, 255, 1)', 'text-primary-color': 'rgba(0, 0, 0, .9)' };
const DARK = { 'background-color': 'rgba(32, 31, 30, 1)', 'text-primary-color': 'rgba(255, 255, 255, .9)',
  'text-secondary-color': 'rgba(255, 255, 255, .55)' };

const browser = useBrowser();

/** The tokens and ids a page inside Azure DevOps would have, from the backend's demo sign-in. */
async function signIn() {
  const res = await fetch(`${BASE}/demo/sign-in`, { method: 'POST' });
  assert.equal(res.status, 200);
  return res.json();
}

/** The demo's app token with its `exp` moved an hour into the past: a token that expired while the page was open. */
function expired(appToken) {
  const [header, payload, signature] = appToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  claims.exp = Math.floor(Date.now() / 1000) - 3600;
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

const reportPath = session => `/api/v1/orgs/${session.organizationId}/projects/${session.projectId}/report`;

/**
 * Opens one extension page inside the harness, served from `origin`. Records the page's problems (console
 * errors, page errors, the adapter's own warnings) and its report calls to the backend with their answers.
 */
async function open(kind, contributionId, session, { origin = EXTENSION, earlierAppTokens = [], theme = LIGHT } = {}) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  page.problems = [];
  page.reportCalls = [];
  page.on('console', m => {
    if (m.type() === 'error' || m.text().startsWith('FlowTrack:')) {
      page.problems.push(m.text());
    }
  });
  page.on('pageerror', e => page.problems.push(e.message));
  // Each report call with its request headers as sent (Origin included) and the answer's headers.
  page.on('response', r => {
    if (r.url().startsWith(BASE) && new URL(r.url()).pathname === reportPath(session)) {
      const c = { url: new URL(r.url()), status: r.status(), response: r.headers() };
      page.reportCalls.push(c);
      c.sent = r.request().allHeaders().then(h => { c.request = h; }, () => {});
    }
  });
  await page.addInitScript(setup => { window.__harnessSetup = setup; }, {
    page: kind, contributionId, appToken: session.appToken, earlierAppTokens, accessToken: session.accessToken,
    organizationId: session.organizationId, organizationUrl: `${OTHER}/org/`,
    project: { id: session.projectId, name: session.projectName }, saved: {},
    theme,
    frame: FRAMES[kind.split('-')[0]],
  });
  await page.goto(`${origin}/harness.html`);
  await handshake(page);
  return page;
}

async function handshake(page) {
  await page.waitForFunction(() => window.__harness?.handshakes.length === 1);
}

/** The extension page's frame (the harness page is Azure DevOps around it). */
function extension(page) {
  const frame = page.frames().find(f => f.url().includes('/ext/dist/'));
  assert.ok(frame, 'the extension page is not framed');
  return frame;
}

const harness = (page, fn, arg) => page.evaluate(fn, arg);
const call = (page, method, args) => harness(page, ([m, a]) => window.__harness.call(m, a), [method, args]);
const widgetSettings = (name, data) => ({ name, size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data } });
const shoot = (page, name) => screenshot(page, name, page.locator('#extension'));

/** Every chart ready with data points, as the bundle reports them (data-state, data-points). */
async function assertDrawnWithData(frame, kinds) {
  const states = await settled(frame);
  assert.deepEqual(states, Object.fromEntries(kinds.map(k => [k, 'ready'])));
  const charts = await drawn(frame);
  for (const kind of kinds) {
    assert.ok(charts[kind].points > 0, `${kind}: no data points`);
    assert.ok(charts[kind].coloured > 100, `${kind}: only ${charts[kind].coloured} coloured pixels`);
  }
}

test('the hub draws the project from the real backend, called across origins with both tokens', async () => {
  const session = await signIn();
  const page = await open('hub', 'flowtrack-hub', session);
  await page.waitForFunction(() => window.__harness.loaded);
  await assertDrawnWithData(extension(page), ALL_KINDS);
  await shoot(page, 'extension-hub');

  assert.ok(page.reportCalls.length > 0, 'the hub did not ask the backend');
  await Promise.all(page.reportCalls.map(c => c.sent));
  for (const c of page.reportCalls) {
    assert.equal(c.status, 200);
    assert.equal(c.request.authorization, `Bearer ${session.appToken}`);
    assert.equal(c.request['x-flowtrack-access-token'], session.accessToken);
    assert.equal(c.request.origin, EXTENSION);
    assert.equal(c.request.cookie, undefined);
    assert.equal(c.response['access-control-allow-origin'], EXTENSION);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the backend answers CORS for the extension\'s origin only', async () => {
  const preflight = origin => fetch(`${BASE}${reportPath(session)}?from=2024-01-01&to=2024-01-31&timeZone=UTC`, {
    method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization,x-flowtrack-access-token' } });
  const session = await signIn();
  const allowed = await preflight(EXTENSION);
  assert.equal(allowed.headers.get('access-control-allow-origin'), EXTENSION);
  assert.match(allowed.headers.get('access-control-allow-headers'), /X-FlowTrack-Access-Token/i);
  // Another port, or the same port under another host name, is another origin: no Access-Control-Allow-Origin.
  for (const origin of [OTHER, EXTENSION.replace('127.0.0.1', 'localhost')]) {
    const refused = await preflight(origin);
    assert.equal(refused.headers.get('access-control-allow-origin'), null, origin);
  }
  // An actual request from another origin, with valid tokens: no CORS header, so no browser hands it to the page.
  const res = await fetch(`${BASE}${reportPath(session)}?from=2024-01-01&to=2024-01-31&timeZone=UTC`, {
    headers: { Origin: OTHER, Authorization: `Bearer ${session.appToken}`, 'X-FlowTrack-Access-Token': session.accessToken } });
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  await res.body?.cancel();
});

test('the same pages served from an origin the backend does not name are refused by the browser', async () => {
  const session = await signIn();
  const page = await open('hub', 'flowtrack-hub', session, { origin: OTHER });
  const frame = extension(page);
  const states = await settled(frame);
  assert.deepEqual(Object.keys(states).sort(), [...ALL_KINDS].sort());
  assert.ok(Object.values(states).every(s => s === 'error'), JSON.stringify(states));
  // One banner says the backend could not be reached; the panels do not repeat it eleven times.
  assert.equal(await frame.locator('.ft-banner[role=alert]:visible').count(), 1);
  assert.match(await frame.textContent('.ft-banner'), /CORS/);
  for (const kind of ALL_KINDS) {
    assert.doesNotMatch(await frame.textContent(`[data-chart="${kind}"] .ft-chart-message`), /CORS|reached/, kind);
  }
  // the preflight got no CORS answer, so Chromium refused the call and no report reached the page
  assert.ok(page.problems.some(p => /blocked by CORS policy/.test(p)), page.problems.join('\n'));
  assert.deepEqual(page.reportCalls.filter(c => c.status === 200), []);
  await shoot(page, 'extension-hub-other-origin');
  await page.close();
});

test('per-user controls saved through the extension data service survive a reload', async () => {
  const session = await signIn();
  const page = await open('hub', 'flowtrack-hub', session);
  let frame = extension(page);
  await settled(frame);
  const span = call => Math.round((Date.parse(call.url.searchParams.get('to')) - Date.parse(call.url.searchParams.get('from'))) / DAY) + 1;
  assert.equal(span(page.reportCalls.at(-1)), 90, 'the hub starts with the last 90 days');

  await frame.selectOption('#ft-window', '30');
  await frame.selectOption('#ft-start-policy', 'last');
  const key = `controls-${session.projectId}`;
  await page.waitForFunction(k => window.__harness.saved[k]?.startPolicy === 'last', key);
  assert.deepEqual((await harness(page, k => window.__harness.saved[k], key)).window, { kind: 'last', days: 30 });

  page.reportCalls.length = 0;
  await page.reload();
  await handshake(page);
  frame = extension(page);
  await assertDrawnWithData(frame, ALL_KINDS);
  assert.equal(await frame.inputValue('#ft-window'), '30');
  assert.equal(await frame.inputValue('#ft-start-policy'), 'last');
  const after = page.reportCalls.at(-1);
  assert.equal(span(after), 30);
  assert.equal(after.url.searchParams.get('startPolicy'), 'last');
  await shoot(page, 'extension-hub-reloaded');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the hub\'s "Team" choice lists the project\'s teams through the backend and reports the chosen team\'s area paths, saved with the controls', async () => {
  const session = await signIn();
  const page = await open('hub', 'flowtrack-hub', session);
  let frame = extension(page);
  await assertDrawnWithData(frame, ALL_KINDS);
  // Listed by the backend with the organization's credential (the page's token has only vso.work), by name; the
  // harness's own team is not one of the project's, so the hub starts with the whole project.
  const options = await frame.locator('#ft-team option').evaluateAll(os => os.map(o => [o.value, o.textContent]));
  assert.deepEqual(options, [['project', 'Whole project'],
    ...[...DEMO_TEAMS].sort((a, b) => a.name.localeCompare(b.name)).map(t => [`team:${t.id}`, t.name])]);
  assert.equal(await frame.inputValue('#ft-team'), 'project');
  const whole = page.reportCalls.at(-1);
  assert.equal(whole.url.searchParams.getAll('areaPath').length, 0);

  const mobile = DEMO_TEAMS.find(t => t.name === 'Mobile Team');
  const before = page.reportCalls.length;
  await frame.selectOption('#ft-team', `team:${mobile.id}`);
  await frame.locator('#ft-team-note').filter({ hasText: `Area paths: ${mobile.area} (and below).` }).waitFor();
  const key = `controls-${session.projectId}`;
  await page.waitForFunction(k => window.__harness.saved[k]?.team?.id !== undefined, key);
  assert.deepEqual((await harness(page, k => window.__harness.saved[k], key)).team, { id: mobile.id, name: mobile.name });
  await assertDrawnWithData(frame, ALL_KINDS);
  const scoped = page.reportCalls.slice(before);
  assert.ok(scoped.length > 0, 'choosing a team fetched no report');
  for (const c of scoped) {
    assert.equal(c.status, 200);
    assert.deepEqual(c.url.searchParams.getAll('areaPath'), [mobile.area]);
  }
  await shoot(page, 'extension-hub-team');

  // After a reload the saved team is chosen again, before the first report.
  page.reportCalls.length = 0;
  await page.reload();
  await handshake(page);
  frame = extension(page);
  await assertDrawnWithData(frame, ALL_KINDS);
  assert.equal(await frame.inputValue('#ft-team'), `team:${mobile.id}`);
  assert.ok(page.reportCalls.length > 0);
  assert.deepEqual(page.reportCalls[0].url.searchParams.getAll('areaPath'), [mobile.area]);

  // The whole project again: no area path, and the choice is saved as such.
  const again = page.reportCalls.length;
  await frame.selectOption('#ft-team', 'project');
  await page.waitForFunction(k => window.__harness.saved[k]?.team === 'project', key);
  await frame.locator('#ft-team-note').filter({ hasText: 'All work items of the project.' }).waitFor();
  await assertDrawnWithData(frame, ALL_KINDS);
  assert.ok(page.reportCalls.length > again);
  assert.deepEqual(page.reportCalls.at(-1).url.searchParams.getAll('areaPath'), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a widget configured through its configuration page draws the chosen chart (ConfigurationChange, then reload)', async () => {
  const session = await signIn();
  const config = await open('config-forecast', 'flowtrack-forecast-widget-config', session);
  const widget = await open('widget-forecast', 'flowtrack-forecast-widget', session);
  const notifications = () => harness(config, () => window.__harness.notifications);
  // Azure DevOps hands every ConfigurationChange of the panel to the widget's reload (the live preview).
  const preview = async () => {
    const last = (await notifications()).at(-1);
    assert.equal(last.event, CONFIG_CHANGE);
    return call(widget, 'reload', [widgetSettings('Release forecast', last.data.data)]);
  };

  assert.deepEqual(await call(widget, 'preload', [widgetSettings('Release forecast', undefined)]), { statusType: 0 });
  assert.equal((await call(widget, 'load', [widgetSettings('Release forecast', undefined)])).statusType, 2);
  assert.equal(await harness(config, s => window.__harness.callWithContext('load', s).then(r => r.statusType),
    widgetSettings('Release forecast', undefined)), 0);
  await config.waitForFunction(() => window.__harness.notifications.length === 1);
  assert.equal((await preview()).statusType, 0);
  await assertDrawnWithData(extension(widget), ['forecast-when']);

  // Two pages of one browser: the one in front gets animation frames, which Playwright's actions wait for.
  await config.bringToFront();
  const panel = extension(config);
  await panel.waitForSelector('.ft-types input[type=checkbox]');
  assert.deepEqual(await panel.$$eval('.ft-types input[type=checkbox]', els => els.map(e => e.value)),
    ['Bug', 'Spike', 'Task', 'User Story']);
  await panel.selectOption('#ft-question', 'how-many');
  await panel.fill('#ft-days', '21');
  await panel.getByLabel('User Story').check();
  await config.waitForFunction(() => {
    const data = JSON.parse(window.__harness.notifications.at(-1).data.data);
    return data.question === 'how-many' && data.controls.forecastDays === 21 && data.controls.types.includes('User Story');
  });
  await shoot(config, 'extension-config-forecast');
  await widget.bringToFront();
  assert.equal((await preview()).statusType, 0);
  await assertDrawnWithData(extension(widget), ['forecast-how-many']);
  const query = widget.reportCalls.at(-1).url.searchParams;
  assert.equal(query.get('types'), 'User Story');
  assert.equal(query.get('forecastDays'), '21');
  assert.equal(await extension(widget).textContent('.ft-widget-title'), 'Release forecast');
  await shoot(widget, 'extension-widget-forecast');

  const saved = await call(config, 'onSave', []);
  assert.equal(saved.isValid, true);
  assert.deepEqual(JSON.parse(saved.customSettings.data), JSON.parse((await notifications()).at(-1).data.data));
  assert.deepEqual(config.problems, []);
  assert.deepEqual(widget.problems, []);
  await config.close();
  await widget.close();
});

test('an expired app token: the backend\'s 401 leads to one token refresh, then the chart draws', async () => {
  const session = await signIn();
  const stale = expired(session.appToken);
  const page = await open('widget-aging', 'flowtrack-aging-widget', session, { earlierAppTokens: [stale] });
  const data = JSON.stringify({ controls: { window: { kind: 'last', days: 90 }, types: [], startPolicy: null,
    forecastDays: 30, forecastItems: 10 }, question: 'when' });
  assert.equal((await call(page, 'load', [widgetSettings('Aging WIP', data)])).statusType, 0);
  await assertDrawnWithData(extension(page), ['aging']);

  await Promise.all(page.reportCalls.map(c => c.sent));
  assert.deepEqual(page.reportCalls.map(c => [c.status, c.request.authorization]),
    [[401, `Bearer ${stale}`], [200, `Bearer ${session.appToken}`]]);
  assert.equal(await harness(page, () => window.__harness.appTokenCalls), 2);
  // the refused call is the only thing Chromium complains about
  assert.deepEqual(page.problems.filter(p => !/status of 401/.test(p)), []);
  assert.equal(page.problems.length, 1);
  await shoot(page, 'extension-widget-aging-after-refresh');
  await page.close();
});

test('a widget in the dark theme draws a dark tile with readable text, from the real backend', async () => {
  const session = await signIn();
  const page = await open('widget-cycle-time', 'flowtrack-cycle-time-widget', session, { theme: DARK });
  const data = JSON.stringify({ controls: { window: { kind: 'last', days: 90 }, types: [], startPolicy: null,
    forecastDays: 30, forecastItems: 20 }, question: 'when' });
  assert.equal((await call(page, 'load', [widgetSettings('Cycle time', data)])).statusType, 0);
  await assertDrawnWithData(extension(page), ['scatter']);
  const look = await extension(page).evaluate(() => {
    const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const bg = rgb(getComputedStyle(document.body).backgroundColor);
    const title = rgb(getComputedStyle(document.querySelector('.ft-widget-title')).color);
    const [hi, lo] = [lum(title), lum(bg)].sort((a, b) => b - a);
    return { bg, root: getComputedStyle(document.getElementById('root')).backgroundColor, contrast: (hi + 0.05) / (lo + 0.05),
      dark: document.querySelector('.ft-root.ft-widget').classList.contains('ft-theme-dark') };
  });
  assert.deepEqual(look.bg, [32, 31, 30]);
  assert.notEqual(look.root, 'rgb(255, 255, 255)');
  assert.ok(look.contrast >= 4.5, `title contrast ${look.contrast}`);
  assert.equal(look.dark, true);
  await shoot(page, 'extension-widget-cycle-time-dark');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('one default: a new widget configuration offers the controls the hub starts from (20 forecast items)', async () => {
  const session = await signIn();
  const hub = await open('hub', 'flowtrack-hub', session);
  await assertDrawnWithData(extension(hub), ALL_KINDS);
  const asked = hub.reportCalls[0].url.searchParams;
  assert.equal(asked.get('forecastItems'), '20');
  assert.equal(asked.get('forecastDays'), '30');
  await hub.close();

  const config = await open('config-forecast', 'flowtrack-forecast-widget-config', session);
  await harness(config, s => window.__harness.callWithContext('load', s), widgetSettings('Forecast', undefined));
  await config.waitForFunction(() => window.__harness.notifications.length === 1);
  const offered = JSON.parse((await harness(config, () => window.__harness.notifications))[0].data.data);
  assert.deepEqual(offered.controls, { window: { kind: 'last', days: 90 }, types: [], startPolicy: null,
    forecastDays: 30, forecastItems: 20, days: 'calendar' });
  await config.close();
});

// Issue 14's widgets: each drawn from the real backend at its 2x2 size, light and dark, named for screen readers.
const ISSUE14_WIDGETS = [
  ['stage-breakdown', 'stage-breakdown', {}, /^Where the time goes: where the cycle time of \d+ finished items went, by stage; the largest share: .+ \(\d+\.\d%\)$/],
  ['weekly-throughput', 'weekly-throughput', {}, /^Weekly throughput: items finished in each of \d+ weeks from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/],
  ['throughput-histogram', 'throughput-histogram', { period: 'days' }, /^Throughput histogram \(days\): how many items each of \d+ days delivered; \d+ days delivered none/],
  ['throughput-histogram', 'throughput-histogram-weekly', { period: 'weeks' }, /^Throughput histogram \(weeks\): how many items each of \d+ full weeks delivered/],
];

for (const [theme, variables] of [['light', LIGHT], ['dark', DARK]]) {
  test(`the widgets of issue 14 draw from the real backend in the ${theme} theme, with their aria labels`, async () => {
    const session = await signIn();
    for (const [key, kind, extra, label] of ISSUE14_WIDGETS) {
      const page = await open(`widget-${key}`, `flowtrack-${key}-widget`, session, { theme: variables });
      const data = JSON.stringify({ controls: { window: { kind: 'last', days: 90 }, types: [], startPolicy: null,
        forecastDays: 30, forecastItems: 20 }, question: 'when', ...extra });
      assert.equal((await call(page, 'load', [widgetSettings(kind, data)])).statusType, 0, kind);
      const frame = extension(page);
      await assertDrawnWithData(frame, [kind]);
      const canvas = `[data-chart="${kind}"] .ft-chart-canvas`;
      assert.match(await frame.getAttribute(canvas, 'aria-label'), label);
      assert.equal(await frame.getAttribute(canvas, 'role'), 'img');
      assert.equal(await frame.evaluate(() => document.querySelector('.ft-root.ft-widget').classList.contains('ft-theme-dark')),
        theme === 'dark', kind);
      // The 2x2 tile draws the compact way and nothing spills out of it.
      const size = (await drawn(frame))[kind];
      assert.ok(size.width <= 330 && size.height > 100, `${kind}: ${size.width} x ${size.height}`);
      await shoot(page, `extension-widget-${kind}-${theme}`);
      assert.deepEqual(page.problems, [], kind);
      await page.close();
    }
  });
}

/**
 * The report of a project with a working calendar. The demo project's own report when the demo has a calendar;
 * otherwise the engine's report of generated data computed with Monday to Friday and a holiday
 * (web/test/fixtures/generated-report.json), answered in place of the demo's, with the backend's own headers.
 */
const CALENDAR_REPORT = JSON.parse(readFileSync(new URL('../../web/test/fixtures/generated-report.json', import.meta.url), 'utf8'));

async function withCalendar(page, session) {
  let standIn = false;
  await page.route(url => url.href.startsWith(BASE) && url.pathname === reportPath(session), async route => {
    const real = await route.fetch();
    const body = await real.json();
    if (body.calendar && body.cycleTime?.workingDays) {
      await route.fulfill({ response: real });
    } else {
      standIn = true;
      await route.fulfill({ response: real, body: JSON.stringify(CALENDAR_REPORT) });
    }
  });
  return () => standIn;
}

test('the hub\'s Days switch: shown for a project with a calendar; working days change the cycle-time figures, without asking again, and are saved', async () => {
  const session = await signIn();
  const page = await open('hub', 'flowtrack-hub', session);
  const standIn = await withCalendar(page, session);
  let frame = extension(page);
  // The first report may have been asked before the route was in place: ask again.
  await settled(frame);
  await frame.click('#ft-refresh');
  await settled(frame);
  const report = standIn() ? CALENDAR_REPORT : null;
  const field = frame.locator('.ft-day-count');
  await field.waitFor({ state: 'visible' });
  assert.equal(await frame.inputValue('#ft-day-count'), 'calendar');
  assert.deepEqual(await frame.$$eval('#ft-day-count option', os => os.map(o => o.value)), ['calendar', 'working']);
  assert.match(await field.textContent(), /Mon–Fri/);
  const summary = async () => frame.$$eval('.ft-summary > div', entries => Object.fromEntries(entries.map(e =>
    [e.querySelector('dt').textContent, e.querySelector('dd').textContent])));
  const scatterLabel = () => frame.getAttribute('[data-chart="scatter"] .ft-chart-canvas', 'aria-label');
  const calendarP85 = (await summary())['85% within'];
  assert.match(calendarP85, /^\d+ days$/);
  if (report) {
    assert.equal(calendarP85, `${report.cycleTime.percentiles['85']} days`);
  }
  assert.match(await scatterLabel(), /85% took \d+ days or less/);
  assert.equal(await frame.getAttribute('[data-chart="scatter"]', 'data-days'), 'calendar');
  const asked = page.reportCalls.length;

  await frame.selectOption('#ft-day-count', 'working');
  await frame.waitForFunction(() => document.querySelector('[data-chart="scatter"]').getAttribute('data-days') === 'working');
  const workingP85 = (await summary())['85% within'];
  assert.match(workingP85, /^\d+ working days$/);
  if (report) {
    // Generated data: 85% within 8 calendar days, 6 working days.
    assert.equal(calendarP85, '8 days');
    assert.equal(workingP85, '6 working days');
  }
  assert.notEqual(workingP85.replace(' working', ''), calendarP85, 'working days should shorten the 85th percentile');
  assert.match(await scatterLabel(), /85% took \d+ working days or less/);
  assert.equal(await frame.getAttribute('[data-chart="aging"]', 'data-days'), 'working');
  assert.match(await frame.textContent('#ft-items-table thead'), /Cycle time \(working days\)/);
  assert.equal(page.reportCalls.length, asked, 'switching days must not ask the backend again');
  const key = `controls-${session.projectId}`;
  await page.waitForFunction(k => window.__harness.saved[k]?.days === 'working', key);
  await shoot(page, 'extension-hub-working-days');

  await page.reload();
  await handshake(page);
  frame = extension(page);
  await settled(frame);
  await frame.click('#ft-refresh');
  await settled(frame);
  assert.equal(await frame.inputValue('#ft-day-count'), 'working');
  assert.equal((await summary())['85% within'], workingP85);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the hub without a calendar offers no Days switch and counts calendar days, even when working days were saved', async () => {
  // The demo's third project: synced, no configuration of its own, so no working calendar.
  const session = { ...(await signIn()) };
  session.projectId = session.plainProjectId;
  session.projectName = session.plainProjectName;
  const page = await open('hub', 'flowtrack-hub', session);
  const key = `controls-${session.projectId}`;
  // Working days saved earlier (say, before the project's calendar was removed): the harness's extension data.
  await page.evaluate(k => sessionStorage.setItem('harness.extensionData', JSON.stringify({ [k]: { days: 'working' } })), key);
  await page.reload();
  await handshake(page);
  const frame = extension(page);
  await assertDrawnWithData(frame, ALL_KINDS);
  const call = page.reportCalls.at(-1);
  const answer = await (await fetch(call.url, { headers: { authorization: `Bearer ${session.appToken}`,
    'x-flowtrack-access-token': session.accessToken } })).json();
  assert.equal(answer.calendar, undefined, 'the plain project has no calendar');
  assert.equal(await frame.locator('.ft-day-count').isVisible(), false);
  assert.equal(await frame.getAttribute('[data-chart="scatter"]', 'data-days'), 'calendar');
  assert.match(await frame.textContent('#ft-items-table thead'), /Cycle time \(days\)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a widget set to working days on a project without a calendar shows calendar days and says so', async () => {
  const session = { ...(await signIn()) };
  const data = (days) => JSON.stringify({ controls: { window: { kind: 'last', days: 90 }, types: [], startPolicy: null,
    forecastDays: 30, forecastItems: 20, days }, question: 'when', team: 'project' });
  // On the demo project (it has a calendar): working days, and no note.
  const withCalendar = await open('widget-cycle-time', 'flowtrack-cycle-time-widget', session);
  assert.equal((await call(withCalendar, 'load', [widgetSettings('Cycle time', data('working'))])).statusType, 0);
  await assertDrawnWithData(extension(withCalendar), ['scatter']);
  assert.equal(await extension(withCalendar).getAttribute('[data-chart="scatter"]', 'data-days'), 'working');
  assert.equal(await extension(withCalendar).locator('.ft-day-note').isVisible(), false);
  await withCalendar.close();
  // On the plain project: calendar days, and the note under the chart.
  session.projectId = session.plainProjectId;
  session.projectName = session.plainProjectName;
  const page = await open('widget-cycle-time', 'flowtrack-cycle-time-widget', session);
  assert.equal((await call(page, 'load', [widgetSettings('Cycle time', data('working'))])).statusType, 0);
  const frame = extension(page);
  await assertDrawnWithData(frame, ['scatter']);
  assert.equal(await frame.getAttribute('[data-chart="scatter"]', 'data-days'), 'calendar');
  await frame.locator('.ft-day-note').waitFor({ state: 'visible' });
  assert.match(await frame.textContent('.ft-day-note'), /^Counting calendar days: working days were chosen, but the project has no working calendar/);
  await shoot(page, 'extension-widget-no-calendar');
  // Calendar days chosen: nothing to say.
  assert.equal((await call(page, 'reload', [widgetSettings('Cycle time', data('calendar'))])).statusType, 0);
  await frame.locator('.ft-day-note').waitFor({ state: 'hidden' });
  assert.deepEqual(page.problems, []);
  await page.close();
});
