import { describe, expect, it } from 'vitest';
import type { UpgradeScheduleSpec } from '../api/upgrade-schedule.ts';
import {
  decideTick,
  scheduleHoldsMigrations,
  scheduledMigrationName,
  type TickInput,
} from './upgrade-schedule.ts';

// Tuesday 2026-06-02 01:30 in Berlin (CEST, UTC+2).
const IN_WINDOW = new Date('2026-06-01T23:30:00Z');
const OUT_OF_WINDOW = new Date('2026-06-02T10:00:00Z');

function spec(overrides: Partial<UpgradeScheduleSpec> = {}): UpgradeScheduleSpec {
  return {
    cron: '*/30 0-4 * * *',
    timeZone: 'Europe/Berlin',
    window: { days: ['Mon', 'Tue', 'Wed', 'Thu'], start: '01:00', end: '05:00' },
    migrationTemplate: {
      metadata: { labels: { team: 'shop' } },
      spec: {
        fromCluster: 'blue',
        toCluster: 'green',
        services: { all: true },
        paused: true,
        action: { type: 'Promote', requestedAt: '2026-01-01T00:00:00Z' },
      },
    },
    ...overrides,
  };
}

function tick(
  overrides: Partial<TickInput> = {},
  s: UpgradeScheduleSpec = spec(),
): ReturnType<typeof decideTick> {
  return decideTick({
    schedule: { name: 'nightly', namespace: 'tenant-acme', spec: s },
    now: IN_WINDOW,
    runningMigrations: [],
    preconditions: [],
    ...overrides,
  });
}

describe('decideTick', () => {
  it('creates a migration named after the tick, labelled with the schedule, without operations', () => {
    const decision = tick({ tickAt: new Date('2026-06-01T23:30:00Z') });
    expect(decision).toEqual({
      create: true,
      name: 'nightly-202606012330',
      migration: {
        metadata: {
          name: 'nightly-202606012330',
          namespace: 'tenant-acme',
          labels: { team: 'shop', 'trellis.dev/upgrade-schedule': 'nightly' },
          annotations: { 'trellis.dev/scheduled-at': '2026-06-01T23:30:00.000Z' },
        },
        spec: { fromCluster: 'blue', toCluster: 'green', services: { all: true } },
      },
    });
    // A duplicate delivery of the same tick, later, names the same object.
    const again = tick({
      tickAt: new Date('2026-06-01T23:30:00Z'),
      now: new Date('2026-06-01T23:31:10Z'),
    });
    expect(again.create && again.name).toBe('nightly-202606012330');
  });

  it('skips when suspended, before anything else', () => {
    expect(tick({ now: OUT_OF_WINDOW }, spec({ suspend: true }))).toEqual({
      create: false,
      reason: 'Suspended',
      message: 'spec.suspend is true',
    });
  });

  it('skips outside the window, saying the local time', () => {
    expect(tick({ now: OUT_OF_WINDOW })).toEqual({
      create: false,
      reason: 'OutsideWindow',
      message: 'it is Tue 12:00 in Europe/Berlin, outside the window Mon,Tue,Wed,Thu 01:00-05:00',
    });
    // No window: always inside.
    expect(tick({ now: OUT_OF_WINDOW }, { ...spec(), window: undefined }).create).toBe(true);
  });

  it('skips while a migration of the schedule is running, not after it finished', () => {
    expect(
      tick({ runningMigrations: [{ name: 'nightly-202605312330', phase: 'Paused' }] }),
    ).toEqual({
      create: false,
      reason: 'MigrationRunning',
      message: 'migration nightly-202605312330 (Paused) is still running',
    });
    expect(tick({ runningMigrations: [{ name: 'old', phase: 'Failed' }] }).create).toBe(true);
  });

  it('skips when a precondition fails, naming each', () => {
    expect(
      tick({
        preconditions: [
          { name: 'green Ready', ok: false, message: 'Connected=False' },
          { name: 'blue Ready', ok: true },
          { name: 'change freeze', ok: false },
        ],
      }),
    ).toEqual({
      create: false,
      reason: 'PreconditionFailed',
      message: 'green Ready: Connected=False; change freeze',
    });
  });

  it('skips an invalid schedule with the problems', () => {
    const decision = tick({}, spec({ cron: '* * *', timeZone: 'Nowhere/Atlantis' }));
    expect(decision.create === false && decision.reason).toBe('InvalidSchedule');
    expect(decision.create === false && decision.message).toContain('Nowhere/Atlantis');
  });
});

describe('scheduledMigrationName', () => {
  it('stays a DNS label for long schedule names, unique by hash', () => {
    const long = 'a'.repeat(70);
    const name = scheduledMigrationName(long, new Date('2026-06-01T23:30:00Z'));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^a+-[0-9a-f]{8}-202606012330$/);
    expect(scheduledMigrationName(`${long}b`, new Date('2026-06-01T23:30:00Z'))).not.toBe(name);
  });
});

describe('scheduleHoldsMigrations', () => {
  it('holds only with pauseWhenWindowCloses and outside the window', () => {
    expect(scheduleHoldsMigrations(spec({ pauseWhenWindowCloses: true }), OUT_OF_WINDOW)).toBe(
      true,
    );
    expect(scheduleHoldsMigrations(spec({ pauseWhenWindowCloses: true }), IN_WINDOW)).toBe(false);
    expect(scheduleHoldsMigrations(spec(), OUT_OF_WINDOW)).toBe(false);
  });
});
