import { beforeEach, describe, expect, it } from 'vitest';
import { jwtExpiry } from '../src/host/appToken.js';
import { AzdoHost } from '../src/host/azdoHost.js';
import { FlowHostError } from '../src/host/hostError.js';
import { readFileSync } from 'node:fs';
import { normalizeControls } from '@flowtrack/web/controls';
import { CONFIG, FakeEnv, FakeSdk, appToken, json } from './fakes.js';

const QUERY = { from: '2025-01-01', to: '2025-03-10', timeZone: 'Europe/Berlin' };
const REPORT = { format: 'flowtrack-report/1', items: [] };

describe('AzdoHost', () => {
  let sdk: FakeSdk;
  let env: FakeEnv;
  const nowS = () => Math.floor(env.nowMs / 1000);

  beforeEach(() => {
    sdk = new FakeSdk();
    env = new FakeEnv();
  });

  const connect = () => AzdoHost.connect(sdk, env, CONFIG);

  it('takes the organization from the SDK host and the project from the project page service', async () => {
    const host = await connect();
    expect(host.organizationId).toBe('org-guid-1');
    expect(host.project).toEqual({ id: 'proj-guid-1', name: 'Fabrikam Fiber' });
  });

  it('falls back to the web context when the project page service has no project, and refuses a page without one', async () => {
    sdk.project = undefined;
    expect((await connect()).project.id).toBe('web-project');
    sdk.getWebContext = () => ({});
    await expect(connect()).rejects.toMatchObject({ code: 'no_project' });
  });

  it('asks the backend for the report with the app token, a fresh access token and every query parameter', async () => {
    const token = appToken('a', nowS() + 3600);
    sdk.appTokens = [token];
    env.responses = [json(200, REPORT)];
    const host = await connect();
    const report = await host.fetchReport({
      ...QUERY, asOf: '2025-03-10', types: ['User Story', 'Bug'], startPolicy: 'last', forecastDays: 14, forecastItems: 20,
    });
    expect(report).toEqual(REPORT);
    const [call] = env.calls;
    const url = new URL(call.url);
    expect(url.origin + url.pathname).toBe('https://flowtrack.example.com/base/api/v1/orgs/org-guid-1/projects/proj-guid-1/report');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2025-01-01', to: '2025-03-10', asOf: '2025-03-10', timeZone: 'Europe/Berlin', types: 'User Story,Bug',
      startPolicy: 'last', forecastDays: '14', forecastItems: '20',
    });
    const headers = call.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${token}`);
    expect(headers['X-FlowTrack-Access-Token']).toBe('access-1');
    expect(call.init.redirect).toBe('error');
    expect(call.init.credentials).toBe('omit');
  });

  it('leaves optional parameters out when the query has none', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600)];
    env.responses = [json(200, REPORT)];
    await (await connect()).fetchReport({ ...QUERY, types: [] });
    expect([...new URL(env.calls[0].url).searchParams.keys()]).toEqual(['from', 'to', 'timeZone']);
  });

  it('caches the app token until shortly before its exp, and asks for an access token on every call', async () => {
    sdk.appTokens = [appToken('first', nowS() + 600), appToken('second', nowS() + 4000)];
    env.responses = [json(200, REPORT), json(200, REPORT), json(200, REPORT)];
    const host = await connect();
    await host.fetchReport(QUERY);
    await host.fetchReport(QUERY);
    expect(sdk.appTokenCalls).toBe(1);
    env.nowMs += 541_000; // within a minute of exp: refresh
    await host.fetchReport(QUERY);
    expect(sdk.appTokenCalls).toBe(2);
    const auth = env.calls.map((c) => (c.init.headers as Record<string, string>).Authorization);
    expect(auth[0]).toBe(auth[1]);
    expect(auth[2]).toBe(`Bearer ${appToken('second', nowS() - 541 + 4000)}`);
    expect(env.calls.map((c) => (c.init.headers as Record<string, string>)['X-FlowTrack-Access-Token']))
      .toEqual(['access-1', 'access-2', 'access-3']);
  });

  it('does not cache a token whose exp cannot be read', async () => {
    sdk.appTokens = ['not-a-jwt', 'still-not'];
    env.responses = [json(200, REPORT), json(200, REPORT)];
    const host = await connect();
    await host.fetchReport(QUERY);
    await host.fetchReport(QUERY);
    expect(sdk.appTokenCalls).toBe(2);
  });

  it('refreshes the app token once on a 401 and retries', async () => {
    sdk.appTokens = [appToken('stale', nowS() + 3600), appToken('fresh', nowS() + 3600)];
    env.responses = [json(401, { error: 'unauthenticated', message: 'expired', requestId: 'r1' }), json(200, REPORT)];
    const host = await connect();
    await expect(host.fetchReport(QUERY)).resolves.toEqual(REPORT);
    expect(sdk.appTokenCalls).toBe(2);
    const auth = env.calls.map((c) => (c.init.headers as Record<string, string>).Authorization);
    expect(auth).toEqual([`Bearer ${appToken('stale', nowS() + 3600)}`, `Bearer ${appToken('fresh', nowS() + 3600)}`]);
  });

  it('gives up after one refresh: a second 401 is the backend\'s error', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600), appToken('b', nowS() + 3600), appToken('c', nowS() + 3600)];
    env.responses = [
      json(401, { error: 'unauthenticated', message: 'The app token was refused.', requestId: 'r1' }),
      json(401, { error: 'unauthenticated', message: 'The app token was refused.', requestId: 'r2' }),
      json(200, REPORT),
    ];
    const host = await connect();
    const error = await host.fetchReport(QUERY).catch((e) => e);
    expect(error).toBeInstanceOf(FlowHostError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'The app token was refused.' });
    expect(env.calls).toHaveLength(2);
    await host.fetchReport(QUERY); // the refused token is not reused
    expect(sdk.appTokenCalls).toBe(3);
  });

  it('maps backend errors to HostError with the backend\'s code and message', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600)];
    env.responses = [
      json(404, { error: 'organization_not_connected', message: 'Connect the organization first.', requestId: 'r1' }),
      json(409, { error: 'not_synced', message: 'The first sync has not finished.', requestId: 'r2' }),
      json(503, { error: 'membership_unavailable', message: 'Azure DevOps did not answer.', requestId: 'r3' }),
      new Response('<html>gateway</html>', { status: 502 }),
      json(500, { unexpected: true }),
      new Response('<html>a login page</html>', { status: 200 }),
      new Response('', { status: 403 }),
    ];
    const host = await connect();
    const errors: FlowHostError[] = [];
    for (let i = 0; i < 7; i++) errors.push((await host.fetchReport(QUERY).catch((e: unknown) => e)) as FlowHostError);
    expect(errors.map((e) => [e.status, e.code])).toEqual([
      [404, 'organization_not_connected'], [409, 'not_synced'], [503, 'membership_unavailable'],
      [502, 'unexpected_response'], [500, 'unexpected_response'], [200, 'bad_response'], [403, 'forbidden'],
    ]);
    expect(errors[0].message).toBe('Connect the organization first.');
    expect(errors[2].message).toBe('Azure DevOps did not answer. (request r3)');
    expect(errors[3].message).not.toContain('gateway');
    expect(errors[5].message).not.toContain('login');
  });

  it('maps a second 401 without a body to unauthenticated', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600), appToken('b', nowS() + 3600)];
    env.responses = [new Response('', { status: 401 }), new Response('', { status: 401 })];
    await expect((await connect()).fetchReport(QUERY)).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('maps an unreachable backend, a timeout and a missing token to HostError', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600)];
    const timeout = new Error('timed out');
    timeout.name = 'TimeoutError';
    env.responses = [new TypeError('Failed to fetch'), timeout];
    const host = await connect();
    await expect(host.fetchReport(QUERY)).rejects.toMatchObject({ status: 0, code: 'backend_unreachable' });
    await expect(host.fetchReport(QUERY)).rejects.toMatchObject({ status: 0, code: 'timeout' });
    sdk.getAccessToken = async () => { throw new Error('no'); };
    await expect(host.fetchReport(QUERY)).rejects.toMatchObject({ code: 'token_unavailable' });
    expect(env.calls).toHaveLength(2);
  });

  it('sends the tokens to the configured backend origin and nowhere else', async () => {
    sdk.appTokens = [appToken('a', nowS() + 3600)];
    env.responses = [json(200, REPORT)];
    const host = await connect();
    await host.fetchReport(QUERY);
    await host.loadControls();
    await host.saveControls({ window: { kind: 'last', days: 30 }, types: [], startPolicy: null, forecastDays: 30, forecastItems: 10, days: 'calendar' });
    expect(host.itemUrl('42')).not.toContain('access');
    expect(env.calls).toHaveLength(1);
    expect(new URL(env.calls[0].url).origin).toBe('https://flowtrack.example.com');
    // A query value cannot move the request elsewhere: it is encoded into the query string.
    env.responses = [json(200, REPORT)];
    await host.fetchReport({ ...QUERY, from: '//evil.example.com/x?', types: ['@evil.example.com'] });
    expect(new URL(env.calls[1].url).origin).toBe('https://flowtrack.example.com');
  });

  it('reads the saved controls from the user scope; a missing document (404) is no saved choice', async () => {
    const host = await connect();
    expect(await host.loadControls()).toBeNull();
    expect(env.warnings).toEqual([]);
    sdk.store.set(host.controlsKey, { window: { kind: 'last', days: 180 }, types: ['Bug'], startPolicy: 'first', junk: 1,
      days: 'holidays' });
    expect(await host.loadControls()).toEqual({ window: { kind: 'last', days: 180 }, types: ['Bug'], startPolicy: 'first' });
    sdk.store.set(host.controlsKey, { days: 'working' });
    expect(await host.loadControls()).toEqual({ days: 'working' });
    expect(sdk.storeScopes.every((s) => s === 'User')).toBe(true);
    expect(host.controlsKey).toBe('controls-proj-guid-1');
  });

  it('drops invalid stored fields and treats an unreadable store as no choice, with a warning', async () => {
    const host = await connect();
    sdk.store.set(host.controlsKey, { window: { kind: 'last', days: 7 }, forecastDays: -3 });
    expect(await host.loadControls()).toBeNull();
    sdk.getValueError = { status: 500, message: 'boom' };
    expect(await host.loadControls()).toBeNull();
    expect(env.warnings).toHaveLength(1);
  });

  it('saves the controls in the user scope and maps a failure to HostError', async () => {
    const host = await connect();
    // Working days (the hub's Days switch) are kept with the rest.
    const controls = { window: { kind: 'custom', from: '2025-01-01', to: '2025-02-01' }, types: ['Bug'], startPolicy: null,
      forecastDays: 20, forecastItems: 5, days: 'working' } as const;
    await host.saveControls({ ...controls, types: [...controls.types] });
    expect(sdk.store.get(host.controlsKey)).toEqual(controls);
    expect(await host.loadControls()).toEqual(controls);
    sdk.setValueError = { status: 403, message: 'nope' };
    await expect(host.saveControls({ ...controls, types: [] })).rejects.toMatchObject({ status: 403, code: 'settings_unavailable' });
  });

  it('makes the extension data manager again with a fresh access token when its token has expired (401)', async () => {
    const host = await connect();
    sdk.store.set(host.controlsKey, { types: ['Bug'] });
    expect(await host.loadControls()).toEqual({ types: ['Bug'] });
    expect(sdk.managerTokens).toEqual(['access-1']);
    sdk.expiredTokens.add('access-1');
    expect(await host.loadControls()).toEqual({ types: ['Bug'] });
    expect(sdk.managerTokens).toEqual(['access-1', 'access-2']);
    sdk.expiredTokens.add('access-2');
    await host.saveControls({ window: { kind: 'last', days: 30 }, types: [], startPolicy: null, forecastDays: 30, forecastItems: 10, days: 'calendar' });
    expect(sdk.managerTokens).toEqual(['access-1', 'access-2', 'access-3']);
    sdk.expiredTokens.add('access-3');
    sdk.getAccessToken = async () => 'access-3'; // the SDK keeps handing out the expired token: one retry, then fail
    await expect(host.saveControls({ window: { kind: 'last', days: 30 }, types: [], startPolicy: null, forecastDays: 30, forecastItems: 10, days: 'calendar' }))
      .rejects.toMatchObject({ status: 401, code: 'settings_unavailable' });
  });

  it('follows the theme: dark from the luminance of --background-color, on every themeApplied', async () => {
    env.background = 'rgba(255, 255, 255, 1)';
    const host = await connect();
    const seen: string[] = [];
    host.onThemeChange((t) => seen.push(t));
    expect(host.theme()).toBe('light');
    env.applyTheme({ 'background-color': 'rgba(30, 30, 30, 1)' });
    expect(host.theme()).toBe('dark');
    env.applyTheme({ 'background-color': '#1e1e1e' }); // same theme: no second call
    env.background = '#ffffff';
    env.applyTheme(undefined); // no detail: read the variable
    expect(seen).toEqual(['dark', 'light']);
    expect(host.theme()).toBe('light');
  });

  it('saved user controls give the shared cases\' controls once the dashboard normalizes them (as in Jira and the widgets)', async () => {
    const { cases } = JSON.parse(readFileSync(new URL('../../web/test/fixtures/control-cases.json', import.meta.url), 'utf8')) as
      { cases: Array<{ name: string; input: unknown; expected: unknown }> };
    const host = await connect();
    for (const c of cases) {
      if (c.input === null) sdk.store.delete(host.controlsKey);
      else sdk.store.set(host.controlsKey, c.input);
      expect(normalizeControls(await host.loadControls()), c.name).toEqual(c.expected);
    }
  });

  it('stops calling a theme listener once it unsubscribes', async () => {
    env.background = 'rgba(255, 255, 255, 1)';
    const host = await connect();
    const first: string[] = [];
    const second: string[] = [];
    const stop = host.onThemeChange((t) => first.push(t));
    host.onThemeChange((t) => second.push(t));
    env.applyTheme({ 'background-color': '#1e1e1e' });
    stop();
    stop(); // twice is harmless
    env.applyTheme({ 'background-color': '#ffffff' });
    expect(first).toEqual(['dark']);
    expect(second).toEqual(['dark', 'light']);
  });

  it('opens a work item through the host navigation service (a new window of Azure DevOps), never window.open', async () => {
    const host = await connect();
    host.openItem('42');
    await expect.poll(() => sdk.opened).toEqual([['https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_workitems/edit/42', '']]);
    host.openItem('not-an-id');
    sdk.navigationFails = true;
    host.openItem('43');
    await expect.poll(() => env.warnings).toEqual(['work item 43 could not be opened through Azure DevOps']);
    expect(sdk.opened).toHaveLength(1);
  });

  it('links items to the organization URL from the location service', async () => {
    const host = await connect();
    expect(host.itemUrl('42')).toBe('https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_workitems/edit/42');
    expect(host.itemUrl('abc')).toBeNull();
    expect(host.itemUrl('42/../../x')).toBeNull();
    sdk.organizationUrl = 'https://fabrikam.visualstudio.com/';
    expect((await connect()).itemUrl('7')).toBe('https://fabrikam.visualstudio.com/Fabrikam%20Fiber/_workitems/edit/7');
  });

  it('counts today in the user\'s time zone', async () => {
    env.nowMs = Date.parse('2025-03-10T23:30:00Z');
    const host = await connect();
    expect(host.today()).toBe('2025-03-11');
    env.zone = 'America/Los_Angeles';
    expect(host.today()).toBe('2025-03-10');
    expect(host.timeZone()).toBe('America/Los_Angeles');
  });
});

describe('jwtExpiry', () => {
  it('reads exp in milliseconds, or null', () => {
    expect(jwtExpiry(appToken('x', 1_700_000_000))).toBe(1_700_000_000_000);
    expect(jwtExpiry('a.b')).toBeNull();
    expect(jwtExpiry('a.!!!.c')).toBeNull();
  });
});
