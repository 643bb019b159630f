/*
 * What a chart shows instead of a chart: the empty state of a report (the check every chart shares, then the
 * chart's own), a busy server's wait, a host's error.
 */
import { chartModule } from './charts/registry';
import { inFlowStages } from './items';
import type { ChartKind, HostError, HostErrorKind, Report } from './types';

export type ViewState = { state: 'empty' | 'error', message: string, action?: string };

function isHostError(e: unknown): e is HostError {
  return !!e && typeof e === 'object' && typeof (e as HostError).status === 'number'
    && typeof (e as HostError).code === 'string';
}

const KINDS: readonly HostErrorKind[] = ['busy', 'not_connected', 'not_synced', 'configuration', 'failed'];

/** The error's neutral kind as its host adapter set it; 'failed' when it set none (or one this bundle does not know). */
function kindOf(e: HostError): HostErrorKind {
  return KINDS.includes(e.kind) ? e.kind : 'failed';
}

/** The longest wait a busy server may ask for, and how often a chart asks again before it says so for good. */
export const MAX_BUSY_WAIT_SECONDS = 120;
export const MAX_BUSY_RETRIES = 5;

/** Seconds to wait before asking again when the host says the server is busy (kind 'busy'); null otherwise. */
export function busyRetrySeconds(e: unknown): number | null {
  if (!isHostError(e) || kindOf(e) !== 'busy') {
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
    switch (kindOf(e)) {
      case 'busy':
        return { state: 'error', message: 'FlowTrack is still busy with other reports.',
          action: 'Refresh the page in a minute.' };
      case 'not_connected':
        return { state: 'empty', message: 'This organization is not connected to FlowTrack yet.',
          action: 'An organization administrator connects it in the FlowTrack settings.' };
      case 'not_synced':
        return { state: 'empty', message: 'FlowTrack has not finished the first sync of this project.',
          action: 'Wait for the first sync (it runs within minutes of connecting), then refresh.' };
      case 'configuration':
        return { state: 'empty', message: 'The flow configuration does not fit this project: ' + e.message,
          action: 'Map your statuses to stages in the FlowTrack settings.' };
      default:
        return { state: 'error', message: e.message || `The request failed (${e.status} ${e.code}).` };
    }
  }
  if (e instanceof Error) {
    return { state: 'error', message: e.message };
  }
  return { state: 'error', message: String(e) };
}

/** Why a chart has nothing to draw for this report, or null when it has data. */
export function emptyState(r: Report, kind: ChartKind): ViewState | null {
  if (r.stages.length === 0 || inFlowStages(r).length === 0) {
    return { state: 'empty', message: 'No status is mapped to an in-progress stage.',
      action: 'Map your statuses to stages in the FlowTrack settings.' };
  }
  return chartModule(kind)?.empty(r) ?? null;
}
