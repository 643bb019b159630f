/*
 * The one check of a dashboard choice (window, work item types, start policy, forecast, calendar or working days), its defaults and its
 * limits, for every host: the bundle uses it for what a host loads or a widget fixes, the Azure DevOps extension
 * imports it (stored settings, widget settings, the configuration form), the Jira host gets it from the bundle.
 * Limits are the engine's (ReportParameters: forecastDays 1–3650, forecastItems 1–100 000, type names 1–128
 * characters after trimming; ReportRequest.MAX_WINDOW_DAYS: a window of at most 36 525 days, both ends counted);
 * at most 100 types are kept.
 */
import type { Controls } from './types';

export const CONTROL_LIMITS = Object.freeze({
  forecastDays: Object.freeze({ min: 1, max: 3650 }),
  forecastItems: Object.freeze({ min: 1, max: 100_000 }),
  // A project's SLE (ReportRequest.Sle): days 1–3650, an optional percentile 1–100.
  sleDays: Object.freeze({ min: 1, max: 3650 }),
  slePercentile: Object.freeze({ min: 1, max: 100 }),
  typeNameLength: 128,
  types: 100,
  windowDays: 36_525,
});

export const LAST_DAYS: readonly (30 | 90 | 180)[] = Object.freeze([30, 90, 180] as const);

/** What a user without a saved choice, and a new widget, start from. */
export const DEFAULT_CONTROLS: Controls = Object.freeze({
  window: Object.freeze({ kind: 'last', days: 90 }) as Controls['window'],
  types: Object.freeze([]) as unknown as string[],
  startPolicy: null,
  forecastDays: 30,
  forecastItems: 20,
  days: 'calendar',
}) as Controls;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE.test(s)) {
    return false;
  }
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The calendar date n days after (or before, n < 0) a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function wholeNumber(v: unknown, limits: { min: number, max: number }): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= limits.min && v <= limits.max;
}

/** Problems with a window, as sentences for the user; empty when it is fine. */
export function windowProblems(w: Controls['window']): string[] {
  if (w.kind === 'last') {
    return (LAST_DAYS as readonly number[]).includes(w.days) ? [] : ['Choose the last 30, 90 or 180 days.'];
  }
  const problems: string[] = [];
  if (!isIsoDate(w.from)) problems.push('The start date is not a date.');
  if (!isIsoDate(w.to)) problems.push('The end date is not a date.');
  if (problems.length === 0) {
    const span = daysBetween(w.from, w.to);
    if (span < 0) problems.push('The start date is after the end date.');
    else if (span + 1 > CONTROL_LIMITS.windowDays) problems.push(`The window is longer than ${CONTROL_LIMITS.windowDays} days.`);
  }
  return problems;
}

function validWindow(v: unknown): Controls['window'] | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  let w: Controls['window'] | undefined;
  if (o.kind === 'last' && typeof o.days === 'number') {
    w = { kind: 'last', days: o.days as 30 | 90 | 180 };
  } else if (o.kind === 'custom' && typeof o.from === 'string' && typeof o.to === 'string') {
    w = { kind: 'custom', from: o.from, to: o.to };
  }
  return w && windowProblems(w).length === 0 ? w : undefined;
}

/** Type names trimmed and de-duplicated; undefined when any is not a name (the whole list is then refused). */
function validTypes(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > CONTROL_LIMITS.types) return undefined;
  const names = v.filter((t): t is string => typeof t === 'string').map(t => t.trim());
  if (names.length !== v.length || names.some(t => t.length === 0 || t.length > CONTROL_LIMITS.typeNameLength)) {
    return undefined;
  }
  return [...new Set(names)];
}

/**
 * Only the valid members of a stored or received choice (saved settings, widget settings, a host's answer):
 * anything unknown, mistyped or out of range is dropped, so a stale or tampered document never reaches a query.
 */
export function sanitizeControls(v: unknown): Partial<Controls> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  const out: Partial<Controls> = {};
  const window = validWindow(o.window);
  if (window) out.window = window;
  const types = validTypes(o.types);
  if (types) out.types = types;
  if (o.startPolicy === 'first' || o.startPolicy === 'last' || o.startPolicy === null) out.startPolicy = o.startPolicy;
  if (wholeNumber(o.forecastDays, CONTROL_LIMITS.forecastDays)) out.forecastDays = o.forecastDays;
  if (wholeNumber(o.forecastItems, CONTROL_LIMITS.forecastItems)) out.forecastItems = o.forecastItems;
  if (o.days === 'calendar' || o.days === 'working') out.days = o.days;
  return out;
}

/**
 * A full set of controls from whatever was saved (possibly by an older version, possibly edited by hand):
 * every valid member is kept, every missing or invalid one is taken from `base` (the defaults).
 */
export function normalizeControls(saved: unknown, base: Controls = DEFAULT_CONTROLS): Controls {
  const valid = sanitizeControls(saved);
  return {
    window: { ...(valid.window ?? base.window) } as Controls['window'],
    types: [...(valid.types ?? base.types)],
    startPolicy: valid.startPolicy !== undefined ? valid.startPolicy : base.startPolicy,
    forecastDays: valid.forecastDays ?? base.forecastDays,
    forecastItems: valid.forecastItems ?? base.forecastItems,
    days: valid.days ?? base.days,
  };
}
