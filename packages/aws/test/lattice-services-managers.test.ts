// The per-resource managers of a multi-cluster service on the AWS emulator, one behaviour at a
// time: conflicts with resources Trellis did not create, validation before any call, per-target
// failures, draining targets, detaching a group from listeners before deleting it, association
// states, and listing owned target groups across pages.
import {
  CreateServiceCommand,
  CreateTargetGroupCommand,
  GetListenerCommand,
  ListTargetsCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { startAwsEmulator, type AwsEmulator } from '@trellis/aws-emulator';
import { healthCheckFor, isOwnedBy, ownershipTags } from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientToken,
  createAwsClients,
  deleteOwnedLatticeService,
  deleteOwnedListener,
  deleteOwnedServiceNetworkServiceAssociation,
  deleteOwnedTargetGroup,
  ensureLatticeService,
  ensureListener,
  ensureServiceNetwork,
  ensureServiceNetworkServiceAssociation,
  ensureTargetGroup,
  LatticeServiceConflictError,
  ListenerActionInvalidError,
  listOwnedTargetGroups,
  syncTargets,
  TargetGroupConflictError,
  TargetSyncError,
  type AwsClients,
  type TargetGroupIntent,
} from '../src/index.ts';

const ACCOUNT = '555566667777';
const VPC = 'vpc-0b1b2b3b4b5b6b7b8';
const scope = { hubId: 'hub-test', tenant: 'acme', namespace: 'shop', service: 'cart' };
const tags = ownershipTags(scope);
const isOwned = (t: Record<string, string> | undefined) => isOwnedBy(t, scope);

const groupIntent = (name: string): TargetGroupIntent => ({
  name,
  vpcId: VPC,
  port: 8080,
  protocol: 'HTTP',
  protocolVersion: 'HTTP1',
  healthCheck: healthCheckFor('HTTP', 'HTTP1', {}),
  tags: { ...tags, 'trellis.dev/cluster': 'blue' },
  clientToken: clientToken('tg', name),
});

