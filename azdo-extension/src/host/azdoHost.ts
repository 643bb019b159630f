import type { Controls, FlowHost, ReportQuery, Theme } from '../contract.js';
import type { ExtensionConfig } from '../config/extensionConfig.js';
import { sanitizeControls } from '@flowtrack/web/controls';
import {
  FlowHostError, asHostError, errorFromResponse, notJson, timedOut, tokenUnavailable, unreachable,
} from './hostError.js';
import {
  CORE_AREA_ID, SERVICE_IDS, type ExtensionDataManager, type ExtensionDataService, type HostNavigationService,
  type LocationService,
  type PageEnv, type ProjectInfo, type ProjectPageService, type SdkEdge,
} from './sdkEdge.js';
import { AppTokens } from './appToken.js';
import { themeFromBackground } from './theme.js';

const REPORT_TIMEOUT_S = 60;

/** One of a team's area paths: the path, and whether the paths below it belong to the team too. */
export interface TeamArea {
  path: string;
  includeChildren: boolean;
}

/** What `GET/PUT /api/v1/orgs/{org}/fields` answers. */
export interface FieldSettingsState {
  fields: string[];
  titles: boolean;
  maxFields: number;
  added?: string[];
  removed?: string[];
  valuesDeleted?: number;
}

/** A team of the project, as the backend lists it (id and name only). */
export interface TeamRef {
  id: string;
  name: string;
}

/** The hub's team choice, kept with the user's controls: the whole project, or one team. */
export type HubTeamChoice = { kind: 'project' } | { kind: 'team'; id: string; name: string };

const TEAM_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A saved team choice, or null when the value is none (missing, malformed, from an older version). */
export function parseTeamChoice(v: unknown): HubTeamChoice | null {
  if (v === 'project') return { kind: 'project' };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as { id?: unknown; name?: unknown };
  if (typeof o.id !== 'string' || !TEAM_ID.test(o.id) || typeof o.name !== 'string' || o.name.length > 256) return null;
  return { kind: 'team', id: o.id, name: o.name };
}

/** A team choice as it is saved: `'project'` or the team's `{id, name}` (what parseTeamChoice reads back). */
export function storedTeam(c: HubTeamChoice): 'project' | { id: string; name: string } {
  return c.kind === 'project' ? 'project' : { id: c.id, name: c.name };
}

/** One string per team choice, for a select's value and for telling two choices apart: `project` or `team:{id}`. */
export function teamChoiceKey(c: HubTeamChoice): string {
  return c.kind === 'project' ? 'project' : `team:${c.id}`;
}

/** `GET /api/v1/orgs/{org}/projects/{project}/teams`'s list, each entry checked; anything else is an error. */
export function parseTeams(body: unknown): TeamRef[] {
  const list = (body as { teams?: unknown } | null)?.teams;
  if (!Array.isArray(list)) {
    throw new FlowHostError(0, 'teams_unavailable', 'FlowTrack did not answer with the project\'s teams.');
  }
  const teams: TeamRef[] = [];
  for (const t of list) {
    const o = t as { id?: unknown; name?: unknown } | null;
    if (o && typeof o.id === 'string' && TEAM_ID.test(o.id) && typeof o.name === 'string' && o.name.length <= 256) {
      teams.push({ id: o.id, name: o.name });
    }
  }
  return teams;
}

/** Most area paths a report takes (the backend's bound). */
export const MAX_TEAM_AREAS = 50;

/**
 * A team's area paths from `GET {org}/{project}/{team}/_apis/work/teamsettings/teamfieldvalues`
 * (`{field: {referenceName}, defaultValue, values: [{value, includeChildren}]}`). Only a team whose team field is
 * the area path can be reported on; anything else is an error that says so (never "the whole project").
 */
