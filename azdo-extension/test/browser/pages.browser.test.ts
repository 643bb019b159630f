// The packaged pages in headless Chromium (Debian's, driven by playwright-core), each inside a harness that plays
// Azure DevOps with the SDK's own XDM channel, against a fake FlowTrack backend and a fake organization on other
// loopback ports (so CORS preflights happen for real). Screenshots go to target/browser/.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const STAGE = resolve('target/stage');
const SHOTS = resolve('target/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPORT = readFileSync('test/fixtures/example-report.json', 'utf8');
const ORG = '6f2a3c8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
const PROJECT = { id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', name: 'Fabrikam Fiber' };
const APP_TOKEN = 'app-token-for-the-browser-test';
const ACCESS_TOKEN = 'access-token-for-the-browser-test';
const CONFIG_CHANGE = 'ms.vss-dashboards-web.configurationChange';

interface Seen { method: string; url: string; headers: IncomingMessage['headers'] }

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }));
}

/** Frame sizes: the hub a laptop screen, a widget its 2x2 tile (160 px cells, 10 px gutter), a configuration its panel. */
const FRAMES: Record<string, { width: number; height: number }> = {
  hub: { width: 1280, height: 1400 }, widget: { width: 330, height: 330 }, config: { width: 560, height: 640 },
};
/** Azure DevOps' theme variables as the SDK applies them (azure-devops-ui's light and dark themes, the ones we use). */
const LIGHT = { 'background-color': 'rgba(255, 255, 255, 1)', 'text-primary-color': 'rgba(0, 0, 0, .9)',
  'text-secondary-color': 'rgba(0, 0, 0, .55)', 'palette-neutral-20': 'rgba(200, 200, 200, 1)' };
const DARK = { 'background-color': 'rgba(32, 31, 30, 1)', 'text-primary-color': 'rgba(255, 255, 255, .9)',
  'text-secondary-color': 'rgba(255, 255, 255, .55)', 'palette-neutral-20': 'rgba(80, 78, 76, 1)',
  'callout-background-color': 'rgba(37, 36, 35, 1)' };

/**
 * WCAG contrast of the computed colour and background of each element matching the selector (the background is
 * the first opaque one up the tree; translucent text is blended over it).
 */
