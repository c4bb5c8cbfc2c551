// Operator operations on a migration (pause, resume, abort, promote), from REST or by editing
// the CR. An operation only changes the phase and a few markers; the weight writes it implies
// (a rollback, the jump to 100%) are decided by nextAction, so they go through the same
// intent-before-write protocol as every other step. The table in docs/migrations.md is
// OPERATION_TABLE below, rendered.
import type {
  ClusterMigrationStatus,
  MigrationPhase,
  ResolvedMigrationSpec,
} from '../api/cluster-migration.ts';
import { ConflictError } from '../errors/index.ts';
import type { MigrationOperation, MigrationOperationType } from './types.ts';

export type OperationErrorCode =
  'AlreadyFinished' | 'NotValidatedYet' | 'RollbackInProgress' | 'Finishing';

/** An operation that makes no sense in the current phase; a 409 at the REST API. */
export class MigrationOperationError extends ConflictError {
  readonly operation: MigrationOperationType;
  readonly phase: MigrationPhase;
  readonly code: OperationErrorCode;

  constructor(operation: MigrationOperationType, phase: MigrationPhase, code: OperationErrorCode) {
    super(`InvalidMigrationOperation`, operationErrorMessage(operation, phase, code));
    this.name = 'MigrationOperationError';
    this.operation = operation;
    this.phase = phase;
    this.code = code;
  }
}

function operationErrorMessage(
  operation: MigrationOperationType,
  phase: MigrationPhase,
  code: OperationErrorCode,
): string {
  const op = operation.toLowerCase();
  switch (code) {
    case 'AlreadyFinished':
      return `cannot ${op} a migration that is ${phase}; create a new ClusterMigration instead`;
    case 'NotValidatedYet':
      return `cannot ${op} a migration that has not been validated yet (${phase}); wait until it is Progressing`;
    case 'RollbackInProgress':
      return `cannot ${op} a migration while it rolls back to the old cluster; wait until it is Failed or Aborted`;
    case 'Finishing':
      return `cannot ${op} a migration that is already at 100% and finishing`;
  }
}

export type OperationResult =
  | { ok: true; status: ClusterMigrationStatus; changed: boolean }
  | { ok: false; error: MigrationOperationError };

/** What each operation does in each phase: a new phase, 'noop' (already so), or an error code. */
export type OperationOutcome = MigrationPhase | 'noop' | OperationErrorCode;

export const OPERATION_TABLE: Record<
  MigrationPhase,
  Record<MigrationOperationType, OperationOutcome>
> = {
  Pending: { Pause: 'Paused', Resume: 'noop', Abort: 'Aborted', Promote: 'NotValidatedYet' },
  Validating: { Pause: 'Paused', Resume: 'noop', Abort: 'Aborted', Promote: 'NotValidatedYet' },
  Progressing: { Pause: 'Paused', Resume: 'noop', Abort: 'RollingBack', Promote: 'Progressing' },
  // Resume goes back to where the pause came from (Pending or Progressing); Abort goes straight
  // to Aborted when no weight was ever written.
  Paused: { Pause: 'noop', Resume: 'Progressing', Abort: 'RollingBack', Promote: 'Progressing' },
  RollingBack: {
    Pause: 'RollbackInProgress',
    Resume: 'RollbackInProgress',
    Abort: 'noop',
    Promote: 'RollbackInProgress',
  },
  Rejected: {
    Pause: 'AlreadyFinished',
    Resume: 'AlreadyFinished',
    Abort: 'AlreadyFinished',
    Promote: 'AlreadyFinished',
  },
  Succeeded: {
    Pause: 'AlreadyFinished',
    Resume: 'AlreadyFinished',
    Abort: 'AlreadyFinished',
    Promote: 'noop',
  },
  Failed: {
    Pause: 'AlreadyFinished',
    Resume: 'AlreadyFinished',
    Abort: 'AlreadyFinished',
    Promote: 'AlreadyFinished',
  },
  Aborted: {
    Pause: 'AlreadyFinished',
    Resume: 'AlreadyFinished',
    Abort: 'noop',
    Promote: 'AlreadyFinished',
  },
};

/** True when some weights may have reached AWS: an abort must then roll them back. */
export function mayHaveWrittenWeights(status: ClusterMigrationStatus): boolean {
  return (
    (status.weightsApplied?.length ?? 0) > 0 ||
    (status.stepStates ?? []).some((s) => s.appliedAt !== undefined) ||
    status.pendingWrite !== undefined
  );
}

function isErrorCode(outcome: OperationOutcome): outcome is OperationErrorCode {
  return (
    outcome === 'AlreadyFinished' ||
    outcome === 'NotValidatedYet' ||
    outcome === 'RollbackInProgress' ||
    outcome === 'Finishing'
  );
}

/**
 * Apply one operation to a status. Pure and idempotent: applying an operation whose effect already
 * holds returns `changed: false`. Invalid operations return a typed error, never throw.
 */
