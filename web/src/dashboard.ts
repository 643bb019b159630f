/*
 * mountDashboard (full page: controls, summary, every chart, items table with CSV export, data quality)
 * and mountChart (one chart at widget size, controls fixed by the widget's configuration).
 */
import Papa from 'papaparse';
import type { Theme } from './charts';
import { blockedLine } from './charts/blocked';
import { qualityData } from './charts/quality';
import { CHART_KINDS } from './charts/registry';
import { CONTROL_LIMITS, normalizeControls } from './controls';
import { explainItem } from './explanation';
import { percent } from './format';
import { csvRecords, itemColumns, itemRows, knownTypes, type ItemColumn, type ItemFilter } from './items';
import { parseReport, reportQuery, windowDates } from './query';
import { busyRetrySeconds, busyState, errorState, MAX_BUSY_RETRIES, type ViewState } from './states';
import type { ChartKind, Controls, FlowHost, Mounted, Report } from './types';
import { ChartView, el } from './view';
import { calendarText, countedIn, dayUnit, hasCalendar, reportFor, workingDaysNote } from './workingDays';

function openItem(host: FlowHost, id: string): void {
  if (typeof host.openItem === 'function') {
    host.openItem(id);
    return;
  }
  const url = host.itemUrl(id);
  if (url) {
    window.open(url, '_blank', 'noopener,noreferrer');
  }
}

/** Fetches the report for the controls; the newest request wins when the user changes controls quickly. */
class ReportLoader {
  private sequence = 0;

  /** @param onBusy shows that the server is busy and when it is asked again */
  constructor(private readonly host: FlowHost, private readonly onBusy: (state: ViewState) => void) {}

  /** A busy server (HostError code 'busy') is asked again after the wait it gave, at most MAX_BUSY_RETRIES times. */
  async load(controls: Controls): Promise<{ report: Report } | { error: unknown } | null> {
    const mine = ++this.sequence;
    for (let attempt = 0; ; attempt++) {
      try {
        const json = await this.host.fetchReport(reportQuery(controls, this.host.today(), this.host.timeZone()));
        const report = parseReport(json);
        return mine === this.sequence ? { report } : null;
      } catch (error) {
        const wait = busyRetrySeconds(error);
        if (mine !== this.sequence) {
          return null;
        }
        if (wait === null || attempt >= MAX_BUSY_RETRIES) {
          return { error };
        }
        this.onBusy(busyState(wait));
        await new Promise(resolve => setTimeout(resolve, wait * 1000));
        if (mine !== this.sequence) {
          return null;
        }
      }
    }
  }
}

function themeOf(host: FlowHost): Theme {
  return host.theme() === 'dark' ? 'dark' : 'light';
}

function applyTheme(root: HTMLElement, theme: Theme): void {
  root.classList.toggle('ft-theme-dark', theme === 'dark');
  root.classList.toggle('ft-theme-light', theme !== 'dark');
}

export async function mountChart(el0: HTMLElement, kind: ChartKind, host: FlowHost,
  fixed?: Partial<Controls>): Promise<Mounted> {
  if (!CHART_KINDS.includes(kind)) {
    throw new Error(`unknown chart kind '${kind}'`);
  }
  let controls = normalizeControls(fixed ?? {});
  const root = el('div', { class: 'ft-root ft-widget' });
  applyTheme(root, themeOf(host));
  const view = new ChartView(kind, themeOf(host), id => openItem(host, id), { title: false });
  const note = el('p', { class: 'ft-day-note', role: 'note' });
  note.hidden = true;
  root.append(view.root, note);
  el0.replaceChildren(root);
  let destroyed = false;
  const loader = new ReportLoader(host, state => {
    if (!destroyed) {
      view.showMessage('loading', state);
    }
  });
  const stopTheme = host.onThemeChange(t => {
    if (!destroyed) {
      applyTheme(root, t);
      view.setTheme(t);
    }
  });
  const refresh = async () => {
    view.loading();
    const result = await loader.load(controls);
    if (!result || destroyed) {
      return;
    }
    if ('report' in result) {
      view.show(result.report, controls.days);
      const said = workingDaysNote(result.report, controls.days);
      note.textContent = said ?? '';
      note.hidden = said === null;
    } else {
      note.hidden = true;
      const state = errorState(result.error);
      view.showMessage(state.state, state);
    }
  };
  await refresh();
  return {
    refresh,
    setControls: async c => {
      controls = normalizeControls({ ...controls, ...c }, controls);
      await refresh();
    },
    destroy: () => {
      destroyed = true;
      stopTheme?.();
      view.destroy();
      root.remove();
    },
  };
}

