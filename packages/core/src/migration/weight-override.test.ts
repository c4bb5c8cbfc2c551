import { describe, expect, it } from 'vitest';
import type { ClusterMigrationStatus } from '../api/cluster-migration.ts';
import { migrationIntendedWeights, serviceWeightOverride } from './weight-override.ts';

const CART = { namespace: 'shop', name: 'cart' };
const spec = { fromCluster: 'blue', toCluster: 'green' };
const applied = (toPercent: number): ClusterMigrationStatus['weightsApplied'] => [
  { ...CART, fromPercent: 100 - toPercent, toPercent, appliedAt: '2026-06-01T10:00:00Z' },
];

describe('migrationIntendedWeights', () => {
  it('is the outstanding step intent while one is recorded', () => {
    const status: ClusterMigrationStatus = {
      phase: 'Progressing',
      services: [CART],
      weightsApplied: applied(10),
      pendingWrite: {
        kind: 'Step',
        step: 1,
        weightPercent: 50,
        jobId: 'u:1:0',
        intendedAt: '2026-06-01T10:01:00Z',
      },
    };
    expect(migrationIntendedWeights({ name: 'm', spec, status }, CART)).toEqual({
      blue: 50,
      green: 50,
    });
  });

  it('is 100/0 for an outstanding rollback, and the applied split under a finish intent', () => {
    const rollback: ClusterMigrationStatus = {
      phase: 'RollingBack',
      services: [CART],
      weightsApplied: applied(50),
      pendingWrite: { kind: 'Rollback', weightPercent: 0, jobId: 'u:rollback:0', intendedAt: 'x' },
    };
    expect(migrationIntendedWeights({ name: 'm', spec, status: rollback }, CART)).toEqual({
      blue: 100,
      green: 0,
    });
    const finishing: ClusterMigrationStatus = {
      phase: 'Progressing',
      services: [CART],
      weightsApplied: applied(100),
      pendingWrite: { kind: 'Finish', jobId: 'u:finish:0', intendedAt: 'x' },
    };
    expect(migrationIntendedWeights({ name: 'm', spec, status: finishing }, CART)).toEqual({
      blue: 0,
      green: 100,
    });
  });

  it('is undefined for a service the migration does not hold, or before any weights', () => {
    const status: ClusterMigrationStatus = { phase: 'Progressing', services: [CART] };
    expect(migrationIntendedWeights({ name: 'm', spec, status }, CART)).toBeUndefined();
    expect(
      migrationIntendedWeights(
        { name: 'm', spec, status: { ...status, weightsApplied: applied(10) } },
        { namespace: 'shop', name: 'other' },
      ),
    ).toBeUndefined();
  });
});

describe('serviceWeightOverride', () => {
  it('prefers a running migration over ended ones', () => {
    const ended = {
      name: 'a-old',
      spec,
      status: {
        phase: 'Succeeded',
        services: [CART],
        weightsApplied: applied(100),
        completedAt: '2026-06-01T09:00:00Z',
      } satisfies ClusterMigrationStatus,
    };
    const running = {
      name: 'b-back',
      spec: { fromCluster: 'green', toCluster: 'blue' },
      status: {
        phase: 'Progressing',
        services: [CART],
        weightsApplied: [{ ...CART, fromPercent: 75, toPercent: 25, appliedAt: 'x' }],
      } satisfies ClusterMigrationStatus,
    };
    expect(serviceWeightOverride([ended, running], CART)).toEqual({ green: 75, blue: 25 });
  });

  it('keeps the split of the migration that ended last; nothing when none wrote weights', () => {
    const first = {
      name: 'first',
      spec,
      status: {
        phase: 'Succeeded',
        services: [CART],
        weightsApplied: applied(100),
        completedAt: '2026-06-01T09:00:00Z',
      } satisfies ClusterMigrationStatus,
    };
    const second = {
      name: 'second',
      spec,
      status: {
        phase: 'Failed',
        services: [CART],
        weightsApplied: applied(0),
        completedAt: '2026-06-01T11:00:00Z',
      } satisfies ClusterMigrationStatus,
    };
    expect(serviceWeightOverride([first, second], CART)).toEqual({ blue: 100, green: 0 });
    const rejected = { name: 'r', spec, status: { phase: 'Rejected' } as ClusterMigrationStatus };
    expect(serviceWeightOverride([rejected], CART)).toBeUndefined();
    expect(serviceWeightOverride([], CART)).toBeUndefined();
  });
});