export function parseTeamFieldValues(body: unknown): TeamArea[] {
  const o = (body ?? {}) as { field?: { referenceName?: unknown }; values?: unknown };
  if (o.field?.referenceName !== 'System.AreaPath') {
    throw new FlowHostError(0, 'team_field_unsupported', 'This team is defined by a field other than the area path;'
      + ' FlowTrack can show it only as the whole project (choose "Whole project").');
  }
  const values = Array.isArray(o.values) ? o.values : [];
  const areas: TeamArea[] = [];
  for (const v of values) {
    const value = (v as { value?: unknown })?.value;
    if (typeof value === 'string' && value.trim() !== '' && value.length <= 4000) {
      areas.push({ path: value, includeChildren: (v as { includeChildren?: unknown }).includeChildren === true });
    }
  }
  if (areas.length === 0) {
    throw new FlowHostError(0, 'team_without_areas', 'This team has no area paths in its settings, so it has no work items.');
  }
  if (areas.length > MAX_TEAM_AREAS) {
    throw new FlowHostError(0, 'team_too_many_areas', `This team has more than ${MAX_TEAM_AREAS} area paths; FlowTrack`
      + ' reports on at most that many.');
  }
  return areas;
}

function isNotFound(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const o = e as { status?: unknown; serverError?: { typeKey?: unknown } };
  return o.status === 404 || (typeof o.serverError?.typeKey === 'string' && /DoesNotExist/i.test(o.serverError.typeKey));
}

/**
 * FlowTrack's host adapter for Azure DevOps: the one place that speaks to the extension SDK. It finds the
 * organization (SDK host id) and project (project page service) from the SDK, never from the URL; calls the
 * backend with the app token (cached until its `exp`, refreshed once on a 401) and a fresh access token per call,
 * both sent only to the configured backend; keeps each user's controls in extension data (scope User); and
 * follows the Azure DevOps theme.
 */
export class AzdoHost implements FlowHost {
  private dataManager: Promise<ExtensionDataManager> | null = null;
  private readonly themeListeners = new Set<(t: Theme) => void>();
  /** The area paths reports are limited to (a team's), or empty for the whole project. */
  private areas: TeamArea[] = [];
  private lastTheme: Theme;
  private readonly appTokens: AppTokens;
  /** The hub's team choice once it was loaded or made (saved with the controls); null on other pages. */
  private teamChoice: HubTeamChoice | null = null;
  /** The controls last loaded or saved, which a team choice is saved with. */
  private lastControls: Partial<Controls> | null = null;

  private constructor(
    private readonly sdk: SdkEdge,
    private readonly env: PageEnv,
    private readonly config: ExtensionConfig,
    readonly organizationId: string,
    readonly project: ProjectInfo,
    private readonly organizationUrl: string,
  ) {
    this.appTokens = new AppTokens(sdk, env);
    this.lastTheme = themeFromBackground(env.backgroundColor());
    env.onThemeApplied((vars) => {
      const bg = vars && typeof vars['background-color'] === 'string' ? vars['background-color'] : env.backgroundColor();
      const theme = themeFromBackground(bg);
      if (theme !== this.lastTheme) {
        this.lastTheme = theme;
        for (const cb of [...this.themeListeners]) cb(theme);
      }
    });
  }

  /** Waits for the SDK handshake, then reads organization, project and organization URL from Azure DevOps. */
  static async connect(sdk: SdkEdge, env: PageEnv, config: ExtensionConfig): Promise<AzdoHost> {
    await sdk.ready();
    const organizationId = sdk.getHost().id;
    if (!organizationId) {
      throw new FlowHostError(0, 'no_organization', 'Azure DevOps did not say which organization this page is in.');
    }
    const pages = await sdk.getService<ProjectPageService>(SERVICE_IDS.projectPage);
    const project = (await pages.getProject()) ?? sdk.getWebContext().project;
    if (!project || !project.id) {
      throw new FlowHostError(0, 'no_project', 'Open FlowTrack inside a project: this page has none.');
    }
    const locations = await sdk.getService<LocationService>(SERVICE_IDS.location);
    const organizationUrl = (await locations.getResourceAreaLocation(CORE_AREA_ID)).replace(/\/+$/, '');
    return new AzdoHost(sdk, env, config, organizationId, { id: project.id, name: project.name }, organizationUrl);
  }

