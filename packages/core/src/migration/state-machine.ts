// The ClusterMigration state machine: one pure function from (persisted state, what the
// controller just observed, now) to (the next action, the status to persist).
//
// CRASH-SAFETY INVARIANT (the reason this file exists; docs/migrations.md has the long form)
//
//   1. The controller persists `newState` BEFORE it performs `action`, every time.
//   2. A weight write is first recorded as an intent (status.pendingWrite = { step, weight,
//      jobId }, stepStates[n].intendedAt); only the observation WeightsWritten{jobId} turns it
//      into "applied" (stepStates[n].appliedAt, weightsApplied) and clears the intent.
//   3. While an intent is recorded, nextAction returns the SAME write (same weights, same jobId)
//      in every phase, whatever else happened (pause, abort, promote, duplicate jobs, restarts),
//      until it is confirmed. Only then can another intent be recorded.
//   4. Weights are absolute percentages, never deltas: writing step n's weights twice leaves
//      AWS exactly as writing them once.
//
// So after a crash between "intended" and "applied" the machine re-applies step n instead of
// skipping it (the write might never have happened) or advancing twice (it cannot advance before
// the confirmation). The sequence of distinct weights AWS ever holds is therefore exactly the
// planned sequence — a prefix of it, then possibly 100% (promote) or 0% (rollback). A step is
// advanced only from state, never from "which job woke me", so a duplicate or stale delivery
// re-evaluates the same state and decides the same thing.
//
// Requirement on the caller: one executor per migration at a time (the leader-elected
// controller runs a migration's jobs serially), and the status write uses the resourceVersion it
// read (optimistic concurrency), so a stale writer fails instead of overwriting.
import {
  resolveMigrationSpec,
  type ClusterMigrationStatus,
  type MigrationPhase,
  type ResolvedMigrationSpec,
  type ServiceRef,
  type StepState,
} from '../api/cluster-migration.ts';
import { migrationJobId } from './job-id.ts';
import { absorbGate, nextGateCheckAt } from './health-gate.ts';
import { withConditions } from './migration-conditions.ts';
import { mayHaveWrittenWeights, reconcileSpecOperations } from './operations.ts';
import {
  addSeconds,
  currentStepState,
  planLength,
  replaceStep,
  type Context,
} from './step-states.ts';
import type {
  ClusterPercentages,
  MigrationControllerAction,
  MigrationDecision,
  MigrationObservation,
  MigrationState,
} from './types.ts';

/** The absolute split for `weightPercent` to the new cluster. */
export function stepWeights(
  spec: ResolvedMigrationSpec,
  weightPercent: number,
): ClusterPercentages {
  return { [spec.fromCluster]: 100 - weightPercent, [spec.toCluster]: weightPercent };
}

/**
 * Decide the next action. Order: apply the operations the spec asks for, absorb the
 * observation, then decide from the resulting state alone. Deterministic: the same inputs give
 * the same output; the caller persists newState, then performs the action.
 */
export function nextAction(
  state: MigrationState,
  observation: MigrationObservation,
  now: Date,
): MigrationDecision {
  const spec = resolveMigrationSpec(state.spec);
  const ctx: Context = { uid: state.uid, spec, now, at: now.toISOString() };
  const before: MigrationPhase = state.status.phase ?? 'Pending';
  let status: ClusterMigrationStatus = structuredClone(state.status);
  status.phase ??= 'Pending';
  status = reconcileSpecOperations(status, spec, now);
  status = absorb(status, observation, ctx);
  const decided = decide(status, ctx);
  const action =
    decided.action.type === 'None' && decided.status.phase === 'Rejected' && before !== 'Rejected'
      ? { type: 'Reject' as const, reasons: decided.status.rejections ?? [] }
      : decided.action;
  const newState = withConditions(
    { ...decided.status, observedGeneration: state.generation },
    state.generation,
    now,
  );
  return { action, newState };
}

