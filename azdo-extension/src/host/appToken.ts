import { tokenUnavailable } from './hostError.js';
import type { PageEnv, SdkEdge } from './sdkEdge.js';

/** App tokens are refreshed this long before their `exp`, so none expires in flight. */
const TOKEN_EARLY_REFRESH_MS = 60_000;

/** The `exp` of a JWT in epoch milliseconds, or null when the token cannot be read (then it is not cached). */
export function jwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const payload = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The extension's app token for the backend, asked of the SDK and kept until a minute before its `exp` (a token
 * whose `exp` cannot be read is not kept). One per page client; the dashboards' host and the settings pages' client
 * both use it.
 */
export class AppTokens {
  private current: { token: string; refreshAt: number } | null = null;

  constructor(private readonly sdk: Pick<SdkEdge, 'getAppToken'>, private readonly env: Pick<PageEnv, 'now'>) {}

  /** The kept token, or a new one when it is due or {@code forceRefresh} (the backend answered 401). */
  async get(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.current && this.env.now() < this.current.refreshAt) {
      return this.current.token;
    }
    this.current = null;
    let token: string;
    try {
      token = await this.sdk.getAppToken();
    } catch {
      throw tokenUnavailable('app');
    }
    const exp = jwtExpiry(token);
    if (exp !== null) this.current = { token, refreshAt: exp - TOKEN_EARLY_REFRESH_MS };
    return token;
  }

  /** Drops the kept token (the backend refused it even after a refresh). */
  forget(): void {
    this.current = null;
  }
}
