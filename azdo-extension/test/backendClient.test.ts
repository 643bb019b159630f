import { describe, expect, it } from 'vitest';
import { BackendClient } from '../src/host/backendClient.js';
import { CONFIG, FakeEnv, FakeSdk, appToken, json } from './fakes.js';

describe('BackendClient (the settings pages\' way to the backend)', () => {
  const exp = Date.parse('2025-03-10T13:00:00Z') / 1000;

  it('sends both tokens to the backend only, with a JSON body, no cookies and no redirects', async () => {
    const sdk = new FakeSdk();
    const env = new FakeEnv();
    sdk.appTokens = [appToken('a', exp)];
    env.responses = [json(200, { ok: true })];
    const client = new BackendClient(sdk, env, CONFIG, 'org-guid-1');
    await expect(client.request('PUT', '/personal-fields', { includeTitleAndAssignee: true })).resolves.toEqual({ ok: true });
    const call = env.calls[0];
    expect(call.url).toBe('https://flowtrack.example.com/base/api/v1/orgs/org-guid-1/personal-fields');
    expect(call.init.method).toBe('PUT');
    expect(call.init.body).toBe('{"includeTitleAndAssignee":true}');
    const headers = call.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${appToken('a', exp)}`);
    expect(headers['X-FlowTrack-Access-Token']).toBe('access-1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(call.init.credentials).toBe('omit');
    expect(call.init.redirect).toBe('error');
  });

  it('keeps the app token until shortly before it expires, and fetches a new one once on a 401', async () => {
    const sdk = new FakeSdk();
    const env = new FakeEnv();
    sdk.appTokens = [appToken('old', exp), appToken('new', exp)];
    env.responses = [json(200, {}), json(401, { error: 'unauthenticated', message: 'expired' }), json(200, { fine: 1 })];
    const client = new BackendClient(sdk, env, CONFIG, 'org-guid-1');
    await client.request('GET', '/sync-status');
    await expect(client.request('GET', '/sync-status')).resolves.toEqual({ fine: 1 });
    expect(sdk.appTokenCalls).toBe(2);
    expect((env.calls[2].init.headers as Record<string, string>).Authorization).toBe(`Bearer ${appToken('new', exp)}`);
    // every call gets a fresh access token
    expect(env.calls.map((c) => (c.init.headers as Record<string, string>)['X-FlowTrack-Access-Token']))
      .toEqual(['access-1', 'access-2', 'access-3']);
  });

  it('turns the backend\'s error body into a message the page shows', async () => {
    const sdk = new FakeSdk();
    const env = new FakeEnv();
    sdk.appTokens = [appToken('a', exp)];
    env.responses = [json(403, { error: 'forbidden', message: 'you are not an administrator of this organization' })];
    const client = new BackendClient(sdk, env, CONFIG, 'org-guid-1');
    await expect(client.request('GET', '/audit')).rejects.toMatchObject({ status: 403, code: 'forbidden',
      message: expect.stringContaining('not an administrator') });
  });

  it('never builds a URL outside the backend from a path', async () => {
    const sdk = new FakeSdk();
    const env = new FakeEnv();
    sdk.appTokens = [appToken('a', exp)];
    const client = new BackendClient(sdk, env, CONFIG, 'org-guid-1');
    // the organization id is encoded, so it cannot escape the path either
    env.responses = [json(200, {})];
    const evil = new BackendClient(sdk, env, CONFIG, '../../x?');
    await evil.request('GET', '/audit');
    expect(env.calls[0].url).toBe('https://flowtrack.example.com/base/api/v1/orgs/..%2F..%2Fx%3F/audit');
    expect(client).toBeDefined();
  });
});