// ---------------------------------------------------------------------------------------------
// Observations

function absorb(
  status: ClusterMigrationStatus,
  observation: MigrationObservation,
  ctx: Context,
): ClusterMigrationStatus {
  switch (observation.type) {
    case 'Tick':
      return status;
    case 'Validated':
      return absorbValidation(status, observation.result, ctx);
    case 'WeightsWritten':
      return absorbWeightsWritten(status, observation.jobId, ctx);
    case 'Finished': {
      const pending = status.pendingWrite;
      if (pending?.kind !== 'Finish' || pending.jobId !== observation.jobId) return status;
      const { pendingWrite: _p, nextStepAt: _n, wakeJobId: _w, pause: _x, ...rest } = status;
      return { ...rest, phase: 'Succeeded', completedAt: ctx.at };
    }
    case 'GateMeasured':
      return absorbGate(status, observation, ctx);
  }
}

function absorbValidation(
  status: ClusterMigrationStatus,
  result: Extract<MigrationObservation, { type: 'Validated' }>['result'],
  ctx: Context,
): ClusterMigrationStatus {
  // Only a migration that is validating takes a verdict; a late or duplicate one is ignored.
  if (status.phase !== 'Validating') return status;
  if (!result.ok) {
    return { ...status, phase: 'Rejected', rejections: result.rejections, completedAt: ctx.at };
  }
  const { rejections: _r, ...rest } = status;
  return {
    ...rest,
    phase: 'Progressing',
    services: result.services,
    startedAt: status.startedAt ?? ctx.at,
    currentStep: 0,
    attempt: 0,
    stepStates: ctx.spec.steps.map((s, index) => ({
      index,
      weightPercent: s.weightPercent,
      pauseSeconds: s.pauseSeconds,
      gate: { result: 'Pending' },
    })),
  };
}

function absorbWeightsWritten(
  status: ClusterMigrationStatus,
  jobId: string,
  ctx: Context,
): ClusterMigrationStatus {
  const pending = status.pendingWrite;
  // A confirmation of anything but the recorded intent is stale: ignore it.
  if (pending === undefined || pending.jobId !== jobId || pending.kind === 'Finish') return status;
  const weightPercent = pending.weightPercent ?? 0;
  const { pendingWrite: _p, ...rest } = status;
  const next: ClusterMigrationStatus = {
    ...rest,
    weightsApplied: (status.services ?? []).map((s) => ({
      namespace: s.namespace,
      name: s.name,
      fromPercent: 100 - weightPercent,
      toPercent: weightPercent,
      appliedAt: ctx.at,
    })),
  };
  if (pending.kind === 'Rollback') {
    next.phase = status.rollback?.reason === 'Aborted' ? 'Aborted' : 'Failed';
    next.completedAt = ctx.at;
    return next;
  }
  next.stepStates = (status.stepStates ?? []).map((s) =>
    s.index === pending.step ? { ...s, appliedAt: ctx.at } : s,
  );
  return next;
}

// ---------------------------------------------------------------------------------------------
// Decisions

interface Decided {
  action: MigrationControllerAction;
  status: ClusterMigrationStatus;
}

function decide(status: ClusterMigrationStatus, ctx: Context): Decided {
  const phase: MigrationPhase = status.phase ?? 'Pending';
  // Invariant 3: an outstanding write is completed first, in every phase.
  if (status.pendingWrite !== undefined) return { action: reissue(status, ctx), status };
  switch (phase) {
    case 'Pending':
      return { action: { type: 'Validate' }, status: { ...status, phase: 'Validating' } };
    case 'Validating':
      return { action: { type: 'Validate' }, status };
    case 'Progressing':
      return decideProgressing(status, ctx);
    case 'Paused':
      return {
        action: { type: 'None', reason: `paused: ${status.pause?.message ?? 'by an operator'}` },
        status,
      };
    case 'RollingBack':
      return decideRollback(status, ctx);
    case 'Rejected':
    case 'Succeeded':
    case 'Failed':
    case 'Aborted':
      return { action: { type: 'None', reason: `the migration is ${phase}` }, status };
  }
}

