// The data-plane view: which network a VPC reaches a service through, the service's idle
// timeout, and a revision counter that moves with every listener and rule change.
import { describe, expect, it } from 'vitest';
import { call, service, VPC, VPC2 } from './testing/lattice-test-module.ts';
import type { LatticeService } from './index.ts';

type Json = Record<string, unknown>;

async function create(lattice: LatticeService, path: string, body: unknown): Promise<Json> {
  const answer = await call(lattice, 'POST', path, body);
  expect([200, 201], JSON.stringify(answer.json)).toContain(answer.status);
  return answer.json!;
}

describe('data-plane view: serviceNetworkFor', () => {
  it('names the network a VPC reaches the service through', async () => {
    const lattice = service();
    const dp = lattice.dataPlane;
    const open = await create(lattice, '/servicenetworks', { name: 'open' });
    const guarded = await create(lattice, '/servicenetworks', { name: 'guarded', authType: 'AWS_IAM' });
    const lonely = await create(lattice, '/servicenetworks', { name: 'lonely' });
    const svc = await create(lattice, '/services', { name: 'orders' });
    for (const network of [open, guarded]) {
      await create(lattice, '/servicenetworkserviceassociations', { serviceNetworkIdentifier: network['id'], serviceIdentifier: svc['id'] });
    }
    await create(lattice, '/servicenetworkvpcassociations', { serviceNetworkIdentifier: guarded['id'], vpcIdentifier: VPC });
    await create(lattice, '/servicenetworkvpcassociations', { serviceNetworkIdentifier: lonely['id'], vpcIdentifier: VPC2 });

    expect(dp.serviceNetworkFor(VPC, svc['arn'] as string)).toEqual({
      id: guarded['id'],
      arn: guarded['arn'],
      name: 'guarded',
      authType: 'AWS_IAM',
      accountId: '123456789012',
    });
    expect(dp.serviceNetworkFor(VPC, svc['id'] as string)?.arn).toBe(guarded['arn']);
    // VPC2's network does not have the service; unknown VPCs and services reach nothing
    expect(dp.serviceNetworkFor(VPC2, svc['arn'] as string)).toBeUndefined();
    expect(dp.serviceNetworkFor('vpc-0000000000000000f', svc['arn'] as string)).toBeUndefined();
    expect(dp.serviceNetworkFor(VPC, 'svc-0000000000000000f')).toBeUndefined();
    expect(dp.vpcCanReach(VPC, svc['arn'] as string)).toBe(true);
    expect(dp.vpcCanReach(VPC2, svc['arn'] as string)).toBe(false);
  });
});

describe('data-plane view: idleTimeoutSeconds', () => {
  it('is the service setting, 60 by default', async () => {
    const lattice = service();
    const plain = await create(lattice, '/services', { name: 'plain' });
    const patient = await create(lattice, '/services', { name: 'patient', idleTimeoutSeconds: 300 });
    expect(lattice.dataPlane.getService(plain['id'] as string)?.idleTimeoutSeconds).toBe(60);
    expect(lattice.dataPlane.getService(patient['id'] as string)?.idleTimeoutSeconds).toBe(300);
    await call(lattice, 'PATCH', `/services/${plain['id'] as string}`, { idleTimeoutSeconds: 120 });
    expect(lattice.dataPlane.getService(plain['id'] as string)?.idleTimeoutSeconds).toBe(120);
  });
});

describe('data-plane view: revision', () => {
  it('moves with every listener and rule change, and not with reads', async () => {
    const lattice = service();
    const dp = lattice.dataPlane;
    const svc = await create(lattice, '/services', { name: 'orders' });
    const tg = await create(lattice, '/targetgroups', { name: 'orders-tg', type: 'IP', config: { port: 8080, protocol: 'HTTP', vpcIdentifier: VPC } });
    const forward = { forward: { targetGroups: [{ targetGroupIdentifier: tg['id'] }] } };
    const listeners = `/services/${svc['id'] as string}/listeners`;

    const changes: [string, () => Promise<unknown>][] = [];
    let listener: Json = {};
    let rule: Json = {};
    let rules = '';
    changes.push(['CreateListener', async () => {
      listener = await create(lattice, listeners, { name: 'http', protocol: 'HTTP', defaultAction: forward });
      rules = `${listeners}/${listener['id'] as string}/rules`;
    }]);
    changes.push(['UpdateListener', () => call(lattice, 'PATCH', `${listeners}/${listener['id'] as string}`, { defaultAction: { fixedResponse: { statusCode: 404 } } })]);
    changes.push(['CreateRule', async () => {
      rule = await create(lattice, rules, { name: 'canary', priority: 10, match: { httpMatch: { pathMatch: { match: { prefix: '/a' } } } }, action: forward });
    }]);
    changes.push(['UpdateRule', () => call(lattice, 'PATCH', `${rules}/${rule['id'] as string}`, { priority: 20 })]);
    changes.push(['BatchUpdateRule', () => call(lattice, 'PATCH', rules, { rules: [{ ruleIdentifier: rule['id'], priority: 30 }] })]);
    changes.push(['DeleteRule', () => call(lattice, 'DELETE', `${rules}/${rule['id'] as string}`)]);
    changes.push(['DeleteListener', () => call(lattice, 'DELETE', `${listeners}/${listener['id'] as string}`)]);

    for (const [operation, change] of changes) {
      const before = dp.revision();
      await change();
      expect(dp.revision(), operation).toBeGreaterThan(before);
      const afterChange = dp.revision();
      dp.listenersOf(svc['id'] as string);
      await call(lattice, 'GET', listeners);
      expect(dp.revision(), `reads after ${operation}`).toBe(afterChange);
    }
    expect(dp.listenersOf(svc['id'] as string)).toEqual([]);
  });
});
