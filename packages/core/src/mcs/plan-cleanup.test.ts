import { describe, expect, it } from 'vitest';
import { ownershipTags } from '../naming/tags.ts';
import { observedExport } from './observed-export.fixture.ts';
import { planLatticeCleanup } from './plan-cleanup.ts';
import type { ObservedLatticeResource } from './plan-cleanup.ts';
import { planLatticeService } from './plan-lattice-service.ts';

const scope = { hubId: 'hub-1', tenant: 'acme', namespace: 'shop', name: 'inventory' };
const tags = ownershipTags({ ...scope, service: 'inventory' });
const snArn = 'arn:aws:vpc-lattice:us-west-2:999988887777:servicenetwork/sn-0123456789abcdef0';
const account = '111122223333';

const desired = planLatticeService({
  ...scope,
  serviceNetworkArn: snArn,
  now: new Date('2026-03-01T00:00:00Z'),
  exports: [observedExport({ cluster: 'blue' })],
});

function resource(
  over: Partial<ObservedLatticeResource> & Pick<ObservedLatticeResource, 'kind' | 'name'>,
) {
  return { arn: `arn:${over.kind}:${over.name}`, accountId: account, tags, ...over };
}

describe('planLatticeCleanup', () => {
  if (desired === undefined) throw new Error('expected a desired service');
  const service = resource({ kind: 'service', name: desired.service.name });
  const listener = resource({ kind: 'listener', name: 'http-80', serviceArn: service.arn });
  const association = resource({
    kind: 'serviceNetworkAssociation',
    name: 'assoc',
    serviceArn: service.arn,
    serviceNetworkArn: snArn,
  });
  const blueTg = resource({
    kind: 'targetGroup',
    name: desired.targetGroups[0]?.name ?? '',
    tags: ownershipTags({ ...scope, service: 'inventory', cluster: 'blue' }),
  });

  it('keeps everything the plan still wants', () => {
    expect(
      planLatticeCleanup({
        ...scope,
        desired,
        observed: [service, listener, association, blueTg],
        unreachableClusters: [],
      }),
    ).toEqual([]);
  });

  it('deletes leftovers in dependency order, and everything when nothing is desired', () => {
    const oldListener = resource({ kind: 'listener', name: 'http-8080', serviceArn: service.arn });
    const greenTg = resource({
      kind: 'targetGroup',
      name: 'inventory-shop-green-80-abcdef01',
      tags: ownershipTags({ ...scope, service: 'inventory', cluster: 'green' }),
    });
    const observed = [greenTg, service, oldListener, listener, association, blueTg];
    expect(
      planLatticeCleanup({ ...scope, desired, observed, unreachableClusters: [] }).map(
        (r) => r.name,
      ),
    ).toEqual(['http-8080', greenTg.name]);
    expect(
      planLatticeCleanup({ ...scope, desired: undefined, observed, unreachableClusters: [] }).map(
        (r) => r.kind,
      ),
    ).toEqual([
      'listener',
      'listener',
      'serviceNetworkAssociation',
      'service',
      'targetGroup',
      'targetGroup',
    ]);
  });

  it('never deletes what lacks this hub’s tags, or groups of unreachable clusters', () => {
    const foreign = resource({
      kind: 'targetGroup',
      name: 'theirs',
      tags: { ...tags, 'trellis.dev/hub-id': 'hub-2' },
    });
    const untagged = resource({ kind: 'service', name: 'stray', tags: undefined });
    const greenTg = resource({
      kind: 'targetGroup',
      name: 'green-group',
      tags: ownershipTags({ ...scope, service: 'inventory', cluster: 'green' }),
    });
    expect(
      planLatticeCleanup({
        ...scope,
        desired: undefined,
        observed: [foreign, untagged, greenTg],
        unreachableClusters: ['green'],
      }),
    ).toEqual([]);
  });

  it('replaces a service that moved account', () => {
    const elsewhere = resource({
      kind: 'service',
      name: desired.service.name,
      accountId: '444455556666',
      arn: 'arn:old',
    });
    expect(
      planLatticeCleanup({
        ...scope,
        desired,
        observed: [service, elsewhere],
        unreachableClusters: [],
      }).map((r) => r.arn),
    ).toEqual(['arn:old']);
  });
});
