// A multi-cluster service applied end to end on the AWS emulator through the SDK: the plan of
// planLatticeService (two clusters, blue and green, in one account) deployed by
// deployMultiClusterService, then changed step by step, each step asserting the exact mutating
// calls it costs, and finally deleted without touching anything Trellis did not create.
import {
  CreateServiceCommand,
  CreateTargetGroupCommand,
  GetListenerCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { startAwsEmulator, type AwsEmulator } from '@trellis/aws-emulator';
import {
  ownershipTags,
  planLatticeService,
  type DesiredMultiClusterService,
  type ObservedExport,
} from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptShareInvitation,
  clientToken,
  createAwsClients,
  deleteMultiClusterService,
  deployMultiClusterService,
  ensureResourceShare,
  ensureServiceNetwork,
  LatticeInventory,
  type AwsClients,
} from '../src/index.ts';

const NETWORK = '222233334444';
const CLUSTERS = '555566667777';
const VPC = { blue: 'vpc-0b1b2b3b4b5b6b7b8', green: 'vpc-0c1c2c3c4c5c6c7c8' };
const HUB = 'hub-test';
const TENANT = 'acme';

function endpoints(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ip: `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    port: 8080,
    portName: 'http',
    ready: true,
  }));
}

function observed(cluster: 'blue' | 'green', count: number, createdAt: string): ObservedExport {
  return {
    cluster,
    clusterAccountId: CLUSTERS,
    clusterVpcId: VPC[cluster],
    namespace: 'shop',
    name: 'inventory',
    createdAt,
    service: {
      type: 'ClusterIP',
      headless: false,
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      annotations: {},
    },
    endpoints: endpoints(cluster === 'blue' ? '10.1' : '10.2', count),
    annotations: {},
    clusterReachable: true,
  };
}

describe('deploying a multi-cluster service on the AWS emulator', () => {
  let aws: AwsEmulator;
  let network: AwsClients;
  let clusters: AwsClients;
  let lattice: VPCLatticeClient;
  let serviceNetworkArn: string;
  const counts = { blue: 3, green: 3 };
  let split: Record<string, number> = { blue: 50, green: 50 };
  let greenExports = true;

  const plan = (): DesiredMultiClusterService => {
    const desired = planLatticeService({
      tenant: TENANT,
      namespace: 'shop',
      name: 'inventory',
      hubId: HUB,
      serviceNetworkArn,
      exports: [
        observed('blue', counts.blue, '2026-01-01T00:00:00Z'),
        ...(greenExports ? [observed('green', counts.green, '2026-01-02T00:00:00Z')] : []),
      ],
      weightsOverride: split,
      now: new Date('2026-02-01T00:00:00Z'),
    });
    if (desired === undefined) throw new Error('nothing planned');
    return desired;
  };
  const deploy = (desired = plan(), unreachableClusters: string[] = []) =>
    deployMultiClusterService(lattice, desired, { authType: 'NONE', unreachableClusters });
  const mutations = () => aws.calls.mutating().map((c) => c.operation);
  const targetsOf = async (targetGroupIdentifier: string) =>
    (await lattice.send(new ListTargetsCommand({ targetGroupIdentifier, maxResults: 100 }))).items;

  beforeAll(async () => {
    aws = await startAwsEmulator({ implicitAccounts: true });
    const clientsFor = (account: string) =>
      createAwsClients({
        region: 'us-west-2',
        endpoint: aws.endpoint,
        credentials: async () => ({ accessKeyId: account, secretAccessKey: 'test' }),
      });
    network = clientsFor(NETWORK);
    clusters = clientsFor(CLUSTERS);
    lattice = clusters.lattice;
    // The tenant's service network lives in the network account and is shared into the
    // clusters' account, where the service and its target groups are created.
    const tags = ownershipTags({ hubId: HUB, tenant: TENANT });
    const sn = await ensureServiceNetwork(network.lattice, NETWORK, {
      name: 'trellis-acme',
      authType: 'NONE',
      tags,
      clientToken: clientToken(HUB, TENANT, 'sn'),
    });
    serviceNetworkArn = sn.arn;
    const share = await ensureResourceShare(network.ram, {
      name: 'trellis-acme',
      resourceArn: sn.arn,
      principals: [CLUSTERS],
      allowExternalPrincipals: true,
      tags,
      clientToken: clientToken(HUB, TENANT, 'share'),
    });
    await acceptShareInvitation(clusters.ram, share.arn);
  });
  afterAll(async () => {
    network.destroy();
    clusters.destroy();
    await aws.stop();
  });

  it('creates the service, its association, one target group per cluster with targets, and a 50/50 listener', async () => {
    const result = await deploy();
    expect(result.service).toMatchObject({ created: true, changes: ['created'] });
    expect(result.service.dnsName).toMatch(/^inventory-shop-[0-9a-f]{8}-/);
    expect(result.association).toMatchObject({ created: true, status: 'CREATE_IN_PROGRESS' });
    expect(
      result.targetGroups.map((tg) => [tg.cluster, tg.created, tg.targets?.registered.length]),
    ).toEqual([
      ['blue', true, 3],
      ['green', true, 3],
    ]);
    expect(result.listeners).toMatchObject([{ name: 'http-80', created: true }]);

    const [blue, green] = result.targetGroups;
    expect((await targetsOf(blue.id))?.map((t) => `${t.id}:${t.port}`)).toEqual([
      '10.1.0.1:8080',
      '10.1.0.2:8080',
      '10.1.0.3:8080',
    ]);
    const listener = await lattice.send(
      new GetListenerCommand({
        serviceIdentifier: result.service.id,
        listenerIdentifier: result.listeners[0].id,
      }),
    );
    expect(listener.defaultAction?.forward?.targetGroups).toEqual(
      expect.arrayContaining([
        { targetGroupIdentifier: blue.id, weight: 50 },
        { targetGroupIdentifier: green.id, weight: 50 },
      ]),
    );
  });

  it('makes no mutating call when applied again', async () => {
    aws.calls.clear();
    const again = await deploy();
    expect(mutations()).toEqual([]);
    expect(again.service).toMatchObject({ created: false, changes: [] });
    expect(again.targetGroups.every((tg) => !tg.created && !tg.updated)).toBe(true);
  });

  it('moves the split to 90/10 with exactly one UpdateListener', async () => {
    split = { blue: 90, green: 10 };
    aws.calls.clear();
    const result = await deploy();
    expect(mutations()).toEqual(['UpdateListener']);
    expect(result.listeners[0]).toMatchObject({ updated: true, created: false });
    aws.calls.clear();
    await deploy();
    expect(mutations()).toEqual([]);
  });

  it('registers 150 targets in two calls and deregisters on scale-down', async () => {
    counts.blue = 150;
    aws.calls.clear();
    const up = await deploy();
    expect(mutations()).toEqual(['RegisterTargets', 'RegisterTargets']);
    expect(up.targetGroups[0]?.targets).toMatchObject({ calls: 2 });
    expect(up.targetGroups[0]?.targets?.registered).toHaveLength(147);

    counts.blue = 2;
    aws.calls.clear();
    const down = await deploy();
    expect(mutations()).toEqual(['DeregisterTargets', 'DeregisterTargets']);
    expect(down.targetGroups[0]?.targets?.deregistered).toHaveLength(148);
    expect(await targetsOf(down.targetGroups[0].id)).toHaveLength(2);
  });

  it('changes a health check with UpdateTargetGroup only', async () => {
    const desired = plan();
    const green = desired.targetGroups.find((tg) => tg.cluster === 'green')!;
    green.config.healthCheck = { ...green.config.healthCheck, path: '/healthz' };
    aws.calls.clear();
    const result = await deploy(desired);
    expect(mutations()).toEqual(['UpdateTargetGroup']);
    expect(result.targetGroups.find((tg) => tg.cluster === 'green')).toMatchObject({
      updated: true,
    });
    aws.calls.clear();
    await deploy(desired);
    expect(mutations()).toEqual([]);
  });

  it('replaces a target group whose port changed: create, register, switch, then delete the old one', async () => {
    const before = await deploy();
    const oldBlue = before.targetGroups.find((tg) => tg.cluster === 'blue')!;
    const desired = plan();
    const blue = desired.targetGroups.find((tg) => tg.cluster === 'blue')!;
    blue.config.port = 9090;
    aws.calls.clear();
    const result = await deploy(desired);
    expect(mutations()).toEqual([
      'CreateTargetGroup',
      'RegisterTargets',
      'UpdateListener',
      'DeregisterTargets',
      'DeleteTargetGroup',
    ]);
    const newBlue = result.targetGroups.find((tg) => tg.cluster === 'blue')!;
    expect(newBlue).toMatchObject({ created: true });
    expect(newBlue.name).toMatch(new RegExp(`^${oldBlue.name}-[0-9a-f]{8}$`));
    expect(newBlue.superseded.map((s) => [s.id, s.immutableDiff])).toEqual([
      [oldBlue.id, ['port 8080 → 9090']],
    ]);
    expect(result.removedTargetGroups).toMatchObject([{ result: 'deleted', name: oldBlue.name }]);
    aws.calls.clear();
    await deploy(desired);
    expect(mutations()).toEqual([]);

    // and back: the base name is free again, so the group gets it back
    const back = await deploy();
    expect(back.targetGroups.find((tg) => tg.cluster === 'blue')).toMatchObject({
      created: true,
      name: oldBlue.name,
    });
    expect(back.removedTargetGroups).toMatchObject([{ result: 'deleted', name: newBlue.name }]);
  });

  it('takes a cluster that stops exporting out of the listener, then deletes its group, never while unreachable', async () => {
    greenExports = false;
    split = { blue: 100 };
    aws.calls.clear();
    const unreachable = await deploy(plan(), ['green']);
    expect(mutations()).toEqual(['UpdateListener']);
    expect(unreachable.removedTargetGroups).toEqual([]);

    aws.calls.clear();
    const gone = await deploy();
    expect(mutations()).toEqual(['DeregisterTargets', 'DeleteTargetGroup']);
    expect(gone.removedTargetGroups).toMatchObject([{ result: 'deleted', deregistered: 3 }]);
    const groups = await lattice.send(new ListTargetGroupsCommand({}));
    expect(groups.items).toHaveLength(1);
  });

  it('deletes everything it created and nothing else', async () => {
    // resources of the same account Trellis did not create
    await lattice.send(new CreateServiceCommand({ name: 'hand-made' }));
    await lattice.send(
      new CreateTargetGroupCommand({
        name: 'hand-made-tg',
        type: 'IP',
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: VPC.blue },
      }),
    );
    const desired = plan();
    const input = {
      accountId: CLUSTERS,
      serviceName: desired.service.name,
      scope: { hubId: HUB, tenant: TENANT, namespace: 'shop', service: 'inventory' },
    };
    let result = await deleteMultiClusterService(lattice, input);
    for (let i = 0; i < 100 && !result.done; i++) {
      await new Promise((r) => setTimeout(r, 50));
      result = await deleteMultiClusterService(lattice, input);
    }
    expect(result.done).toBe(true);
    const services = await lattice.send(new ListServicesCommand({}));
    expect(services.items?.map((s) => s.name)).toEqual(['hand-made']);
    const groups = await lattice.send(new ListTargetGroupsCommand({}));
    expect(groups.items?.map((g) => g.name)).toEqual(['hand-made-tg']);
    aws.calls.clear();
    expect((await deleteMultiClusterService(lattice, input)).done).toBe(true);
    expect(mutations()).toEqual([]);
  });

  describe('through an account inventory (LatticeInventory)', () => {
    const ops = (name: string) => aws.calls.list({ operation: name }).length;
    const named = async (name: string) =>
      ((await lattice.send(new ListServicesCommand({}))).items ?? []).filter(
        (s) => s.name === name,
      );

    it('lists the account once for many converges, with the same result and no mutation at steady state', async () => {
      const inventory = new LatticeInventory(lattice);
      aws.calls.clear();
      const first = await deployMultiClusterService(lattice, plan(), {
        authType: 'NONE',
        inventory,
      });
      expect(first.service.created).toBe(true);
      aws.calls.clear();
      for (let i = 0; i < 3; i++) {
        const again = await deployMultiClusterService(lattice, plan(), {
          authType: 'NONE',
          inventory,
        });
        expect(again.service.id).toBe(first.service.id);
        expect(again.targetGroups.map((tg) => tg.id)).toEqual(
          first.targetGroups.map((tg) => tg.id),
        );
      }
      expect(mutations()).toEqual([]);
      expect(ops('ListServices')).toBe(0);
      expect(ops('ListTargetGroups')).toBe(0);
      expect(inventory.refreshes).toBe(2); // one listing of services, one of target groups
    });

    it('lists again once its listing is older than maxAgeMs, and after a failed listing', async () => {
      let t = 0;
      const inventory = new LatticeInventory(lattice, { maxAgeMs: 60_000, now: () => t });
      await inventory.services();
      t = 59_999;
      await inventory.services();
      expect(inventory.refreshes).toBe(1);
      t = 60_000;
      await inventory.services();
      expect(inventory.refreshes).toBe(2);
      const broken = new LatticeInventory(
        createAwsClients({
          region: 'us-west-2',
          endpoint: aws.endpoint,
          maxAttempts: 1,
          credentials: async () => ({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }),
        }).lattice,
      );
      await expect(broken.targetGroups()).rejects.toThrow(/ListTargetGroups failed/);
      await expect(broken.targetGroups()).rejects.toThrow(/ListTargetGroups failed/);
      expect(broken.refreshes).toBe(2); // a failed listing is not kept
    });

    it('converges again on a fresh listing when what it remembers was deleted behind its back', async () => {
      const inventory = new LatticeInventory(lattice);
      const before = await deployMultiClusterService(lattice, plan(), {
        authType: 'NONE',
        inventory,
      });
      // someone else (another process, a person) removes the whole service meanwhile
      const input = {
        accountId: CLUSTERS,
        serviceName: plan().service.name,
        scope: { hubId: HUB, tenant: TENANT, namespace: 'shop', service: 'inventory' },
      };
      let removed = await deleteMultiClusterService(lattice, input);
      for (let i = 0; i < 100 && !removed.done; i++) {
        await new Promise((r) => setTimeout(r, 50));
        removed = await deleteMultiClusterService(lattice, input);
      }
      expect(removed.done).toBe(true);
      const refreshes = inventory.refreshes;
      const after = await deployMultiClusterService(lattice, plan(), {
        authType: 'NONE',
        inventory,
      });
      expect(after.service.created).toBe(true);
      expect(after.service.id).not.toBe(before.service.id);
      expect(inventory.refreshes).toBeGreaterThan(refreshes);
      expect(await named(plan().service.name)).toHaveLength(1);
    });

    it('never duplicates a service a stale listing missed, and forgets what it deletes', async () => {
      const stale = new LatticeInventory(lattice);
      const input = {
        accountId: CLUSTERS,
        serviceName: plan().service.name,
        scope: { hubId: HUB, tenant: TENANT, namespace: 'shop', service: 'inventory' },
        inventory: stale,
      };
      let removed = await deleteMultiClusterService(lattice, input);
      for (let i = 0; i < 100 && !removed.done; i++) {
        await new Promise((r) => setTimeout(r, 50));
        removed = await deleteMultiClusterService(lattice, input);
      }
      expect((await stale.services()).map((s) => s.name)).not.toContain(plan().service.name);
      // another converge (another inventory) creates it; the stale listing still misses it
      const created = await deployMultiClusterService(lattice, plan(), {
        authType: 'NONE',
        inventory: new LatticeInventory(lattice),
      });
      const through = await deployMultiClusterService(lattice, plan(), {
        authType: 'NONE',
        inventory: stale,
      });
      expect(through.service.id).toBe(created.service.id);
      expect(await named(plan().service.name)).toHaveLength(1);
      const groups = (await lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
      expect(groups.filter((g) => g.name !== 'hand-made-tg')).toHaveLength(
        plan().targetGroups.length,
      );
    });
  });
});
