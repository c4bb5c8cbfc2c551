import { describe, expect, it } from 'vitest';
import { checkCron, nextCronTicks } from './cron.ts';

describe('checkCron', () => {
  it('accepts what BullMQ schedules: 5 fields, 6 with seconds, @aliases', () => {
    for (const ok of ['0 2 * * 1-5', '*/15 * * * *', '0 0 3 * * sun', '@daily', '0 1 * * mon']) {
      expect(checkCron(ok, 'Europe/Berlin'), ok).toEqual([]);
    }
  });

  it('names what is wrong', () => {
    expect(checkCron('61 * * * *', 'UTC')[0]).toContain('not a valid cron expression');
    expect(checkCron('0 0 31 2 *', 'UTC')[0]).toContain('not a valid cron expression');
    expect(checkCron('* * * *', 'UTC')).toEqual([
      '"* * * *" must have 5 fields (minute hour day month weekday) or 6 (seconds first)',
    ]);
    expect(checkCron('', 'UTC')).toHaveLength(1);
    expect(checkCron('* * * * * * *', 'UTC')).toHaveLength(1);
    expect(checkCron('0 2 * * *', 'Mars/Base')).toEqual([
      '"Mars/Base" is not a known IANA time zone',
    ]);
  });
});

describe('nextCronTicks', () => {
  it('follows the wall clock of the zone across DST', () => {
    // 03:00 Berlin is 02:00Z in winter and 01:00Z from the spring-forward day on.
    const ticks = nextCronTicks('0 3 * * *', 'Europe/Berlin', new Date('2026-03-27T12:00:00Z'), 3);
    expect(ticks.map((t) => t.toISOString())).toEqual([
      '2026-03-28T02:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
  });
});