// Every chart of the registry, in its order, in the grid; data quality has its own section below the items.
const DASHBOARD_CHARTS: readonly ChartKind[] = Object.freeze(CHART_KINDS.filter(k => k !== 'quality'));

export async function mountDashboard(host0: HTMLElement, host: FlowHost): Promise<Mounted> {
  return new Dashboard(host0, host).start();
}

class Dashboard {
  private controls: Controls = normalizeControls({});
  private report: Report | null = null;
  private readonly seenTypes = new Set<string>();
  private readonly loader: ReportLoader;
  private readonly root = el('div', { class: 'ft-root ft-dashboard' });
  private readonly controlsForm = el('form', { class: 'ft-controls', 'aria-label': 'Report controls' });
  private readonly summary = el('dl', { class: 'ft-summary', 'aria-label': 'Summary' });
  private readonly status = el('div', { class: 'ft-status', role: 'status', 'aria-live': 'polite' });
  /** The one place a failed report is explained (not the same error in every panel). */
  private readonly banner = el('div', { class: 'ft-banner', role: 'alert', hidden: '' });
  private readonly views: ChartView[] = [];
  private readonly quality: ChartView;
  private readonly itemsSection = el('section', { class: 'ft-items', 'aria-labelledby': 'ft-items-title' });
  private readonly qualitySection = el('section', { class: 'ft-quality', 'aria-labelledby': 'ft-quality-title' });
  private readonly explanation = el('div', { class: 'ft-explanation', 'aria-live': 'polite', tabindex: '-1' });
  private readonly findings = el('div', { class: 'ft-findings' });
  private filter: ItemFilter = 'finished';
  private sortBy: ItemColumn = 'finished';
  private descending = true;
  private destroyed = false;
  private readonly stopTheme: (() => void) | void;

  constructor(private readonly container: HTMLElement, private readonly host: FlowHost) {
    this.loader = new ReportLoader(host, state => {
      if (!this.destroyed) {
        [...this.views, this.quality].forEach(v => v.showMessage('loading', state));
      }
    });
    const theme = themeOf(host);
    applyTheme(this.root, theme);
    const select = (id: string) => this.select(id);
    for (const kind of DASHBOARD_CHARTS) {
      this.views.push(new ChartView(kind, theme, id => { openItem(host, id); select(id); }, { title: true }));
    }
    // The section's heading names it; the chart's own title stays for screen readers only.
    this.quality = new ChartView('quality', theme, select, { title: false });
    this.qualitySection.append(el('h2', { id: 'ft-quality-title', text: 'Data quality' }), this.quality.root,
      this.findings, this.explanation);
    this.root.append(this.controlsForm, this.banner, this.status, this.summary,
      el('div', { class: 'ft-grid' }, ...this.views.map(v => v.root)), this.itemsSection, this.qualitySection);
    this.stopTheme = host.onThemeChange(t => {
      if (!this.destroyed) {
        applyTheme(this.root, t);
        [...this.views, this.quality].forEach(v => v.setTheme(t));
      }
    });
  }

  async start(): Promise<Mounted> {
    try {
      this.controls = normalizeControls(await this.host.loadControls());
    } catch {
      this.controls = normalizeControls({});
    }
    this.controls.types.forEach(t => this.seenTypes.add(t));
    this.container.replaceChildren(this.root);
    this.renderControls();
    await this.refresh();
    return {
      refresh: () => this.refresh(),
      setControls: c => this.change(c),
      destroy: () => {
        this.destroyed = true;
        this.stopTheme?.();
        [...this.views, this.quality].forEach(v => v.destroy());
        this.root.remove();
      },
    };
  }

