import { describe, expect, it } from 'vitest';
import type { ClusterMigrationSpec, ClusterMigrationStatus } from '../api/cluster-migration.ts';
import { getCondition } from '../conditions/index.ts';
import { migrationWeightOverride, nextAction } from './state-machine.ts';
import type { MigrationDecision, MigrationObservation } from './types.ts';

const T0 = Date.parse('2026-06-01T10:00:00Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const iso = (seconds: number): string => at(seconds).toISOString();
const SERVICES = [{ namespace: 'shop', name: 'cart' }];

function spec(overrides: Partial<ClusterMigrationSpec> = {}): ClusterMigrationSpec {
  return {
    fromCluster: 'blue',
    toCluster: 'green',
    services: { all: true },
    steps: [
      { weightPercent: 10, pauseSeconds: 60 },
      { weightPercent: 100, pauseSeconds: 0 },
    ],
    healthGate: {
      minHealthyTargetRatio: 0.9,
      holdSeconds: 0,
      timeoutSeconds: 60,
      intervalSeconds: 10,
    },
    ...overrides,
  };
}

function step(
  status: ClusterMigrationStatus,
  observation: MigrationObservation,
  seconds: number,
  s: ClusterMigrationSpec = spec(),
): MigrationDecision {
  return nextAction({ uid: 'u1', generation: 1, spec: s, status }, observation, at(seconds));
}

/** A migration validated and at the gate of step 0. */
function progressing(s = spec()): ClusterMigrationStatus {
  const validating = step({}, { type: 'Tick' }, 0, s).newState;
  return step(validating, { type: 'Validated', result: { ok: true, services: SERVICES } }, 0, s)
    .newState;
}

describe('nextAction: the happy path', () => {
  it('validates, gates, intends, applies, holds, advances and finishes', () => {
    const first = step({}, { type: 'Tick' }, 0);
    expect(first.action).toEqual({ type: 'Validate' });
    expect(first.newState.phase).toBe('Validating');
    expect(first.newState.observedGeneration).toBe(1);

    const validated = step(
      first.newState,
      { type: 'Validated', result: { ok: true, services: SERVICES } },
      1,
    );
    expect(validated.action).toEqual({ type: 'CheckGate', step: 0 });
    expect(validated.newState).toMatchObject({
      phase: 'Progressing',
      currentStep: 0,
      services: SERVICES,
      startedAt: iso(1),
    });

    const gated = step(validated.newState, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 2);
    expect(gated.action).toEqual({
      type: 'ApplyWeights',
      step: 0,
      weights: { blue: 90, green: 10 },
      services: SERVICES,
      jobId: 'u1:0:0',
    });
    // The intent is in the status that is persisted BEFORE the write.
    expect(gated.newState.pendingWrite).toMatchObject({ kind: 'Step', step: 0, weightPercent: 10 });
    expect(gated.newState.stepStates?.[0]).toMatchObject({ intendedAt: iso(2) });
    expect(gated.newState.stepStates?.[0]?.appliedAt).toBeUndefined();

    const applied = step(gated.newState, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 3);
    expect(applied.action).toEqual({
      type: 'Wait',
      until: iso(63),
      jobId: 'u1:0:1',
      reason: 'holding step 0 (10%)',
    });
    expect(applied.newState.pendingWrite).toBeUndefined();
    expect(applied.newState.stepStates?.[0]?.appliedAt).toBe(iso(3));
    expect(applied.newState.weightsApplied).toEqual([
      { namespace: 'shop', name: 'cart', fromPercent: 90, toPercent: 10, appliedAt: iso(3) },
    ]);
    expect(applied.newState.nextStepAt).toBe(iso(63));

    const early = step(applied.newState, { type: 'Tick' }, 30);
    expect(early.action).toMatchObject({ type: 'Wait', jobId: 'u1:0:1' }); // same wait, same id

    const next = step(applied.newState, { type: 'Tick' }, 63);
    expect(next.action).toEqual({ type: 'CheckGate', step: 1 });
    expect(next.newState).toMatchObject({ currentStep: 1, attempt: 0 });
    expect(next.newState.stepStates?.[0]?.finishedAt).toBe(iso(63));

    const gated2 = step(next.newState, { type: 'GateMeasured', step: 1, healthyRatio: 0.95 }, 64);
    expect(gated2.action).toMatchObject({ type: 'ApplyWeights', weights: { blue: 0, green: 100 } });
    const applied2 = step(gated2.newState, { type: 'WeightsWritten', jobId: 'u1:1:0' }, 65);
    expect(applied2.action).toEqual({
      type: 'Complete',
      finish: 'ZeroWeight',
      services: SERVICES,
      fromCluster: 'blue',
      jobId: 'u1:finish:0',
    });
    expect(applied2.newState.pendingWrite?.kind).toBe('Finish');
    const done = step(applied2.newState, { type: 'Finished', jobId: 'u1:finish:0' }, 66);
    expect(done.action.type).toBe('None');
    expect(done.newState).toMatchObject({ phase: 'Succeeded', completedAt: iso(66) });
    expect(getCondition(done.newState.conditions, 'Ready')?.status).toBe('True');
    expect(
      migrationWeightOverride(spec(), done.newState, { namespace: 'shop', name: 'cart' }),
    ).toEqual({ blue: 0, green: 100 });
    expect(step(done.newState, { type: 'Tick' }, 99).action.type).toBe('None');
  });

  it('rejects with reasons once, then stays Rejected', () => {
    const validating = step({}, { type: 'Tick' }, 0).newState;
    const reasons = [
      { namespace: 'shop', name: 'cart', reason: 'NotExported', message: 'not exported by green' },
    ];
    const rejected = step(
      validating,
      { type: 'Validated', result: { ok: false, rejections: reasons } },
      1,
    );
    expect(rejected.action).toEqual({ type: 'Reject', reasons });
    expect(rejected.newState.phase).toBe('Rejected');
    expect(getCondition(rejected.newState.conditions, 'Valid')).toMatchObject({
      status: 'False',
      message: 'shop/cart: not exported by green',
    });
    expect(step(rejected.newState, { type: 'Tick' }, 2).action.type).toBe('None');
  });

  it('keeps validating while the verdict is outstanding and ignores a late verdict', () => {
    const validating = step({}, { type: 'Tick' }, 0).newState;
    expect(step(validating, { type: 'Tick' }, 5).action).toEqual({ type: 'Validate' });
    const running = progressing();
    const late = step(running, { type: 'Validated', result: { ok: false, rejections: [] } }, 5);
    expect(late.newState.phase).toBe('Progressing');
  });
});

describe('nextAction: the crash-safety protocol', () => {
  it('re-applies the same weights with the same job id while the intent is unconfirmed', () => {
    const gated = step(progressing(), { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 2);
    // Crash after persisting the intent: a restart (any job, any time later) re-applies.
    for (const seconds of [3, 100, 10_000]) {
      const again = step(gated.newState, { type: 'Tick' }, seconds);
      expect(again.action).toEqual(gated.action);
      expect(again.newState.pendingWrite).toEqual(gated.newState.pendingWrite);
    }
  });

  it('ignores confirmations of another job id and duplicate confirmations', () => {
    const gated = step(progressing(), { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 2);
    const stale = step(gated.newState, { type: 'WeightsWritten', jobId: 'u1:0:7' }, 3);
    expect(stale.newState.pendingWrite).toBeDefined();
    expect(stale.action.type).toBe('ApplyWeights');
    const applied = step(gated.newState, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 3);
    const duplicate = step(applied.newState, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 4);
    expect(duplicate.newState.stepStates?.[0]?.appliedAt).toBe(iso(3));
    expect(duplicate.action).toMatchObject({ type: 'Wait', jobId: 'u1:0:1' });
  });

  it('finishes an outstanding write before pausing, aborting or promoting takes effect', () => {
    const gated = step(progressing(), { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 2);
    for (const edit of [
      { paused: true },
      { action: { type: 'Abort' as const, requestedAt: iso(3) } },
      { action: { type: 'Promote' as const, requestedAt: iso(3) } },
    ]) {
      const s = spec(edit);
      const decision = step(gated.newState, { type: 'Tick' }, 3, s);
      expect(decision.action).toEqual(gated.action);
    }
    // Abort: once the step is confirmed, the rollback is intended and written.
    const abortSpec = spec({ action: { type: 'Abort', requestedAt: iso(3) } });
    const aborting = step(gated.newState, { type: 'Tick' }, 3, abortSpec);
    expect(aborting.newState.phase).toBe('RollingBack');
    const rollback = step(
      aborting.newState,
      { type: 'WeightsWritten', jobId: 'u1:0:0' },
      4,
      abortSpec,
    );
    expect(rollback.action).toEqual({
      type: 'Rollback',
      weights: { blue: 100, green: 0 },
      services: SERVICES,
      jobId: 'u1:rollback:0',
    });
    const aborted = step(
      rollback.newState,
      { type: 'WeightsWritten', jobId: 'u1:rollback:0' },
      5,
      abortSpec,
    );
    expect(aborted.newState).toMatchObject({ phase: 'Aborted', completedAt: iso(5) });
    expect(aborted.newState.weightsApplied?.[0]).toMatchObject({ fromPercent: 100, toPercent: 0 });
  });

  it('re-issues an unconfirmed finish', () => {
    const s = spec({ steps: [{ weightPercent: 100, pauseSeconds: 0 }], finish: 'RemoveOldExport' });
    const gated = step(progressing(s), { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 1, s);
    const finishing = step(gated.newState, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 2, s);
    expect(finishing.action).toMatchObject({ type: 'Complete', finish: 'RemoveOldExport' });
    expect(step(finishing.newState, { type: 'Tick' }, 50, s).action).toEqual(finishing.action);
  });
});

describe('nextAction: health gates', () => {
  it('holds a healthy gate for holdSeconds before it passes', () => {
    const s = spec({
      healthGate: { minHealthyTargetRatio: 1, holdSeconds: 30, intervalSeconds: 10 },
    });
    const first = step(progressing(s), { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 0, s);
    expect(first.action).toEqual({
      type: 'Wait',
      until: iso(10),
      jobId: 'u1:0:1',
      reason: 'gate before step 0 (10%)',
    });
    expect(first.newState.stepStates?.[0]?.gate).toMatchObject({
      result: 'Pending',
      healthySince: iso(0),
    });
    expect(step(first.newState, { type: 'Tick' }, 10, s).action).toEqual({
      type: 'CheckGate',
      step: 0,
    });
    // An unhealthy check restarts the streak.
    const dip = step(first.newState, { type: 'GateMeasured', step: 0, healthyRatio: 0.5 }, 10, s);
    expect(dip.newState.stepStates?.[0]?.gate?.healthySince).toBeUndefined();
    const back = step(dip.newState, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 20, s);
    const notYet = step(back.newState, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 40, s);
    expect(notYet.action.type).toBe('Wait');
    const passed = step(notYet.newState, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 50, s);
    expect(passed.action.type).toBe('ApplyWeights');
    expect(passed.newState.stepStates?.[0]?.gate).toMatchObject({
      result: 'Passed',
      observedRatio: 1,
    });
  });

  it('requires the probe when the gate has one', () => {
    const s = spec({
      healthGate: {
        minHealthyTargetRatio: 0.5,
        holdSeconds: 0,
        probe: { path: '/healthz', expectedStatus: 200 },
      },
    });
    const failing = step(
      progressing(s),
      { type: 'GateMeasured', step: 0, healthyRatio: 1, probe: { ok: false, message: 'got 503' } },
      0,
      s,
    );
    expect(failing.action.type).toBe('Wait');
    expect(failing.newState.stepStates?.[0]?.gate?.message).toContain(
      'probe /healthz failed: got 503',
    );
    const ok = step(
      failing.newState,
      { type: 'GateMeasured', step: 0, healthyRatio: 1, probe: { ok: true } },
      15,
      s,
    );
    expect(ok.action.type).toBe('ApplyWeights');
  });

  it('rolls back (Rollback policy) after the timeout, or fails without writes when none happened', () => {
    const s = spec();
    let state = progressing(s);
    state = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 0.2 }, 0, s).newState;
    const failed = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 0.2 }, 60, s);
    // Nothing was ever written: the services keep their pre-migration weights.
    expect(failed.newState.phase).toBe('Failed');
    expect(failed.newState.rollback?.reason).toBe('GateFailed');
    expect(failed.newState.stepStates?.[0]?.gate?.result).toBe('Failed');
    expect(failed.action.type).toBe('None');
  });

  it('rolls back written weights when a later gate fails', () => {
    const s = spec();
    let state = progressing(s);
    state = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 0, s).newState;
    state = step(state, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 1, s).newState;
    state = step(state, { type: 'Tick' }, 61, s).newState;
    state = step(state, { type: 'GateMeasured', step: 1, healthyRatio: 0 }, 61, s).newState;
    const failing = step(state, { type: 'GateMeasured', step: 1, healthyRatio: 0 }, 121, s);
    expect(failing.newState.phase).toBe('RollingBack');
    expect(failing.action).toMatchObject({ type: 'Rollback', weights: { blue: 100, green: 0 } });
    expect(failing.action).toMatchObject({ jobId: 'u1:rollback:1' });
    const failed = step(
      failing.newState,
      { type: 'WeightsWritten', jobId: 'u1:rollback:1' },
      122,
      s,
    );
    expect(failed.newState.phase).toBe('Failed');
    expect(getCondition(failed.newState.conditions, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'Failed',
    });
  });

  it('pauses (Pause policy) after the timeout; a Resume action measures the gate afresh', () => {
    const s = spec({ failurePolicy: 'Pause' });
    let state = progressing(s);
    state = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 0.2 }, 0, s).newState;
    const paused = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 0.2 }, 60, s);
    expect(paused.newState).toMatchObject({ phase: 'Paused', pause: { reason: 'GateFailed' } });
    expect(paused.action.type).toBe('None');
    // spec.paused=false does not resume a gate failure; the Resume action does.
    expect(step(paused.newState, { type: 'Tick' }, 70, s).newState.phase).toBe('Paused');
    const r = spec({ failurePolicy: 'Pause', action: { type: 'Resume', requestedAt: iso(80) } });
    const resumed = step(paused.newState, { type: 'Tick' }, 80, r);
    expect(resumed.action).toEqual({ type: 'CheckGate', step: 0 });
    expect(resumed.newState.stepStates?.[0]?.gate).toEqual({ result: 'Pending' });
    expect(resumed.newState.lastAction).toMatchObject({ type: 'Resume', result: 'Applied' });
  });

  it('ignores measurements for a gate that is not open', () => {
    const state = progressing();
    const other = step(state, { type: 'GateMeasured', step: 1, healthyRatio: 1 }, 0);
    expect(other.action).toEqual({ type: 'CheckGate', step: 0 });
    expect(other.newState.stepStates?.[1]?.gate?.checkedAt).toBeUndefined();
  });
});

