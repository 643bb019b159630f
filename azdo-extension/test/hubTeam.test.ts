// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLS } from '@flowtrack/web/controls';
import { AzdoHost, parseTeamChoice } from '../src/host/azdoHost.js';
import { mountTeamChoice, type TeamChoiceDeps } from '../src/hub/teamChoice.js';
import { CONFIG, FakeEnv, FakeSdk, appToken, json } from './fakes.js';

const QUERY = { from: '2025-01-01', to: '2025-03-10', timeZone: 'Europe/Berlin' };
const WEB = '564e8204-a90b-4432-883b-d4363c6125ca';
const MOBILE = '66df9be7-3586-467b-9c5f-425b29afedfd';
// GET /api/v1/orgs/{org}/projects/{project}/teams (the backend's answer: ids and names only)
const TEAMS = { teams: [{ id: WEB, name: 'Web Team' }, { id: MOBILE, name: 'Mobile Team' }] };
// GET {org}/{project}/{team}/_apis/work/teamsettings/teamfieldvalues (work 7.1, Teamfieldvalues_Get)
const fieldValues = (...values: Array<[string, boolean]>) => ({
  field: { referenceName: 'System.AreaPath', url: 'https://dev.azure.com/fabrikam/_apis/wit/fields/System.AreaPath' },
  defaultValue: values[0][0],
  values: values.map(([value, includeChildren]) => ({ value, includeChildren })),
});
const TEAMS_URL = 'https://flowtrack.example.com/base/api/v1/orgs/org-guid-1/projects/proj-guid-1/teams';
const KEY = 'controls-proj-guid-1';