export function applyOperation(
  status: ClusterMigrationStatus,
  op: MigrationOperation,
  now: Date,
): OperationResult {
  const phase: MigrationPhase = status.phase ?? 'Pending';
  const at = now.toISOString();
  const outcome = OPERATION_TABLE[phase][op.type];
  if (isErrorCode(outcome)) {
    return { ok: false, error: new MigrationOperationError(op.type, phase, outcome) };
  }
  if (outcome === 'noop') return { ok: true, status, changed: false };
  const finishing = status.pendingWrite?.kind === 'Finish';
  const by = op.requestedBy !== undefined ? ` by ${op.requestedBy}` : '';

  switch (op.type) {
    case 'Pause': {
      const { nextStepAt: _n, wakeJobId: _w, ...rest } = status;
      return {
        ok: true,
        changed: true,
        status: {
          ...rest,
          phase: 'Paused',
          pause: {
            reason: 'Manual',
            since: at,
            message: `paused${by}`,
            resumePhase: phase === 'Progressing' ? 'Progressing' : 'Pending',
          },
        },
      };
    }
    case 'Resume': {
      const { pause, nextStepAt: _n, wakeJobId: _w, ...rest } = status;
      const resumePhase = pause?.resumePhase ?? 'Progressing';
      const next: ClusterMigrationStatus = {
        ...rest,
        phase: resumePhase,
        // New wake-up jobs must not collide with the ones of before the pause.
        attempt: (status.attempt ?? 0) + 1,
      };
      if (pause?.reason === 'GateFailed' && next.stepStates !== undefined) {
        // The failed gate is measured afresh: a new timeout, a new healthy streak.
        next.stepStates = next.stepStates.map((s) =>
          s.index === status.currentStep ? { ...s, gate: { result: 'Pending' } } : s,
        );
      }
      return { ok: true, changed: true, status: next };
    }
    case 'Abort': {
      if (finishing) {
        return { ok: false, error: new MigrationOperationError(op.type, phase, 'Finishing') };
      }
      const { nextStepAt: _n, wakeJobId: _w, pause: _p, ...rest } = status;
      if (!mayHaveWrittenWeights(status)) {
        return {
          ok: true,
          changed: true,
          status: { ...rest, phase: 'Aborted', completedAt: at },
        };
      }
      return {
        ok: true,
        changed: true,
        status: {
          ...rest,
          phase: 'RollingBack',
          rollback: { reason: 'Aborted', message: `aborted${by}`, since: at },
        },
      };
    }
    case 'Promote': {
      if (phase === 'Paused' && status.pause?.resumePhase === 'Pending') {
        return { ok: false, error: new MigrationOperationError(op.type, phase, 'NotValidatedYet') };
      }
      if (status.promotedAt !== undefined && phase === 'Progressing') {
        return { ok: true, status, changed: false };
      }
      const { pause: _p, nextStepAt: _n, wakeJobId: _w, ...rest } = status;
      return {
        ok: true,
        changed: true,
        status: {
          ...rest,
          phase: 'Progressing',
          promotedAt: status.promotedAt ?? at,
          attempt: (status.attempt ?? 0) + 1,
        },
      };
    }
  }
}

/**
 * The operations an edited spec asks for, applied: `spec.action` once per (type, requestedAt),
 * recorded in status.lastAction with its outcome; then `spec.paused` as a level (true holds the
 * migration Paused; false resumes a manual pause, but not a pause after a failed gate, which
 * needs an explicit Resume action). Re-running it on the same spec changes nothing.
 */
export function reconcileSpecOperations(
  status: ClusterMigrationStatus,
  spec: ResolvedMigrationSpec,
  now: Date,
): ClusterMigrationStatus {
  let next = status;
  const action = spec.action;
  const last = status.lastAction;
  if (
    action !== undefined &&
    !(last !== undefined && last.type === action.type && last.requestedAt === action.requestedAt)
  ) {
    const result = applyOperation(
      next,
      {
        type: action.type,
        ...(action.requestedBy !== undefined ? { requestedBy: action.requestedBy } : {}),
      },
      now,
    );
    next = {
      ...(result.ok ? result.status : next),
      lastAction: {
        type: action.type,
        requestedAt: action.requestedAt,
        result: result.ok ? 'Applied' : 'Rejected',
        ...(result.ok ? {} : { message: result.error.message }),
      },
    };
  }
  const phase = next.phase ?? 'Pending';
  if (spec.paused && (phase === 'Pending' || phase === 'Validating' || phase === 'Progressing')) {
    // A pause while finishing would only delay the finish write, so it is ignored there.
    if (next.pendingWrite?.kind !== 'Finish') {
      const result = applyOperation(next, { type: 'Pause', requestedBy: 'spec.paused' }, now);
      if (result.ok) next = result.status;
    }
  } else if (!spec.paused && phase === 'Paused' && next.pause?.reason === 'Manual') {
    const result = applyOperation(next, { type: 'Resume' }, now);
    if (result.ok) next = result.status;
  }
  return next;
}