  private showBanner(view: { message: string, action?: string } | null): void {
    this.banner.hidden = view === null;
    if (view === null) {
      [...this.views, this.quality].forEach(v => v.root.classList.remove('ft-see-banner'));
    }
    this.banner.replaceChildren(...(view ? [el('p', { class: 'ft-message-text', text: view.message }),
      ...(view.action ? [el('p', { class: 'ft-message-action', text: view.action })] : [])] : []));
  }

  private async change(c: Partial<Controls>): Promise<void> {
    const before = this.controls;
    this.controls = normalizeControls({ ...this.controls, ...c }, this.controls);
    this.renderControls();
    try {
      await this.host.saveControls(this.controls);
    } catch (e) {
      this.status.textContent = `Your choice could not be saved: ${errorState(e).message}`;
    }
    // Calendar or working days: the report has both, so only the drawing changes.
    const { days: _a, ...was } = before;
    const { days: _b, ...now } = this.controls;
    if (this.report && JSON.stringify(was) === JSON.stringify(now)) {
      this.render(this.report);
      return;
    }
    await this.refresh();
  }

  /** Draws a report in every chart, the summary, the items and the data quality, counting the chosen days. */
  private render(report: Report): void {
    this.views.forEach(v => v.show(report, this.controls.days));
    this.quality.show(report);
    this.renderControls();
    this.renderSummary();
    this.renderItems();
    this.renderQuality();
  }

  async refresh(): Promise<void> {
    [...this.views, this.quality].forEach(v => v.loading());
    this.root.setAttribute('aria-busy', 'true');
    const result = await this.loader.load(this.controls);
    if (!result || this.destroyed) {
      return;
    }
    this.root.setAttribute('aria-busy', 'false');
    if ('report' in result) {
      this.report = result.report;
      this.report.items.forEach(i => this.seenTypes.add(i.type));
      this.status.textContent = '';
      this.showBanner(null);
      this.render(result.report);
      return;
    } else {
      this.report = null;
      const state = errorState(result.error);
      this.status.textContent = '';
      if (state.state === 'error') {
        // One report feeds every chart: its failure (backend unreachable, a server error) is said once, above them.
        this.showBanner(state);
        const short = { state: 'error' as const, message: 'No report: see the message above.' };
        [...this.views, this.quality].forEach(v => {
          v.showMessage('error', short);
          v.root.classList.add('ft-see-banner');
        });
      } else {
        this.showBanner(null);
        [...this.views, this.quality].forEach(v => v.showMessage(state.state, state));
      }
    }
    this.renderControls();
    this.renderSummary();
    this.renderItems();
    this.renderQuality();
  }

