import { CONFIG_FILE, normalizeBackendUrl } from './backendUrl.js';

/** What the packaging step wrote into dist/flowtrack-config.json. */
export interface ExtensionConfig {
  /** Normalized backend base URL (no trailing slash). */
  readonly backendUrl: string;
}

export function parseExtensionConfig(json: unknown): ExtensionConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${CONFIG_FILE} is not a JSON object`);
  }
  return { backendUrl: normalizeBackendUrl((json as Record<string, unknown>).backendUrl) };
}

/** Reads the config file that sits beside the page. */
export async function loadExtensionConfig(fetchFn: typeof fetch, pageUrl: string): Promise<ExtensionConfig> {
  const res = await fetchFn(new URL(CONFIG_FILE, pageUrl).toString(), { credentials: 'omit', cache: 'no-cache' });
  if (!res.ok) {
    throw new Error(`${CONFIG_FILE} could not be read (HTTP ${res.status}); the extension package is incomplete`);
  }
  return parseExtensionConfig(await res.json());
}
