/*
 * Calendar or working days (docs/metrics.md §12.3; the control `days`). A report asked for with a calendar (the
 * project's working weekdays and holidays) carries working-day figures beside the calendar-day ones; the dashboards
 * then let the user choose which their charts count. Choosing happens here, once: the charts read the calendar-day
 * fields as always, from a view of the report whose cycle time, age, percentiles and forecasts are the working-day
 * ones. Pure, no DOM.
 *
 * What has no working-day figure is left out of that view rather than mixed in: the SLE (calendar days: the engine
 * offers no SLE in working days yet), the aging chart's pace zones (calendar-day percentiles per stage) and the
 * cycle-time min/max/mean.
 */
import type { DayCount, Report } from './types';

/** The calendar's weekday names, Monday first (the engine's DayOfWeek names). */
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** True when the report was asked for with a calendar and carries its working-day figures. */
export function hasCalendar(r: Report | null | undefined): boolean {
  return !!r && !!r.calendar && !!r.cycleTime.workingDays;
}

/** What the charts count for this report: working days only when chosen and the report has them. */
export function countedIn(r: Report, chosen: DayCount | undefined): DayCount {
  return chosen === 'working' && hasCalendar(r) ? 'working' : 'calendar';
}

/**
 * Whether `date` (an ISO date of the report's daily rows) is a working date of the report's calendar: a working
 * weekday that is not a holiday. Without a calendar every date is.
 */
export function isWorkingDate(r: Report, date: string): boolean {
  const cal = r.calendar;
  if (!cal) {
    return true;
  }
  // getUTCDay counts from Sunday (0); WEEKDAYS from Monday, as the engine's calendar does.
  const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
  return cal.workingDays.includes(weekday) && !cal.holidays.includes(date);
}

/**
 * What a single chart (a widget, a dashboard item) says when working days were chosen for it but its report has no
 * calendar to count them with (the project has none configured): it then shows calendar days, and says so. Null when
 * nothing needs saying.
 */
export function workingDaysNote(r: Report, chosen: DayCount | undefined): string | null {
  return chosen === 'working' && !hasCalendar(r)
    ? 'Counting calendar days: working days were chosen, but the project has no working calendar (set one in'
      + ' FlowTrack\'s project settings).'
    : null;
}

/** "days" or "working days", for axis names, tooltips and sentences. */
export function dayUnit(days: DayCount | undefined): string {
  return days === 'working' ? 'working days' : 'days';
}

/** "Mon–Fri, 1 holiday": the calendar a report was computed with, in a few words. */
export function calendarText(r: Report): string {
  const cal = r.calendar;
  if (!cal) {
    return '';
  }
  const short = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const on = WEEKDAYS.map(n => cal.workingDays.includes(n));
  // Runs of consecutive working weekdays: Mon–Fri, or Mon, Wed–Fri.
  const runs: string[] = [];
  for (let k = 0; k < 7; k++) {
    if (on[k] && (k === 0 || !on[k - 1])) {
      let end = k;
      while (end + 1 < 7 && on[end + 1]) {
        end++;
      }
      runs.push(end === k ? short[k] : end === k + 1 ? `${short[k]}, ${short[end]}` : `${short[k]}–${short[end]}`);
    }
  }
  const h = cal.holidays.length;
  return `${runs.join(', ')}${h > 0 ? `, ${h} holiday${h === 1 ? '' : 's'}` : ''}`;
}

/**
 * The report as the charts read it when they count working days: every calendar-day cycle time, age, percentile
 * and forecast replaced by its working-day figure. A report without a calendar is returned as it is.
 */
export function inWorkingDays(r: Report): Report {
  if (!hasCalendar(r)) {
    return r;
  }
  const items = r.items.map(i => ({
    ...i,
    cycleTimeDays: i.cycleTimeWorkingDays ?? null,
    ageDays: i.ageWorkingDays ?? null,
  }));
  const age = new Map(items.map(i => [i.id, i.ageDays]));
  const { sle: _sle, ...rest } = r;
  const view: Report = {
    ...rest,
    items,
    cycleTime: { count: r.cycleTime.count, percentiles: { ...r.cycleTime.workingDays!.percentiles } },
  };
  if (r.aging) {
    view.aging = {
      // An item without a working-day age (none with a calendar: the engine gives one to every started item) is left out.
      items: r.aging.items.filter(a => typeof age.get(a.id) === 'number')
        .map(a => ({ ...a, ageDays: age.get(a.id) as number, beyondSle: false })),
      pace: [],
    };
  }
  if (r.forecast) {
    const wd = r.forecast.workingDays;
    view.forecast = { ...r.forecast, howMany: wd?.howMany, when: wd?.when };
  }
  return view;
}

/** The report the charts read for the user's choice. */
export function reportFor(r: Report, chosen: DayCount | undefined): Report {
  return countedIn(r, chosen) === 'working' ? inWorkingDays(r) : r;
}