  async fetchReport(q: ReportQuery): Promise<unknown> {
    const url = this.reportUrl(q);
    let response = await this.send(url, await this.appTokens.get(false));
    if (response.status === 401) {
      response = await this.send(url, await this.appTokens.get(true));
    }
    const origin = new URL(this.config.backendUrl).origin;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (response.ok) throw notJson(response.status, origin);
      body = undefined; // an error without a JSON body (a proxy's page, an empty 401): mapped by its status
    }
    if (!response.ok) {
      if (response.status === 401) this.appTokens.forget();
      throw errorFromResponse(response.status, body, origin);
    }
    return body;
  }

  /** GET {backend}/api/v1/orgs/{org}/projects/{project}/report?… — always under the configured backend. */
  reportUrl(q: ReportQuery): URL {
    const params = new URLSearchParams();
    params.set('from', q.from);
    params.set('to', q.to);
    if (q.asOf) params.set('asOf', q.asOf);
    params.set('timeZone', q.timeZone);
    if (q.types && q.types.length > 0) params.set('types', q.types.join(','));
    if (q.startPolicy) params.set('startPolicy', q.startPolicy);
    if (q.forecastDays !== undefined) params.set('forecastDays', String(q.forecastDays));
    if (q.forecastItems !== undefined) params.set('forecastItems', String(q.forecastItems));
    for (const a of this.areas) params.append(a.includeChildren ? 'areaPath' : 'areaPathExact', a.path);
    const path = `/api/v1/orgs/${encodeURIComponent(this.organizationId)}`
      + `/projects/${encodeURIComponent(this.project.id)}/report`;
    return new URL(`${this.config.backendUrl}${path}?${params}`);
  }

  /** The page's team (a team dashboard's, or the team chosen in the page's context), or null. */
  contextTeam(): { id: string; name: string } | null {
    const team = this.sdk.getWebContext().team;
    return team && typeof team.id === 'string' && team.id !== '' ? { id: team.id, name: team.name } : null;
  }

  /**
   * Limits every later report to a team's area paths, read from its team settings in Azure DevOps with the user's
   * access token (scope vso.work), include-children honoured; `null` goes back to the whole project.
   */
  async useTeam(teamId: string | null): Promise<TeamArea[]> {
    if (teamId === null) {
      this.areas = [];
      return [];
    }
    const url = `${this.organizationUrl}/${encodeURIComponent(this.project.id)}/${encodeURIComponent(teamId)}`
      + '/_apis/work/teamsettings/teamfieldvalues?api-version=7.1';
    let accessToken: string;
    try {
      accessToken = await this.sdk.getAccessToken();
    } catch {
      throw tokenUnavailable('access');
    }
    const origin = new URL(this.organizationUrl).origin;
    let response: Response;
    try {
      response = await this.env.fetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
        credentials: 'omit', redirect: 'error', cache: 'no-store',
        signal: AbortSignal.timeout(REPORT_TIMEOUT_S * 1000),
      });
    } catch {
      throw new FlowHostError(0, 'team_unavailable', `Azure DevOps (${origin}) did not answer with the team's area paths.`);
    }
    if (!response.ok) {
      throw new FlowHostError(response.status, 'team_unavailable', `Azure DevOps refused the team's area paths`
        + ` (HTTP ${response.status}); check that the team exists and that you can read it.`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw notJson(response.status, origin);
    }
    this.areas = parseTeamFieldValues(body);
    return this.areas;
  }

  /**
   * The project's teams, listed by the backend with the organization's stored credential (`Teams - Get Teams` needs
   * scope vso.project, which this extension does not ask for; docs/security.md).
   */
  async listTeams(): Promise<TeamRef[]> {
    return parseTeams(await this.callBackend('GET', `projects/${encodeURIComponent(this.project.id)}/teams`, undefined));
  }

  /**
   * The hub's saved team choice (kept in the controls' document, field `team`), or null when there is none or it
   * cannot be read.
   */
  async loadTeamChoice(): Promise<HubTeamChoice | null> {
    try {
      const value = await this.withManager((m) => m.getValue<unknown>(this.controlsKey, { scopeType: 'User' }));
      const choice = parseTeamChoice((value as { team?: unknown } | null | undefined)?.team);
      if (choice) this.teamChoice = choice;
      return choice;
    } catch (e) {
      if (!isNotFound(e)) this.env.warn('your saved team could not be read; starting from the default team');
      return null;
    }
  }

  /** Keeps the hub's team choice with the controls (the last ones loaded or saved), in the same document. */
  async saveTeamChoice(choice: HubTeamChoice): Promise<void> {
    this.teamChoice = choice;
    const document = { ...(this.lastControls ?? {}), team: storedTeam(choice) };
    try {
      await this.withManager((m) => m.setValue(this.controlsKey, document, { scopeType: 'User' }));
    } catch (e) {
      throw asHostError(e, 'settings_unavailable', 'Your team could not be saved in Azure DevOps; it applies until you leave the page.');
    }
  }

  /** `GET {backend}/api/v1/orgs/{org}/fields` (organization admins only). */
  getFields(): Promise<FieldSettingsState> {
    return this.callBackend('GET', 'fields', undefined) as Promise<FieldSettingsState>;
  }

  /** `PUT {backend}/api/v1/orgs/{org}/fields`: the organization's extended fields from now on (admins only). */
  putFields(fields: string[]): Promise<FieldSettingsState> {
    return this.callBackend('PUT', 'fields', JSON.stringify({ fields })) as Promise<FieldSettingsState>;
  }

  /** An organization-level backend call with both tokens (app token refreshed once on a 401). */
  private async callBackend(method: 'GET' | 'PUT', resource: string, body: string | undefined): Promise<unknown> {
    const url = new URL(`${this.config.backendUrl}/api/v1/orgs/${encodeURIComponent(this.organizationId)}/${resource}`);
    let response = await this.send(url, await this.appTokens.get(false), method, body);
    if (response.status === 401) {
      response = await this.send(url, await this.appTokens.get(true), method, body);
    }
    const origin = new URL(this.config.backendUrl).origin;
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      if (response.ok) throw notJson(response.status, origin);
      parsed = undefined;
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed, origin);
    return parsed;
  }

  private async send(url: URL, appToken: string, method: 'GET' | 'PUT' = 'GET', body?: string): Promise<Response> {
    const backendOrigin = new URL(this.config.backendUrl).origin;
    if (url.origin !== backendOrigin) {
      // Unreachable by construction (reportUrl); kept as the guard that tokens only ever go to the backend.
      throw new FlowHostError(0, 'wrong_origin', 'FlowTrack refused to send your tokens outside its own server.');
    }
    let accessToken: string;
    try {
      accessToken = await this.sdk.getAccessToken();
    } catch {
      throw tokenUnavailable('access');
    }
    try {
      const headers: Record<string, string> = {
        Accept: 'application/json',
        Authorization: `Bearer ${appToken}`,
        'X-FlowTrack-Access-Token': accessToken,
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return await this.env.fetch(url.toString(), {
        method,
        headers,
        body,
        credentials: 'omit',
        // A redirect would carry X-FlowTrack-Access-Token to wherever it points: refuse them.
        redirect: 'error',
        cache: 'no-store',
        signal: AbortSignal.timeout(REPORT_TIMEOUT_S * 1000),
      });
    } catch (e) {
      const name = (e as { name?: unknown } | null)?.name;
      throw name === 'TimeoutError' || name === 'AbortError'
        ? timedOut(backendOrigin, REPORT_TIMEOUT_S) : unreachable(backendOrigin);
    }
  }

  /** The key of this project's controls in the user's extension data. */
  get controlsKey(): string {
    return `controls-${this.project.id}`;
  }

  private manager(): Promise<ExtensionDataManager> {
    if (!this.dataManager) {
      this.dataManager = (async () => {
        const service = await this.sdk.getService<ExtensionDataService>(SERVICE_IDS.extensionData);
        return service.getExtensionDataManager(this.sdk.getExtensionContext().id, await this.sdk.getAccessToken());
      })();
      this.dataManager.catch(() => { this.dataManager = null; });
    }
    return this.dataManager;
  }

  /**
   * Runs an extension data call. The manager holds the access token it was made with, which expires while a page
   * stays open: on a 401 it is made again with a fresh token and the call retried once.
   */
  private async withManager<T>(call: (m: ExtensionDataManager) => Promise<T>): Promise<T> {
    try {
      return await call(await this.manager());
    } catch (e) {
      if ((e as { status?: unknown } | null)?.status !== 401) throw e;
      this.dataManager = null;
      return call(await this.manager());
    }
  }

  /**
   * The user's saved choice for this project, sanitized; null when there is none (a missing document is a 404)
   * or it cannot be read — the dashboard then starts from its defaults, with a warning in the console.
   */
  async loadControls(): Promise<Partial<Controls> | null> {
    try {
      const value = await this.withManager((m) => m.getValue<unknown>(this.controlsKey, { scopeType: 'User' }));
      if (value === undefined || value === null) return null;
      const controls = sanitizeControls(value);
      this.lastControls = controls;
      return Object.keys(controls).length > 0 ? controls : null;
    } catch (e) {
      if (!isNotFound(e)) {
        this.env.warn('your saved dashboard choice could not be read; starting from the defaults');
      }
      return null;
    }
  }

  async saveControls(c: Controls): Promise<void> {
    const clean = sanitizeControls(c);
    this.lastControls = clean;
    // The hub's team choice lives in the same document: a change of controls keeps it.
    const document = this.teamChoice ? { ...clean, team: storedTeam(this.teamChoice) } : clean;
    try {
      await this.withManager((m) => m.setValue(this.controlsKey, document, { scopeType: 'User' }));
    } catch (e) {
      throw asHostError(e, 'settings_unavailable', 'Your choice could not be saved in Azure DevOps; it applies until you leave the page.');
    }
  }

  itemUrl(itemId: string): string | null {
    if (!/^[1-9]\d{0,9}$/.test(itemId)) return null;
    return `${this.organizationUrl}/${encodeURIComponent(this.project.name)}/_workitems/edit/${itemId}`;
  }

  /**
   * Opens the item's form in a new window of Azure DevOps through the host navigation service: the page is a
   * sandboxed frame, where window.open may be blocked or open inside the frame's sandbox.
   */
  openItem(itemId: string): void {
    const url = this.itemUrl(itemId);
    if (!url) return;
    void this.sdk.getService<HostNavigationService>(SERVICE_IDS.hostNavigation)
      .then((nav) => nav.openNewWindow(url, ''))
      .catch(() => this.env.warn(`work item ${itemId} could not be opened through Azure DevOps`));
  }

  theme(): Theme {
    return this.lastTheme;
  }

  /** Calls cb whenever the theme flips, until the returned function is called. */
  onThemeChange(cb: (t: Theme) => void): () => void {
    const listener = (t: Theme) => cb(t);
    this.themeListeners.add(listener);
    return () => { this.themeListeners.delete(listener); };
  }

  timeZone(): string {
    return this.env.timeZone();
  }

  today(): string {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone(), year: 'numeric', month: '2-digit', day: '2-digit',
    }).formatToParts(new Date(this.env.now()));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  }
}
