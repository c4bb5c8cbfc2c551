import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localTime } from './time-zone.ts';
import { checkWindow, windowContains, type MaintenanceWindow } from './window.ts';

const utc = (text: string): Date => new Date(text);

/** Minutes of one UTC span inside the window, scanning minute by minute. */
function minutesOpen(
  window: MaintenanceWindow,
  tz: string,
  fromUtc: string,
  toUtc: string,
): number {
  let count = 0;
  for (let t = Date.parse(fromUtc); t < Date.parse(toUtc); t += 60_000) {
    if (windowContains(window, tz, new Date(t))) count += 1;
  }
  return count;
}

describe('localTime', () => {
  it('reads the wall clock of a zone, midnight as 00:00', () => {
    expect(localTime('Europe/Berlin', utc('2026-01-04T23:00:00Z'))).toEqual({
      weekday: 'Mon',
      minutes: 0,
      date: '2026-01-05',
      clock: '00:00',
    });
    expect(localTime('Pacific/Auckland', utc('2026-06-07T21:30:00Z'))).toMatchObject({
      weekday: 'Mon',
      clock: '09:30',
    });
  });

  it('knows valid zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('windowContains', () => {
  const weekdays: MaintenanceWindow = {
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    start: '09:00',
    end: '17:00',
  };

  it('includes the start and excludes the end, on the listed days only', () => {
    // Monday 2026-06-01, Berlin is UTC+2 in summer.
    expect(windowContains(weekdays, 'Europe/Berlin', utc('2026-06-01T07:00:00Z'))).toBe(true);
    expect(windowContains(weekdays, 'Europe/Berlin', utc('2026-06-01T06:59:59Z'))).toBe(false);
    expect(windowContains(weekdays, 'Europe/Berlin', utc('2026-06-01T14:59:00Z'))).toBe(true);
    expect(windowContains(weekdays, 'Europe/Berlin', utc('2026-06-01T15:00:00Z'))).toBe(false);
    // Saturday.
    expect(windowContains(weekdays, 'Europe/Berlin', utc('2026-06-06T10:00:00Z'))).toBe(false);
  });

  it('uses the local day, not the UTC day', () => {
    const monday: MaintenanceWindow = { days: ['Mon'], start: '08:00', end: '10:00' };
    // Sunday 21:00 UTC is Monday 09:00 in Auckland (NZST, UTC+12).
    expect(windowContains(monday, 'Pacific/Auckland', utc('2026-06-07T21:00:00Z'))).toBe(true);
    expect(windowContains(monday, 'UTC', utc('2026-06-07T21:00:00Z'))).toBe(false);
  });

  it('runs an overnight window into the next day, belonging to the day it opens', () => {
    const friNight: MaintenanceWindow = { days: ['Fri'], start: '22:00', end: '02:00' };
    expect(windowContains(friNight, 'UTC', utc('2026-06-05T21:59:00Z'))).toBe(false);
    expect(windowContains(friNight, 'UTC', utc('2026-06-05T22:00:00Z'))).toBe(true);
    expect(windowContains(friNight, 'UTC', utc('2026-06-06T01:59:00Z'))).toBe(true); // Sat
    expect(windowContains(friNight, 'UTC', utc('2026-06-06T02:00:00Z'))).toBe(false);
    expect(windowContains(friNight, 'UTC', utc('2026-06-06T23:00:00Z'))).toBe(false); // Sat night
    expect(windowContains(friNight, 'UTC', utc('2026-06-04T23:00:00Z'))).toBe(false); // Thu night
  });

  it('treats start == end as 24 hours from start', () => {
    const allSunday: MaintenanceWindow = { days: ['Sun'], start: '06:00', end: '06:00' };
    expect(minutesOpen(allSunday, 'UTC', '2026-06-06T00:00:00Z', '2026-06-09T00:00:00Z')).toBe(
      24 * 60,
    );
    expect(windowContains(allSunday, 'UTC', utc('2026-06-08T05:59:00Z'))).toBe(true);
    expect(windowContains(allSunday, 'UTC', utc('2026-06-08T06:00:00Z'))).toBe(false);
  });

  describe('daylight saving time', () => {
    const night: MaintenanceWindow = { days: ['Sun'], start: '01:00', end: '05:00' };

    it('is 4 h on a normal night, 3 h on the spring-forward night, 5 h on the fall-back night (Berlin)', () => {
      expect(
        minutesOpen(night, 'Europe/Berlin', '2026-03-21T20:00:00Z', '2026-03-22T12:00:00Z'),
      ).toBe(240);
      // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
      expect(
        minutesOpen(night, 'Europe/Berlin', '2026-03-28T20:00:00Z', '2026-03-29T12:00:00Z'),
      ).toBe(180);
      // 2026-10-25: 03:00 CEST falls back to 02:00 CET.
      expect(
        minutesOpen(night, 'Europe/Berlin', '2026-10-24T20:00:00Z', '2026-10-25T12:00:00Z'),
      ).toBe(300);
    });

    it('is closed all night when its times do not exist (02:00-03:00 on spring-forward night)', () => {
      const skipped: MaintenanceWindow = { days: ['Sun'], start: '02:00', end: '03:00' };
      expect(
        minutesOpen(skipped, 'Europe/Berlin', '2026-03-28T20:00:00Z', '2026-03-29T12:00:00Z'),
      ).toBe(0);
      expect(
        minutesOpen(skipped, 'Europe/Berlin', '2026-03-21T20:00:00Z', '2026-03-22T12:00:00Z'),
      ).toBe(60);
    });

    it('opens at the first 01:30 and stops at the jump (New York, 2026-03-08)', () => {
      const w: MaintenanceWindow = { days: ['Sun'], start: '01:30', end: '02:30' };
      // 01:30 EST = 06:30Z; at 07:00Z clocks read 03:00 EDT.
      expect(windowContains(w, 'America/New_York', utc('2026-03-08T06:30:00Z'))).toBe(true);
      expect(windowContains(w, 'America/New_York', utc('2026-03-08T06:59:00Z'))).toBe(true);
      expect(windowContains(w, 'America/New_York', utc('2026-03-08T07:00:00Z'))).toBe(false);
      expect(
        minutesOpen(w, 'America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z'),
      ).toBe(30);
    });

    it('counts the repeated hour twice on the fall-back night (New York, 2026-11-01)', () => {
      const w: MaintenanceWindow = { days: ['Sun'], start: '01:00', end: '02:00' };
      // 01:00 EDT = 05:00Z ... 01:59 EST = 06:59Z: the wall clock shows 01:xx twice.
      expect(windowContains(w, 'America/New_York', utc('2026-11-01T05:00:00Z'))).toBe(true);
      expect(windowContains(w, 'America/New_York', utc('2026-11-01T06:30:00Z'))).toBe(true);
      expect(windowContains(w, 'America/New_York', utc('2026-11-01T07:00:00Z'))).toBe(false);
      expect(
        minutesOpen(w, 'America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
      ).toBe(120);
    });

    it('keeps an overnight window across the change (Sat 23:00 - Sun 03:00, Berlin spring)', () => {
      const w: MaintenanceWindow = { days: ['Sat'], start: '23:00', end: '03:00' };
      // Sat 23:00 CET = 22:00Z; Sun 03:00 CEST = 01:00Z: 4 wall-clock hours minus the skipped one.
      expect(minutesOpen(w, 'Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(
        180,
      );
    });
  });

  it('checks its times and days', () => {
    expect(checkWindow({ days: [], start: '24:00', end: '9:00' })).toEqual([
      'window.days must name at least one day',
      'window.start "24:00" is not HH:MM (00:00-23:59)',
      'window.end "9:00" is not HH:MM (00:00-23:59)',
    ]);
    expect(() =>
      windowContains({ days: ['Mon'], start: 'x', end: '10:00' }, 'UTC', new Date(0)),
    ).toThrow(RangeError);
  });
});
