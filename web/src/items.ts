/* The report's items: the stages they flow through, those finished in the window, the items table and its CSV. */
import type { DayCount, Report, ReportItem } from './types';

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
