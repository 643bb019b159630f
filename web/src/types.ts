/*
 * The host contract (fixed, shared with the Azure DevOps extension and the Jira plugin) and the parts of
 * flowtrack-report/1 the dashboards read. Field meanings: docs/metrics.md §11.
 */

export type ChartKind = 'scatter' | 'aging' | 'cfd' | 'throughput' | 'wip' | 'arrivals' | 'histogram'
  | 'efficiency' | 'types' | 'forecast-when' | 'forecast-how-many' | 'quality'
  // Issue 14: where the time goes, weekly flow, throughput samples (modules in src/charts/).
  | 'stage-breakdown' | 'weekly-throughput' | 'throughput-histogram' | 'throughput-histogram-weekly';

export type Theme = 'light' | 'dark';

/** What the user chose; kept per user by the host. */
export interface Controls {
  window: { kind: 'last', days: 30 | 90 | 180 } | { kind: 'custom', from: string, to: string };
  /** Work item types; [] = all. */
  types: string[];
  /** null = the project's configured policy. */
  startPolicy: 'first' | 'last' | null;
  forecastDays: number;
  forecastItems: number;
  /**
   * What cycle time, age, percentiles and forecasts count (docs/metrics.md §12.3): calendar days, or working days
   * when the report has a calendar (the project's configuration); 'working' without one shows calendar days.
   */
  days: DayCount;
}

export type DayCount = 'calendar' | 'working';

/** What the host sends to its backend (names = azdo-backend query parameters). */
export interface ReportQuery {
  from: string; to: string; asOf?: string; timeZone: string; types?: string[];
  startPolicy?: 'first' | 'last'; forecastDays?: number; forecastItems?: number;
}

/**
 * Thrown (rejected) by fetchReport. code 'busy' with retryAfterSeconds: the server computes as many reports as it
 * allows and asks to be asked again after that many seconds (HTTP 503 + Retry-After); the dashboards say so and do.
 */
export interface HostError { status: number; code: string; message: string; retryAfterSeconds?: number }

export interface FlowHost {
  /** Resolves with a flowtrack-report/1 JSON object. */
  fetchReport(q: ReportQuery): Promise<unknown>;
  /** The user's saved choice (null = none yet). */
  loadControls(): Promise<Partial<Controls> | null>;
  saveControls(c: Controls): Promise<void>;
  /** Link to the item in its tracker. */
  itemUrl(itemId: string): string | null;
  /**
   * Opens the item the way the host opens things (Azure DevOps: its navigation service, since the page is a
   * sandboxed frame). Without it the bundle opens itemUrl in a new tab.
   */
  openItem?(itemId: string): void;
  theme(): Theme;
  /** Calls cb on every change of theme until the returned function is called. */
  onThemeChange(cb: (t: Theme) => void): () => void;
  /** YYYY-MM-DD in the user's zone. */
  today(): string;
  timeZone(): string;
}

export interface Mounted { refresh(): Promise<void>; setControls(c: Partial<Controls>): Promise<void>; destroy(): void }

/** The bundle's API: the global `FlowTrack` of its IIFE build, and the exports of index.ts. */
export interface FlowTrackApi {
  mountDashboard(el: HTMLElement, host: FlowHost): Promise<Mounted>;
  mountChart(el: HTMLElement, kind: ChartKind, host: FlowHost, fixed?: Partial<Controls>): Promise<Mounted>;
  readonly CHART_KINDS: readonly ChartKind[];
  readonly CHART_TITLES: Record<ChartKind, string>;
  /** The one check of a saved or received choice (controls.ts): valid members kept, the rest from the defaults. */
  normalizeControls(saved: unknown, base?: Controls): Controls;
  readonly DEFAULT_CONTROLS: Controls;
}

export type Percentiles = Record<string, number | null>;

