// The conditions of a ClusterMigration, derived from its phase after every decision: Valid,
// Progressing, Paused and Ready (Unknown while it runs, True when Succeeded, False when it ended
// otherwise), each with a message a person can act on.
import {
  isTerminalPhase,
  type ClusterMigrationStatus,
  type MigrationPhase,
} from '../api/cluster-migration.ts';
import { setCondition, type ConditionUpdate } from '../conditions/index.ts';
import { currentStepState } from './step-states.ts';

export function withConditions(
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
