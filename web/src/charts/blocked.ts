/*
 * Blocked work (docs/metrics.md §12.2) on the existing charts: a ring around each finished item of the
 * scatterplot that was blocked some time between start and finish, and around each aging item blocked now.
 * The rings are their own series drawn over the points, so the points keep their colours and series.
 */
import { percent } from '../format';
import type { Report } from '../types';
import { duration } from './chart';
import { escapeHtml, palette, type Look } from './look';

/** Item id → blocked seconds, for finished-in-window items blocked some time (scatter). */
export function blockedFinished(r: Report): Map<string, number> {
  return new Map(r.items.filter(i => (i.blockedSeconds ?? 0) > 0 && i.finished !== null)
    .map(i => [i.id, i.blockedSeconds!]));
}

/** Item id → blocked seconds so far, for started unfinished items blocked at asOf (aging). */
export function blockedNowItems(r: Report): Map<string, number> {
  return new Map(r.items.filter(i => i.blockedNow === true).map(i => [i.id, i.blockedSeconds ?? 0]));
}

export const BLOCKED = 'blocked';
export const BLOCKED_NOW = 'blocked now';

function ring(look: Look, name: string, size: number, data: unknown[][], text: (d: unknown[]) => string)
  : Record<string, unknown> {
  const p = palette(look.theme);
  return {
    type: 'scatter', name, symbol: 'circle', symbolSize: size, z: 3, cursor: 'pointer', data,
    itemStyle: { color: 'transparent', borderColor: p.beyond, borderWidth: look.compact ? 1.5 : 2 },
    tooltip: { formatter: (x: { data: unknown[] }) => text(x.data) },
  };
}

/** The ring series for the scatterplot; its points are [finished, cycleTimeDays, id, title, type, blockedSeconds]. */
export function scatterBlockedSeries(r: Report, look: Look,
  points: { id: string, title: string | null, type: string, finished: string, cycleTimeDays: number }[])
  : Record<string, unknown>[] {
  const blocked = blockedFinished(r);
  const data = points.filter(x => blocked.has(x.id))
    .map(x => [x.finished, x.cycleTimeDays, x.id, x.title, x.type, blocked.get(x.id)!]);
  if (data.length === 0) {
    return [];
  }
  return [ring(look, BLOCKED, look.compact ? 10 : 13, data, d => {
    const [finished, ct, id, title, type, seconds] = d as [string, number, string, string | null, string, number];
    return `<b>${escapeHtml(id)}</b> ${title ? escapeHtml(title) : ''}<br>${escapeHtml(type)} · finished ${finished}`
      + `<br>cycle time <b>${ct} days</b>, blocked <b>${duration(seconds)}</b> of it`;
  })];
}

/** The ring series for the aging chart; its points are the aging points plus blocked seconds so far. */
export function agingBlockedSeries(r: Report, look: Look, points: { id: string, title: string | null, type: string,
  stage: string, column: number, offset: number, ageDays: number }[]): Record<string, unknown>[] {
  const now = blockedNowItems(r);
  const data = points.filter(x => now.has(x.id))
    .map(x => [x.column + x.offset, x.ageDays, x.id, x.title, x.type, x.stage, now.get(x.id)!]);
  if (data.length === 0) {
    return [];
  }
  return [ring(look, BLOCKED_NOW, look.compact ? 13 : 17, data, d => {
    const [, age, id, title, type, stage, seconds] = d as [number, number, string, string | null, string, string, number];
    return `<b>${escapeHtml(id)}</b> ${title ? escapeHtml(title) : ''}<br>${escapeHtml(type)} in ${escapeHtml(stage)}`
      + `<br>age <b>${age} days</b> · <b>blocked now</b>, ${duration(seconds)} blocked in all`;
  })];
}

/** "18 finished items were blocked, 3.7% of their cycle time; 1 blocked now", or null for older reports. */
export function blockedSentence(r: Report): string | null {
  const b = r.blocked;
  if (!b) {
    return null;
  }
  return `${b.items} finished item${b.items === 1 ? ' was' : 's were'} blocked, ${percent(b.share)} of the cycle time;`
    + ` ${b.now} blocked now`;
}

/** The item explanation's blocked line: "Blocked 2.8 h in all, blocked now", or null (not started, older report). */
export function blockedLine(item: { blockedSeconds?: number | null, blockedNow?: boolean, started: string | null,
  finished: string | null }): string | null {
  if (item.blockedSeconds === undefined || item.blockedSeconds === null) {
    return null;
  }
  if (item.blockedSeconds === 0 && !item.blockedNow) {
    return 'Never blocked between its start and ' + (item.finished ? 'its finish.' : 'now.');
  }
  return `Blocked ${duration(item.blockedSeconds)} in all between its start and ${item.finished ? 'its finish' : 'now'}`
    + (item.blockedNow ? '; blocked now.' : '.');
}
