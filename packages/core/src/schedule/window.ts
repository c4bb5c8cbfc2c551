// Maintenance windows: days of the week and a start and end wall-clock time in the schedule's
// time zone. Comparing wall-clock times (not UTC offsets) is what makes DST come out right: a
// 01:00-05:00 window is four hours long on most nights, three on the spring-forward night and
// five on the fall-back night, exactly as a person reading a clock on the wall would expect. A
// window whose times do not exist that night (02:00-03:00 when clocks jump from 02:00 to 03:00)
// is simply not open that night.
import { localTime, previousWeekday, type Weekday } from './time-zone.ts';

export interface MaintenanceWindow {
  /** the days on which the window OPENS (an overnight window runs into the next day) */
  days: Weekday[];
  /** HH:MM, 24-hour, local time */
  start: string;
  /** HH:MM; end <= start means the window ends the next day (end == start: 24 hours) */
  end: string;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function parseClock(text: string): number | undefined {
  if (!HH_MM.test(text)) return undefined;
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function checkWindow(window: MaintenanceWindow): string[] {
  const problems: string[] = [];
  if (window.days.length === 0) problems.push('window.days must name at least one day');
  if (parseClock(window.start) === undefined)
    problems.push(`window.start "${window.start}" is not HH:MM (00:00-23:59)`);
  if (parseClock(window.end) === undefined)
    problems.push(`window.end "${window.end}" is not HH:MM (00:00-23:59)`);
  return problems;
}

/**
 * Is `now` inside the window, read on the wall clock of `timeZone`? Start is inclusive, end
 * exclusive. Throws RangeError for an unknown time zone or malformed times (check first with
 * checkWindow / isValidTimeZone).
 */
export function windowContains(window: MaintenanceWindow, timeZone: string, now: Date): boolean {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === undefined || end === undefined) {
    throw new RangeError(`window times must be HH:MM (got ${window.start}-${window.end})`);
  }
  const local = localTime(timeZone, now);
  const opensToday = window.days.includes(local.weekday);
  if (start < end) return opensToday && local.minutes >= start && local.minutes < end;
  // Overnight (or 24 h when end == start): the part after start belongs to today's opening, the
  // part before end to yesterday's.
  const openedYesterday = window.days.includes(previousWeekday(local.weekday));
  return (opensToday && local.minutes >= start) || (openedYesterday && local.minutes < end);
}