/** The write recorded in status.pendingWrite, again: same weights, same job id. */
function reissue(status: ClusterMigrationStatus, ctx: Context): MigrationControllerAction {
  const pending = status.pendingWrite;
  const services = status.services ?? [];
  if (pending === undefined) throw new Error('reissue without a pending write');
  switch (pending.kind) {
    case 'Step':
      return {
        type: 'ApplyWeights',
        step: pending.step ?? 0,
        weights: stepWeights(ctx.spec, pending.weightPercent ?? 0),
        services,
        jobId: pending.jobId,
      };
    case 'Rollback':
      return {
        type: 'Rollback',
        weights: stepWeights(ctx.spec, 0),
        services,
        jobId: pending.jobId,
      };
    case 'Finish':
      return {
        type: 'Complete',
        finish: ctx.spec.finish,
        services,
        fromCluster: ctx.spec.fromCluster,
        jobId: pending.jobId,
      };
  }
}

function decideProgressing(input: ClusterMigrationStatus, ctx: Context): Decided {
  let status = input;
  const lastIndex = planLength(status, ctx) - 1;
  if (status.promotedAt !== undefined) status = jumpToLastStep(status, ctx);
  // Bounded: each pass either returns or moves currentStep forward.
  for (;;) {
    const step = currentStepState(status);
    if (step === undefined) {
      return { action: { type: 'None', reason: 'no step to run' }, status };
    }
    if (step.appliedAt === undefined) {
      const gate = step.gate ?? { result: 'Pending' };
      if (gate.result === 'Passed' || gate.result === 'Skipped') {
        return intendStep(status, step, ctx);
      }
      // The gate is open: measure it now, or wait for the next measurement.
      const until = nextGateCheckAt(step, ctx);
      if (until === undefined || Date.parse(until) <= ctx.now.getTime()) {
        return { action: { type: 'CheckGate', step: step.index }, status };
      }
      return wait(status, until, `gate before step ${step.index} (${step.weightPercent}%)`, ctx);
    }
    const pause = step.pauseSeconds ?? ctx.spec.steps[step.index]?.pauseSeconds ?? 0;
    const holdUntil = addSeconds(step.appliedAt, pause);
    if (Date.parse(holdUntil) > ctx.now.getTime()) {
      return wait(status, holdUntil, `holding step ${step.index} (${step.weightPercent}%)`, ctx);
    }
    const finished: StepState = { ...step, finishedAt: step.finishedAt ?? ctx.at };
    const { nextStepAt: _n, wakeJobId: _w, ...rest } = status;
    status = { ...rest, stepStates: replaceStep(status, finished) };
    if (step.index >= lastIndex) return intendFinish(status, ctx);
    status = { ...status, currentStep: step.index + 1, attempt: 0 };
  }
}

function intendStep(status: ClusterMigrationStatus, step: StepState, ctx: Context): Decided {
  const jobId = migrationJobId(ctx.uid, step.index, status.attempt ?? 0);
  const { nextStepAt: _n, wakeJobId: _w, ...rest } = status;
  const next: ClusterMigrationStatus = {
    ...rest,
    pendingWrite: {
      kind: 'Step',
      step: step.index,
      weightPercent: step.weightPercent,
      jobId,
      intendedAt: ctx.at,
    },
    stepStates: replaceStep(status, { ...step, intendedAt: ctx.at }),
  };
  return { action: reissue(next, ctx), status: next };
}

function intendFinish(status: ClusterMigrationStatus, ctx: Context): Decided {
  const next: ClusterMigrationStatus = {
    ...status,
    pendingWrite: {
      kind: 'Finish',
      jobId: migrationJobId(ctx.uid, 'finish', status.attempt ?? 0),
      intendedAt: ctx.at,
    },
  };
  return { action: reissue(next, ctx), status: next };
}

