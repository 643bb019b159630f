/**
 * The shared dashboard bundle's contract (module `web/`, artifact io.flowtrack:flowtrack-web), as fixed for its
 * hosts. The bundle itself is not compiled into this extension: the pages load its IIFE build
 * (`flowtrack-dashboard.js`, global `FlowTrack`) taken from the Maven artifact, so only its types live here.
 */
export type ChartKind = 'scatter' | 'aging' | 'cfd' | 'throughput' | 'wip' | 'arrivals' | 'histogram'
  | 'efficiency' | 'types' | 'forecast-when' | 'forecast-how-many' | 'quality';

export type WindowChoice = { kind: 'last'; days: 30 | 90 | 180 } | { kind: 'custom'; from: string; to: string };

export interface Controls {
  window: WindowChoice;
  types: string[];
  startPolicy: 'first' | 'last' | null;
  forecastDays: number;
  forecastItems: number;
}

export interface ReportQuery {
  from: string;
  to: string;
  asOf?: string;
  timeZone: string;
  types?: string[];
  startPolicy?: 'first' | 'last';
  forecastDays?: number;
  forecastItems?: number;
}

export interface HostError {
  status: number;
  code: string;
  message: string;
}

export type Theme = 'light' | 'dark';

export interface FlowHost {
  fetchReport(q: ReportQuery): Promise<unknown>;
  loadControls(): Promise<Partial<Controls> | null>;
  saveControls(c: Controls): Promise<void>;
  itemUrl(itemId: string): string | null;
  theme(): Theme;
  onThemeChange(cb: (t: Theme) => void): void;
  today(): string;
  timeZone(): string;
}

export interface Mounted {
  refresh(): Promise<void>;
  setControls(c: Partial<Controls>): Promise<void>;
  destroy(): void;
}

/** The global the bundle's IIFE build defines. */
export interface FlowTrackBundle {
  mountDashboard(el: HTMLElement, host: FlowHost): Promise<Mounted>;
  mountChart(el: HTMLElement, kind: ChartKind, host: FlowHost, fixed?: Partial<Controls>): Promise<Mounted>;
  readonly CHART_KINDS: readonly ChartKind[];
  readonly CHART_TITLES: Record<ChartKind, string>;
}

/** The bundle loaded by the page's earlier `<script src>`; an error naming the file when it is missing. */
export function flowTrackBundle(global: { FlowTrack?: FlowTrackBundle } = globalThis as never): FlowTrackBundle {
  const bundle = global.FlowTrack;
  if (!bundle || typeof bundle.mountChart !== 'function' || typeof bundle.mountDashboard !== 'function') {
    throw new Error('The FlowTrack dashboard bundle (lib/flowtrack-dashboard.js) did not load.');
  }
  return bundle;
}
