/** Small DOM helpers for the settings pages: elements with text only (never HTML from data). */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K,
  attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String((e as { message?: unknown } | null)?.message ?? e);
}

/** A status line that says what happened, in words (role=status, or alert for errors). */
export function say(target: HTMLElement, text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  target.textContent = text;
  target.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  target.dataset.kind = kind;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
