import type { ExtensionConfig } from '../src/config/extensionConfig.js';
import type { ExtensionDataManager, PageEnv, SdkEdge } from '../src/host/sdkEdge.js';
import { CORE_AREA_ID, SERVICE_IDS } from '../src/host/sdkEdge.js';

/** An unsigned JWT-shaped token with the given exp (seconds); the adapter only reads exp. */
export function appToken(label: string, expSeconds: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ nameid: 'user-1', exp: expSeconds, jti: label })}.c2ln`;
}

export interface Call {
  url: string;
  init: RequestInit;
}

/** A fake Azure DevOps SDK edge: tokens, services and extension data, all recorded. */
export class FakeSdk implements SdkEdge {
  appTokens: string[] = [];
  appTokenCalls = 0;
  accessTokenCalls = 0;
  project: { id: string; name: string } | undefined = { id: 'proj-guid-1', name: 'Fabrikam Fiber' };
  organizationUrl = 'https://dev.azure.com/fabrikam/';
  store = new Map<string, unknown>();
  storeScopes: Array<string | undefined> = [];
  getValueError: unknown = null;
  setValueError: unknown = null;
  /** Access tokens the extension data managers were made with, in order. */
  managerTokens: string[] = [];
  /** Managers made with these tokens answer 401 (their token expired). */
  expiredTokens = new Set<string>();

  ready = async () => {};
  getHost = () => ({ id: 'org-guid-1', name: 'fabrikam' });
  getExtensionContext = () => ({ id: 'flowtrack.flowtrack-dev' });
  getWebContext = (): { project?: { id: string; name: string } } => ({ project: { id: 'web-project', name: 'Web' } });
  getAppToken = async () => {
    this.appTokenCalls++;
    const t = this.appTokens.shift();
    if (!t) throw new Error('no more app tokens');
    return t;
  };
  getAccessToken = async () => `access-${++this.accessTokenCalls}`;
  /** What the host navigation service was asked to open: [url, features]. */
  opened: Array<[string, string]> = [];
  navigationFails = false;
  getService = async <T>(id: string): Promise<T> => {
    if (id === SERVICE_IDS.hostNavigation) {
      if (this.navigationFails) throw new Error('no navigation service');
      return { openNewWindow: (url: string, features: string) => { this.opened.push([url, features]); } } as T;
    }
    if (id === SERVICE_IDS.projectPage) return { getProject: async () => this.project } as T;
    if (id === SERVICE_IDS.location) {
      return {
        getResourceAreaLocation: async (area: string) => {
          if (area !== CORE_AREA_ID) throw new Error(`unexpected area ${area}`);
          return this.organizationUrl;
        },
      } as T;
    }
    if (id === SERVICE_IDS.extensionData) {
      const manager = (token: string): ExtensionDataManager => ({
        getValue: async <V>(key: string, o?: { scopeType?: string }) => {
          this.storeScopes.push(o?.scopeType);
          if (this.expiredTokens.has(token)) throw { status: 401, message: 'token expired' };
          if (this.getValueError) throw this.getValueError;
          if (!this.store.has(key)) throw { status: 404, message: 'missing', serverError: { typeKey: 'DocumentDoesNotExistException' } };
          return this.store.get(key) as V;
        },
        setValue: async <V>(key: string, value: V, o?: { scopeType?: string }) => {
          this.storeScopes.push(o?.scopeType);
          if (this.expiredTokens.has(token)) throw { status: 401, message: 'token expired' };
          if (this.setValueError) throw this.setValueError;
          this.store.set(key, value);
          return value;
        },
      });
      return {
        getExtensionDataManager: async (_extensionId: string, token: string) => {
          this.managerTokens.push(token);
          return manager(token);
        },
      } as T;
    }
    throw new Error(`unknown service ${id}`);
  };
}

/** A fake page: fetch answers from a queue, the clock and theme events are driven by the test. */
export class FakeEnv implements PageEnv {
  calls: Call[] = [];
  responses: Array<Response | Error> = [];
  nowMs = Date.parse('2025-03-10T12:00:00Z');
  zone = 'Europe/Berlin';
  background = 'rgba(255, 255, 255, 1)';
  warnings: string[] = [];
  private themeListener: ((vars: Record<string, string> | undefined) => void) | null = null;

  fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    this.calls.push({ url: String(input), init: init ?? {} });
    const next = this.responses.shift();
    if (!next) throw new Error('no response queued');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;

  onThemeApplied(listener: (vars: Record<string, string> | undefined) => void): void {
    this.themeListener = listener;
  }
  applyTheme(vars: Record<string, string> | undefined): void {
    this.themeListener?.(vars);
  }
  backgroundColor = () => this.background;
  now = () => this.nowMs;
  timeZone = () => this.zone;
  warn = (m: string) => { this.warnings.push(m); };
}

export const CONFIG: ExtensionConfig = { backendUrl: 'https://flowtrack.example.com/base' };

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