async function contrasts(p: Page, selector: string): Promise<Array<{ what: string; color: string; background: string; ratio: number }>> {
  return p.frameLocator('#extension').locator(selector).evaluateAll((els) => {
    const rgba = (c: string) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      const v = m ? m[1].split(/[ ,/]+/).filter(Boolean).map(Number) : [0, 0, 0, 0];
      return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (x: number) => { const s = x / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    return els.map((e) => {
      let bgEl: Element | null = e;
      let bg = [255, 255, 255, 1];
      while (bgEl) {
        const c = rgba(getComputedStyle(bgEl).backgroundColor);
        if (c[3] > 0.5) { bg = c; break; }
        bgEl = bgEl.parentElement;
      }
      const fg = rgba(getComputedStyle(e).color);
      const blended = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
      const [hi, lo] = [lum(blended), lum(bg)].sort((a, b) => b - a);
      return { what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`, color: getComputedStyle(e).color,
        background: `rgb(${bg.slice(0, 3).join(', ')})`, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
    });
  });
}

const shoot = (p: Page, name: string) => p.locator('#extension').screenshot({ path: join(SHOTS, name) });

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };

describe('extension pages in Chromium', () => {
  let browser: Browser;
  let pages: { server: Server; origin: string };
  let backend: { server: Server; origin: string };
  let seen: Seen[];
  let reportStatus: number;
  let reportBody: string;
  /** While set, report requests wait for it (a slow first report). */
  let reportGate: Promise<void> | null;
  let harnessJs: string;
  let problems: string[];

  beforeAll(async () => {
    if (!existsSync(join(STAGE, 'dist', 'hub.html')) || !existsSync(join(STAGE, 'dist', 'lib', 'flowtrack-dashboard.js'))) {
      throw new Error(`${STAGE} holds no packaged pages: run the Maven package phase (or npm run build + package) first`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (Debian package 'chromium'; or set CHROMIUM_PATH)`);
    mkdirSync(SHOTS, { recursive: true });
    harnessJs = (await build({ entryPoints: ['test/browser/harness.ts'], bundle: true, format: 'iife', write: false, logLevel: 'warning' }))
      .outputFiles[0].text;

    backend = await listen((req, res) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      res.setHeader('Access-Control-Allow-Origin', pages.origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        // The backend allows exactly its own headers (AllowedOrigins); the organization allows what the REST client asks.
        const api = req.url!.startsWith('/api/');
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET',
          'Access-Control-Allow-Headers': api ? 'Authorization, Content-Type, X-FlowTrack-Access-Token' : String(req.headers['access-control-request-headers'] ?? ''),
        });
        res.end();
        return;
      }
      const url = new URL(req.url!, backend.origin);
      if (url.pathname === `/api/v1/orgs/${ORG}/projects/${PROJECT.id}/report`) {
        const authorized = req.headers.authorization === `Bearer ${APP_TOKEN}` && req.headers['x-flowtrack-access-token'] === ACCESS_TOKEN;
        const answer = () => {
          res.writeHead(authorized ? reportStatus : 401, { 'Content-Type': 'application/json' });
          res.end(authorized ? reportBody : JSON.stringify({ error: 'unauthenticated', message: 'no token', requestId: 'r' }));
        };
        if (reportGate) void reportGate.then(answer);
        else answer();
      } else if (url.pathname === `/api/v1/orgs/${ORG}/projects/${PROJECT.id}/teams`) {
        // The project's teams for the hub's Team choice (the backend lists them with the organization's credential).
        const authorized = req.headers.authorization === `Bearer ${APP_TOKEN}` && req.headers['x-flowtrack-access-token'] === ACCESS_TOKEN;
        res.writeHead(authorized ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(authorized ? { teams: [{ id: 'team-1', name: 'Team' }, { id: 'team-2', name: 'Another Team' }] }
          : { error: 'unauthenticated', message: 'no token', requestId: 'r' }));
      } else if (url.pathname === `/fabrikam/${PROJECT.id}/team-1/_apis/work/teamsettings/teamfieldvalues`) {
        // The widget's team (the harness's web context team) and its area paths, as team settings give them.
        const authorized = req.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
        res.writeHead(authorized ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ field: { referenceName: 'System.AreaPath' }, defaultValue: 'Fabrikam Fiber\\Web',
          values: [{ value: 'Fabrikam Fiber\\Web', includeChildren: false }, { value: 'Fabrikam Fiber\\Mobile', includeChildren: true }] }));
      } else if (url.pathname === `/fabrikam/${PROJECT.id}/team-2/_apis/work/teamsettings/teamfieldvalues`) {
        // A team chosen by name in a widget's configuration, not the dashboard's own.
        const authorized = req.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
        res.writeHead(authorized ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ field: { referenceName: 'System.AreaPath' }, defaultValue: 'Fabrikam Fiber\\Data',
          values: [{ value: 'Fabrikam Fiber\\Data', includeChildren: true }] }));
      } else if (/^\/fabrikam\/[^/]+\/_apis\/wit\/workitemtypes$/i.test(url.pathname)) {
        // Like Azure DevOps: the REST client's Accept header asks for noArrayWrap, so the list comes bare.
        const types = [{ name: 'User Story', isDisabled: false }, { name: 'Bug', isDisabled: false }, { name: 'Old Type', isDisabled: true }];
        const bare = String(req.headers.accept).includes('noArrayWrap=true');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(bare ? types : { count: types.length, value: types }));
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'not_found', message: url.pathname, requestId: 'r' }));
      }
    });

    pages = await listen((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/favicon.ico') {
        res.writeHead(204);
        res.end();
      } else if (path === '/harness.html') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Azure DevOps (harness)</title></head><body><script src="/harness.js"></script></body></html>');
      } else if (path === '/harness.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' });
        res.end(harnessJs);
      } else if (path === '/ext/dist/flowtrack-config.json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ backendUrl: backend.origin }));
      } else if (path.startsWith('/ext/')) {
        const file = normalize(join(STAGE, path.slice('/ext/'.length)));
        if (!file.startsWith(STAGE) || !existsSync(file)) {
          res.writeHead(404);
          res.end();
          return;
        }
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    pages?.server.close();
    backend?.server.close();
  });

  beforeEach(() => {
    seen = [];
    problems = [];
    reportStatus = 200;
    reportBody = REPORT;
    reportGate = null;
  });

  async function open(page: string, contributionId: string, saved: Record<string, unknown> = {},
    theme: Record<string, string> = LIGHT): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1300, height: 1420 } });
    // Errors, and the adapter's own warnings (e.g. a saved choice that could not be read), are problems.
    p.on('console', (m) => { if (m.type() === 'error' || m.text().startsWith('FlowTrack:')) problems.push(m.text()); });
    p.on('pageerror', (e) => problems.push(e.message));
    await p.addInitScript((setup) => { (window as unknown as { __harnessSetup: unknown }).__harnessSetup = setup; }, {
      page, contributionId, appToken: APP_TOKEN, accessToken: ACCESS_TOKEN, organizationId: ORG, project: PROJECT, organizationUrl: `${backend.origin}/fabrikam/`, saved,
      theme,
      frame: FRAMES[page.split('-')[0]],
    });
    await p.goto(`${pages.origin}/harness.html`);
    await p.waitForFunction(() => (window as unknown as { __harness?: { handshakes: unknown[] } }).__harness?.handshakes.length === 1);
    return p;
  }

  const frame = (p: Page) => p.frameLocator('#extension');
  const settledCharts = async (p: Page) => {
    const charts = frame(p).locator('[data-chart]');
    await charts.first().waitFor();
    await expect.poll(async () => charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))), { timeout: 20_000 })
      .not.toContain('loading');
    return charts.evaluateAll((els) => els.map((e) => [e.getAttribute('data-chart'), e.getAttribute('data-state')]));
  };
  const reportCalls = () => seen.filter((s) => s.method === 'GET' && s.url.includes('/report?'));

  it('the hub shows the project\'s dashboard, asking the backend with both tokens across origins', async () => {
    const p = await open('hub', 'flowtrack-hub', {
      [`controls-${PROJECT.id}`]: { window: { kind: 'custom', from: '2024-01-02', to: '2024-03-31' }, types: [], startPolicy: null },
    });
    await p.waitForFunction(() => (window as unknown as { __harness: { loaded: boolean } }).__harness.loaded);
    const states = await settledCharts(p);
    expect(states.length).toBeGreaterThan(0);
    expect(states.map(([, s]) => s)).not.toContain('error');
    await shoot(p, 'hub.png');

    const handshake = await p.evaluate(() => (window as unknown as { __harness: { handshakes: unknown[] } }).__harness.handshakes[0]);
    expect(handshake).toMatchObject({ loaded: false, applyTheme: true });
    expect(reportCalls().length).toBeGreaterThan(0);
    for (const call of reportCalls()) {
      expect(call.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
      expect(call.headers['x-flowtrack-access-token']).toBe(ACCESS_TOKEN);
      expect(call.headers.origin).toBe(pages.origin);
      expect(call.headers.cookie).toBeUndefined();
      expect(new URL(call.url, backend.origin).searchParams.get('timeZone')).toBeTruthy();
    }
    // The Team choice: the project's teams through the backend, the user's team first (its area paths in the report).
    const teamOptions = await frame(p).locator('#ft-team option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(teamOptions).toEqual(['project', 'team:team-2', 'team:team-1']);
    expect(await frame(p).locator('#ft-team').inputValue()).toBe('team:team-1');
    for (const call of reportCalls()) {
      expect(new URL(call.url, backend.origin).searchParams.getAll('areaPath')).toEqual(['Fabrikam Fiber\\Mobile']);
    }
    const preflight = seen.find((s) => s.method === 'OPTIONS');
    expect(preflight?.headers['access-control-request-headers']).toContain('x-flowtrack-access-token');
    expect(problems).toEqual([]);
    await p.close();
  });

  it('the hub tells Azure DevOps it has loaded once its frame is laid out, before the first report arrives', async () => {
    let release!: () => void;
    reportGate = new Promise((resolve) => { release = resolve; });
    const p = await open('hub', 'flowtrack-hub');
    await p.waitForFunction(() => (window as unknown as { __harness: { loaded: boolean } }).__harness.loaded, undefined, { timeout: 10_000 });
    // Loaded, while the report is still on its way: the charts are in their loading state.
    await expect.poll(() => frame(p).locator('[data-chart]').count()).toBeGreaterThan(0);
    expect(await frame(p).locator('[data-chart="scatter"]').getAttribute('data-state')).toBe('loading');
    release();
    expect((await settledCharts(p)).every(([, s]) => s === 'ready')).toBe(true);
    expect(problems).toEqual([]);
    await p.close();
  });

  it('the hub follows a theme change from Azure DevOps (and a user without a saved choice is no problem)', async () => {
    const p = await open('hub', 'flowtrack-hub');
    await settledCharts(p);
    await p.evaluate(() => (window as unknown as { __harness: { dispatchTheme(t: Record<string, string>): Promise<unknown> } }).__harness
      .dispatchTheme({ 'background-color': 'rgba(32, 31, 30, 1)', 'text-primary-color': 'rgba(255, 255, 255, .9)' }));
    const body = frame(p).locator('body');
    await expect.poll(() => body.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(32, 31, 30)');
    await shoot(p, 'hub-dark.png');
    expect(problems).toEqual([]);
    await p.close();
  });

  it('the hub shows a backend error as a state, not a blank page', async () => {
    reportStatus = 409;
    reportBody = JSON.stringify({ error: 'not_synced', message: 'The first sync of this project has not finished yet.', requestId: 'r1' });
    const p = await open('hub', 'flowtrack-hub');
    const states = await settledCharts(p);
    expect(states.every(([, s]) => s === 'empty' || s === 'error')).toBe(true);
    await shoot(p, 'hub-not-synced.png');
    await p.close();
  });

  it('the hub says once, in one banner, that the report could not be had (not in every panel)', async () => {
    reportStatus = 503;
    reportBody = JSON.stringify({ error: 'unavailable', message: 'FlowTrack is restarting; try again in a minute.', requestId: 'r9' });
    const p = await open('hub', 'flowtrack-hub');
    const states = await settledCharts(p);
    expect(states.every(([, s]) => s === 'error')).toBe(true);
    const f = frame(p);
    expect(await f.locator('.ft-banner[role=alert]:visible').count()).toBe(1);
    expect(await f.locator('.ft-banner').textContent()).toContain('FlowTrack is restarting');
    const panelTexts = await f.locator('[data-chart] .ft-chart-message').allTextContents();
    expect(panelTexts.filter((t) => t.includes('restarting'))).toEqual([]);
    await shoot(p, 'hub-unavailable.png');
    await p.close();
  });

  it('a widget is Unconfigured without settings, then draws its fixed chart with its configuration', async () => {
    const p = await open('widget-cycle-time', 'flowtrack-cycle-time-widget');
    const call = (method: string, args: unknown[]) =>
      p.evaluate(([m, a]) => (window as unknown as { __harness: { call(m: string, a: unknown[]): Promise<unknown> } }).__harness.call(m as string, a as unknown[]), [method, args] as const);
    const settings = (data: string | undefined) => ({ name: 'Team cycle time', size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data } });

    expect(await call('preload', [settings(undefined)])).toMatchObject({ statusType: 0 });
    expect(await call('load', [settings(undefined)])).toMatchObject({ statusType: 2 });
    await expect.poll(() => frame(p).locator('.ft-unconfigured').count()).toBe(1);

    const config = { controls: { window: { kind: 'custom', from: '2024-01-02', to: '2024-03-31' }, types: ['Story'], startPolicy: 'first', forecastDays: 30, forecastItems: 10 }, question: 'when' };
    expect(await call('reload', [settings(JSON.stringify(config))])).toMatchObject({ statusType: 0 });
    const states = await settledCharts(p);
    expect(states).toEqual([['scatter', expect.stringMatching(/^(ready|empty)$/)]]);
    expect(await frame(p).locator('.ft-widget-title').textContent()).toBe('Team cycle time');
    const query = new URL(reportCalls().at(-1)!.url, backend.origin).searchParams;
    expect(query.get('types')).toBe('Story');
    expect(query.get('startPolicy')).toBe('first');
    // on a team dashboard: exactly the team's area paths, each with its include-children flag
    expect(query.getAll('areaPathExact')).toEqual(['Fabrikam Fiber\\Web']);
    expect(query.getAll('areaPath')).toEqual(['Fabrikam Fiber\\Mobile']);
    await shoot(p, 'widget-cycle-time.png');
    expect(problems).toEqual([]);
    await p.close();
  });

  it('a widget configured for a team by name reports that team\'s area paths, not the dashboard\'s', async () => {
    const p = await open('widget-cycle-time', 'flowtrack-cycle-time-widget');
    const config = { controls: { window: { kind: 'last', days: 90 }, types: [], startPolicy: null, forecastDays: 30, forecastItems: 20 },
      question: 'when', team: { id: 'team-2', name: 'Another Team' } };
    expect(await p.evaluate((data) => (window as unknown as { __harness: { call(m: string, a: unknown[]): Promise<unknown> } }).__harness
      .call('load', [{ name: 'Data team', size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data } }]), JSON.stringify(config)))
      .toMatchObject({ statusType: 0 });
    await settledCharts(p);
    const query = new URL(reportCalls().at(-1)!.url, backend.origin).searchParams;
    expect(query.getAll('areaPath')).toEqual(['Fabrikam Fiber\\Data']);
    expect(query.getAll('areaPathExact')).toEqual([]);
    expect(seen.some((s) => s.url.includes('/team-1/'))).toBe(false);
    expect(problems).toEqual([]);
    await p.close();
  });

  it('a widget in the dark theme: a dark tile, light readable text, a dark chart', async () => {
    const p = await open('widget-cycle-time', 'flowtrack-cycle-time-widget', {}, DARK);
    const config = { controls: { window: { kind: 'custom', from: '2024-01-02', to: '2024-03-31' }, types: [], startPolicy: null, forecastDays: 30, forecastItems: 20 }, question: 'when' };
    await p.evaluate((data) => (window as unknown as { __harness: { call(m: string, a: unknown[]): Promise<unknown> } }).__harness
      .call('load', [{ name: 'Team cycle time', size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data } }]), JSON.stringify(config));
    expect(await settledCharts(p)).toEqual([['scatter', 'ready']]);
    const f = frame(p);
    for (const sel of ['body', '#root', '.ft-root.ft-widget']) {
      const bg = await f.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
      expect([sel, bg]).not.toEqual([sel, 'rgb(255, 255, 255)']);
    }
    expect(await f.locator('body').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(32, 31, 30)');
    expect(await f.locator('.ft-root.ft-widget').evaluate((e) => e.classList.contains('ft-theme-dark'))).toBe(true);
    for (const c of await contrasts(p, '.ft-widget-title, .ft-confidence th, .ft-confidence td')) {
      expect(c.ratio, JSON.stringify(c)).toBeGreaterThanOrEqual(4.5);
    }
    // The canvas is dark too: its corner pixel is the tile's colour, not white.
    const corner = await f.locator('.ft-widget-chart canvas').first().evaluate((c) => [...(c as HTMLCanvasElement).getContext('2d')!.getImageData(2, 2, 1, 1).data]);
    expect(corner[0] < 100 || corner[3] < 50, `corner pixel ${corner}`).toBe(true);
    await shoot(p, 'widget-cycle-time-dark.png');
    expect(problems).toEqual([]);
    await p.close();
  });

  it('a configuration in the dark theme: light text on dark fields, selects included', async () => {
    const p = await open('config-forecast', 'flowtrack-forecast-widget-config', {}, DARK);
    await p.evaluate(() => (window as unknown as { __harness: { callWithContext(m: string, s: unknown): Promise<unknown> } })
      .__harness.callWithContext('load', { name: 'Forecast', size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data: undefined } }));
    const f = frame(p);
    await f.locator('.ft-types input[type=checkbox]').first().waitFor();
    expect(await f.locator('body').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(32, 31, 30)');
    const measured = await contrasts(p, 'label, legend, select, input[type=number], input[type=date]');
    expect(measured.filter((c) => c.what.startsWith('select')).length).toBeGreaterThanOrEqual(3);
    for (const c of measured) {
      expect(c.ratio, JSON.stringify(c)).toBeGreaterThanOrEqual(4.5);
    }
    // Native parts of the controls (the select's list, the date picker) follow the page's colour scheme.
    expect(await f.locator('select').first().evaluate((e) => getComputedStyle(e).colorScheme)).toBe('dark');
    await shoot(p, 'config-forecast-dark.png');
    expect(problems).toEqual([]);
    await p.close();
  });

  it('a configuration lists the project\'s types, notifies each edit and saves a valid configuration', async () => {
    const p = await open('config-forecast', 'flowtrack-forecast-widget-config');
    const status = await p.evaluate(() => (window as unknown as { __harness: { callWithContext(m: string, s: unknown): Promise<unknown> } })
      .__harness.callWithContext('load', { name: 'Forecast', size: { rowSpan: 2, columnSpan: 2 }, customSettings: { data: undefined } }));
    expect(status).toMatchObject({ statusType: 0 });
    const notifications = () => p.evaluate(() => (window as unknown as { __harness: { notifications: Array<{ event: string; data: { data: string } }> } }).__harness.notifications);
    await expect.poll(async () => (await notifications()).length).toBe(1);

    const f = frame(p);
    await expect.poll(() => f.locator('.ft-types input[type=checkbox]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      .toEqual(['Bug', 'User Story']);
    await f.locator('#ft-question').selectOption('how-many');
    await f.locator('#ft-days').fill('21');
    await f.getByLabel('Bug').check();
    await expect.poll(async () => JSON.parse((await notifications()).at(-1)!.data.data)).toMatchObject({
      question: 'how-many', controls: { forecastDays: 21, types: ['Bug'] },
    });
    expect((await notifications()).every((n) => n.event === CONFIG_CHANGE)).toBe(true);
    const saved = await p.evaluate(() => (window as unknown as { __harness: { call(m: string, a: unknown[]): Promise<{ isValid: boolean; customSettings: { data: string } }> } }).__harness.call('onSave', []));
    expect(saved.isValid).toBe(true);
    expect(JSON.parse(saved.customSettings.data)).toMatchObject({ question: 'how-many', controls: { forecastDays: 21 } });
    // The Team choice offers the project's teams by name, listed by the backend; a named team is saved by its id.
    expect(await f.locator('#ft-team option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['dashboard', 'project', 'team:team-2', 'team:team-1']);
    await f.locator('#ft-team').selectOption('team:team-2');
    await expect.poll(async () => JSON.parse((await notifications()).at(-1)!.data.data).team).toEqual({ id: 'team-2', name: 'Another Team' });
    // The organization was asked for the types with the access token, the backend for the teams with both tokens.
    const gets = seen.filter((s) => s.method === 'GET');
    expect(gets.map((s) => new URL(s.url, backend.origin).pathname).sort())
      .toEqual([`/api/v1/orgs/${ORG}/projects/${PROJECT.id}/teams`, `/fabrikam/${PROJECT.id}/_apis/wit/workItemTypes`]);
    const teamsCall = gets.find((s) => s.url.includes('/teams'))!;
    expect(teamsCall.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(teamsCall.headers['x-flowtrack-access-token']).toBe(ACCESS_TOKEN);
    await shoot(p, 'config-forecast.png');
    expect(problems).toEqual([]);
    await p.close();
  });
});
