import type { Controls } from '../contract.js';
import { DEFAULT_CONTROLS, normalizeControls } from '@flowtrack/web/controls';
import type { ForecastQuestion, HistogramPeriod } from './catalog.js';

/** A widget instance's configuration: what customSettings.data holds (JSON). */
export interface WidgetConfig {
  controls: Controls;
  question: ForecastQuestion;
  /** The throughput histogram widget's samples (days by default); the other widgets ignore it. */
  period: HistogramPeriod;
  /** `dashboard`: the dashboard's team's area paths (team settings); `project`: every item of the project. */
  team: TeamChoice;
}

export type TeamChoice = 'dashboard' | 'project';

export const SETTINGS_VERSION = { major: 1, minor: 0, patch: 0 } as const;

export const DEFAULT_WIDGET_CONFIG: WidgetConfig = Object.freeze({ controls: DEFAULT_CONTROLS, question: 'when', period: 'days',
  team: 'dashboard' });

/**
 * Reads customSettings.data defensively: null when the instance has never been configured (no data, empty,
 * not JSON, not an object) — the widget then reports Unconfigured. Invalid fields fall back to the defaults.
 */
export function parseWidgetConfig(data: string | null | undefined): WidgetConfig | null {
  if (typeof data !== 'string' || data.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  return {
    controls: normalizeControls(o.controls),
    question: o.question === 'how-many' ? 'how-many' : 'when',
    period: o.period === 'weeks' ? 'weeks' : 'days',
    // A widget sits on a team's dashboard: it shows that team's work unless configured for the whole project.
    team: o.team === 'project' ? 'project' : 'dashboard',
  };
}

/** The configuration as customSettings; without a team choice, the dashboard's team; without a period, days. */
export function serializeWidgetConfig(c: Omit<WidgetConfig, 'team' | 'period'> & { team?: TeamChoice; period?: HistogramPeriod }):
  { data: string; version: typeof SETTINGS_VERSION } {
  return {
    data: JSON.stringify({ controls: c.controls, question: c.question, period: c.period ?? 'days', team: c.team ?? 'dashboard' }),
    version: SETTINGS_VERSION,
  };
}