  private renderControls(): void {
    const c = this.controls;
    const form = this.controlsForm;
    const focused = document.activeElement instanceof HTMLElement && form.contains(document.activeElement)
      ? document.activeElement.id : null;
    form.replaceChildren();
    form.onsubmit = e => e.preventDefault();

    const windowValue = c.window.kind === 'custom' ? 'custom' : String(c.window.days);
    const windowSelect = el('select', { id: 'ft-window', name: 'window' },
      ...[['30', 'Last 30 days'], ['90', 'Last 90 days'], ['180', 'Last 180 days'], ['custom', 'Custom…']]
        .map(([v, label]) => el('option', { value: v, text: label })));
    windowSelect.value = windowValue;
    const today = this.host.today();
    const { from, to } = windowDates(c, today);
    const fromInput = el('input', { id: 'ft-from', type: 'date', name: 'from', value: from, max: today,
      'aria-label': 'Window from' });
    const toInput = el('input', { id: 'ft-to', type: 'date', name: 'to', value: to, max: today, 'aria-label': 'Window to' });
    const custom = el('span', { class: 'ft-custom' }, fromInput, el('span', { 'aria-hidden': 'true', text: '–' }), toInput);
    custom.hidden = c.window.kind !== 'custom';
    windowSelect.onchange = () => {
      const v = windowSelect.value;
      if (v === 'custom') {
        void this.change({ window: { kind: 'custom', from, to } });
      } else {
        void this.change({ window: { kind: 'last', days: Number(v) as 30 | 90 | 180 } });
      }
    };
    const applyCustom = () => {
      if (fromInput.value && toInput.value && fromInput.value <= toInput.value) {
        void this.change({ window: { kind: 'custom', from: fromInput.value, to: toInput.value } });
      } else {
        this.status.textContent = 'Choose a start date on or before the end date.';
      }
    };
    fromInput.onchange = applyCustom;
    toInput.onchange = applyCustom;

    const types = knownTypes(this.report, c.types, this.seenTypes);
    const typeBoxes = types.map((t, k) => {
      const id = `ft-type-${k}`;
      const box = el('input', { type: 'checkbox', id, value: t });
      box.checked = c.types.includes(t);
      box.onchange = () => {
        const chosen = new Set(this.controls.types);
        if (box.checked) {
          chosen.add(t);
        } else {
          chosen.delete(t);
        }
        void this.change({ types: types.filter(x => chosen.has(x)) });
      };
      return el('label', { class: 'ft-check', for: id }, box, ' ' + t);
    });
    const typesGroup = el('fieldset', { class: 'ft-types' },
      el('legend', { text: c.types.length === 0 ? 'Types (all)' : `Types (${c.types.length})` }), ...typeBoxes);
    if (c.types.length > 0) {
      const all = el('button', { type: 'button', id: 'ft-types-all', class: 'ft-link', text: 'All types' });
      all.onclick = () => void this.change({ types: [] });
      typesGroup.append(all);
    }

    const policy = el('select', { id: 'ft-start-policy', name: 'startPolicy' },
      el('option', { value: '', text: this.report?.startPolicy && c.startPolicy === null
        ? `Project setting (${this.report.startPolicy})` : 'Project setting' }),
      el('option', { value: 'first', text: 'First commitment' }),
      el('option', { value: 'last', text: 'Last commitment' }));
    policy.value = c.startPolicy ?? '';
    policy.onchange = () => void this.change({ startPolicy: policy.value === '' ? null
      : policy.value as 'first' | 'last' });

    const number = (id: string, value: number, min: number, max: number, apply: (n: number) => void) => {
      const input = el('input', { id, type: 'number', min: String(min), max: String(max), step: '1', value: String(value),
        inputmode: 'numeric' });
      input.onchange = () => {
        const n = Number(input.value);
        if (Number.isInteger(n) && n >= min && n <= max) {
          apply(n);
        } else {
          this.status.textContent = `Enter a whole number from ${min} to ${max}.`;
        }
      };
      return input;
    };
    const days = number('ft-forecast-days', c.forecastDays, CONTROL_LIMITS.forecastDays.min, CONTROL_LIMITS.forecastDays.max, n => void this.change({ forecastDays: n }));
    const items = number('ft-forecast-items', c.forecastItems, CONTROL_LIMITS.forecastItems.min,
      CONTROL_LIMITS.forecastItems.max, n => void this.change({ forecastItems: n }));
    const refresh = el('button', { type: 'button', id: 'ft-refresh', text: 'Refresh' });
    refresh.onclick = () => void this.refresh();

    // Calendar or working days: offered only when the report was computed with the project's calendar.
    const dayCount = el('select', { id: 'ft-day-count', name: 'days' },
      el('option', { value: 'calendar', text: 'Calendar days' }),
      el('option', { value: 'working', text: 'Working days' }));
    dayCount.value = c.days;
    dayCount.onchange = () => void this.change({ days: dayCount.value === 'working' ? 'working' : 'calendar' });
    const calendar = hasCalendar(this.report);
    const dayField = el('div', { class: 'ft-field ft-day-count' }, el('label', { for: dayCount.id, text: 'Days' }), dayCount,
      ...(calendar ? [el('span', { class: 'ft-muted', text: calendarText(this.report!) })] : []));
    dayField.hidden = !calendar;

    const field = (label: string, control: HTMLElement, ...more: HTMLElement[]) =>
      el('div', { class: 'ft-field' }, el('label', { for: control.id, text: label }), control, ...more);
    form.append(field('Window', windowSelect, custom), typesGroup, field('Start', policy),
      field('Forecast days', days), field('Forecast items', items), dayField, refresh);
    if (focused) {
      document.getElementById(focused)?.focus();
    }
  }

