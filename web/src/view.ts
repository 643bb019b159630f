/*
 * One chart on the page: its frame, its ECharts instance, its empty/error/loading states and its
 * resizing. The frame carries data-chart and data-state (the contract), data-points (how many data
 * points are drawn) for tests and tools.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { chartOption, type Theme } from './charts';
import { chartModule } from './charts/registry';
import { CHART_TITLES, emptyState, forecastHowManyData, forecastWhenData, type ViewState } from './shape';
import type { ChartKind, DayCount, Report } from './types';
import { countedIn, dayUnit, reportFor } from './workingDays';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TooltipComponent, CanvasRenderer]);

/** Below this width or height a chart is drawn the compact way (a 2x2 Azure DevOps widget is 330 px). */
const COMPACT_WIDTH = 520;
const COMPACT_HEIGHT = 380;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {},
  ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') {
      e.textContent = v;
    } else {
      e.setAttribute(k, v);
    }
  }
  e.append(...children);
  return e;
}

export class ChartView {
  readonly root: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly message: HTMLElement;
  private readonly table: HTMLElement;
  private chart: echarts.ECharts | null = null;
  private chartTheme: Theme | null = null;
  private report: Report | null = null;
  /** What the user chose to count (the control `days`); what is counted also depends on the report's calendar. */
  private days: DayCount = 'calendar';
  private compact: boolean | null = null;
  private readonly observer: ResizeObserver;

  constructor(readonly kind: ChartKind, private theme: Theme, private readonly onItem: (id: string) => void,
    options: { title: boolean, forceCompact?: boolean }) {
    const titleId = `ft-title-${kind}-${Math.random().toString(36).slice(2, 8)}`;
    this.root = el('section', { class: 'ft-chart', 'data-chart': kind, 'data-state': 'loading',
      'aria-labelledby': titleId, 'aria-busy': 'true' });
    const title = el('h3', { class: 'ft-chart-title', id: titleId, text: CHART_TITLES[kind] });
    if (!options.title) {
      title.classList.add('ft-visually-hidden');
    }
    this.canvas = el('div', { class: 'ft-chart-canvas', role: 'img', 'aria-label': CHART_TITLES[kind] });
    this.message = el('div', { class: 'ft-chart-message', role: 'status' });
    this.table = el('div', { class: 'ft-chart-table' });
    this.root.append(title, this.canvas, this.message, this.table);
    if (options.forceCompact) {
      this.root.classList.add('ft-compact');
    }
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.canvas);
    this.showMessage('loading', { state: 'empty', message: 'Loading…' });
  }

  loading(): void {
    this.root.setAttribute('data-state', 'loading');
    this.root.setAttribute('aria-busy', 'true');
    this.root.classList.add('ft-loading');
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    if (this.report) {
      this.draw();
    }
  }

  /**
   * Draws the report, or its empty state for this chart; in working days when chosen and the report has a calendar
   * (workingDays.ts), else in calendar days.
   */
  show(report: Report, days: DayCount = 'calendar'): void {
    this.days = days;
    const empty = emptyState(reportFor(report, days), this.kind);
    if (empty) {
      this.report = null;
      this.showMessage('empty', empty);
      return;
    }
    this.report = report;
    this.root.classList.remove('ft-loading');
    this.message.replaceChildren();
    this.message.hidden = true;
    this.canvas.hidden = false;
    this.draw();
    this.root.setAttribute('data-state', 'ready');
    this.root.setAttribute('aria-busy', 'false');
  }

  /** An empty state or error instead of a chart. */
  showMessage(state: 'empty' | 'error' | 'loading', view: ViewState): void {
    this.report = null;
    this.disposeChart();
    this.root.classList.remove('ft-loading');
    this.canvas.hidden = true;
    this.table.replaceChildren();
    this.root.removeAttribute('data-points');
    this.message.hidden = false;
    this.message.className = `ft-chart-message ft-${state}`;
    this.message.replaceChildren(el('p', { class: 'ft-message-text', text: view.message }));
    if (view.action) {
      this.message.append(el('p', { class: 'ft-message-action', text: view.action }));
    }
    this.root.setAttribute('data-state', state);
    this.root.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  private isCompact(): boolean {
    // The frame's height, not the canvas's: the canvas shrinks or grows with the compact table below it.
    return this.root.classList.contains('ft-compact') || this.canvas.clientWidth < COMPACT_WIDTH
      || this.root.clientHeight < COMPACT_HEIGHT;
  }

  private draw(): void {
    const days = countedIn(this.report!, this.days);
    const report = reportFor(this.report!, days);
    this.root.setAttribute('data-days', days);
    if (this.chart && this.chartTheme !== this.theme) {
      this.disposeChart();
    }
    if (!this.chart) {
      this.chart = echarts.init(this.canvas, this.theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
      this.chartTheme = this.theme;
      this.chart.on('click', params => {
        const data = (params as { data?: unknown }).data;
        if (Array.isArray(data) && typeof data[2] === 'string') {
          this.onItem(data[2]);
        }
      });
    }
    this.chart.resize();
    this.compact = this.isCompact();
    const { option, points } = chartOption(this.kind, report, { theme: this.theme, compact: this.compact, days });
    this.chart.setOption(option, { notMerge: true });
    this.root.setAttribute('data-points', String(points));
    this.canvas.setAttribute('aria-label', `${CHART_TITLES[this.kind]}: ${summary(this.kind, report, points, days)}`);
    this.renderTable(report, days);
  }

  private renderTable(report: Report, days: DayCount): void {
    this.table.replaceChildren();
    if (this.kind !== 'forecast-when' && this.kind !== 'forecast-how-many') {
      return;
    }
    const view = this.kind === 'forecast-when' ? forecastWhenData(report, days) : forecastHowManyData(report, days);
    if (this.compact) {
      // Widget size: one column per confidence, so the chart keeps most of the height.
      this.table.append(el('table', { class: 'ft-confidence ft-confidence-row' },
        el('caption', { class: 'ft-visually-hidden', text: `Confidence (${view.caption})` }),
        el('thead', {}, el('tr', {}, ...view.table.map(row => el('th', { scope: 'col', text: row.confidence })))),
        el('tbody', {}, el('tr', {}, ...view.table.map(row => el('td', { title: row.value, text: row.short }))))));
      return;
    }
    const rows = view.table.map(row => el('tr', {}, el('th', { scope: 'row', text: row.confidence }),
      el('td', { text: row.value })));
    this.table.append(el('table', { class: 'ft-confidence' },
      el('caption', { text: `Confidence (${view.caption})` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'confidence' }),
        el('th', { scope: 'col', text: this.kind === 'forecast-when' ? 'done by' : 'items done' }))),
      el('tbody', {}, ...rows)));
  }

  private resize(): void {
    if (!this.chart || !this.report) {
      return;
    }
    if (this.isCompact() !== this.compact) {
      this.draw();
    } else {
      this.chart.resize();
    }
  }

  private disposeChart(): void {
    if (this.chart) {
      this.chart.dispose();
      this.chart = null;
      this.chartTheme = null;
    }
  }

  destroy(): void {
    this.observer.disconnect();
    this.disposeChart();
    this.root.remove();
  }
}

