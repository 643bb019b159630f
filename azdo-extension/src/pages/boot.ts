import { loadExtensionConfig } from '../config/extensionConfig.js';
import { AzdoHost } from '../host/azdoHost.js';
import { realSdk } from '../host/realSdk.js';
import { browserEnv } from '../host/sdkEdge.js';
import { themeFromBackground } from '../host/theme.js';

/** The page's host adapter: the packaged config file, then the SDK's organization, project and services. */
export async function connectHost(): Promise<AzdoHost> {
  const config = await loadExtensionConfig(window.fetch.bind(window), window.location.href);
  return AzdoHost.connect(realSdk, browserEnv(window), config);
}

/** Memoizes a promise-returning factory, forgetting failures so the next call tries again. */
export function once<T>(factory: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      pending = factory();
      pending.catch(() => { pending = null; });
    }
    return pending;
  };
}

/** A readable message in place of the page (the page never stays blank). */
export function showProblem(root: HTMLElement, e: unknown): string {
  const message = e instanceof Error ? e.message : String((e as { message?: unknown } | null)?.message ?? e);
  const p = root.ownerDocument.createElement('p');
  p.className = 'ft-page-problem';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.replaceChildren(p);
  return message;
}

export function pageRoot(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('the page has no #root element');
  return root;
}

/**
 * Marks <html> with ft-page-dark while Azure DevOps' theme is dark (the SDK applies the theme as CSS variables and
 * fires themeApplied on every change), so the page's own CSS gives native controls the dark colour scheme.
 */
export function followTheme(win: Window = window): void {
  const env = browserEnv(win);
  const apply = () => {
    win.document.documentElement.classList.toggle('ft-page-dark', themeFromBackground(env.backgroundColor()) === 'dark');
  };
  env.onThemeApplied(apply);
  apply();
}
