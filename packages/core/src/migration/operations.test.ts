import { describe, expect, it } from 'vitest';
import {
  MIGRATION_PHASES,
  resolveMigrationSpec,
  type ClusterMigrationStatus,
  type MigrationPhase,
} from '../api/cluster-migration.ts';
import { httpStatusOf } from '../errors/index.ts';
import {
  applyOperation,
  MigrationOperationError,
  OPERATION_TABLE,
  reconcileSpecOperations,
} from './operations.ts';
import type { MigrationOperationType } from './types.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const OPS: MigrationOperationType[] = ['Pause', 'Resume', 'Abort', 'Promote'];

/** A representative status per phase; Progressing/Paused have written weights. */
function statusIn(phase: MigrationPhase): ClusterMigrationStatus {
  const written: ClusterMigrationStatus = {
    currentStep: 1,
    attempt: 2,
    services: [{ namespace: 'shop', name: 'cart' }],
    stepStates: [
      {
        index: 0,
        weightPercent: 10,
        appliedAt: '2026-06-01T11:00:00Z',
        finishedAt: '2026-06-01T11:05:00Z',
      },
      { index: 1, weightPercent: 100, gate: { result: 'Pending' } },
    ],
    weightsApplied: [
      {
        namespace: 'shop',
        name: 'cart',
        fromPercent: 90,
        toPercent: 10,
        appliedAt: '2026-06-01T11:00:00Z',
      },
    ],
  };
  switch (phase) {
    case 'Pending':
    case 'Validating':
    case 'Rejected':
      return { phase };
    case 'Paused':
      return {
        ...written,
        phase,
        pause: { reason: 'Manual', since: '2026-06-01T11:30:00Z', resumePhase: 'Progressing' },
      };
    case 'RollingBack':
      return {
        ...written,
        phase,
        rollback: { reason: 'GateFailed', message: 'x', since: '2026-06-01T11:30:00Z' },
      };
    default:
      return { ...written, phase };
  }
}

describe('applyOperation in every phase', () => {
  for (const phase of MIGRATION_PHASES) {
    for (const op of OPS) {
      const expected = OPERATION_TABLE[phase][op];
      it(`${op} in ${phase} → ${expected}`, () => {
        const status = statusIn(phase);
        const result = applyOperation(status, { type: op, requestedBy: 'alice' }, NOW);
        if (expected === 'noop') {
          expect(result).toEqual({ ok: true, status, changed: false });
        } else if (MIGRATION_PHASES.includes(expected as MigrationPhase)) {
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.changed).toBe(true);
          expect(result.status.phase).toBe(expected);
          // Applying the same operation again is a no-op (or at least keeps the phase).
          const again = applyOperation(result.status, { type: op }, NOW);
          expect(again.ok && again.status.phase).toBe(expected);
        } else {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error).toBeInstanceOf(MigrationOperationError);
          expect(result.error).toMatchObject({ operation: op, phase, code: expected });
          expect(result.error.message).toMatch(new RegExp(`cannot ${op.toLowerCase()}`));
          expect(httpStatusOf(result.error)).toBe(409);
        }
      });
    }
  }
});

describe('operation details', () => {
  it('pause records why and where to resume, and drops the pending wake-up', () => {
    const status = {
      ...statusIn('Progressing'),
      nextStepAt: '2026-06-01T12:05:00Z',
      wakeJobId: 'u:1:2',
    };
    const result = applyOperation(status, { type: 'Pause', requestedBy: 'alice' }, NOW);
    expect(result.ok && result.status).toMatchObject({
      phase: 'Paused',
      pause: {
        reason: 'Manual',
        since: NOW.toISOString(),
        message: 'paused by alice',
        resumePhase: 'Progressing',
      },
    });
    expect(result.ok && result.status.nextStepAt).toBeUndefined();
    expect(applyOperation({ phase: 'Validating' }, { type: 'Pause' }, NOW)).toMatchObject({
      status: { pause: { resumePhase: 'Pending' } },
    });
  });

  it('resume moves the attempt on, so new wake-up job ids never collide with old ones', () => {
    const result = applyOperation(statusIn('Paused'), { type: 'Resume' }, NOW);
    expect(result.ok && result.status).toMatchObject({ phase: 'Progressing', attempt: 3 });
    expect(result.ok && result.status.pause).toBeUndefined();
    const fromPending = applyOperation(
      {
        phase: 'Paused',
        pause: { reason: 'Manual', since: NOW.toISOString(), resumePhase: 'Pending' },
      },
      { type: 'Resume' },
      NOW,
    );
    expect(fromPending.ok && fromPending.status.phase).toBe('Pending');
  });

  it('abort without any written weight ends Aborted at once; with weights it rolls back', () => {
    expect(applyOperation({ phase: 'Pending' }, { type: 'Abort' }, NOW)).toMatchObject({
      status: { phase: 'Aborted', completedAt: NOW.toISOString() },
    });
    expect(
      applyOperation(statusIn('Progressing'), { type: 'Abort', requestedBy: 'bob' }, NOW),
    ).toMatchObject({
      status: { phase: 'RollingBack', rollback: { reason: 'Aborted', message: 'aborted by bob' } },
    });
  });

  it('abort is refused while the finish is being written (promote is harmless there)', () => {
    const finishing: ClusterMigrationStatus = {
      ...statusIn('Progressing'),
      pendingWrite: { kind: 'Finish', jobId: 'u:finish:0', intendedAt: NOW.toISOString() },
    };
    expect(applyOperation(finishing, { type: 'Abort' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'Finishing' },
    });
  });

  it('promote of a migration paused before validation is refused', () => {
    const result = applyOperation(
      {
        phase: 'Paused',
        pause: { reason: 'Manual', since: NOW.toISOString(), resumePhase: 'Pending' },
      },
      { type: 'Promote' },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NotValidatedYet' } });
  });

  it('promote twice is a no-op', () => {
    const once = applyOperation(statusIn('Progressing'), { type: 'Promote' }, NOW);
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    expect(applyOperation(once.status, { type: 'Promote' }, NOW)).toMatchObject({ changed: false });
  });
});

describe('reconcileSpecOperations', () => {
  const base = resolveMigrationSpec({ fromCluster: 'a', toCluster: 'b', services: { all: true } });

  it('is idempotent for the same spec', () => {
    const spec = {
      ...base,
      paused: true,
      action: { type: 'Abort' as const, requestedAt: NOW.toISOString() },
    };
    const once = reconcileSpecOperations(statusIn('Progressing'), spec, NOW);
    const twice = reconcileSpecOperations(once, spec, new Date(NOW.getTime() + 60_000));
    expect(twice).toEqual(once);
    expect(once.phase).toBe('RollingBack'); // the level pause does not apply to a rollback
  });

  it('lets a level pause win over a Resume action', () => {
    const spec = {
      ...base,
      paused: true,
      action: { type: 'Resume' as const, requestedAt: NOW.toISOString() },
    };
    const result = reconcileSpecOperations(statusIn('Paused'), spec, NOW);
    expect(result.phase).toBe('Paused');
    expect(result.lastAction).toMatchObject({ type: 'Resume', result: 'Applied' });
  });
});
