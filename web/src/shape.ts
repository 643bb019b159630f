/*
 * Report JSON → what the dashboard shows: the query for the controls, the report's check, the empty and error
 * states, an item's explanation. Pure functions, no DOM, no ECharts: every number comes from the report
 * (docs/metrics.md §11). Each chart's own data live in its module (src/charts/); this module re-exports them.
 */
import { chartModule } from './charts/registry';
import { addDays } from './controls';
import { findingName, shortDate } from './format';
import { inFlowStages } from './items';
import type { ChartKind, Controls, HostError, Report, ReportItem, ReportQuery } from './types';

export { CHART_KINDS, CHART_TITLES } from './charts/registry';
export { agingData, type AgingPoint } from './charts/aging';
export { typesData } from './charts/byType';
export { cfdData } from './charts/cfd';
export { dailyData } from './charts/daily';
export { efficiencyData } from './charts/efficiency';
export { forecastHowManyData, forecastWhenData, type ForecastView } from './charts/forecast';
export { histogramData } from './charts/histogram';
export { qualityData } from './charts/quality';
export { scatterData, type ScatterPoint } from './charts/scatter';
export { findingName, percent, percentileLines, shortDate } from './format';
export { csvRecords, finishedInWindow, inFlowStages, itemColumns, ITEM_COLUMNS, itemRows, knownTypes, type ItemColumn,
  type ItemFilter } from './items';

// the modules that read them with the rest of the shaping.
export { addDays, DEFAULT_CONTROLS, isIsoDate, normalizeControls } from './controls';

/** The first and last day of the window the controls describe; "last N days" ends today. */
export function windowDates(c: Controls, today: string): { from: string, to: string } {
  if (c.window.kind === 'custom') {
    return { from: c.window.from, to: c.window.to };
  }
  return { from: addDays(today, -(c.window.days - 1)), to: today };
}

/**
 * The backend query for the controls. A window ending today is reported as of now; a custom window that
 * ends before today is reported as of its last day, so items finished later do not count as unfinished.
 */
export function reportQuery(c: Controls, today: string, timeZone: string): ReportQuery {
  const { from, to } = windowDates(c, today);
  const q: ReportQuery = { from, to, timeZone, forecastDays: c.forecastDays, forecastItems: c.forecastItems };
  if (to < today) {
    q.asOf = to;
  }
  if (c.types.length > 0) {
    q.types = [...c.types];
  }
  if (c.startPolicy !== null) {
    q.startPolicy = c.startPolicy;
  }
  return q;
}

/** The report, or an error saying why the JSON is not a flowtrack-report/1. */
export function parseReport(json: unknown): Report {
  const r = json as Partial<Report> | null;
  if (!r || typeof r !== 'object' || r.format !== 'flowtrack-report/1') {
    throw new Error('the backend did not answer with a flowtrack-report/1');
  }
  if (!Array.isArray(r.stages) || !Array.isArray(r.items) || !Array.isArray(r.daily) || !r.cycleTime) {
    throw new Error('the report lacks stages, items, daily or cycleTime');
  }
  return r as Report;
}

export type ViewState = { state: 'empty' | 'error', message: string, action?: string };

function isHostError(e: unknown): e is HostError {
  return !!e && typeof e === 'object' && typeof (e as HostError).status === 'number'
    && typeof (e as HostError).code === 'string';
}

/** The longest wait a busy server may ask for, and how often a chart asks again before it says so for good. */
export const MAX_BUSY_WAIT_SECONDS = 120;
export const MAX_BUSY_RETRIES = 5;

/** Seconds to wait before asking again when the host says the server is busy (code 'busy'); null otherwise. */
export function busyRetrySeconds(e: unknown): number | null {
  if (!isHostError(e) || e.code !== 'busy') {
    return null;
  }
  const s = Number(e.retryAfterSeconds);
  return Number.isFinite(s) ? Math.min(MAX_BUSY_WAIT_SECONDS, Math.max(1, Math.round(s))) : 5;
}

/** What a chart shows while it waits to ask a busy server again. */
export function busyState(seconds: number): ViewState {
  return { state: 'empty', message: `FlowTrack is busy with other reports; retrying in ${seconds} s…` };
}

/** What a chart shows when the host could not give a report. */
export function errorState(e: unknown): ViewState {
  if (isHostError(e)) {
    if (e.code === 'busy') {
      return { state: 'error', message: 'FlowTrack is still busy with other reports.',
        action: 'Refresh the page in a minute.' };
    }
    if ((e.status === 404 && e.code === 'organization_not_connected')) {
      return { state: 'empty', message: 'This organization is not connected to FlowTrack yet.',
        action: 'An organization administrator connects it in the FlowTrack settings.' };
    }
    if (e.status === 409 && e.code === 'not_synced') {
      return { state: 'empty', message: 'FlowTrack has not finished the first sync of this project.',
        action: 'Wait for the first sync (it runs within minutes of connecting), then refresh.' };
    }
    if (e.code === 'configuration_invalid' || e.code === 'no_mapped_stages') {
      return { state: 'empty', message: 'The flow configuration does not fit this project: ' + e.message,
        action: 'Map your statuses to stages in the FlowTrack settings.' };
    }
    return { state: 'error', message: e.message || `The request failed (${e.status} ${e.code}).` };
  }
  if (e instanceof Error) {
    return { state: 'error', message: e.message };
  }
  return { state: 'error', message: String(e) };
}

/** Why a chart has nothing to draw for this report, or null when it has data. */
export function emptyState(r: Report, kind: ChartKind): ViewState | null {
  if (r.stages.length === 0 || inFlowStages(r).length === 0) {
    return { state: 'empty', message: 'No status is mapped to an in-progress stage.',
      action: 'Map your statuses to stages in the FlowTrack settings.' };
  }
  return chartModule(kind)?.empty(r) ?? null;
}

