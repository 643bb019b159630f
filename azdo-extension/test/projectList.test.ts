import { describe, expect, it } from 'vitest';
import { listProjects } from '../src/admin/projectList.js';
import { BackendClient } from '../src/host/backendClient.js';
import { CONFIG, FakeEnv, FakeSdk, appToken, json } from './fakes.js';

describe('the organization settings page lists projects through the backend first', () => {
  const exp = Date.parse('2025-03-10T13:00:00Z') / 1000;
  const setup = () => {
    const sdk = new FakeSdk();
    const env = new FakeEnv();
    sdk.appTokens = [appToken('a', exp)];
    return { env, client: new BackendClient(sdk, env, CONFIG, 'org-guid-1') };
  };

  it('asks the backend (the stored credential lists them) and does not use the page\'s own listing', async () => {
    const { env, client } = setup();
    env.responses = [json(200, { projects: [{ id: 'p1', name: 'Fabrikam Fiber' }, { id: 2, name: 'bad' }] })];
    let pageAsked = false;
    const projects = await listProjects(client, async () => { pageAsked = true; return []; });
    expect(projects).toEqual([{ id: 'p1', name: 'Fabrikam Fiber' }]);
    expect(env.calls[0].url).toBe('https://flowtrack.example.com/base/api/v1/orgs/org-guid-1/projects');
    expect(env.calls[0].init.method).toBe('GET');
    expect(pageAsked).toBe(false);
  });

  it('falls back to the page\'s listing before the organization is connected, and to none when that fails too', async () => {
    const { env, client } = setup();
    env.responses = [json(404, { error: 'organization_not_connected', message: 'not connected yet' })];
    await expect(listProjects(client, async () => [{ id: 'p9', name: 'From the page' }]))
      .resolves.toEqual([{ id: 'p9', name: 'From the page' }]);

    env.responses = [json(403, { error: 'forbidden', message: 'not an administrator' })];
    await expect(listProjects(client, async () => { throw new Error('vso.work token refused'); })).resolves.toBeNull();
  });
});
