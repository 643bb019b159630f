/* How report values are written for people: dates on axes, percents, percentile lines, finding names. */
import { isIsoDate } from './controls';
import type { Percentiles } from './types';

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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-05" → "5 Mar" for axis labels (the tooltip keeps the full date). */
export function shortDate(date: string): string {
  return isIsoDate(date) ? `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}` : date;
}

/** Percent with one decimal, for fractions from the report. */
export function percent(f: number | null | undefined): string {
  return f === null || f === undefined ? '–' : `${(f * 100).toFixed(1)}%`;
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
