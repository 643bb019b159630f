/*
 * Report JSON → chart data. Pure functions, no DOM, no ECharts: every number comes from the report
 * (docs/metrics.md §11); the only work done here is picking, filtering, ordering, counting items per
 * value for the histogram and calendar-date arithmetic for the window and the forecast's date axis.
 */
import { chartModule } from './charts/registry';
import { addDays, isIsoDate } from './controls';
import type { ChartKind, Controls, DayCount, HostError, Percentiles, Report, ReportItem, ReportQuery } from './types';

export const CHART_KINDS: readonly ChartKind[] = Object.freeze(['scatter', 'aging', 'cfd', 'throughput', 'wip',
  'arrivals', 'histogram', 'efficiency', 'types', 'forecast-when', 'forecast-how-many', 'quality',
  'stage-breakdown', 'weekly-throughput', 'throughput-histogram', 'throughput-histogram-weekly'] as ChartKind[]);

export const CHART_TITLES: Record<ChartKind, string> = Object.freeze({
  scatter: 'Cycle time scatterplot',
  aging: 'Aging work in progress',
  cfd: 'Cumulative flow',
  throughput: 'Throughput',
  wip: 'Work in progress',
  arrivals: 'Arrivals vs departures',
  histogram: 'Cycle time histogram',
  efficiency: 'Flow efficiency',
  types: 'Finished items by type',
  'forecast-when': 'Forecast: when will N items be done?',
  'forecast-how-many': 'Forecast: how many items in N days?',
  quality: 'Data quality',
  // The same as the modules' titles (src/charts/); a test holds them equal.
  'stage-breakdown': 'Where the time goes',
  'weekly-throughput': 'Weekly throughput',
  'throughput-histogram': 'Throughput histogram (days)',
  'throughput-histogram-weekly': 'Throughput histogram (weeks)',
});

// The controls' one check, defaults and limits live in controls.ts (shared with the hosts); re-exported here for
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

/** The stages items flow through (category active or waiting), in workflow order. */
export function inFlowStages(r: Report): string[] {
  if (!r.workflow) {
    return r.stages.slice(1, -1);
  }
  return r.workflow.filter(w => w.category === 'active' || w.category === 'waiting').map(w => w.stage);
}

/** Items finished inside the report's window, in finish order (ties: report order). */
export function finishedInWindow(r: Report): ReportItem[] {
  return r.items
    .filter(i => i.finished !== null && i.cycleTimeDays !== null && i.finished >= r.from && i.finished <= r.to)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.finished! < b.item.finished! ? -1 : a.item.finished! > b.item.finished! ? 1
      : a.index - b.index))
    .map(x => x.item);
}

const NO_FINISHED = 'No item finished in this window.';
const NO_FINISHED_ACTION = 'Choose a longer window or more work item types.';

/** Why a chart has nothing to draw for this report, or null when it has data. */
export function emptyState(r: Report, kind: ChartKind): ViewState | null {
  if (r.stages.length === 0 || inFlowStages(r).length === 0) {
    return { state: 'empty', message: 'No status is mapped to an in-progress stage.',
      action: 'Map your statuses to stages in the FlowTrack settings.' };
  }
  const module = chartModule(kind);
  if (module) {
    return module.empty(r);
  }
  const finished = r.cycleTime.count > 0;
  switch (kind) {
    case 'scatter':
    case 'histogram':
    case 'types':
    case 'throughput':
      return finished ? null : { state: 'empty', message: NO_FINISHED, action: NO_FINISHED_ACTION };
    case 'efficiency':
      if (!finished) {
        return { state: 'empty', message: NO_FINISHED, action: NO_FINISHED_ACTION };
      }
      return efficiencyData(r).points.length > 0 ? null : { state: 'empty',
        message: 'No finished item in this window has a flow efficiency (all took no time).' };
    case 'aging':
      return (r.aging?.items.length ?? 0) > 0 ? null : { state: 'empty', message: 'No item is in progress right now.',
        action: 'Items appear here once they pass the commitment stage' + (r.commitmentStage
          ? ` '${r.commitmentStage}'.` : '.') };
    case 'cfd':
    case 'wip':
    case 'arrivals':
      if (r.daily.length === 0) {
        return { state: 'empty', message: 'This window has no days.' };
      }
      if (kind === 'cfd' ? r.daily.every(d => d.cfd.every(v => v === 0))
        : r.daily.every(d => d.wip === 0 && d.arrivals === 0 && d.throughput === 0)) {
        return { state: 'empty', message: 'No item was in the workflow in this window.', action: NO_FINISHED_ACTION };
      }
      return null;
    case 'forecast-when':
    case 'forecast-how-many': {
      const part = kind === 'forecast-when' ? r.forecast?.when : r.forecast?.howMany;
      if (!part) {
        return { state: 'empty', message: 'No forecast was asked for.' };
      }
      if (part.available === false || !part.distribution || part.distribution.length === 0) {
        return { state: 'empty', message: 'No forecast: ' + (part.reason ?? 'the window has no throughput to sample.'),
          action: NO_FINISHED_ACTION };
      }
      return null;
    }
    case 'quality':
      return Object.values(r.dataQuality?.counts ?? {}).some(n => n > 0) ? null
        : { state: 'empty', message: 'No data-quality findings: every item moved through the workflow as mapped.' };
    default:
      return null;
  }
}