export interface ReportItem {
  id: string;
  type: string;
  title?: string;
  stage: string;
  created?: string;
  started: string | null;
  finished: string | null;
  /** The stage it entered when it started / finished; absent in reports of engines before these fields. */
  startedIn?: string | null;
  finishedIn?: string | null;
  cycleTimeDays: number | null;
  ageDays: number | null;
  flowEfficiency: number | null;
  timeInStageSeconds?: Record<string, number>;
  /** Blocked time inside [started, finished or asOf]; null/absent when not started or in older reports. */
  blockedSeconds?: number | null;
  /** Started, unfinished and blocked at asOf. */
  blockedNow?: boolean;
  /** Only with a calendar (docs/metrics.md §12.3); null where the calendar-day field is null. */
  cycleTimeWorkingDays?: number | null;
  ageWorkingDays?: number | null;
}

export interface DailyRow { date: string; arrivals: number; throughput: number; wip: number; cfd: number[] }

/** One stage's part of the finished items' cycle time (docs/metrics.md §12.1); percentiles in seconds. */
export interface StageBreakdownRow { stage: string; items: number; totalSeconds: number; share: number | null;
  percentiles: Percentiles }

/** A Monday-to-Sunday week overlapping the window (docs/metrics.md §12.4). */
export interface WeeklyRow { weekStart: string; days: number; partial: boolean; arrivals: number; throughput: number;
  wip: number }

export interface ForecastPart {
  trials?: number;
  available?: boolean;
  reason?: string;
  percentiles?: Percentiles;
  distribution?: { value: number, trials: number }[];
}

export interface Report {
  format: string;
  asOf: string;
  from: string;
  to: string;
  timeZone: string;
  startPolicy?: 'first' | 'last';
  commitmentStage?: string;
  stages: string[];
  workflow?: { stage: string, category: 'proposed' | 'active' | 'waiting' | 'done' | 'removed' }[];
  items: ReportItem[];
  daily: DailyRow[];
  cycleTime: { count: number, percentiles: Percentiles, min?: number | null, max?: number | null, mean?: number | null,
    /** Only with a calendar. */
    workingDays?: { percentiles: Percentiles } };
  /** The fields below to `calendar` are absent in reports of engines before issue 14. */
  stageBreakdown?: StageBreakdownRow[];
  /** items: finished items of the window that were blocked; share: their blocked time / the summed cycle time of
   * the window's finished items; now: items blocked at asOf (docs/metrics.md §12.2). */
  blocked?: { items: number, share: number | null, now: number };
  weekly?: WeeklyRow[];
  calendar?: { workingDays: string[], holidays: string[] };
  flowEfficiency: number | null;
  throughput?: { total: number, days: number, meanPerDay: number, maxPerDay: number, zeroDays: number };
  wip?: { mean: number, min: number, max: number, current: number, arrivals: number };
  byType?: { type: string, count: number }[];
  sle?: { days: number, targetPercentile: number | null, finished: number, withinSle: number,
    attained: number | null, met: boolean | null, agingBeyondSle: number };
  aging?: {
    items: { id: string, type: string, stage: string, ageDays: number, beyondSle?: boolean }[];
    pace: { stage: string, count: number, percentiles: Percentiles }[];
  };
  dataQuality?: {
    counts: Record<string, number>;
    items: { id: string, findings: { kind: string, count: number, detail: string }[] }[];
  };
  excluded?: { removed: number, createdAfterAsOf: number, otherTypes: number };
  forecast?: {
    samplingWindow?: { from: string, to: string };
    howMany?: ForecastPart & { days: number };
    when?: ForecastPart & { items: number, dates?: Record<string, string | null>, horizonDays?: number,
      beyondHorizon?: number };
    /** Only with a calendar: the same questions drawn from working days. */
    workingDays?: { howMany?: ForecastPart & { days: number }, when?: ForecastPart & { items: number,
      dates?: Record<string, string | null>, horizonDays?: number, beyondHorizon?: number } };
  };
}
