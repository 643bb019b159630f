import { beforeEach, describe, expect, it } from 'vitest';
import { AzdoHost, parseTeamFieldValues } from '../src/host/azdoHost.js';
import { parseWidgetConfig, serializeWidgetConfig, DEFAULT_WIDGET_CONFIG } from '../src/widgets/settings.js';
import { CONFIG, FakeEnv, FakeSdk, appToken, json } from './fakes.js';

const QUERY = { from: '2025-01-01', to: '2025-03-10', timeZone: 'Europe/Berlin' };
// The shape of GET {org}/{project}/{team}/_apis/work/teamsettings/teamfieldvalues (work 7.1, Teamfieldvalues_Get)
const TEAM_FIELD_VALUES = {
  field: { referenceName: 'System.AreaPath', url: 'https://dev.azure.com/fabrikam/_apis/wit/fields/System.AreaPath' },
  defaultValue: 'Fabrikam Fiber\\Web',
  values: [
    { value: 'Fabrikam Fiber\\Web', includeChildren: false },
    { value: 'Fabrikam Fiber\\Mobile', includeChildren: true },
  ],
};

describe('a team dashboard widget reports its team\'s area paths', () => {
  let sdk: FakeSdk;
  let env: FakeEnv;

  beforeEach(() => {
    sdk = new FakeSdk();
    env = new FakeEnv();
    sdk.getWebContext = () => ({ project: { id: 'proj-guid-1', name: 'Fabrikam Fiber' }, team: { id: 'team-guid-7', name: 'Web Team' } });
  });

  it('reads the context team\'s area paths from team settings and sends each with its include-children flag', async () => {
    sdk.appTokens = [appToken('a', Math.floor(env.nowMs / 1000) + 3600)];
    env.responses = [json(200, TEAM_FIELD_VALUES), json(200, { format: 'flowtrack-report/1' })];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    expect(host.contextTeam()).toEqual({ id: 'team-guid-7', name: 'Web Team' });
    await host.useTeam('team-guid-7');
    await host.fetchReport(QUERY);

    const [teamCall, reportCall] = env.calls;
    expect(teamCall.url).toBe('https://dev.azure.com/fabrikam/proj-guid-1/team-guid-7/_apis/work/teamsettings/teamfieldvalues?api-version=7.1');
    expect((teamCall.init.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
    const params = new URL(reportCall.url).searchParams;
    expect(params.getAll('areaPathExact')).toEqual(['Fabrikam Fiber\\Web']);
    expect(params.getAll('areaPath')).toEqual(['Fabrikam Fiber\\Mobile']);
  });

  it('goes back to the whole project with no team', async () => {
    sdk.appTokens = [appToken('a', Math.floor(env.nowMs / 1000) + 3600)];
    env.responses = [json(200, TEAM_FIELD_VALUES), json(200, {})];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    await host.useTeam('team-guid-7');
    await host.useTeam(null);
    await host.fetchReport(QUERY);
    const params = new URL(env.calls[1].url).searchParams;
    expect(params.has('areaPath')).toBe(false);
    expect(params.has('areaPathExact')).toBe(false);
  });

  it('refuses a team defined by another field, one without areas, and a refusal from Azure DevOps', async () => {
    expect(() => parseTeamFieldValues({ ...TEAM_FIELD_VALUES, field: { referenceName: 'Custom.Team' } }))
      .toThrow(/other than the area path/);
    expect(() => parseTeamFieldValues({ ...TEAM_FIELD_VALUES, values: [] })).toThrow(/no area paths/);
    env.responses = [json(404, { message: 'team not found' })];
    const host = await AzdoHost.connect(sdk, env, CONFIG);
    await expect(host.useTeam('gone')).rejects.toMatchObject({ code: 'team_unavailable', status: 404 });
  });

  it('keeps the team choice in the widget configuration, the dashboard\'s team by default', () => {
    expect(parseWidgetConfig(JSON.stringify({ controls: {}, question: 'when' }))?.team).toBe('dashboard');
    const saved = serializeWidgetConfig({ ...DEFAULT_WIDGET_CONFIG, team: 'project' });
    expect(parseWidgetConfig(saved.data)?.team).toBe('project');
    expect(parseWidgetConfig(JSON.stringify({ team: 'somebody-else' }))?.team).toBe('dashboard');
  });
});