describe('multi-cluster service managers on the AWS emulator', () => {
  let aws: AwsEmulator;
  let clients: AwsClients;
  let lattice: VPCLatticeClient;
  let service: { id: string; arn: string };

  beforeAll(async () => {
    aws = await startAwsEmulator({ implicitAccounts: true });
    clients = createAwsClients({
      region: 'us-west-2',
      endpoint: aws.endpoint,
      credentials: async () => ({ accessKeyId: ACCOUNT, secretAccessKey: 'test' }),
    });
    lattice = clients.lattice;
    service = await ensureLatticeService(lattice, {
      accountId: ACCOUNT,
      name: 'cart-shop',
      authType: 'NONE',
      tags,
      clientToken: clientToken('svc'),
    });
  });
  afterAll(async () => {
    clients.destroy();
    await aws.stop();
  });

  it('refuses a same-named service it did not create, naming it', async () => {
    const foreign = await lattice.send(new CreateServiceCommand({ name: 'checkout-shop' }));
    const attempt = ensureLatticeService(lattice, {
      accountId: ACCOUNT,
      name: 'checkout-shop',
      authType: 'NONE',
      tags,
      clientToken: clientToken('svc2'),
    });
    await expect(attempt).rejects.toBeInstanceOf(LatticeServiceConflictError);
    await expect(attempt).rejects.toThrow(
      /checkout-shop already exists .* not managed by this Trellis hub/,
    );
    await expect(attempt).rejects.toMatchObject({ arn: foreign.arn });
    expect(
      await deleteOwnedLatticeService(
        lattice,
        { accountId: ACCOUNT, name: 'checkout-shop' },
        isOwned,
      ),
    ).toEqual({ result: 'not-owned' });
  });

  it('refuses a same-named target group it did not create', async () => {
    await lattice.send(
      new CreateTargetGroupCommand({
        name: 'cart-shop-blue-8080',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: VPC },
      }),
    );
    await expect(
      ensureTargetGroup(lattice, groupIntent('cart-shop-blue-8080')),
    ).rejects.toBeInstanceOf(TargetGroupConflictError);
  });

  it('validates forward actions before making any call', async () => {
    const forward = (targetGroups: { targetGroupId: string; weight: number }[]) => ({
      name: 'http-80',
      protocol: 'HTTP' as const,
      port: 80,
      defaultAction: { forward: { targetGroups } },
      tags,
      clientToken: clientToken('l'),
    });
    const id = (i: number) => `tg-${String(i).padStart(17, '0')}`;
    aws.calls.clear();
    await expect(
      ensureListener(lattice, service.id, forward([{ targetGroupId: id(1), weight: 1000 }])),
    ).rejects.toThrow(/weight 1000 .* from 0 to 999/);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ targetGroupId: id(i), weight: 1 }));
    await expect(ensureListener(lattice, service.id, forward(eleven))).rejects.toThrow(
      /1 to 10 target groups \(got 11\)/,
    );
    await expect(
      ensureListener(
        lattice,
        service.id,
        forward([
          { targetGroupId: id(1), weight: 1 },
          { targetGroupId: id(1), weight: 2 },
        ]),
      ),
    ).rejects.toBeInstanceOf(ListenerActionInvalidError);
    expect(aws.calls.list()).toEqual([]);
  });

  it('applies what it can of a batch and lists the refused targets', async () => {
    const tg = await ensureTargetGroup(lattice, groupIntent('cart-batch'));
    const attempt = syncTargets(lattice, tg.id, [
      { id: '10.0.0.1', port: 8080 },
      { id: 'fd00::1', port: 8080 },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(TargetSyncError);
    await expect(attempt).rejects.toMatchObject({
      targetGroupId: tg.id,
      failures: [
        { operation: 'RegisterTargets', id: 'fd00::1', port: 8080, failureCode: 'InvalidTarget' },
      ],
    });
    const listed = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: tg.id }));
    expect(listed.items?.map((t) => t.id)).toEqual(['10.0.0.1']);
  });

  it('counts draining targets as gone and registers them again when wanted', async () => {
    const drain = aws.faults.consistencyDelay({
      service: 'vpc-lattice',
      operation: 'DeregisterTargets',
      delayMs: 600_000,
    });
    try {
      const tg = await ensureTargetGroup(lattice, groupIntent('cart-drain'));
      const a = { id: '10.0.1.1', port: 8080 };
      const b = { id: '10.0.1.2', port: 8080 };
      await syncTargets(lattice, tg.id, [a, b]);
      expect(await syncTargets(lattice, tg.id, [a])).toMatchObject({ deregistered: [b], calls: 1 });
      const listed = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: tg.id }));
      expect(listed.items?.find((t) => t.id === b.id)?.status).toBe('DRAINING');
      const steady = await syncTargets(lattice, tg.id, [a]);
      expect(steady).toMatchObject({ registered: [], deregistered: [], calls: 0 });
      // health counts come from the same ListTargets: b still draining, a registered
      expect(steady.health.DRAINING).toBe(1);
      expect(Object.values(steady.health).reduce((x, y) => x + y, 0)).toBe(2);
      expect(await syncTargets(lattice, tg.id, [a, b])).toMatchObject({
        registered: [b],
        calls: 1,
      });
    } finally {
      aws.faults.remove(drain.id);
    }
  });

  it('takes a target group out of the listener before deleting it', async () => {
    const blue = await ensureTargetGroup(lattice, groupIntent('cart-blue'));
    const green = await ensureTargetGroup(lattice, {
      ...groupIntent('cart-green'),
      tags: { ...tags, 'trellis.dev/cluster': 'green' },
    });
    await syncTargets(lattice, blue.id, [{ id: '10.0.2.1', port: 8080 }]);
    const listener = await ensureListener(lattice, service.id, {
      name: 'http-80',
      protocol: 'HTTP',
      port: 80,
      defaultAction: {
        forward: {
          targetGroups: [
            { targetGroupId: blue.id, weight: 90 },
            { targetGroupId: green.id, weight: 10 },
          ],
        },
      },
      tags,
      clientToken: clientToken('listener'),
    });
    const action = async () =>
      (
        await lattice.send(
          new GetListenerCommand({
            serviceIdentifier: service.id,
            listenerIdentifier: listener.id,
          }),
        )
      ).defaultAction;

    // Without leave to change listeners, a group in use is reported, not deleted.
    expect(await deleteOwnedTargetGroup(lattice, blue.id, { isOwned })).toMatchObject({
      result: 'in-use',
    });
    expect(
      await deleteOwnedTargetGroup(lattice, blue.id, { isOwned, isListenerOwned: isOwned }),
    ).toEqual({
      result: 'deleted',
      deregistered: 1,
      listenersChanged: [listener.arn],
    });
    expect((await action())?.forward?.targetGroups).toEqual([
      { targetGroupIdentifier: green.id, weight: 10 },
    ]);
    // the last group leaves a 503 behind rather than an invalid empty forward
    expect(
      await deleteOwnedTargetGroup(lattice, green.id, { isOwned, isListenerOwned: isOwned }),
    ).toMatchObject({ result: 'deleted' });
    expect(await action()).toEqual({ fixedResponse: { statusCode: 503 } });
    expect(await deleteOwnedTargetGroup(lattice, green.id, { isOwned })).toMatchObject({
      result: 'absent',
    });
    expect(await deleteOwnedListener(lattice, service.id, 'http-80', isOwned)).toBe('deleted');
    expect(await deleteOwnedListener(lattice, service.id, 'http-80', isOwned)).toBe('absent');
  });

  it('associates the service with a service network and removes the association', async () => {
    const sn = await ensureServiceNetwork(lattice, ACCOUNT, {
      name: 'trellis-acme',
      authType: 'NONE',
      tags,
      clientToken: clientToken('sn'),
    });
    const intent = {
      serviceArn: service.arn,
      serviceNetworkArn: sn.arn,
      tags,
      clientToken: clientToken('snsa'),
    };
    const created = await ensureServiceNetworkServiceAssociation(lattice, intent);
    expect(created).toMatchObject({ created: true, status: 'CREATE_IN_PROGRESS' });
    let status = created.status;
    for (let i = 0; i < 100 && status !== 'ACTIVE'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await ensureServiceNetworkServiceAssociation(lattice, intent)).status;
    }
    expect(status).toBe('ACTIVE');
    const target = { accountId: ACCOUNT, name: 'cart-shop' };
    expect(await deleteOwnedLatticeService(lattice, target, isOwned)).toMatchObject({
      result: 'associated',
    });
    const ref = { serviceArn: service.arn, serviceNetworkArn: sn.arn };
    expect(await deleteOwnedServiceNetworkServiceAssociation(lattice, ref, isOwned)).toBe(
      'deleting',
    );
    let gone: string = 'deleting';
    for (let i = 0; i < 100 && gone !== 'absent'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      gone = await deleteOwnedServiceNetworkServiceAssociation(lattice, ref, isOwned);
    }
    expect(gone).toBe('absent');
    expect(await deleteOwnedLatticeService(lattice, target, isOwned)).toEqual({
      result: 'deleted',
    });
    expect(await deleteOwnedLatticeService(lattice, target, isOwned)).toEqual({ result: 'absent' });
  });

  it('lists owned target groups by tags across pages', async () => {
    const other = ownershipTags({ ...scope, service: 'other' });
    for (let i = 0; i < 105; i += 15) {
      await Promise.all(
        Array.from({ length: 15 }, (_, j) =>
          ensureTargetGroup(
            lattice,
            { ...groupIntent(`bulk-${i + j}`), tags: (i + j) % 2 === 0 ? tags : other },
            [],
          ),
        ),
      );
    }
    const owned = await listOwnedTargetGroups(lattice, isOwned);
    const bulk = owned.filter((tg) => tg.name.startsWith('bulk-'));
    expect(bulk).toHaveLength(53);
    expect(owned.some((tg) => tg.name === 'cart-shop-blue-8080')).toBe(false);
  });
});
