// Listener rules through the proxy: priority order, path/method/header matches with their case
// rules, fixed responses, listener choice by the Host's port, custom domain names, the source-VPC
// extension, the headers Lattice adds, and the answers the data plane gives itself (unknown host,
// no healthy target, unreachable target).
import type { HttpMatch, RuleAction } from '@aws-sdk/client-vpc-lattice';
import {
  CreateListenerCommand,
  CreateRuleCommand,
  CreateServiceCommand,
  CreateServiceNetworkServiceAssociationCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod, World } from './data-plane-harness.ts';
import { forwardTo, startWorld, VPC_CLIENT, VPC_OUTSIDE, OWNER } from './data-plane-harness.ts';

describe('Lattice data plane: routing', () => {
  let world: World;
  let host: string;
  let serviceArn: string;
  let networkArn: string;
  let stable: Pod;
  let canary: Pod;
  let stableGroupArn: string;

  beforeAll(async () => {
    world = await startWorld();
    const sn = await world.serviceNetwork('routing-network');
    networkArn = sn.arn;
    const svc = await world.service('orders', sn.id);
    host = svc.dnsName;
    serviceArn = svc.arn;
    stable = await world.pod('stable');
    canary = await world.pod('canary');
    const stableGroup = await world.targetGroup('orders-stable', [stable]);
    stableGroupArn = stableGroup.arn;
    const canaryGroup = await world.targetGroup('orders-canary', [canary]);
    const listener = await world.listener(svc.id, { fixedResponse: { statusCode: 404 } });
    const rule = (name: string, priority: number, match: HttpMatch, action: RuleAction) =>
      world.lattice.send(
        new CreateRuleCommand({
          serviceIdentifier: svc.id,
          listenerIdentifier: listener.id,
          name,
          priority,
          match: { httpMatch: match },
          action,
        }),
      );
    // created out of priority order on purpose: evaluation follows priority, not creation
    await rule(
      'api',
      20,
      { pathMatch: { match: { prefix: '/api' } } },
      forwardTo({ id: stableGroup.id }),
    );
    await rule(
      'api-canary',
      10,
      {
        pathMatch: { match: { prefix: '/api' } },
        headerMatches: [{ name: 'X-Canary', match: { exact: 'yes' } }],
      },
      forwardTo({ id: canaryGroup.id }),
    );
    await rule('no-deletes', 5, { method: 'DELETE' }, { fixedResponse: { statusCode: 405 } });
    await rule(
      'health',
      30,
      { pathMatch: { match: { exact: '/Status' }, caseSensitive: false } },
      { fixedResponse: { statusCode: 204 } },
    );
    await rule(
      'beta-users',
      40,
      { headerMatches: [{ name: 'user-agent', match: { contains: 'Beta' }, caseSensitive: true }] },
      forwardTo({ id: canaryGroup.id }),
    );
    await world.waitForTargets(stableGroup.id, 'HEALTHY');
    await world.waitForTargets(canaryGroup.id, 'HEALTHY');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('evaluates rules by priority, lowest first, then the default rule', async () => {
    expect((await world.send(host, '/api/orders')).body).toBe('stable');
    expect((await world.send(host, '/api/orders', { headers: { 'x-canary': 'yes' } })).body).toBe(
      'canary',
    );
    // header values are case-insensitive unless caseSensitive is set
    expect((await world.send(host, '/api/orders', { headers: { 'x-canary': 'YES' } })).body).toBe(
      'canary',
    );
    expect(
      (await world.send(host, '/api/orders', { method: 'DELETE', headers: { 'x-canary': 'yes' } }))
        .status,
    ).toBe(405);
    expect((await world.send(host, '/elsewhere')).status).toBe(404);
  });

  it('matches paths case-sensitively by default, and as the rule says otherwise', async () => {
    expect((await world.send(host, '/API/orders')).status).toBe(404);
    expect((await world.send(host, '/status')).status).toBe(204);
    expect((await world.send(host, '/Status?verbose=1')).status).toBe(204);
  });

  it('honours caseSensitive header matches and contains', async () => {
    expect(
      (await world.send(host, '/x', { headers: { 'user-agent': 'client Beta/2' } })).body,
    ).toBe('canary');
    expect(
      (await world.send(host, '/x', { headers: { 'user-agent': 'client beta/2' } })).status,
    ).toBe(404);
  });

  it('forwards method, path, query, body and headers, adding the Lattice headers', async () => {
    const answer = await world.send(host, '/api/orders?id=7', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amzn-lattice-identity': 'Principal=spoofed',
      },
      body: '{"item":"book"}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-pod']).toBe('stable');
    expect(stable.lastBody).toBe('{"item":"book"}');
    const headers = stable.lastHeaders ?? {};
    expect(headers['host']).toBe(host);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-for-port']).toBe('80');
    expect(headers['x-forwarded-for-proto']).toBe('http');
    expect(headers['x-amzn-lattice-target']).toBe(
      `ServiceArn=${serviceArn};ServiceNetworkArn=${networkArn};TargetGroupArn=${stableGroupArn}`,
    );
    // caller identity headers cannot be spoofed; without AWS_IAM there is no identity
    expect(headers['x-amzn-lattice-identity']).toBeUndefined();
  });

  it('enforces the service network association when x-trellis-source-vpc is sent', async () => {
    const inside = await world.send(host, '/api/orders', {
      headers: { 'x-trellis-source-vpc': VPC_CLIENT },
    });
    expect(inside.body).toBe('stable');
    expect(stable.lastHeaders?.['x-amzn-lattice-network']).toBe(
      `SourceVpcArn=arn:aws:ec2:us-west-2:${OWNER}:vpc/${VPC_CLIENT}`,
    );
    expect(stable.lastHeaders?.['x-trellis-source-vpc']).toBeUndefined();
    const outside = await world.send(host, '/api/orders', {
      headers: { 'x-trellis-source-vpc': VPC_OUTSIDE },
    });
    expect(outside.status).toBe(403);
    expect(outside.headers['x-trellis-data-plane-reason']).toBe('vpc-not-associated');
  });

  it('answers 404 for a host that is no Lattice service', async () => {
    const answer = await world.send(
      'nothing-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-west-2.on.aws',
      '/',
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(/^NotFoundException: /);
    expect(answer.headers['x-trellis-data-plane-reason']).toBe('unknown-host');
  });

  it('picks the listener by the Host port and serves custom domain names', async () => {
    const svc = await world.lattice.send(
      new CreateServiceCommand({
        name: 'inventory',
        customDomainName: 'inventory.example.internal',
      }),
    );
    const sn = await world.serviceNetwork('inventory-network', { associateVpc: false });
    await world.lattice.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        serviceIdentifier: svc.id!,
      }),
    );
    const pod = await world.pod('inventory-8080');
    const group = await world.targetGroup('inventory', [pod]);
    await world.lattice.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id!,
        name: 'alt',
        protocol: 'HTTP',
        port: 8080,
        defaultAction: forwardTo({ id: group.id }),
      }),
    );
    await world.waitForTargets(group.id, 'HEALTHY');
    expect((await world.send('inventory.example.internal:8080', '/')).body).toBe('inventory-8080');
    // the only HTTP listener also serves a Host without a port
    expect((await world.send('inventory.example.internal', '/')).body).toBe('inventory-8080');
    expect((await world.send(`${svc.dnsEntry!.domainName!}:8080`, '/')).body).toBe(
      'inventory-8080',
    );
    const wrongPort = await world.send('inventory.example.internal:9090', '/');
    expect(wrongPort.status).toBe(404);
    expect(wrongPort.headers['x-trellis-data-plane-reason']).toBe('no-listener');
  });

  it('answers 503 when the chosen target group has no healthy target, 502 when a target refuses', async () => {
    const sn = await world.serviceNetwork('broken-network', { associateVpc: false });
    const svc = await world.service('broken', sn.id);
    const empty = await world.targetGroup('broken-empty', []);
    const listener = await world.listener(svc.id, forwardTo({ id: empty.id }));
    const noTarget = await world.send(svc.dnsName, '/');
    expect(noTarget.status).toBe(503);
    expect(noTarget.headers['x-trellis-data-plane-reason']).toBe('no-healthy-target');

    // health checks off: every registered target takes traffic, even one that is gone
    const gone = await world.pod('gone');
    const unchecked = await world.targetGroup('broken-unchecked', [gone], {
      healthCheck: { enabled: false },
    });
    await gone.close();
    await world.lattice.send(
      new CreateRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        name: 'to-gone',
        priority: 1,
        match: { httpMatch: { pathMatch: { match: { prefix: '/gone' } } } },
        action: forwardTo({ id: unchecked.id }),
      }),
    );
    await world.waitForTargets(unchecked.id, 'UNAVAILABLE');
    const refused = await world.send(svc.dnsName, '/gone');
    expect(refused.status).toBe(502);
    expect(refused.headers['x-trellis-data-plane-reason']).toBe('upstream-connect');
  });
});
