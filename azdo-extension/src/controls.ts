import type { Controls, WindowChoice } from './contract.js';

/** Limits the backend enforces on the report query (azdo-backend ReportQuery). */
export const LIMITS = {
  forecastDays: { min: 1, max: 3650 },
  forecastItems: { min: 1, max: 100_000 },
  typeNameLength: 128,
  types: 100,
  windowDays: 3650,
} as const;

export const LAST_DAYS = [30, 90, 180] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE.test(s)) {
    return false;
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The date n days after (before, for negative n) an ISO date. */
export function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Problems with a window, as sentences for the user; empty when it is fine. */
export function windowProblems(w: WindowChoice): string[] {
  if (w.kind === 'last') {
    return (LAST_DAYS as readonly number[]).includes(w.days) ? [] : ['Choose the last 30, 90 or 180 days.'];
  }
  const problems: string[] = [];
  if (!isIsoDate(w.from)) problems.push('The start date is not a date.');
  if (!isIsoDate(w.to)) problems.push('The end date is not a date.');
  if (problems.length === 0) {
    const span = daysBetween(w.from, w.to);
    if (span < 0) problems.push('The start date is after the end date.');
    else if (span > LIMITS.windowDays) problems.push(`The window is longer than ${LIMITS.windowDays} days.`);
  }
  return problems;
}

function sanitizeWindow(v: unknown): WindowChoice | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  let w: WindowChoice | undefined;
  if (o.kind === 'last' && typeof o.days === 'number') {
    w = { kind: 'last', days: o.days as 30 | 90 | 180 };
  } else if (o.kind === 'custom' && typeof o.from === 'string' && typeof o.to === 'string') {
    w = { kind: 'custom', from: o.from, to: o.to };
  }
  return w && windowProblems(w).length === 0 ? w : undefined;
}

function sanitizeTypes(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > LIMITS.types) return undefined;
  const names = v.filter((t): t is string => typeof t === 'string').map((t) => t.trim());
  if (names.length !== v.length || names.some((t) => t.length === 0 || t.length > LIMITS.typeNameLength)) {
    return undefined;
  }
  return [...new Set(names)];
}

/**
 * Keeps only the valid fields of a stored or received choice (per-user settings, widget settings): anything
 * unknown, mistyped or out of range is dropped, so a stale or tampered document never reaches a query.
 */
export function sanitizeControls(v: unknown): Partial<Controls> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  const out: Partial<Controls> = {};
  const window = sanitizeWindow(o.window);
  if (window) out.window = window;
  const types = sanitizeTypes(o.types);
  if (types) out.types = types;
  if (o.startPolicy === 'first' || o.startPolicy === 'last' || o.startPolicy === null) out.startPolicy = o.startPolicy;
  if (isInt(o.forecastDays, LIMITS.forecastDays.min, LIMITS.forecastDays.max)) out.forecastDays = o.forecastDays;
  if (isInt(o.forecastItems, LIMITS.forecastItems.min, LIMITS.forecastItems.max)) out.forecastItems = o.forecastItems;
  return out;
}

/** What a new widget or a user without a saved choice starts from. */
export const DEFAULT_CONTROLS: Controls = Object.freeze({
  window: { kind: 'last', days: 90 },
  types: [],
  startPolicy: null,
  forecastDays: 30,
  forecastItems: 10,
}) as Controls;

export function withDefaults(partial: Partial<Controls>): Controls {
  return { ...DEFAULT_CONTROLS, ...partial, types: [...(partial.types ?? DEFAULT_CONTROLS.types)] };
}
