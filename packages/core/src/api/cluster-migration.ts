// ClusterMigration: move the traffic of a tenant's exported services from one member cluster to
// another in weighted steps, each behind a health gate. One TypeBox definition gives the CRD
// schema, the REST schema and the TypeScript types. The state machine that drives the status is
// in ../migration/; docs/migrations.md explains the model.
import Type, { type Static } from 'typebox';
import { ConditionSchema } from './common.ts';

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

export const ServiceRefSchema = Type.Object({
  namespace: Type.String({ minLength: 1, maxLength: 63, pattern: DNS_LABEL }),
  name: Type.String({ minLength: 1, maxLength: 63, pattern: DNS_LABEL }),
});

/**
 * Which exported services move. Exactly one of the three is set (checked by validateMigration:
 * a oneOf would not be a structural CRD schema).
 */
export const MigrationServicesSchema = Type.Object(
  {
    all: Type.Optional(Type.Boolean({ description: 'every service exported by both clusters' })),
    list: Type.Optional(Type.Array(ServiceRefSchema, { minItems: 1, maxItems: 500 })),
    selector: Type.Optional(
      Type.Object(
        {
          matchLabels: Type.Record(Type.String(), Type.String(), {
            description: 'labels of the ServiceExport (in both clusters)',
          }),
        },
        { description: 'services whose ServiceExports carry all these labels' },
      ),
    ),
  },
  { description: 'exactly one of all, list or selector' },
);

export const MigrationStepSchema = Type.Object({
  weightPercent: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: 'share of traffic sent to toCluster once this step is applied',
  }),
  pauseSeconds: Type.Integer({
    minimum: 0,
    description: 'how long to hold this step before the next gate is checked',
  }),
});

/** Default plan: 10% → 25% → 50% → 100%, holding 5, 10 and 10 minutes in between. */
export const DEFAULT_MIGRATION_STEPS: readonly MigrationStep[] = [
  { weightPercent: 10, pauseSeconds: 300 },
  { weightPercent: 25, pauseSeconds: 600 },
  { weightPercent: 50, pauseSeconds: 600 },
  { weightPercent: 100, pauseSeconds: 0 },
];

export const DEFAULT_HEALTH_GATE = {
  minHealthyTargetRatio: 1,
  holdSeconds: 30,
  timeoutSeconds: 600,
  intervalSeconds: 15,
} as const;

export const HealthGateSchema = Type.Object({
  minHealthyTargetRatio: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      default: DEFAULT_HEALTH_GATE.minHealthyTargetRatio,
      description: "healthy / registered targets in toCluster's target groups, across the services",
    }),
  ),
  probe: Type.Optional(
    Type.Object({
      path: Type.String({ pattern: '^/', maxLength: 2048 }),
      expectedStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599, default: 200 })),
      host: Type.Optional(
        Type.String({ maxLength: 253, description: 'Host header; defaults to the service DNS' }),
      ),
    }),
  ),
  holdSeconds: Type.Optional(
    Type.Integer({
      minimum: 0,
      default: DEFAULT_HEALTH_GATE.holdSeconds,
      description: 'the gate passes once it has been healthy for this long without interruption',
    }),
  ),
  timeoutSeconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      default: DEFAULT_HEALTH_GATE.timeoutSeconds,
      description: 'the gate fails when it has not passed this long after its first check',
    }),
  ),
  intervalSeconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      default: DEFAULT_HEALTH_GATE.intervalSeconds,
      description: 'time between two checks of a gate that has not passed yet',
    }),
  ),
});

/** Operator actions that happen once (edge-triggered); pause is a level, spec.paused. */
export const MIGRATION_ACTION_TYPES = ['Resume', 'Abort', 'Promote'] as const;

export const MigrationActionSchema = Type.Object(
  {
    type: Type.Enum([...MIGRATION_ACTION_TYPES]),
    requestedAt: Type.String({
      format: 'date-time',
      description: 'identifies the request: the controller acts once per (type, requestedAt)',
    }),
    requestedBy: Type.Optional(Type.String({ maxLength: 256 })),
  },
  {
    description:
      'Resume (after a failed gate), Abort (roll back to fromCluster) or Promote (go to 100% now). ' +
      'Writing the same value again does nothing; status.lastAction records the outcome.',
  },
);

