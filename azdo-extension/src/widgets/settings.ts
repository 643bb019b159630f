import type { Controls } from '../contract.js';
import { DEFAULT_CONTROLS, normalizeControls } from '@flowtrack/web/controls';
import { parseTeamChoice, storedTeam, teamChoiceKey, type HubTeamChoice } from '../host/azdoHost.js';
import type { ForecastQuestion, HistogramPeriod } from './catalog.js';

/** A widget instance's configuration: what customSettings.data holds (JSON). */
export interface WidgetConfig {
  controls: Controls;
  question: ForecastQuestion;
  /** The throughput histogram widget's samples (days by default); the other widgets ignore it. */
  period: HistogramPeriod;
  /**
   * `dashboard`: the dashboard's team's area paths (team settings); `project`: every item of the project; a named
   * team: that team's area paths, whichever dashboard the widget sits on.
   */
  team: TeamChoice;
}

/** A team chosen by name in the configuration (its id is what counts; the name is shown): the hub's team choice. */
export type NamedTeam = Extract<HubTeamChoice, { kind: 'team' }>;

export type TeamChoice = 'dashboard' | 'project' | NamedTeam;

/**
 * Reads a saved team choice by the hub's rule (parseTeamChoice: an id of Azure DevOps' shape and a name); anything
 * unreadable is the dashboard's team, where a widget sits by default.
 */
export function parseTeam(v: unknown): TeamChoice {
  const choice = parseTeamChoice(v);
  return choice === null ? 'dashboard' : choice.kind === 'project' ? 'project' : choice;
}

/** One string per choice, for a select's value and for telling two choices apart (the hub's keys, and `dashboard`). */
export function teamKey(t: TeamChoice): string {
  return t === 'dashboard' ? t : teamChoiceKey(t === 'project' ? { kind: 'project' } : t);
}

/** A choice as customSettings.data keeps it: the hub's saved form (storedTeam), and `dashboard`. */
function teamJson(t: TeamChoice): string | { id: string; name: string } {
  return t === 'dashboard' ? t : storedTeam(t === 'project' ? { kind: 'project' } : t);
}

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
    // A widget sits on a team's dashboard: it shows that team's work unless configured for the whole project or
    // another team.
    team: parseTeam(o.team),
  };
}

/** The configuration as customSettings; without a team choice, the dashboard's team; without a period, days. */
export function serializeWidgetConfig(c: Omit<WidgetConfig, 'team' | 'period'> & { team?: TeamChoice; period?: HistogramPeriod }):
  { data: string; version: typeof SETTINGS_VERSION } {
  return {
    data: JSON.stringify({ controls: c.controls, question: c.question, period: c.period ?? 'days',
      team: teamJson(c.team ?? 'dashboard') }),
    version: SETTINGS_VERSION,
  };
}
