// Listeners, rules and target groups through the real SDK: defaults, the default rule, priority
// rules, target-group reuse and deletion guards, targets and their reported status.
import {
  BatchUpdateRuleCommand,
  ConflictException,
  CreateListenerCommand,
  CreateRuleCommand,
  CreateServiceCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  GetListenerCommand,
  GetRuleCommand,
  GetTargetGroupCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  RegisterTargetsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateListenerCommand,
  UpdateRuleCommand,
  UpdateTargetGroupCommand,
  ValidationException,
} from '@aws-sdk/client-vpc-lattice';
import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_A, ACCOUNT_B, VPC_A, VPC_B, startHarness } from './lattice-harness.ts';
import type { Harness } from './lattice-harness.ts';

let h: Harness;
let a: VPCLatticeClient;
beforeEach(async () => {
  h = await startHarness();
  a = h.client(ACCOUNT_A);
});
afterEach(async () => {
  await h.close();
});

async function ipTargetGroup(name: string, port = 8080): Promise<string> {
  const tg = await a.send(
    new CreateTargetGroupCommand({
      name,
      type: 'IP',
      config: { port, protocol: 'HTTP', vpcIdentifier: VPC_A },
    }),
  );
  return tg.id!;
}

describe('target groups', () => {
  it('fills in the documented defaults and reports serviceArns once used', async () => {
    const tg = await a.send(
      new CreateTargetGroupCommand({
        name: 'blue',
        type: 'IP',
        config: { protocol: 'HTTP', vpcIdentifier: VPC_A },
      }),
    );
    expect(tg.id).toMatch(/^tg-[0-9a-z]{17}$/);
    expect(tg.status).toBe('ACTIVE');
    expect(tg.config).toMatchObject({
      port: 80,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      ipAddressType: 'IPV4',
    });
    expect(tg.config?.healthCheck).toMatchObject({
      enabled: true,
      path: '/',
      healthCheckIntervalSeconds: 30,
      matcher: { httpCode: '200' },
    });
    const got = await a.send(new GetTargetGroupCommand({ targetGroupIdentifier: tg.arn }));
    expect(got.serviceArns).toEqual([]);
    const updated = await a.send(
      new UpdateTargetGroupCommand({
        targetGroupIdentifier: tg.id,
        healthCheck: { path: '/healthz', healthyThresholdCount: 2 },
      }),
    );
    expect(updated.config?.healthCheck).toMatchObject({
      path: '/healthz',
      healthyThresholdCount: 2,
      healthCheckIntervalSeconds: 30,
    });
    const list = await a.send(
      new ListTargetGroupsCommand({ vpcIdentifier: VPC_A, targetGroupType: 'IP' }),
    );
    expect(list.items?.map((i) => i.id)).toEqual([tg.id]);
  });

  it('checks the VPC belongs to the caller and validates config by type', async () => {
    await expect(
      a.send(
        new CreateTargetGroupCommand({
          name: 'foreign',
          type: 'IP',
          config: { protocol: 'HTTP', vpcIdentifier: VPC_B },
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      a.send(
        new CreateTargetGroupCommand({
          name: 'unknown',
          type: 'IP',
          config: { protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' },
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      a.send(new CreateTargetGroupCommand({ name: 'no-config', type: 'IP' })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      a.send(new CreateTargetGroupCommand({ name: 'tg-reserved', type: 'LAMBDA' })),
    ).rejects.toBeInstanceOf(ValidationException);
    const lambda = await a.send(new CreateTargetGroupCommand({ name: 'fn-tg', type: 'LAMBDA' }));
    expect(lambda.config).toEqual({ lambdaEventStructureVersion: 'V1' });
  });
});

describe('listeners and rules', () => {
  it('creates a listener with a default rule and keeps them in step', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'checkout' }));
    const blue = await ipTargetGroup('blue');
    const green = await ipTargetGroup('green');
    const listener = await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: blue, weight: 90 },
              { targetGroupIdentifier: green, weight: 10 },
            ],
          },
        },
      }),
    );
    expect(listener.id).toMatch(/^listener-[0-9a-z]{17}$/);
    expect(listener.arn).toBe(`${svc.arn}/listener/${listener.id}`);
    expect(listener.port).toBe(80);
    const rules = await a.send(
      new ListRulesCommand({ serviceIdentifier: svc.id, listenerIdentifier: listener.id }),
    );
    expect(rules.items).toHaveLength(1);
    expect(rules.items?.[0]).toMatchObject({ isDefault: true });
    expect(rules.items?.[0]?.priority).toBeUndefined();
    const defaultRule = rules.items![0];

    await a.send(
      new UpdateListenerCommand({
        serviceIdentifier: svc.arn,
        listenerIdentifier: listener.arn,
        defaultAction: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: blue, weight: 0 },
              { targetGroupIdentifier: green, weight: 100 },
            ],
          },
        },
      }),
    );
    const got = await a.send(
      new GetListenerCommand({ serviceIdentifier: svc.id, listenerIdentifier: listener.id }),
    );
    expect(got.defaultAction?.forward?.targetGroups).toEqual([
      { targetGroupIdentifier: blue, weight: 0 },
      { targetGroupIdentifier: green, weight: 100 },
    ]);
    const rule = await a.send(
      new GetRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        ruleIdentifier: defaultRule.id,
      }),
    );
    expect(rule.action).toEqual(got.defaultAction);
    await expect(
      a.send(
        new DeleteRuleCommand({
          serviceIdentifier: svc.id,
          listenerIdentifier: listener.id,
          ruleIdentifier: defaultRule.id,
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    // both target groups now serve the service and cannot be deleted
    expect(
      (await a.send(new GetTargetGroupCommand({ targetGroupIdentifier: blue }))).serviceArns,
    ).toEqual([svc.arn]);
    await expect(
      a.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: blue })),
    ).rejects.toBeInstanceOf(ConflictException);
    await a.send(
      new DeleteListenerCommand({ serviceIdentifier: svc.id, listenerIdentifier: listener.id }),
    );
    expect(
      (await a.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: blue }))).status,
    ).toBe('DELETE_IN_PROGRESS');
  });

  it('enforces unique ports, the listener quota, and one service per target group', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'one' }));
    const other = await a.send(new CreateServiceCommand({ name: 'two' }));
    const tg = await ipTargetGroup('shared-tg');
    const fixed = { fixedResponse: { statusCode: 404 } };
    await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'aaa',
        protocol: 'HTTP',
        port: 80,
        defaultAction: fixed,
      }),
    );
    await expect(
      a.send(
        new CreateListenerCommand({
          serviceIdentifier: svc.id,
          name: 'bbb',
          protocol: 'HTTP',
          port: 80,
          defaultAction: fixed,
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'ccc',
        protocol: 'HTTPS',
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg }] } },
      }),
    );
    await expect(
      a.send(
        new CreateListenerCommand({
          serviceIdentifier: svc.id,
          name: 'ddd',
          protocol: 'HTTP',
          port: 8080,
          defaultAction: fixed,
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    await expect(
      a.send(
        new CreateListenerCommand({
          serviceIdentifier: other.id,
          name: 'xxx',
          protocol: 'HTTP',
          defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg }] } },
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    const listeners = await a.send(new ListListenersCommand({ serviceIdentifier: svc.id }));
    expect(listeners.items?.map((l) => l.port)).toEqual([80, 443]);
  });

  it('validates actions: weights, target group count, status codes, unknown target groups', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'validate' }));
    const tg = await ipTargetGroup('v-tg');
    const create = (defaultAction: object) =>
      a.send(
        new CreateListenerCommand({
          serviceIdentifier: svc.id,
          name: 'lis',
          protocol: 'HTTP',
          defaultAction: defaultAction as never,
        }),
      );
    await expect(
      create({ forward: { targetGroups: [{ targetGroupIdentifier: tg, weight: 1000 }] } }),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(create({ forward: { targetGroups: [] } })).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(create({ fixedResponse: { statusCode: 99 } })).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(
      create({ forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0123456789abcdef0' }] } }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('orders rules by unique priority, swaps priorities in a batch, and enforces the rule quota', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'rules' }));
    const listener = await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { fixedResponse: { statusCode: 404 } },
      }),
    );
    const ids = { serviceIdentifier: svc.id, listenerIdentifier: listener.id };
    const tg = await ipTargetGroup('api');
    const r1 = await a.send(
      new CreateRuleCommand({
        ...ids,
        name: 'api',
        priority: 1,
        match: {
          httpMatch: {
            method: 'GET',
            pathMatch: { match: { prefix: '/api' }, caseSensitive: false },
          },
        },
        action: { forward: { targetGroups: [{ targetGroupIdentifier: tg }] } },
      }),
    );
    expect(r1.id).toMatch(/^rule-[0-9a-z]{17}$/);
    expect(r1.arn).toBe(`${listener.arn}/rule/${r1.id}`);
    const r2 = await a.send(
      new CreateRuleCommand({
        ...ids,
        name: 'beta',
        priority: 2,
        match: { httpMatch: { headerMatches: [{ name: 'x-beta', match: { exact: 'true' } }] } },
        action: { fixedResponse: { statusCode: 503 } },
      }),
    );
    await expect(
      a.send(
        new CreateRuleCommand({
          ...ids,
          name: 'dup',
          priority: 1,
          match: { httpMatch: { method: 'POST' } },
          action: { fixedResponse: { statusCode: 500 } },
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      a.send(
        new CreateRuleCommand({
          ...ids,
          name: 'hi',
          priority: 101,
          match: { httpMatch: { method: 'POST' } },
          action: { fixedResponse: { statusCode: 500 } },
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      a.send(new UpdateRuleCommand({ ...ids, ruleIdentifier: r2.id, priority: 1 })),
    ).rejects.toBeInstanceOf(ConflictException);

    const swapped = await a.send(
      new BatchUpdateRuleCommand({
        ...ids,
        rules: [
          { ruleIdentifier: r1.id, priority: 2 },
          { ruleIdentifier: r2.id, priority: 1 },
          { ruleIdentifier: 'rule-0123456789abcdef0', priority: 5 },
        ],
      }),
    );
    expect(swapped.successful?.map((r) => [r.id, r.priority])).toEqual([
      [r1.id, 2],
      [r2.id, 1],
    ]);
    expect(swapped.unsuccessful).toEqual([
      expect.objectContaining({
        ruleIdentifier: 'rule-0123456789abcdef0',
        failureCode: 'ResourceNotFoundException',
      }),
    ]);
    const got = await a.send(new GetRuleCommand({ ...ids, ruleIdentifier: r1.id }));
    expect(got.match?.httpMatch?.pathMatch).toEqual({
      match: { prefix: '/api' },
      caseSensitive: false,
    });

    for (let p = 3; p <= 10; p++) {
      await a.send(
        new CreateRuleCommand({
          ...ids,
          name: `r-${p}`,
          priority: p,
          match: { httpMatch: { method: 'PUT' } },
          action: { fixedResponse: { statusCode: 500 } },
        }),
      );
    }
    await expect(
      a.send(
        new CreateRuleCommand({
          ...ids,
          name: 'r-11',
          priority: 11,
          match: { httpMatch: { method: 'PUT' } },
          action: { fixedResponse: { statusCode: 500 } },
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceQuotaExceededException);
  });
});

describe('targets', () => {
  it('registers and deregisters in batches and reports status as AWS documents it', async () => {
    const tg = await ipTargetGroup('pods');
    const result = await a.send(
      new RegisterTargetsCommand({
        targetGroupIdentifier: tg,
        targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2', port: 9090 }, { id: 'not-an-ip' }],
      }),
    );
    expect(result.successful).toEqual([
      { id: '10.0.0.1', port: 8080 },
      { id: '10.0.0.2', port: 9090 },
    ]);
    expect(result.unsuccessful).toEqual([
      expect.objectContaining({ id: 'not-an-ip', failureCode: 'InvalidTarget' }),
    ]);

    // not used by any service yet
    let listed = await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }));
    expect(listed.items?.map((t) => t.status)).toEqual(['UNUSED', 'UNUSED']);

    const svc = await a.send(new CreateServiceCommand({ name: 'pods' }));
    await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg }] } },
      }),
    );
    listed = await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }));
    expect(listed.items?.map((t) => t.status)).toEqual(['INITIAL', 'INITIAL']);

    expect(h.lattice.dataPlane.setTargetHealth(tg, { id: '10.0.0.1' }, 'HEALTHY')).toBe(true);
    expect(
      h.lattice.dataPlane.setTargetHealth(
        tg,
        { id: '10.0.0.2', port: 9090 },
        'UNHEALTHY',
        'Target.Timeout',
      ),
    ).toBe(true);
    listed = await a.send(
      new ListTargetsCommand({
        targetGroupIdentifier: tg,
        targets: [{ id: '10.0.0.2', port: 9090 }],
      }),
    );
    expect(listed.items).toEqual([
      { id: '10.0.0.2', port: 9090, status: 'UNHEALTHY', reasonCode: 'Target.Timeout' },
    ]);

    await a.send(
      new UpdateTargetGroupCommand({ targetGroupIdentifier: tg, healthCheck: { enabled: false } }),
    );
    listed = await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }));
    expect(listed.items?.map((t) => t.status)).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);

    const gone = await a.send(
      new DeregisterTargetsCommand({
        targetGroupIdentifier: tg,
        targets: [{ id: '10.0.0.1' }, { id: '10.9.9.9' }],
      }),
    );
    expect(gone.successful).toEqual([{ id: '10.0.0.1', port: 8080 }]);
    expect(gone.unsuccessful?.[0]?.id).toBe('10.9.9.9');
    listed = await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }));
    expect(listed.items?.map((t) => t.id)).toEqual(['10.0.0.2']);
  });

  it('drains deregistered targets for the configured time', async () => {
    await h.close();
    h = await startHarness({ delays: { DeregisterTargets: 300_000 } });
    a = h.client(ACCOUNT_A);
    const tg = await ipTargetGroup('drain');
    await a.send(
      new RegisterTargetsCommand({ targetGroupIdentifier: tg, targets: [{ id: '10.0.0.1' }] }),
    );
    await a.send(
      new DeregisterTargetsCommand({ targetGroupIdentifier: tg, targets: [{ id: '10.0.0.1' }] }),
    );
    expect(
      (await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }))).items?.[0]?.status,
    ).toBe('DRAINING');
    h.clock.advance(300_000);
    expect((await a.send(new ListTargetsCommand({ targetGroupIdentifier: tg }))).items).toEqual([]);
  });

  it('hides target groups from other accounts', async () => {
    const tg = await ipTargetGroup('private');
    await expect(
      h.client(ACCOUNT_B).send(new ListTargetsCommand({ targetGroupIdentifier: tg })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
