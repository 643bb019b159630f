/*
 * The host contract (fixed, shared with the Azure DevOps extension and the Jira plugin) and the parts of
 * flowtrack-report/1 the dashboards read. Field meanings: docs/metrics.md §11.
 */

export type ChartKind = 'scatter' | 'aging' | 'cfd' | 'throughput' | 'wip' | 'arrivals' | 'histogram'
  | 'efficiency' | 'types' | 'forecast-when' | 'forecast-how-many' | 'quality';

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
}

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
}

export interface DailyRow { date: string; arrivals: number; throughput: number; wip: number; cfd: number[] }

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
  cycleTime: { count: number, percentiles: Percentiles, min?: number | null, max?: number | null, mean?: number | null };
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
  };
}