export interface ItemExplanation {
  id: string; title: string | null; type: string; stage: string;
  started: string | null; finished: string | null;
  /** The stages it entered when it started and finished; null when not reached or the report does not say. */
  startedIn: string | null; finishedIn: string | null;
  /** One line: "Started 3 Mar when it entered In Progress (…); finished 9 Mar entering Done; 7 days". */
  summary: string;
  startedReason: string; finishedReason: string; cycleTimeReason: string;
  flowEfficiency: number | null;
  stages: { stage: string, category: string, days: number }[];
  findings: { name: string, detail: string }[];
}

/**
 * Why an item's cycle time is what it is: its start, its finish and where its time went (from the report).
 * Reports that name the stages an item started and finished in (`startedIn`, `finishedIn`) are explained from
 * them; older reports without these fields get the explanation from the commitment stage and the dates.
 */
export function explainItem(r: Report, id: string): ItemExplanation | null {
  const item = r.items.find(i => i.id === id);
  if (!item) {
    return null;
  }
  const dq = r.dataQuality?.items.find(q => q.id === id)?.findings ?? [];
  const reasons = item.startedIn !== undefined && item.finishedIn !== undefined
    ? reasonsFromStages(r, item, new Set(dq.map(f => f.kind)))
    : reasonsFromDates(r, item);
  const categories = new Map((r.workflow ?? []).map(w => [w.stage, w.category as string]));
  const seconds = item.timeInStageSeconds ?? {};
  const stages = r.stages.filter(s => (seconds[s] ?? 0) > 0)
    .map(s => ({ stage: s, category: categories.get(s) ?? '', days: Math.round((seconds[s] / 86_400) * 10) / 10 }));
  const findings = dq.map(f => ({ name: findingName(f.kind), detail: f.detail }));
  return { id: item.id, title: item.title ?? null, type: item.type, stage: item.stage, started: item.started,
    finished: item.finished, startedIn: item.startedIn ?? null, finishedIn: item.finishedIn ?? null, ...reasons,
    flowEfficiency: item.flowEfficiency, stages, findings };
}

type Reasons = Pick<ItemExplanation, 'summary' | 'startedReason' | 'finishedReason' | 'cycleTimeReason'>;

function commitmentText(r: Report): string {
  return r.commitmentStage ? `the commitment stage '${r.commitmentStage}'` : 'the commitment stage';
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** From the stages the engine says the item entered when it started and finished. */
function reasonsFromStages(r: Report, item: ReportItem, kinds: Set<string>): Reasons {
  const policy = r.startPolicy === 'last'
    ? 'policy last: its latest commitment' : 'policy first: its first commitment';
  let started: string;
  if (item.started && item.startedIn) {
    const commitment = r.commitmentStage ? r.stages.indexOf(r.commitmentStage) : -1;
    const skipped = !kinds.has('createdInDone') && commitment >= 0 && r.stages.indexOf(item.startedIn) > commitment;
    started = `started ${shortDate(item.started)} when it ${kinds.has('createdInDone') ? 'was created in' : 'entered'} `
      + `${item.startedIn}${skipped ? `, past ${commitmentText(r)}, which it skipped` : ''} (${policy})`;
  } else {
    started = `not started: it has not entered ${commitmentText(r)} or a later stage`;
  }
  let finished: string;
  if (item.finished && item.finishedIn) {
    finished = `finished ${shortDate(item.finished)} entering ${item.finishedIn}`
      + (kinds.has('reopened') ? ' (its last entry into a done stage: it was reopened)' : '');
  } else {
    finished = `not finished: in ${item.stage}`;
  }
  const length = item.cycleTimeDays !== null ? days(item.cycleTimeDays)
    : item.ageDays !== null ? `${days(item.ageDays)} old` : 'no cycle time';
  const cycleTimeReason = item.cycleTimeDays !== null && item.started && item.finished
    ? `Cycle time ${days(item.cycleTimeDays)}: calendar days from ${item.started} to ${item.finished}, both counted.`
    : item.ageDays !== null && item.started ? `No cycle time yet; age ${days(item.ageDays)} from ${item.started} `
      + 'to the report\'s day, both counted.' : 'No cycle time: the item has not started.';
  return { summary: `${capitalise(started)}; ${finished}; ${length}`, startedReason: `${capitalise(started)}.`,
    finishedReason: `${capitalise(finished)}.`, cycleTimeReason };
}

/** From the commitment stage, the start policy and the dates: reports of engines before startedIn/finishedIn. */
function reasonsFromDates(r: Report, item: ReportItem): Reasons {
  const commitment = commitmentText(r);
  const policy = r.startPolicy === 'last'
    ? 'start policy "last": the last time it passed the commitment counts, so moving back restarts the clock'
    : 'start policy "first": the first time it passed the commitment counts, moving back does not restart the clock';
  const startedReason = item.started
    ? `Started ${item.started}: it entered ${commitment} or a later stage (${policy}).`
    : `Not started: it has not reached ${commitment}.`;
  const finishedReason = item.finished
    ? `Finished ${item.finished}: it entered a done stage and stayed there.`
    : item.started ? `Not finished: in '${item.stage}', ${item.ageDays} days old.` : `Not finished: in '${item.stage}'.`;
  const cycleTimeReason = item.cycleTimeDays !== null
    ? `Cycle time ${item.cycleTimeDays} days: calendar days from ${item.started} to ${item.finished}, both counted.`
    : item.ageDays !== null ? `No cycle time yet; age ${item.ageDays} days (start day and today counted).`
      : 'No cycle time: the item has not started.';
  return { summary: `${startedReason} ${finishedReason}`, startedReason, finishedReason, cycleTimeReason };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
