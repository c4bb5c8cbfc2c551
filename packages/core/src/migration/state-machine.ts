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
  isTerminalPhase,
  resolveMigrationSpec,
  type ClusterMigrationStatus,
  type MigrationPhase,
  type ResolvedMigrationSpec,
  type ServiceRef,
  type StepState,
} from '../api/cluster-migration.ts';
import { setCondition, type ConditionUpdate } from '../conditions/index.ts';
import { migrationJobId } from './job-id.ts';
import { mayHaveWrittenWeights, reconcileSpecOperations } from './operations.ts';
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

const addSeconds = (iso: string, seconds: number): string =>
  new Date(Date.parse(iso) + seconds * 1000).toISOString();

interface Context {
  uid: string;
  spec: ResolvedMigrationSpec;
  now: Date;
  at: string;
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

function absorbGate(
  status: ClusterMigrationStatus,
  m: Extract<MigrationObservation, { type: 'GateMeasured' }>,
  ctx: Context,
): ClusterMigrationStatus {
  const step = currentStepState(status);
  if (
    status.phase !== 'Progressing' ||
    status.pendingWrite !== undefined ||
    step === undefined ||
    step.index !== m.step ||
    step.appliedAt !== undefined ||
    step.gate?.result !== 'Pending'
  ) {
    return status; // a measurement for a gate that is not open any more
  }
  const gate = ctx.spec.healthGate;
  const ratioOk = m.healthyRatio >= gate.minHealthyTargetRatio;
  const probeOk = gate.probe === undefined || m.probe?.ok === true;
  const healthy = ratioOk && probeOk;
  const startedAt = step.gate.startedAt ?? ctx.at;
  const ratioText = `${(m.healthyRatio * 100).toFixed(0)}% of ${ctx.spec.toCluster}'s targets healthy (need ${(gate.minHealthyTargetRatio * 100).toFixed(0)}%)`;
  const probeText =
    gate.probe === undefined
      ? ''
      : `; probe ${gate.probe.path} ${m.probe?.ok === true ? 'ok' : `failed${m.probe?.message !== undefined ? `: ${m.probe.message}` : ''}`}`;
  const message = ratioText + probeText;
  let result: 'Pending' | 'Passed' | 'Failed' = 'Pending';
  let healthySince: string | undefined;
  if (healthy) {
    healthySince = step.gate.healthySince ?? ctx.at;
    if (Date.parse(ctx.at) - Date.parse(healthySince) >= gate.holdSeconds * 1000) result = 'Passed';
  } else if (Date.parse(ctx.at) - Date.parse(startedAt) >= gate.timeoutSeconds * 1000) {
    result = 'Failed';
  }
  const updated: StepState = {
    ...step,
    gate: {
      result,
      observedRatio: m.healthyRatio,
      checkedAt: ctx.at,
      message,
      startedAt,
      ...(healthySince !== undefined ? { healthySince } : {}),
    },
  };
  const next: ClusterMigrationStatus = { ...status, stepStates: replaceStep(status, updated) };
  if (result !== 'Failed') return next;
  const failure = `gate before step ${m.step} (${step.weightPercent}%) failed after ${gate.timeoutSeconds}s: ${message}`;
  const { nextStepAt: _n, wakeJobId: _w, ...rest } = next;
  if (ctx.spec.failurePolicy === 'Pause') {
    return {
      ...rest,
      phase: 'Paused',
      pause: { reason: 'GateFailed', since: ctx.at, message: failure, resumePhase: 'Progressing' },
    };
  }
  return {
    ...rest,
    phase: 'RollingBack',
    rollback: { reason: 'GateFailed', message: failure, since: ctx.at },
  };
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

/** When the open gate should be measured next; undefined = now (never measured). */
function nextGateCheckAt(step: StepState, ctx: Context): string | undefined {
  const gate = step.gate;
  if (gate?.checkedAt === undefined) return undefined;
  if (gate.healthySince !== undefined) {
    // Healthy but not held long enough: look again when the hold is over (or sooner).
    const holdOver = addSeconds(gate.healthySince, ctx.spec.healthGate.holdSeconds);
    const interval = addSeconds(gate.checkedAt, ctx.spec.healthGate.intervalSeconds);
    return holdOver < interval ? holdOver : interval;
  }
  return addSeconds(gate.checkedAt, ctx.spec.healthGate.intervalSeconds);
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
 * The plan is frozen into stepStates at validation: editing spec.steps of a running migration
 * must not move weights it already applied or re-number its steps.
 */
function planLength(status: ClusterMigrationStatus, ctx: Context): number {
  return status.stepStates?.length ?? ctx.spec.steps.length;
}

function currentStepState(status: ClusterMigrationStatus): StepState | undefined {
  const index = status.currentStep ?? 0;
  return status.stepStates?.find((s) => s.index === index);
}

function replaceStep(status: ClusterMigrationStatus, step: StepState): StepState[] {
  return (status.stepStates ?? []).map((s) => (s.index === step.index ? step : s));
}

// ---------------------------------------------------------------------------------------------
// Conditions

function withConditions(
  status: ClusterMigrationStatus,
  generation: number,
  now: Date,
): ClusterMigrationStatus {
  const phase: MigrationPhase = status.phase ?? 'Pending';
  const updates: ConditionUpdate[] = [];
  const step = currentStepState(status);
  const where =
    step !== undefined
      ? `step ${step.index + 1}/${status.stepStates?.length ?? 0} (${step.weightPercent}%)`
      : '';
  updates.push(
    phase === 'Rejected'
      ? {
          type: 'Valid',
          status: 'False',
          reason: 'Rejected',
          message: (status.rejections ?? []).map(rejectionText).join('; '),
        }
      : status.services !== undefined
        ? { type: 'Valid', status: 'True', reason: 'Validated', message: '' }
        : { type: 'Valid', status: 'Unknown', reason: 'NotValidatedYet', message: '' },
  );
  const moving = phase === 'Validating' || phase === 'Progressing' || phase === 'RollingBack';
  updates.push({
    type: 'Progressing',
    status: moving ? 'True' : 'False',
    reason: phase,
    message: phase === 'RollingBack' ? (status.rollback?.message ?? '') : moving ? where : '',
  });
  updates.push({
    type: 'Paused',
    status: phase === 'Paused' ? 'True' : 'False',
    reason: phase === 'Paused' ? (status.pause?.reason ?? 'Manual') : 'NotPaused',
    message: phase === 'Paused' ? (status.pause?.message ?? '') : '',
  });
  updates.push(readyCondition(status, phase, where));
  let conditions = status.conditions;
  for (const u of updates)
    conditions = setCondition(conditions, { ...u, observedGeneration: generation }, now);
  return { ...status, conditions: conditions ?? [] };
}

function readyCondition(
  status: ClusterMigrationStatus,
  phase: MigrationPhase,
  where: string,
): ConditionUpdate {
  if (phase === 'Succeeded') {
    return {
      type: 'Ready',
      status: 'True',
      reason: 'Succeeded',
      message: 'all traffic on the new cluster',
    };
  }
  if (isTerminalPhase(phase)) {
    const message =
      phase === 'Rejected'
        ? (status.rejections ?? []).map(rejectionText).join('; ')
        : (status.rollback?.message ?? '');
    return { type: 'Ready', status: 'False', reason: phase, message };
  }
  return { type: 'Ready', status: 'Unknown', reason: phase, message: where };
}

function rejectionText(r: { namespace?: string; name?: string; message: string }): string {
  return r.namespace !== undefined && r.name !== undefined
    ? `${r.namespace}/${r.name}: ${r.message}`
    : r.message;
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