/** Percentile keys ordered numerically ("50" before "85"), values present only. */
export function percentileLines(p: Percentiles | undefined): { key: string, label: string, value: number }[] {
  if (!p) {
    return [];
  }
  return Object.keys(p)
    .filter(k => typeof p[k] === 'number')
    .sort((a, b) => Number(a) - Number(b))
    .map(k => ({ key: k, label: `${k}%`, value: p[k] as number }));
}

export interface ScatterPoint { id: string, title: string | null, type: string, finished: string, cycleTimeDays: number }

export function scatterData(r: Report): { points: ScatterPoint[], percentiles: { label: string, value: number }[],
  sle: { days: number, label: string } | null } {
  return {
    points: finishedInWindow(r).map(i => ({ id: i.id, title: i.title ?? null, type: i.type, finished: i.finished!,
      cycleTimeDays: i.cycleTimeDays! })),
    percentiles: percentileLines(r.cycleTime.percentiles),
    sle: r.sle ? { days: r.sle.days, label: r.sle.targetPercentile === null ? `SLE ${r.sle.days} d`
      : `SLE ${r.sle.days} d at ${r.sle.targetPercentile}%` } : null,
  };
}

export interface AgingPoint { id: string, title: string | null, type: string, stage: string, column: number,
  offset: number, ageDays: number, beyondSle: boolean }

/**
 * Aging WIP: one column per stage (workflow order) that has items in progress or pace zones; the items
 * of a column are spread side by side (offset in -0.35..0.35) so equal ages do not hide each other.
 * Zones per column: [0, p50], [p50, p70], … from the report's pace percentiles.
 */
export function agingData(r: Report): { stages: string[], points: AgingPoint[],
  zones: { column: number, bands: { from: number, to: number | null, label: string }[] }[], sleDays: number | null } {
  const aging = r.aging ?? { items: [], pace: [] };
  const used = new Set<string>([...aging.items.map(i => i.stage), ...aging.pace.map(p => p.stage)]);
  const stages = r.stages.filter(s => used.has(s));
  const titles = new Map(r.items.map(i => [i.id, i.title ?? null]));
  const byStage = new Map<string, typeof aging.items>();
  for (const item of aging.items) {
    byStage.set(item.stage, [...(byStage.get(item.stage) ?? []), item]);
  }
  const points: AgingPoint[] = [];
  stages.forEach((stage, column) => {
    const items = byStage.get(stage) ?? [];
    items.forEach((item, k) => {
      const offset = items.length === 1 ? 0 : -0.35 + (0.7 * k) / (items.length - 1);
      points.push({ id: item.id, title: titles.get(item.id) ?? null, type: item.type, stage, column, offset,
        ageDays: item.ageDays, beyondSle: item.beyondSle === true });
    });
  });
  const zones = aging.pace
    .filter(p => stages.includes(p.stage))
    .map(p => {
      const lines = percentileLines(p.percentiles);
      const bands: { from: number, to: number | null, label: string }[] = [];
      let from = 0;
      let label = '0';
      for (const l of lines) {
        bands.push({ from, to: l.value, label: `up to ${l.label}` });
        from = l.value;
        label = l.label;
      }
      if (lines.length > 0) {
        bands.push({ from, to: null, label: `beyond ${label}` });
      }
      return { column: stages.indexOf(p.stage), bands };
    });
  return { stages, points, zones, sleDays: r.sle?.days ?? null };
}

/**
 * CFD lines, one per stage that is not a removed stage, workflow order (the report's cumulative counts),
 * with the stage's category ('' when the report has no workflow).
 */