describe('the hub\'s "Team" choice', () => {
  let sdk: FakeSdk;
  let env: FakeEnv;
  let bar: HTMLElement;

  beforeEach(() => {
    sdk = new FakeSdk();
    env = new FakeEnv();
    sdk.appTokens = [appToken('a', Math.floor(env.nowMs / 1000) + 3600)];
    sdk.getWebContext = () => ({ project: { id: 'proj-guid-1', name: 'Fabrikam Fiber' }, team: { id: WEB, name: 'Web Team' } });
    document.body.replaceChildren();
    bar = document.createElement('div');
    document.body.append(bar);
  });

  const depsOf = (host: AzdoHost): TeamChoiceDeps => ({
    listTeams: () => host.listTeams(),
    contextTeam: () => host.contextTeam(),
    loadTeamChoice: () => host.loadTeamChoice(),
    saveTeamChoice: (c) => host.saveTeamChoice(c),
    useTeam: (id) => host.useTeam(id),
  });
  const options = (select: HTMLSelectElement) => [...select.options].map((o) => [o.value, o.textContent]);
  const change = async (select: HTMLSelectElement, value: string, done: Promise<void>) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await done;
  };

  it('offers the project\'s teams from the backend and starts with the user\'s team, its area paths in the report', async () => {
    env.responses = [json(200, TEAMS), json(200, fieldValues(['Fabrikam Fiber\\Web', true])), json(200, {})];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    const choice = await mountTeamChoice(bar, depsOf(host));
    await host.fetchReport(QUERY);

    const [teamsCall, fieldsCall, reportCall] = env.calls;
    expect(teamsCall.url).toBe(TEAMS_URL);
    expect((teamsCall.init.headers as Record<string, string>).Authorization).toMatch(/^Bearer /);
    expect(fieldsCall.url).toBe(`https://dev.azure.com/fabrikam/proj-guid-1/${WEB}/_apis/work/teamsettings/teamfieldvalues?api-version=7.1`);
    expect(options(choice.select)).toEqual([['project', 'Whole project'], [`team:${MOBILE}`, 'Mobile Team'],
      [`team:${WEB}`, 'Web Team (your team)']]);
    expect(choice.select.value).toBe(`team:${WEB}`);
    expect(choice.current).toEqual({ kind: 'team', id: WEB, name: 'Web Team' });
    expect(new URL(reportCall.url).searchParams.getAll('areaPath')).toEqual(['Fabrikam Fiber\\Web']);
    expect(bar.querySelector('#ft-team-note')?.textContent).toBe('Area paths: Fabrikam Fiber\\Web (and below).');
    expect(bar.querySelector('label')?.htmlFor).toBe('ft-team');
  });

  it('starts from the team saved with the controls, and saves a new choice with them before the report is fetched again', async () => {
    sdk.store.set(KEY, { window: { kind: 'last', days: 30 }, team: { id: MOBILE, name: 'Mobile Team' } });
    env.responses = [json(200, TEAMS), json(200, fieldValues(['Fabrikam Fiber\\Mobile', false], ['Fabrikam Fiber\\iOS', true])),
      json(200, {})];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    const choice = await mountTeamChoice(bar, depsOf(host));
    expect(choice.select.value).toBe(`team:${MOBILE}`);
    expect(await host.loadControls()).toEqual({ window: { kind: 'last', days: 30 } });

    let refreshed!: () => void;
    const done = new Promise<void>((r) => { refreshed = r; });
    choice.onChange(async () => {
      await host.fetchReport(QUERY);
      refreshed();
    });
    await change(choice.select, 'project', done);
    // the whole project: no team lookup, no area path, and the choice kept in the controls' document
    expect(env.calls).toHaveLength(3);
    const params = new URL(env.calls[2].url).searchParams;
    expect(params.has('areaPath')).toBe(false);
    expect(params.has('areaPathExact')).toBe(false);
    expect(sdk.store.get(KEY)).toEqual({ window: { kind: 'last', days: 30 }, team: 'project' });

    // a later change of the controls keeps the team choice in the same document
    await host.saveControls({ ...DEFAULT_CONTROLS, startPolicy: 'last' });
    expect((sdk.store.get(KEY) as { team: unknown; startPolicy: unknown })).toMatchObject({ team: 'project', startPolicy: 'last' });
  });

  it('still offers the user\'s team and the whole project when the backend cannot list the teams', async () => {
    env.responses = [json(503, { error: 'membership_unavailable', message: 'try again' }),
      json(200, fieldValues(['Fabrikam Fiber\\Web', true]))];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    const choice = await mountTeamChoice(bar, depsOf(host));
    expect(options(choice.select)).toEqual([['project', 'Whole project'], [`team:${WEB}`, 'Web Team (your team)']]);
    expect(choice.select.value).toBe(`team:${WEB}`);
    expect(bar.querySelector('#ft-team-note')?.textContent).toMatch(/could not be listed/);
  });

  it('says why a team cannot be reported and shows the whole project instead', async () => {
    env.responses = [json(200, TEAMS), json(200, { ...fieldValues(['x', false]), field: { referenceName: 'Custom.Team' } }),
      json(200, {})];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    const choice = await mountTeamChoice(bar, depsOf(host));
    await host.fetchReport(QUERY);
    expect(choice.current).toEqual({ kind: 'project' });
    expect(choice.select.value).toBe('project');
    const note = bar.querySelector('#ft-team-note');
    expect(note?.textContent).toMatch(/other than the area path.*Showing the whole project\./);
    expect(note?.classList.contains('ft-team-problem')).toBe(true);
    expect(new URL(env.calls[2].url).searchParams.has('areaPath')).toBe(false);
  });

  it('starts with the whole project when the page has no team of the project and nothing is saved', async () => {
    sdk.getWebContext = () => ({ project: { id: 'proj-guid-1', name: 'Fabrikam Fiber' }, team: { id: 'team-elsewhere', name: 'Other' } });
    env.responses = [json(200, TEAMS)];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    const choice = await mountTeamChoice(bar, depsOf(host));
    expect(choice.select.value).toBe('project');
    expect(env.calls).toHaveLength(1); // no team lookup for the whole project
  });

  it('reads only well-formed saved choices', () => {
    expect(parseTeamChoice('project')).toEqual({ kind: 'project' });
    expect(parseTeamChoice({ id: WEB, name: 'Web Team' })).toEqual({ kind: 'team', id: WEB, name: 'Web Team' });
    for (const bad of [undefined, null, 'everyone', { id: '../x', name: 'n' }, { id: WEB }, [WEB], { id: WEB, name: 'n'.repeat(300) }]) {
      expect(parseTeamChoice(bad)).toBeNull();
    }
  });
});