function decideRollback(status: ClusterMigrationStatus, ctx: Context): Decided {
  const { nextStepAt: _n, wakeJobId: _w, ...rest } = status;
  if (!mayHaveWrittenWeights(status)) {
    // Nothing of ours reached AWS: the services keep the weights they had before the migration.
    const phase = status.rollback?.reason === 'Aborted' ? 'Aborted' : 'Failed';
    return {
      action: { type: 'None', reason: `the migration is ${phase}; no weights were changed` },
      status: { ...rest, phase, completedAt: ctx.at },
    };
  }
  const next: ClusterMigrationStatus = {
    ...rest,
    pendingWrite: {
      kind: 'Rollback',
      weightPercent: 0,
      jobId: migrationJobId(ctx.uid, 'rollback', status.attempt ?? 0),
      intendedAt: ctx.at,
    },
  };
  return { action: reissue(next, ctx), status: next };
}

/**
 * Promote: every step not applied yet, up to the last, is marked skipped, and the last step's
 * gate is skipped too (the operator vouches for the new cluster). The last step is then intended
 * like any other, so the jump to 100% is still one recorded, re-appliable write.
 */
function jumpToLastStep(status: ClusterMigrationStatus, ctx: Context): ClusterMigrationStatus {
  const lastIndex = planLength(status, ctx) - 1;
  const current = status.currentStep ?? 0;
  const last = status.stepStates?.[lastIndex];
  if (last === undefined || last.appliedAt !== undefined) return status;
  const stepStates = (status.stepStates ?? []).map((s): StepState => {
    if (s.index < current) return s;
    if (s.index === lastIndex) return { ...s, gate: { ...s.gate, result: 'Skipped' } };
    if (s.appliedAt !== undefined) return { ...s, finishedAt: s.finishedAt ?? ctx.at };
    return { ...s, skipped: true, gate: { ...s.gate, result: 'Skipped' } };
  });
  const { nextStepAt: _n, wakeJobId: _w, ...rest } = status;
  return {
    ...rest,
    stepStates,
    currentStep: lastIndex,
    attempt: current === lastIndex ? (status.attempt ?? 0) : 0,
  };
}

/**
 * Wait until `until` with a delayed job. The same wait decided twice keeps its job id (so the
 * enqueue is a no-op); a new wait gets the next attempt number, hence a new id.
 */
function wait(
  status: ClusterMigrationStatus,
  until: string,
  reason: string,
  ctx: Context,
): Decided {
  const step = status.currentStep ?? 0;
  if (status.nextStepAt === until && status.wakeJobId !== undefined) {
    return { action: { type: 'Wait', until, jobId: status.wakeJobId, reason }, status };
  }
  const attempt = (status.attempt ?? 0) + 1;
  const jobId = migrationJobId(ctx.uid, step, attempt);
  return {
    action: { type: 'Wait', until, jobId, reason },
    status: { ...status, attempt, nextStepAt: until, wakeJobId: jobId },
  };
}

/**
 * The split a migration imposes on one service, for the Lattice planner (mcs clusterWeights'
 * `override`): the last weights it applied, kept after it ends (Succeeded stays 0/100, Failed and
 * Aborted stay 100/0) until the ClusterMigration is deleted. Undefined when it never wrote any.
 */
export function migrationWeightOverride(
  spec: { fromCluster: string; toCluster: string },
  status: ClusterMigrationStatus,
  service: ServiceRef,
): ClusterPercentages | undefined {
  const applied = status.weightsApplied?.find(
    (w) => w.namespace === service.namespace && w.name === service.name,
  );
  if (applied === undefined) return undefined;
  return { [spec.fromCluster]: applied.fromPercent, [spec.toCluster]: applied.toPercent };
}