export function cfdData(r: Report): { dates: string[], series: { stage: string, category: string, values: number[] }[] } {
  const categories = new Map<string, string>((r.workflow ?? []).map(w => [w.stage, w.category]));
  return {
    dates: r.daily.map(d => d.date),
    series: r.stages
      .map((stage, index) => ({ stage, index, category: categories.get(stage) ?? '' }))
      .filter(s => s.category !== 'removed')
      .map(s => ({ stage: s.stage, category: s.category, values: r.daily.map(d => d.cfd[s.index] ?? 0) })),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-05" → "5 Mar" for axis labels (the tooltip keeps the full date). */
export function shortDate(date: string): string {
  return isIsoDate(date) ? `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}` : date;
}

export function dailyData(r: Report, field: 'throughput' | 'wip' | 'arrivals'): { dates: string[], values: number[] } {
  return { dates: r.daily.map(d => d.date), values: r.daily.map(d => d[field]) };
}

/**
 * Items finished in the window per cycle time (days): [{days, items}] for every day count from the
 * smallest to the largest cycle time, zeros included so the axis is continuous.
 */
export function histogramData(r: Report): { bins: { days: number, items: number }[],
  percentiles: { label: string, value: number }[] } {
  const counts = new Map<number, number>();
  for (const item of finishedInWindow(r)) {
    counts.set(item.cycleTimeDays!, (counts.get(item.cycleTimeDays!) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const bins: { days: number, items: number }[] = [];
  if (keys.length > 0) {
    const min = Math.min(...keys);
    const max = Math.max(...keys);
    for (let d = min; d <= max; d++) {
      bins.push({ days: d, items: counts.get(d) ?? 0 });
    }
  }
  return { bins, percentiles: percentileLines(r.cycleTime.percentiles) };
}

/** Finished items' flow efficiency by finish date, and the window's aggregate. */
export function efficiencyData(r: Report): { points: { id: string, title: string | null, finished: string,
  efficiency: number }[], aggregate: number | null } {
  return {
    points: finishedInWindow(r).filter(i => i.flowEfficiency !== null)
      .map(i => ({ id: i.id, title: i.title ?? null, finished: i.finished!, efficiency: i.flowEfficiency! })),
    aggregate: r.flowEfficiency,
  };
}

export function typesData(r: Report): { type: string, count: number }[] {
  return (r.byType ?? []).filter(t => t.count > 0);
}

export interface ForecastView {
  bars: { label: string, value: number, trials: number }[];
  /** value: the full sentence; short: what fits a widget's column. */
  table: { confidence: string, value: string, short: string }[];
  marks: { label: string, value: number }[];
  caption: string;
}

/** "When": trials per completion day (as dates, day 1 = the day after asOf) and the confidence table. */
export function forecastWhenData(r: Report, days?: DayCount): ForecastView {
  const when = r.forecast?.when;
  const asOfDate = r.asOf.slice(0, 10);
  const dates = when?.dates ?? {};
  const lines = percentileLines(when?.percentiles);
  const keys = Object.keys(when?.percentiles ?? {}).sort((a, b) => Number(a) - Number(b));
  return {
    bars: (when?.distribution ?? []).map(d => ({ label: addDays(asOfDate, d.value), value: d.value, trials: d.trials })),
    marks: lines.map(l => ({ label: l.label, value: l.value })),
    table: keys.map(k => ({ confidence: `${k}%`, value: dates[k] ? `${dates[k]} (${when!.percentiles![k]} days)`
      : 'beyond the horizon', short: dates[k] ?? 'later' })),
    caption: when ? `${when.items} items, ${when.trials ?? ''} trials` + (when.beyondHorizon
      ? `, ${when.beyondHorizon} beyond the horizon` : '') + (days === 'working' ? ', drawn from working days' : '') : '',
  };
}

/** "How many": trials per number of items finished in the next N days, and the confidence table. */
export function forecastHowManyData(r: Report, days?: DayCount): ForecastView {
  const hm = r.forecast?.howMany;
  const keys = Object.keys(hm?.percentiles ?? {}).sort((a, b) => Number(a) - Number(b));
  return {
    bars: (hm?.distribution ?? []).map(d => ({ label: String(d.value), value: d.value, trials: d.trials })),
    marks: percentileLines(hm?.percentiles).map(l => ({ label: l.label, value: l.value })),
    table: keys.map(k => ({ confidence: `${k}%`, value: `${hm!.percentiles![k]} items or more`,
      short: `≥ ${hm!.percentiles![k]}` })),
    caption: hm ? `next ${hm.days} days, ${hm.trials ?? ''} trials`
      + (days === 'working' ? ', drawn from working days' : '') : '',
  };
}

const FINDING_NAMES: Record<string, string> = {
  backwardMoves: 'Moved backwards',
  reopened: 'Reopened',
  createdInDone: 'Created done',
  fromMismatch: 'History gap',
  unmappedStates: 'Unmapped status',
  startedPastCommitment: 'Skipped commitment',
  backBeforeCommitment: 'Back before commitment',
};

export function findingName(kind: string): string {
  return FINDING_NAMES[kind] ?? kind;
}

export function qualityData(r: Report): { counts: { kind: string, name: string, items: number }[],
  items: { id: string, title: string | null, type: string, findings: { kind: string, name: string, count: number,
    detail: string }[] }[] } {
  const dq = r.dataQuality ?? { counts: {}, items: [] };
  const byId = new Map(r.items.map(i => [i.id, i]));
  return {
    counts: Object.keys(dq.counts).map(kind => ({ kind, name: findingName(kind), items: dq.counts[kind] })),
    items: dq.items.map(i => ({ id: i.id, title: byId.get(i.id)?.title ?? null, type: byId.get(i.id)?.type ?? '',
      findings: i.findings.map(f => ({ ...f, name: findingName(f.kind) })) })),
  };
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

export type ItemFilter = 'finished' | 'in-progress' | 'all';
export type ItemColumn = 'id' | 'title' | 'type' | 'stage' | 'started' | 'finished' | 'cycleTimeDays' | 'ageDays'
  | 'flowEfficiency';

export const ITEM_COLUMNS: readonly { key: ItemColumn, label: string, numeric: boolean }[] = Object.freeze([
  { key: 'id', label: 'ID', numeric: false },
  { key: 'title', label: 'Title', numeric: false },
  { key: 'type', label: 'Type', numeric: false },
  { key: 'stage', label: 'Stage', numeric: false },
  { key: 'started', label: 'Started', numeric: false },
  { key: 'finished', label: 'Finished', numeric: false },
  { key: 'cycleTimeDays', label: 'Cycle time (days)', numeric: true },
  { key: 'ageDays', label: 'Age (days)', numeric: true },
  { key: 'flowEfficiency', label: 'Flow efficiency', numeric: true },
]);

/** The items table's columns for what the report's day figures count (working days: reportFor's view). */
export function itemColumns(days?: DayCount): readonly { key: ItemColumn, label: string, numeric: boolean }[] {
  if (days !== 'working') {
    return ITEM_COLUMNS;
  }
  return ITEM_COLUMNS.map(c => c.key === 'cycleTimeDays' ? { ...c, label: 'Cycle time (working days)' }
    : c.key === 'ageDays' ? { ...c, label: 'Age (working days)' } : c);
}

/** The items table's rows: filtered, then sorted (nulls last either way; ties keep report order). */
export function itemRows(r: Report, filter: ItemFilter, sortBy: ItemColumn, descending: boolean): ReportItem[] {
  const rows = filter === 'finished' ? finishedInWindow(r)
    : filter === 'in-progress' ? r.items.filter(i => i.started !== null && i.finished === null) : [...r.items];
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return rows.map((item, index) => ({ item, index })).sort((a, b) => {
    const x = a.item[sortBy] ?? null;
    const y = b.item[sortBy] ?? null;
    if (x === null || y === null) {
      return x === y ? a.index - b.index : x === null ? 1 : -1;
    }
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return c === 0 ? a.index - b.index : descending ? -c : c;
  }).map(x => x.item);
}

/** The cells of one CSV row; the fraction stays a fraction so spreadsheets can compute with it. */
export function csvRecords(rows: ReportItem[], days?: DayCount): (string | number)[][] {
  const columns = itemColumns(days);
  return [columns.map(c => c.label), ...rows.map(i => columns.map(c => {
    const v = i[c.key];
    return v === null || v === undefined ? '' : v;
  }))];
}

/** The types a user can pick: those in the report, those already chosen, those seen before. */
export function knownTypes(r: Report | null, chosen: string[], seen: Iterable<string>): string[] {
  const all = new Set<string>([...seen, ...chosen]);
  for (const i of r?.items ?? []) {
    all.add(i.type);
  }
  for (const t of r?.byType ?? []) {
    all.add(t.type);
  }
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Percent with one decimal, for fractions from the report. */
export function percent(f: number | null | undefined): string {
  return f === null || f === undefined ? '–' : `${(f * 100).toFixed(1)}%`;
}
