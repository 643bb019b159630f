import type { HostError, HostErrorKind } from '../contract.js';

/**
 * The dashboards' neutral kind for an error of the backend (its codes: docs/azdo-api.md); this adapter, not the
 * shared bundle, knows what the codes mean.
 */
export function kindOf(status: number, code: string): HostErrorKind {
  if (code === 'busy') return 'busy';
  if (status === 404 && code === 'organization_not_connected') return 'not_connected';
  if (status === 409 && code === 'not_synced') return 'not_synced';
  if (code === 'configuration_invalid' || code === 'no_mapped_stages') return 'configuration';
  return 'failed';
}

/** The contract's HostError as a real Error (a stack for the console, `instanceof` for callers). */
export class FlowHostError extends Error implements HostError {
  readonly status: number;
  readonly code: string;
  readonly kind: HostErrorKind;
  /** The backend's request id, for support; never a secret. */
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = 'FlowHostError';
    this.status = status;
    this.code = code;
    this.kind = kindOf(status, code);
    this.requestId = requestId;
  }
}

/** The backend's error body: {"error": code, "message": sentence, "requestId": id}. */
interface BackendErrorBody {
  error: string;
  message: string;
  requestId?: string;
}

function isBackendErrorBody(v: unknown): v is BackendErrorBody {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.error === 'string' && o.error.length > 0 && typeof o.message === 'string'
    && (o.requestId === undefined || typeof o.requestId === 'string');
}

const MAX_MESSAGE = 500;

/**
 * Maps a backend answer that is not a success to a HostError. The backend's own code and message are kept, with
 * the kind the dashboards turn into guidance (not connected, not synced …: kindOf); anything else becomes a sentence that
 * says what happened, never a raw body.
 */
export function errorFromResponse(status: number, body: unknown, backendOrigin: string): FlowHostError {
  if (isBackendErrorBody(body)) {
    const message = body.message.slice(0, MAX_MESSAGE)
      + (status >= 500 && body.requestId ? ` (request ${body.requestId})` : '');
    return new FlowHostError(status, body.error, message, body.requestId);
  }
  if (status === 401 || status === 403) {
    return new FlowHostError(status, status === 401 ? 'unauthenticated' : 'forbidden',
      'FlowTrack could not confirm your access to this project. Reload the page; if it persists, ask an administrator.');
  }
  return new FlowHostError(status, 'unexpected_response',
    `FlowTrack's server at ${backendOrigin} answered HTTP ${status} without an explanation.`);
}

export function unreachable(backendOrigin: string): FlowHostError {
  return new FlowHostError(0, 'backend_unreachable',
    `FlowTrack's server at ${backendOrigin} could not be reached. It may be down, or not allow this page's `
    + 'origin (CORS); an administrator can check both.');
}

export function timedOut(backendOrigin: string, seconds: number): FlowHostError {
  return new FlowHostError(0, 'timeout', `FlowTrack's server at ${backendOrigin} did not answer within ${seconds} s.`);
}

export function notJson(status: number, backendOrigin: string): FlowHostError {
  return new FlowHostError(status, 'bad_response', `FlowTrack's server at ${backendOrigin} did not answer with JSON.`);
}

export function tokenUnavailable(which: 'app' | 'access'): FlowHostError {
  return new FlowHostError(0, 'token_unavailable', `Azure DevOps did not hand FlowTrack ${which === 'app'
    ? 'its sign-in token' : 'an access token'}. Reload the page.`);
}

/** Any rejection turned into a HostError (already-mapped errors pass through). */
export function asHostError(e: unknown, fallbackCode: string, fallbackMessage: string): FlowHostError {
  if (e instanceof FlowHostError) return e;
  const status = e !== null && typeof e === 'object' && typeof (e as { status?: unknown }).status === 'number'
    ? (e as { status: number }).status : 0;
  return new FlowHostError(status, fallbackCode, fallbackMessage);
}
