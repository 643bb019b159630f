// @ts-check
/**
 * The backend address: the one packaging parameter the pages read at run time (from flowtrack-config.json).
 * Plain JavaScript so that the packaging script (Node) and the pages (bundled TypeScript) share one rule.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Validates and normalizes a backend base URL: https (plain http only on a loopback host, for the dev variant),
 * no credentials, query or fragment; an optional path prefix (a reverse proxy) without the trailing slash.
 *
 * @param {unknown} raw
 * @returns {string} the normalized URL, e.g. "https://flowtrack.example.com" or "http://127.0.0.1:7070"
 * @throws {Error} naming what is wrong
 */
export function normalizeBackendUrl(raw) {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new Error('the backend URL is empty');
  }
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`the backend URL '${raw}' is not a URL`);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new Error(`the backend URL '${raw}' must use https (plain http only on localhost/127.0.0.1)`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`the backend URL '${raw}' must not carry credentials, a query or a fragment`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * @param {string} normalized a URL returned by normalizeBackendUrl
 * @returns {boolean} true when the backend runs on this machine (only acceptable for the dev variant)
 */
export function isLoopbackBackend(normalized) {
  return LOOPBACK.has(new URL(normalized).hostname);
}

/** The config file's name, beside the pages in dist/. */
export const CONFIG_FILE = 'flowtrack-config.json';
