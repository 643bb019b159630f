/* Why an item's cycle time is what it is (the item dialog): its start, its finish and where its time went. */
import { findingName, shortDate } from './format';
import type { Report, ReportItem } from './types';

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
    // The engine's word (its data-quality finding for the item), not the stage order again: it looks at the move
    // that started the item, which the stage order cannot tell under every policy.
    const skipped = kinds.has('startedPastCommitment');
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