  private renderSummary(): void {
    const r = this.report;
    this.summary.replaceChildren();
    if (!r) {
      return;
    }
    const entry = (term: string, value: string) => this.summary.append(el('div', {}, el('dt', { text: term }),
      el('dd', { text: value })));
    entry('Window', `${r.from} – ${r.to}`);
    entry('Finished', String(r.cycleTime.count));
    const counted = countedIn(r, this.controls.days);
    const p85 = reportFor(r, counted).cycleTime.percentiles['85'];
    entry('85% within', p85 == null ? '–' : `${p85} ${dayUnit(counted)}`);
    entry('Throughput', r.throughput ? `${r.throughput.meanPerDay.toFixed(2)} / day` : '–');
    entry('WIP now', r.wip ? String(r.wip.current) : '–');
    entry('Flow efficiency', percent(r.flowEfficiency));
    if (r.sle) {
      // The SLE is in calendar days whatever the charts count (the engine offers none in working days).
      entry(`SLE ${r.sle.days} d${counted === 'working' ? ' (calendar days)' : ''}`,
        r.sle.attained === null ? '–' : `${percent(r.sle.attained)} met`);
    }
    if (r.blocked) {
      entry('Blocked', `${r.blocked.items} finished · ${percent(r.blocked.share)} of cycle time`);
      entry('Blocked now', String(r.blocked.now));
    }
  }