export const ClusterMigrationSpecSchema = Type.Object({
  fromCluster: Type.String({ minLength: 1, maxLength: 63, description: 'a WorkloadCluster' }),
  toCluster: Type.String({ minLength: 1, maxLength: 63, description: 'a WorkloadCluster' }),
  services: MigrationServicesSchema,
  steps: Type.Optional(
    Type.Array(MigrationStepSchema, {
      minItems: 1,
      maxItems: 20,
      description:
        'strictly increasing weightPercent ending at 100; default 10/25/50/100 with 5m/10m/10m/0 pauses',
    }),
  ),
  healthGate: Type.Optional(HealthGateSchema),
  failurePolicy: Type.Optional(
    Type.Enum(['Rollback', 'Pause'], {
      default: 'Rollback',
      description: 'what a failed gate does: roll back to 100% fromCluster, or pause for a person',
    }),
  ),
  finish: Type.Optional(
    Type.Enum(['ZeroWeight', 'RemoveOldExport'], {
      default: 'ZeroWeight',
      description: "after 100%: keep fromCluster's export at weight 0, or delete its ServiceExport",
    }),
  ),
  paused: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'while true the migration holds its current weights (level-triggered)',
    }),
  ),
  action: Type.Optional(MigrationActionSchema),
});

export const MIGRATION_PHASES = [
  'Pending',
  'Validating',
  'Rejected',
  'Progressing',
  'Paused',
  'Succeeded',
  'Failed',
  'Aborted',
  'RollingBack',
] as const;

export const GateStateSchema = Type.Object({
  result: Type.Enum(['Pending', 'Passed', 'Failed', 'Skipped']),
  observedRatio: Type.Optional(Type.Number()),
  checkedAt: Type.Optional(Type.String({ format: 'date-time' })),
  message: Type.Optional(Type.String({ maxLength: 1024 })),
  /** first check of this attempt: the timeout runs from here */
  startedAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** start of the current healthy streak: the hold runs from here */
  healthySince: Type.Optional(Type.String({ format: 'date-time' })),
});

export const StepStateSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  weightPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  /** copied from spec.steps at validation: the plan is frozen for the life of the migration */
  pauseSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
  /** the weights of this step were recorded as intended (written next) */
  intendedAt: Type.Optional(Type.String({ format: 'date-time' })),
  appliedAt: Type.Optional(Type.String({ format: 'date-time' })),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** true when a promote jumped over this step */
  skipped: Type.Optional(Type.Boolean()),
  gate: Type.Optional(GateStateSchema),
});

/** A weight write recorded before it is performed: the crash-safety intent (see state-machine.ts). */
export const PendingWriteSchema = Type.Object({
  kind: Type.Enum(['Step', 'Rollback', 'Finish']),
  step: Type.Optional(Type.Integer({ minimum: 0 })),
  /** percent to toCluster; absent for Finish */
  weightPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  jobId: Type.String(),
  intendedAt: Type.String({ format: 'date-time' }),
});

export const ServiceWeightsSchema = Type.Object({
  namespace: Type.String(),
  name: Type.String(),
  fromPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  toPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  appliedAt: Type.String({ format: 'date-time' }),
});

export const ServiceRejectionSchema = Type.Object({
  /** absent for problems of the migration as a whole (steps, clusters) */
  namespace: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  reason: Type.String(),
  message: Type.String(),
});

export const ClusterMigrationStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(ConditionSchema)),
  phase: Type.Optional(Type.Enum([...MIGRATION_PHASES])),
  /** the step being gated, applied or held */
  currentStep: Type.Optional(Type.Integer({ minimum: 0 })),
  /** counts the jobs scheduled for currentStep: the <attempt> of its job ids */
  attempt: Type.Optional(Type.Integer({ minimum: 0 })),
  stepStates: Type.Optional(Type.Array(StepStateSchema)),
  pendingWrite: Type.Optional(PendingWriteSchema),
  /** the services resolved at validation, fixed for the life of the migration */
  services: Type.Optional(Type.Array(ServiceRefSchema)),
  weightsApplied: Type.Optional(Type.Array(ServiceWeightsSchema)),
  nextStepAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** the delayed job that wakes the migration at nextStepAt */
  wakeJobId: Type.Optional(Type.String()),
  startedAt: Type.Optional(Type.String({ format: 'date-time' })),
  completedAt: Type.Optional(Type.String({ format: 'date-time' })),
  rejections: Type.Optional(Type.Array(ServiceRejectionSchema)),
  pause: Type.Optional(
    Type.Object({
      reason: Type.Enum(['Manual', 'GateFailed']),
      since: Type.String({ format: 'date-time' }),
      message: Type.Optional(Type.String()),
      /** the phase a resume returns to */
      resumePhase: Type.Enum(['Pending', 'Progressing']),
    }),
  ),
  rollback: Type.Optional(
    Type.Object({
      reason: Type.Enum(['GateFailed', 'Aborted']),
      message: Type.String(),
      since: Type.String({ format: 'date-time' }),
    }),
  ),
  promotedAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastAction: Type.Optional(
    Type.Object({
      type: Type.Enum([...MIGRATION_ACTION_TYPES]),
      requestedAt: Type.String({ format: 'date-time' }),
      result: Type.Enum(['Applied', 'Rejected']),
      message: Type.Optional(Type.String()),
    }),
  ),
});

