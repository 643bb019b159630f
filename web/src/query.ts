/* The controls → the backend query, and the report's first check (is this JSON a flowtrack-report/1?). */
import { addDays } from './controls';
import type { Controls, Report, ReportQuery } from './types';

/** The first and last day of the window the controls describe; "last N days" ends today. */
export function windowDates(c: Controls, today: string): { from: string, to: string } {
  if (c.window.kind === 'custom') {
    return { from: c.window.from, to: c.window.to };
  }
  return { from: addDays(today, -(c.window.days - 1)), to: today };
}

/**
 * The backend query for the controls. A window ending today is reported as of now; a custom window that
 * ends before today is reported as of its last day, so items finished later do not count as unfinished.
 */
export function reportQuery(c: Controls, today: string, timeZone: string): ReportQuery {
  const { from, to } = windowDates(c, today);
  const q: ReportQuery = { from, to, timeZone, forecastDays: c.forecastDays, forecastItems: c.forecastItems };
  if (to < today) {
    q.asOf = to;
  }
  if (c.types.length > 0) {
    q.types = [...c.types];
  }
  if (c.startPolicy !== null) {
    q.startPolicy = c.startPolicy;
  }
  return q;
}

/** The report, or an error saying why the JSON is not a flowtrack-report/1. */
export function parseReport(json: unknown): Report {
  const r = json as Partial<Report> | null;
  if (!r || typeof r !== 'object' || r.format !== 'flowtrack-report/1') {
    throw new Error('the backend did not answer with a flowtrack-report/1');
  }
  if (!Array.isArray(r.stages) || !Array.isArray(r.items) || !Array.isArray(r.daily) || !r.cycleTime) {
    throw new Error('the report lacks stages, items, daily or cycleTime');
  }
  return r as Report;
}