  private renderItems(): void {
    const s = this.itemsSection;
    s.replaceChildren(el('h2', { id: 'ft-items-title', text: 'Work items' }));
    const r = this.report;
    if (!r) {
      s.append(el('p', { class: 'ft-muted', text: 'No items to list.' }));
      return;
    }
    const filter = el('select', { id: 'ft-items-filter', 'aria-label': 'Which items' },
      el('option', { value: 'finished', text: 'Finished in the window' }),
      el('option', { value: 'in-progress', text: 'In progress' }),
      el('option', { value: 'all', text: 'All items' }));
    filter.value = this.filter;
    filter.onchange = () => {
      this.filter = filter.value as ItemFilter;
      this.renderItems();
      document.getElementById('ft-items-filter')?.focus();
    };
    const counted = countedIn(r, this.controls.days);
    const columns = itemColumns(counted);
    const rows = itemRows(reportFor(r, counted), this.filter, this.sortBy, this.descending);
    const csv = el('button', { type: 'button', id: 'ft-csv', text: `Export CSV (${rows.length})` });
    csv.onclick = () => this.download(rows, counted);
    s.append(el('div', { class: 'ft-toolbar' }, filter, csv));

    const head = el('tr', {}, ...columns.map(col => {
      const sorted = this.sortBy === col.key;
      const button = el('button', { type: 'button', class: 'ft-sort', 'data-column': col.key,
        text: col.label + (sorted ? (this.descending ? ' ▼' : ' ▲') : '') });
      button.onclick = () => {
        this.descending = sorted ? !this.descending : col.numeric;
        this.sortBy = col.key;
        this.renderItems();
        (s.querySelector(`button[data-column="${col.key}"]`) as HTMLElement | null)?.focus();
      };
      return el('th', { scope: 'col', 'aria-sort': sorted ? (this.descending ? 'descending' : 'ascending') : 'none' },
        button);
    }));
    const body = el('tbody');
    if (rows.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: String(columns.length), class: 'ft-muted',
        text: this.filter === 'finished' ? 'No item finished in this window.' : 'No items.' })));
    }
    for (const item of rows) {
      const why = el('button', { type: 'button', class: 'ft-link', 'data-item': item.id, text: item.id,
        title: 'Why is its cycle time what it is?' });
      why.onclick = () => this.select(item.id);
      const url = this.host.itemUrl(item.id);
      const idCell = el('td', {}, why);
      if (url) {
        idCell.append(' ', el('a', { href: url, target: '_blank', rel: 'noopener noreferrer',
          'aria-label': `Open ${item.id}`, text: '↗' }));
      }
      body.append(el('tr', {}, idCell, el('td', { text: item.title ?? '' }), el('td', { text: item.type }),
        el('td', { text: item.stage }), el('td', { text: item.started ?? '' }), el('td', { text: item.finished ?? '' }),
        el('td', { class: 'ft-num', text: item.cycleTimeDays === null ? '' : String(item.cycleTimeDays) }),
        el('td', { class: 'ft-num', text: item.ageDays === null ? '' : String(item.ageDays) }),
        el('td', { class: 'ft-num', text: item.flowEfficiency === null ? '' : percent(item.flowEfficiency) })));
    }
    s.append(el('div', { class: 'ft-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Work items table' },
      el('table', { class: 'ft-table', id: 'ft-items-table' }, el('thead', {}, head), body)));
  }

  private download(rows: Report['items'], days: Controls['days']): void {
    const r = this.report!;
    // escapeFormulae: a title starting with = + - @ is not run as a formula by a spreadsheet.
    const text = Papa.unparse(csvRecords(rows, days), { escapeFormulae: true, newline: '\r\n' });
    const blob = new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `flowtrack-items-${r.from}-to-${r.to}.csv` });
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private renderQuality(): void {
    const list = this.findings;
    list.replaceChildren();
    this.explanation.replaceChildren();
    const r = this.report;
    if (!r) {
      return;
    }
    const q = qualityData(r);
    if (q.items.length === 0) {
      list.append(el('p', { class: 'ft-muted', text: 'No findings: every item moved through the workflow as mapped.' }));
    } else {
      const body = el('tbody');
      for (const item of q.items) {
        const why = el('button', { type: 'button', class: 'ft-link', 'data-item': item.id, text: item.id });
        why.onclick = () => this.select(item.id);
        body.append(el('tr', {}, el('td', {}, why), el('td', { text: item.type }),
          el('td', {}, el('ul', {}, ...item.findings.map(f => el('li', {},
            el('strong', { text: f.count > 1 ? `${f.name} ×${f.count}` : f.name }), `: ${f.detail}`))))));
      }
      list.append(el('div', { class: 'ft-table-wrap ft-findings-wrap', tabindex: '0', role: 'region',
        'aria-label': 'Findings per item' }, el('table', { class: 'ft-table', id: 'ft-findings-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Item' }), el('th', { scope: 'col', text: 'Type' }),
          el('th', { scope: 'col', text: 'Findings' }))), body)));
    }
  }

  /** Shows why the item's cycle time is what it is. */
  private select(id: string): void {
    const r = this.report;
    const x = r ? explainItem(r, id) : null;
    const e = this.explanation;
    e.replaceChildren();
    if (!x) {
      return;
    }
    e.append(el('h3', { text: `${x.id}${x.title ? ' — ' + x.title : ''}` }),
      el('p', { class: 'ft-muted', text: `${x.type}, now in ${x.stage}` }),
      el('p', { class: 'ft-explain-summary', text: x.summary }),
      el('ul', {}, el('li', { text: x.cycleTimeReason }),
        el('li', { text: `Flow efficiency: ${percent(x.flowEfficiency)}` })));
    const item = r!.items.find(i => i.id === id)!;
    if (hasCalendar(r) && (item.cycleTimeWorkingDays != null || item.ageWorkingDays != null)) {
      e.querySelector('ul')!.append(el('li', { class: 'ft-working-days', text: item.cycleTimeWorkingDays != null
        ? `In working days (${calendarText(r!)}): a cycle time of ${item.cycleTimeWorkingDays}.`
        : `In working days (${calendarText(r!)}): ${item.ageWorkingDays} old.` }));
    }
    const blocked = blockedLine(item);
    if (blocked) {
      e.querySelector('ul')!.append(el('li', { class: 'ft-blocked', text: blocked }));
    }
    if (x.stages.length > 0) {
      e.append(el('table', { class: 'ft-table ft-stage-time' },
        el('caption', { text: 'Time in each stage between start and finish (or now)' }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Stage' }), el('th', { scope: 'col', text: 'Kind' }),
          el('th', { scope: 'col', text: 'Days' }))),
        el('tbody', {}, ...x.stages.map(st => el('tr', {}, el('td', { text: st.stage }), el('td', { text: st.category }),
          el('td', { class: 'ft-num', text: st.days.toFixed(1) }))))));
    }
    if (x.findings.length > 0) {
      e.append(el('h4', { text: 'Findings' }), el('ul', {}, ...x.findings.map(f => el('li', {},
        el('strong', { text: f.name }), `: ${f.detail}`))));
    }
    const url = this.host.itemUrl(id);
    if (url) {
      e.append(el('p', {}, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: `Open ${id}` })));
    }
    e.focus({ preventScroll: false });
  }
}