export type ServiceRef = Static<typeof ServiceRefSchema>;
export type MigrationServices = Static<typeof MigrationServicesSchema>;
export type MigrationStep = Static<typeof MigrationStepSchema>;
export type HealthGate = Static<typeof HealthGateSchema>;
export type MigrationAction = Static<typeof MigrationActionSchema>;
export type MigrationActionType = (typeof MIGRATION_ACTION_TYPES)[number];
export type ClusterMigrationSpec = Static<typeof ClusterMigrationSpecSchema>;
export type ClusterMigrationStatus = Static<typeof ClusterMigrationStatusSchema>;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];
export type StepState = Static<typeof StepStateSchema>;
export type GateState = Static<typeof GateStateSchema>;
export type PendingWrite = Static<typeof PendingWriteSchema>;
export type ServiceWeights = Static<typeof ServiceWeightsSchema>;
export type ServiceRejection = Static<typeof ServiceRejectionSchema>;

export const CLUSTER_MIGRATION_CONDITIONS = {
  ready: 'Ready',
  valid: 'Valid',
  progressing: 'Progressing',
  paused: 'Paused',
  degraded: 'Degraded',
} as const;

/** Phases after which nothing moves any more. */
export const TERMINAL_MIGRATION_PHASES: readonly MigrationPhase[] = [
  'Rejected',
  'Succeeded',
  'Failed',
  'Aborted',
];

export function isTerminalPhase(phase: MigrationPhase): boolean {
  return TERMINAL_MIGRATION_PHASES.includes(phase);
}

/** The spec with every default filled in, as the state machine reads it. */
export interface ResolvedMigrationSpec {
  fromCluster: string;
  toCluster: string;
  services: MigrationServices;
  steps: MigrationStep[];
  healthGate: {
    minHealthyTargetRatio: number;
    probe?: { path: string; expectedStatus: number; host?: string };
    holdSeconds: number;
    timeoutSeconds: number;
    intervalSeconds: number;
  };
  failurePolicy: 'Rollback' | 'Pause';
  finish: 'ZeroWeight' | 'RemoveOldExport';
  paused: boolean;
  action?: MigrationAction;
}

/** Fill the defaults the API server would (for objects that did not go through it, and tests). */
export function resolveMigrationSpec(spec: ClusterMigrationSpec): ResolvedMigrationSpec {
  const gate = spec.healthGate;
  return {
    fromCluster: spec.fromCluster,
    toCluster: spec.toCluster,
    services: spec.services,
    steps: (spec.steps ?? DEFAULT_MIGRATION_STEPS).map((s) => ({ ...s })),
    healthGate: {
      minHealthyTargetRatio:
        gate?.minHealthyTargetRatio ?? DEFAULT_HEALTH_GATE.minHealthyTargetRatio,
      ...(gate?.probe !== undefined
        ? { probe: { ...gate.probe, expectedStatus: gate.probe.expectedStatus ?? 200 } }
        : {}),
      holdSeconds: gate?.holdSeconds ?? DEFAULT_HEALTH_GATE.holdSeconds,
      timeoutSeconds: gate?.timeoutSeconds ?? DEFAULT_HEALTH_GATE.timeoutSeconds,
      intervalSeconds: gate?.intervalSeconds ?? DEFAULT_HEALTH_GATE.intervalSeconds,
    },
    failurePolicy: spec.failurePolicy ?? 'Rollback',
    finish: spec.finish ?? 'ZeroWeight',
    paused: spec.paused ?? false,
    ...(spec.action !== undefined ? { action: spec.action } : {}),
  };
}
