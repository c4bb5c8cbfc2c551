// What an UpgradeSchedule does at a tick, decided from observed data only: create a migration
// (with a name derived from the tick, so a duplicate delivery of the same tick creates the same
// object and the second create is an AlreadyExists), or skip it with a reason for the event.
import type { ClusterMigrationSpec, MigrationPhase } from '../api/cluster-migration.ts';
import { isTerminalPhase } from '../api/cluster-migration.ts';
import {
  SCHEDULE_LABEL,
  type TickSkipReason,
  type UpgradeScheduleSpec,
} from '../api/upgrade-schedule.ts';
import { shortHash } from '../naming/index.ts';
import { checkCron } from './cron.ts';
import { isValidTimeZone, localTime } from './time-zone.ts';
import { checkWindow, windowContains } from './window.ts';

export interface ScheduleRef {
  name: string;
  namespace: string;
  spec: UpgradeScheduleSpec;
}

export interface RunningMigration {
  name: string;
  phase: MigrationPhase;
}

export interface Precondition {
  /** e.g. "toCluster Ready", "no open incident" */
  name: string;
  ok: boolean;
  message?: string;
}

export interface TickInput {
  schedule: ScheduleRef;
  now: Date;
  /** the scheduled time of this tick (BullMQ job timestamp); defaults to now */
  tickAt?: Date;
  /** the migrations of this schedule (label SCHEDULE_LABEL), any phase */
  runningMigrations: RunningMigration[];
  preconditions: Precondition[];
}

export interface ScheduledMigration {
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: ClusterMigrationSpec;
}

export type TickDecision =
  | { create: true; name: string; migration: ScheduledMigration }
  | { create: false; reason: TickSkipReason; message: string };

/** Everything wrong with a schedule's spec (cron, time zone, window). */
export function checkUpgradeSchedule(spec: UpgradeScheduleSpec): string[] {
  const timeZone = spec.timeZone ?? 'UTC';
  return [...checkCron(spec.cron, timeZone), ...(spec.window ? checkWindow(spec.window) : [])];
}

/**
 * `<schedule>-<yyyymmddhhmm UTC of the tick>`: one name per tick, so duplicates collide. Long
 * schedule names are cut and suffixed with a hash to stay a DNS label (<= 63).
 */
export function scheduledMigrationName(schedule: string, tickAt: Date): string {
  const stamp = tickAt.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const room = 63 - stamp.length - 1;
  const base =
    schedule.length <= room
      ? schedule
      : `${schedule.slice(0, room - 9).replace(/-+$/, '')}-${shortHash(schedule)}`;
  return `${base}-${stamp}`;
}

export function decideTick(input: TickInput): TickDecision {
  const { schedule, now } = input;
  const spec = schedule.spec;
  const timeZone = spec.timeZone ?? 'UTC';
  if (spec.suspend === true) {
    return { create: false, reason: 'Suspended', message: 'spec.suspend is true' };
  }
  const problems = checkUpgradeSchedule(spec);
  if (problems.length > 0) {
    return { create: false, reason: 'InvalidSchedule', message: problems.join('; ') };
  }
  if (spec.window !== undefined && !windowContains(spec.window, timeZone, now)) {
    const local = localTime(timeZone, now);
    const w = spec.window;
    return {
      create: false,
      reason: 'OutsideWindow',
      message: `it is ${local.weekday} ${local.clock} in ${timeZone}, outside the window ${w.days.join(',')} ${w.start}-${w.end}`,
    };
  }
  const running = input.runningMigrations.filter((m) => !isTerminalPhase(m.phase));
  if (running.length > 0) {
    return {
      create: false,
      reason: 'MigrationRunning',
      message: `migration ${running.map((m) => `${m.name} (${m.phase})`).join(', ')} is still running`,
    };
  }
  const failed = input.preconditions.filter((p) => !p.ok);
  if (failed.length > 0) {
    return {
      create: false,
      reason: 'PreconditionFailed',
      message: failed.map((p) => (p.message ? `${p.name}: ${p.message}` : p.name)).join('; '),
    };
  }
  const tickAt = input.tickAt ?? now;
  const name = scheduledMigrationName(schedule.name, tickAt);
  const template = spec.migrationTemplate;
  return {
    create: true,
    name,
    migration: {
      metadata: {
        name,
        namespace: schedule.namespace,
        labels: { ...(template.metadata?.labels ?? {}), [SCHEDULE_LABEL]: schedule.name },
        annotations: {
          ...(template.metadata?.annotations ?? {}),
          'trellis.dev/scheduled-at': tickAt.toISOString(),
        },
      },
      // Operations are never templated: a new migration starts unpaused, with no action.
      spec: (({ paused: _p, action: _a, ...rest }) => rest)(template.spec),
    },
  };
}

/**
 * With pauseWhenWindowCloses: whether the schedule's migrations should be held (spec.paused) at
 * `now`. The controller sets spec.paused on the migrations it created (label SCHEDULE_LABEL) to
 * this value whenever it changes — and only on those, so a person's pause elsewhere is untouched.
 */
export function scheduleHoldsMigrations(spec: UpgradeScheduleSpec, now: Date): boolean {
  if (spec.pauseWhenWindowCloses !== true || spec.window === undefined) return false;
  const timeZone = spec.timeZone ?? 'UTC';
  if (checkWindow(spec.window).length > 0 || !isValidTimeZone(timeZone)) return false;
  return !windowContains(spec.window, timeZone, now);
}
