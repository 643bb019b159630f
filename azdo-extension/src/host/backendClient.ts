import type { ExtensionConfig } from '../config/extensionConfig.js';
import { AppTokens } from './appToken.js';
import { FlowHostError, errorFromResponse, notJson, timedOut, tokenUnavailable, unreachable } from './hostError.js';
import type { PageEnv, SdkEdge } from './sdkEdge.js';

const TIMEOUT_S = 60;

/**
 * The settings pages' way to the backend, on the same SDK edge and token rules as the dashboards' adapter
 * (AzdoHost): the app token as Bearer (cached until shortly before its `exp`, fetched again once on a 401), a
 * fresh access token per call in X-FlowTrack-Access-Token, both only ever sent to the configured backend, no
 * redirects followed, no cookies.
 */
export class BackendClient {
  private readonly appTokens: AppTokens;

  constructor(
    private readonly sdk: SdkEdge,
    private readonly env: PageEnv,
    private readonly config: ExtensionConfig,
    readonly organizationId: string,
  ) {
    this.appTokens = new AppTokens(sdk, env);
  }

  /** `path` is under /api/v1/orgs/{org}; returns the JSON answer or throws a FlowHostError with its message. */
  async request<T>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const url = new URL(`${this.config.backendUrl}/api/v1/orgs/${encodeURIComponent(this.organizationId)}${path}`);
    const origin = new URL(this.config.backendUrl).origin;
    if (url.origin !== origin) {
      throw new FlowHostError(0, 'wrong_origin', 'FlowTrack refused to send your tokens outside its own server.');
    }
    let response = await this.send(method, url, body, await this.appTokens.get(false));
    if (response.status === 401) {
      response = await this.send(method, url, body, await this.appTokens.get(true));
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (response.ok) throw notJson(response.status, origin);
      json = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) this.appTokens.forget();
      throw errorFromResponse(response.status, json, origin);
    }
    return json as T;
  }

  private async send(method: string, url: URL, body: unknown, appToken: string): Promise<Response> {
    let accessToken: string;
    try {
      accessToken = await this.sdk.getAccessToken();
    } catch {
      throw tokenUnavailable('access');
    }
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${appToken}`,
      'X-FlowTrack-Access-Token': accessToken,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await this.env.fetch(url.toString(), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_S * 1000),
      });
    } catch (e) {
      const name = (e as { name?: unknown } | null)?.name;
      const origin = new URL(this.config.backendUrl).origin;
      throw name === 'TimeoutError' || name === 'AbortError' ? timedOut(origin, TIMEOUT_S) : unreachable(origin);
    }
  }
}
