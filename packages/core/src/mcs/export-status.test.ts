import { describe, expect, it } from 'vitest';
import { getCondition } from '../conditions/conditions.ts';
import { planExportStatuses } from './export-status.ts';
import type { ApplyResult } from './export-status.ts';
import { observedExport, service } from './observed-export.fixture.ts';
import { planLatticeService } from './plan-lattice-service.ts';
import type { ObservedExport } from './types.ts';

const now = new Date('2026-03-01T00:00:00Z');

/** `null`: the adapter has not applied the plan yet. */
function statuses(exports: ObservedExport[], apply: ApplyResult | null = { ok: true }) {
  const desired = planLatticeService({
    tenant: 'acme',
    namespace: 'shop',
    name: 'inventory',
    hubId: 'hub-1',
    serviceNetworkArn:
      'arn:aws:vpc-lattice:us-west-2:999988887777:servicenetwork/sn-0123456789abcdef0',
    now,
    exports,
  });
  return planExportStatuses({ exports, desired, ...(apply !== null ? { apply } : {}), now });
}

function summary(conditions: ReturnType<typeof statuses>, cluster: string) {
  const list = conditions.get(cluster);
  return Object.fromEntries(
    ['Valid', 'Conflict', 'Ready'].map((t) => {
      const c = getCondition(list, t);
      return [t, c === undefined ? undefined : `${c.status}/${c.reason}`];
    }),
  );
}

const blue = observedExport({ cluster: 'blue', createdAt: '2026-01-01T00:00:00Z', generation: 3 });

describe('ServiceExport conditions', () => {
  it('is Valid, without conflicts and Ready when served', () => {
    const s = statuses([blue]);
    expect(summary(s, 'blue')).toEqual({
      Valid: 'True/Valid',
      Conflict: 'False/NoConflicts',
      Ready: 'True/Ready',
    });
    const ready = getCondition(s.get('blue'), 'Ready');
    expect(ready?.message).toMatch(
      /serving http through Lattice service inventory-shop-[0-9a-f]{8} with weight 100/,
    );
    expect(ready?.observedGeneration).toBe(3);
    expect(ready?.lastTransitionTime).toBe(now.toISOString());
  });

  it('waits for the adapter before Ready, and says when applying failed', () => {
    expect(summary(statuses([blue], null), 'blue').Ready).toBe('Unknown/Pending');
    const failed = statuses([blue], {
      ok: false,
      message: 'AccessDenied: vpc-lattice:CreateService',
    });
    expect(summary(failed, 'blue').Ready).toBe('False/LatticeApplyFailed');
    expect(getCondition(failed.get('blue'), 'Ready')?.message).toMatch(/AccessDenied/);
  });

  it('keeps Valid=True and sets Conflict=True on an excluded export (KEP)', () => {
    const green = observedExport({
      cluster: 'green',
      createdAt: '2026-02-01T00:00:00Z',
      service: service({ headless: true }),
    });
    const s = statuses([blue, green]);
    expect(summary(s, 'green')).toEqual({
      Valid: 'True/Valid',
      Conflict: 'True/TypeConflict',
      Ready: 'False/Conflict',
    });
    expect(summary(s, 'blue')).toEqual({
      Valid: 'True/Valid',
      Conflict: 'True/TypeConflict',
      Ready: 'True/Ready',
    });
  });

  it('reports the account constraint as Valid=False', () => {
    const red = observedExport({
      cluster: 'red',
      clusterAccountId: '444455556666',
      createdAt: '2026-02-01T00:00:00Z',
    });
    const s = statuses([blue, red]);
    expect(summary(s, 'red')).toEqual({
      Valid: 'False/AccountMismatch',
      Conflict: undefined,
      Ready: 'False/Invalid',
    });
    expect(getCondition(s.get('red'), 'Valid')?.message).toMatch(/must share one account/);
  });

  it('reports invalid exports even when nothing is left to plan', () => {
    const { service: _s, ...noService } = blue;
    const s = statuses([noService]);
    expect(summary(s, 'blue')).toEqual({
      Valid: 'False/NoService',
      Conflict: undefined,
      Ready: 'False/Invalid',
    });
  });

  it('is not Ready without ready endpoints, and Unknown while the cluster is unreachable', () => {
    expect(summary(statuses([{ ...blue, endpoints: [] }]), 'blue').Ready).toBe(
      'False/NoReadyEndpoints',
    );
    const lost = { ...blue, clusterReachable: false, unreachableSince: '2026-02-28T00:00:00Z' };
    expect(summary(statuses([lost]), 'blue').Ready).toBe('Unknown/ClusterUnreachable');
  });

  it('marks every export Degraded while a serving cluster is unreachable', () => {
    const green = observedExport({ cluster: 'green', createdAt: '2026-01-02T00:00:00Z' });
    const healthy = statuses([blue, green]);
    expect(getCondition(healthy.get('blue'), 'Degraded')).toMatchObject({
      status: 'False',
      reason: 'AsExpected',
    });
    const lost = { ...green, clusterReachable: false, unreachableSince: '2026-02-28T00:00:00Z' };
    const s = statuses([blue, lost]);
    for (const cluster of ['blue', 'green']) {
      expect(getCondition(s.get(cluster), 'Degraded')).toMatchObject({
        status: 'True',
        reason: 'ClusterUnreachable',
      });
    }
    expect(getCondition(s.get('blue'), 'Degraded')?.message).toMatch(/green/);
    // nothing planned (invalid export): no Degraded condition at all
    const { service: _s, ...noService } = blue;
    expect(getCondition(statuses([noService]).get('blue'), 'Degraded')).toBeUndefined();
  });

  it('keeps lastTransitionTime while the status holds', () => {
    const first = statuses([blue]);
    const later = new Date('2026-03-02T00:00:00Z');
    const exports = [blue];
    const desired = planLatticeService({
      tenant: 'acme',
      namespace: 'shop',
      name: 'inventory',
      hubId: 'hub-1',
      serviceNetworkArn:
        'arn:aws:vpc-lattice:us-west-2:999988887777:servicenetwork/sn-0123456789abcdef0',
      now: later,
      exports,
    });
    const second = planExportStatuses({
      exports,
      desired,
      apply: { ok: true },
      previous: first,
      now: later,
    });
    expect(second).toEqual(first);
  });
});
