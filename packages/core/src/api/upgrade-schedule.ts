// UpgradeSchedule: a cron + time zone + maintenance window that creates ClusterMigrations. The
// controller turns it into a BullMQ job scheduler; every tick asks decideTick (../schedule/)
// whether to create a migration now. docs/migrations.md, "Schedules".
import Type, { type Static } from 'typebox';
import { ClusterMigrationSpecSchema } from './cluster-migration.ts';
import { ConditionSchema } from './common.ts';

export const MaintenanceWindowSchema = Type.Object({
  days: Type.Array(Type.Enum(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']), {
    minItems: 1,
    maxItems: 7,
    description: 'days on which the window opens (an overnight window runs into the next day)',
  }),
  start: Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: 'HH:MM in spec.timeZone, inclusive',
  }),
  end: Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: 'HH:MM in spec.timeZone, exclusive; <= start means the next day',
  }),
});

export const UpgradeScheduleSpecSchema = Type.Object({
  cron: Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'when to consider starting a migration: 5 fields, or 6 with seconds first',
  }),
  timeZone: Type.Optional(
    Type.String({
      default: 'UTC',
      maxLength: 64,
      description: 'IANA time zone of cron and window',
    }),
  ),
  window: Type.Optional(MaintenanceWindowSchema),
  migrationTemplate: Type.Object({
    metadata: Type.Optional(
      Type.Object({
        labels: Type.Optional(Type.Record(Type.String(), Type.String())),
        annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
      }),
    ),
    spec: ClusterMigrationSpecSchema,
  }),
  suspend: Type.Optional(
    Type.Boolean({ default: false, description: 'true skips every tick (running ones go on)' }),
  ),
  pauseWhenWindowCloses: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        'pause the migrations this schedule created when the window closes; resume them when it opens',
    }),
  ),
});

export const TICK_SKIP_REASONS = [
  'Suspended',
  'InvalidSchedule',
  'OutsideWindow',
  'MigrationRunning',
  'PreconditionFailed',
] as const;

export const UpgradeScheduleStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(ConditionSchema)),
  lastTickAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastDecision: Type.Optional(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      created: Type.Boolean(),
      reason: Type.Optional(Type.Enum([...TICK_SKIP_REASONS])),
      message: Type.Optional(Type.String()),
      migration: Type.Optional(Type.String()),
    }),
  ),
  lastCreatedMigration: Type.Optional(Type.String()),
  nextTickAt: Type.Optional(Type.String({ format: 'date-time' })),
  migrationsHeld: Type.Optional(
    Type.Boolean({
      description:
        'pauseWhenWindowCloses: whether the controller last set spec.paused=true (window closed) or false on the migrations this schedule created; it acts only when this changes',
    }),
  ),
});

export type MaintenanceWindowSpec = Static<typeof MaintenanceWindowSchema>;
export type UpgradeScheduleSpec = Static<typeof UpgradeScheduleSpecSchema>;
export type UpgradeScheduleStatus = Static<typeof UpgradeScheduleStatusSchema>;
export type TickSkipReason = (typeof TICK_SKIP_REASONS)[number];

export const UPGRADE_SCHEDULE_CONDITIONS = {
  ready: 'Ready',
  valid: 'Valid',
  windowOpen: 'WindowOpen',
} as const;

/** Label put on every ClusterMigration a schedule creates, naming the schedule. */
export const SCHEDULE_LABEL = 'trellis.dev/upgrade-schedule';