/** One sentence for screen readers: what the chart shows, numbers from the report. */
function summary(kind: ChartKind, r: Report, points: number, days: DayCount): string {
  const module = chartModule(kind);
  if (module) {
    return module.summary(r, points);
  }
  const p85 = r.cycleTime.percentiles['85'];
  switch (kind) {
    case 'scatter':
    case 'histogram':
      return `${r.cycleTime.count} items finished from ${r.from} to ${r.to}` + (p85 != null
        ? `; 85% took ${p85} ${dayUnit(days)} or less` : '') + (kind === 'scatter' && r.blocked
        ? `; ${r.blocked.items} were blocked some time (ringed)` : '');
    case 'aging':
      return `${r.aging?.items.length ?? 0} items in progress` + (r.sle ? `, ${r.sle.agingBeyondSle} past the SLE` : '')
        + (r.blocked ? `, ${r.blocked.now} blocked now` : '');
    case 'throughput':
      return `${r.throughput?.total ?? r.cycleTime.count} items finished in ${r.daily.length} days`;
    case 'wip':
      return `work in progress from ${r.from} to ${r.to}, ${r.wip?.current ?? '?'} items now`;
    case 'forecast-when':
      return `forecast for ${r.forecast?.when?.items} items, ${points} outcomes`
        + (days === 'working' ? ', drawn from working days' : '');
    case 'forecast-how-many':
      return `forecast for the next ${r.forecast?.howMany?.days} days, ${points} outcomes`
        + (days === 'working' ? ', drawn from working days' : '');
    default:
      return `${points} data points from ${r.from} to ${r.to}`;
  }
}