describe('nextAction: operations through the spec', () => {
  it('spec.paused holds the migration and a manual pause resumes when it is cleared', () => {
    const state = progressing();
    const paused = step(state, { type: 'Tick' }, 1, spec({ paused: true }));
    expect(paused.newState).toMatchObject({ phase: 'Paused', pause: { reason: 'Manual' } });
    expect(paused.action.type).toBe('None');
    expect(getCondition(paused.newState.conditions, 'Paused')?.status).toBe('True');
    // Idempotent: the same spec again changes nothing.
    expect(
      step(paused.newState, { type: 'Tick' }, 2, spec({ paused: true })).newState.pause?.since,
    ).toBe(iso(1));
    const resumed = step(paused.newState, { type: 'Tick' }, 3, spec({ paused: false }));
    expect(resumed.newState.phase).toBe('Progressing');
    expect(resumed.action).toEqual({ type: 'CheckGate', step: 0 });
  });

  it('a paused-at-creation migration validates only after resume', () => {
    const paused = step({}, { type: 'Tick' }, 0, spec({ paused: true }));
    expect(paused.newState).toMatchObject({ phase: 'Paused', pause: { resumePhase: 'Pending' } });
    const resumed = step(paused.newState, { type: 'Tick' }, 1, spec());
    expect(resumed.action).toEqual({ type: 'Validate' });
  });

  it('acts on an action once per requestedAt and records rejected ones', () => {
    const promote = spec({ action: { type: 'Promote', requestedAt: iso(5) } });
    const s0 = progressing();
    const promoted = step(s0, { type: 'Tick' }, 5, promote);
    expect(promoted.action).toMatchObject({
      type: 'ApplyWeights',
      step: 1,
      weights: { green: 100 },
    });
    expect(promoted.newState.stepStates?.[0]).toMatchObject({
      skipped: true,
      gate: { result: 'Skipped' },
    });
    expect(promoted.newState.lastAction).toMatchObject({ type: 'Promote', result: 'Applied' });
    const pending = step({}, { type: 'Tick' }, 0, promote);
    expect(pending.newState.lastAction).toMatchObject({ type: 'Promote', result: 'Rejected' });
    expect(pending.newState.lastAction?.message).toContain('has not been validated yet');
    // The same action again is not re-evaluated (the record stays as it was).
    const again = step(pending.newState, { type: 'Tick' }, 1, promote);
    expect(again.newState.lastAction).toEqual(pending.newState.lastAction);
  });

  it('a promote while holding a step ends the hold and jumps to 100%', () => {
    let state = progressing();
    state = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 0).newState;
    state = step(state, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 1).newState;
    const promote = spec({ action: { type: 'Promote', requestedAt: iso(10) } });
    const jumped = step(state, { type: 'Tick' }, 10, promote);
    expect(jumped.action).toMatchObject({ type: 'ApplyWeights', step: 1, jobId: 'u1:1:0' });
    expect(jumped.newState.stepStates?.[0]).toMatchObject({ finishedAt: iso(10) });
    expect(jumped.newState.stepStates?.[0]?.skipped).toBeUndefined();
    expect(jumped.newState.nextStepAt).toBeUndefined();
  });

  it('aborting before anything was written ends Aborted without a rollback write', () => {
    const abort = spec({ action: { type: 'Abort', requestedAt: iso(1) } });
    const aborted = step(progressing(), { type: 'Tick' }, 1, abort);
    expect(aborted.newState.phase).toBe('Aborted');
    expect(aborted.action.type).toBe('None');
  });
});

describe('nextAction: the plan is frozen at validation', () => {
  it('ignores edits of spec.steps after validation', () => {
    let state = progressing();
    state = step(state, { type: 'GateMeasured', step: 0, healthyRatio: 1 }, 0).newState;
    state = step(state, { type: 'WeightsWritten', jobId: 'u1:0:0' }, 1).newState;
    const edited = spec({
      steps: [
        { weightPercent: 5, pauseSeconds: 0 },
        { weightPercent: 50, pauseSeconds: 0 },
        { weightPercent: 100, pauseSeconds: 0 },
      ],
    });
    // Still holding step 0 for its original 60 s, and step 1 is still 100%.
    expect(step(state, { type: 'Tick' }, 30, edited).action).toMatchObject({
      type: 'Wait',
      until: iso(61),
    });
    const next = step(state, { type: 'Tick' }, 61, edited).newState;
    const applied = step(next, { type: 'GateMeasured', step: 1, healthyRatio: 1 }, 62, edited);
    expect(applied.action).toMatchObject({ type: 'ApplyWeights', weights: { green: 100 } });
  });
});
