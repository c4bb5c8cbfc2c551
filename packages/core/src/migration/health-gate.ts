// The health gate before each step: a measurement (healthy-target ratio of toCluster, optional
// probe) extends or breaks a healthy streak; the gate passes once the streak has lasted
// holdSeconds and fails when it is still unhealthy timeoutSeconds after its first check. A failed
// gate pauses or rolls back, by failurePolicy.
import type { ClusterMigrationStatus, StepState } from '../api/cluster-migration.ts';
import { addSeconds, currentStepState, replaceStep, type Context } from './step-states.ts';
import type { MigrationObservation } from './types.ts';

export function absorbGate(
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

/** When the open gate should be measured next; undefined = now (never measured). */
export function nextGateCheckAt(step: StepState, ctx: Context): string | undefined {
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
