import { describe, expect, it } from 'vitest';
import { nextWindowEdge } from './window-edges.ts';

describe('nextWindowEdge', () => {
  const weekdays = {
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const,
    start: '09:00',
    end: '17:00',
  };
  const w = { ...weekdays, days: [...weekdays.days] };

  it('finds the close of an open window and the next opening after it', () => {
    // Monday 2026-06-01 10:30 in Berlin (UTC+2)
    const close = nextWindowEdge(w, 'Europe/Berlin', new Date('2026-06-01T08:30:00Z'));
    expect(close?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    const open = nextWindowEdge(w, 'Europe/Berlin', new Date('2026-06-01T15:00:00Z'));
    expect(open?.toISOString()).toBe('2026-06-02T07:00:00.000Z');
  });

  it('skips the weekend and counts from mid-minute', () => {
    // Friday 2026-06-05 17:00:30 Berlin → Monday 09:00
    const open = nextWindowEdge(w, 'Europe/Berlin', new Date('2026-06-05T15:00:30Z'));
    expect(open?.toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('follows the wall clock across a DST change', () => {
    // Sun 01:00-05:00 Berlin on the spring-forward night: opens 00:00Z, closes 03:00Z (05:00 CEST)
    const night = { days: ['Sun' as const], start: '01:00', end: '05:00' };
    expect(
      nextWindowEdge(night, 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'))?.toISOString(),
    ).toBe('2026-03-29T00:00:00.000Z');
    expect(
      nextWindowEdge(night, 'Europe/Berlin', new Date('2026-03-29T00:00:00Z'))?.toISOString(),
    ).toBe('2026-03-29T03:00:00.000Z');
  });

  it('has no edge for a window open all week', () => {
    const always = {
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as (
        'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun'
      )[],
      start: '00:00',
      end: '00:00',
    };
    expect(nextWindowEdge(always, 'UTC', new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
  });
});
