// Renaming the Lattice service of a multi-cluster service in the same account, on the AWS
// emulator: Lattice lets a target group serve one service only, so the new service's listener
// cannot forward to the groups while the old service's listener does. deployMultiClusterService's
// beforeListeners hook is where the old service lets go: after the new service exists, before
// the new listeners are made.
import {
  CreateServiceCommand,
  ListServicesCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { startAwsEmulator, type AwsEmulator } from '@trellis/aws-emulator';
import { ownershipTags, planLatticeService, type DesiredMultiClusterService } from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientToken,
  createAwsClients,
  deleteMultiClusterService,
  deployMultiClusterService,
  ensureServiceNetwork,
  LatticeServiceConflictError,
  type AwsClients,
} from '../src/index.ts';

const ACCOUNT = '555566667777';
const VPC = 'vpc-0b1b2b3b4b5b6b7b8';
const HUB = 'hub-test';
const SCOPE = { hubId: HUB, tenant: 'acme', namespace: 'shop', service: 'inventory' };

describe('renaming the Lattice service of an export in the same account', () => {
  let aws: AwsEmulator;
  let clients: AwsClients;
  let lattice: VPCLatticeClient;
  let first: DesiredMultiClusterService;

  const renamed = (name: string): DesiredMultiClusterService => ({
    ...first,
    service: { ...first.service, name },
  });
  const serviceNames = async () =>
    ((await lattice.send(new ListServicesCommand({}))).items ?? []).map((s) => s.name).sort();
  /** the hub's retirement of the old service, keeping the groups the new one uses */
  const retireOld = () =>
    deleteMultiClusterService(lattice, {
      accountId: ACCOUNT,
      serviceName: first.service.name,
      scope: SCOPE,
      keepTargetGroups: first.targetGroups.map((tg) => tg.name),
    });

  beforeAll(async () => {
    aws = await startAwsEmulator({ implicitAccounts: true });
    clients = createAwsClients({
      region: 'us-west-2',
      endpoint: aws.endpoint,
      credentials: async () => ({ accessKeyId: ACCOUNT, secretAccessKey: 'test' }),
    });
    lattice = clients.lattice;
    const sn = await ensureServiceNetwork(lattice, ACCOUNT, {
      name: 'trellis-acme',
      authType: 'NONE',
      tags: ownershipTags({ hubId: HUB, tenant: 'acme' }),
      clientToken: clientToken(HUB, 'acme', 'sn'),
    });
    const desired = planLatticeService({
      tenant: 'acme',
      namespace: 'shop',
      name: 'inventory',
      hubId: HUB,
      serviceNetworkArn: sn.arn,
      exports: [
        {
          cluster: 'blue',
          clusterAccountId: ACCOUNT,
          clusterVpcId: VPC,
          namespace: 'shop',
          name: 'inventory',
          createdAt: '2026-01-01T00:00:00Z',
          service: {
            type: 'ClusterIP',
            headless: false,
            ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
            annotations: {},
          },
          endpoints: [{ ip: '10.1.0.1', port: 8080, portName: 'http', ready: true }],
          annotations: {},
          clusterReachable: true,
        },
      ],
      now: new Date('2026-02-01T00:00:00Z'),
    });
    if (desired === undefined) throw new Error('nothing planned');
    first = desired;
    await deployMultiClusterService(lattice, first, { authType: 'NONE' });
  });
  afterAll(async () => {
    clients.destroy();
    await aws.stop();
  });

  it('cannot forward to the old service’s target groups while it still uses them', async () => {
    await expect(
      deployMultiClusterService(lattice, renamed('inventory-v2'), { authType: 'NONE' }),
    ).rejects.toThrow(/used by only one service|already used by service/);
  });

  it('serves under the new name once the old service lets go in beforeListeners', async () => {
    const order: string[] = [];
    const result = await deployMultiClusterService(lattice, renamed('inventory-v2'), {
      authType: 'NONE',
      beforeListeners: async () => {
        order.push(`hook (new service exists: ${(await serviceNames()).includes('inventory-v2')})`);
        await retireOld();
      },
    });
    expect(order).toEqual(['hook (new service exists: true)']);
    expect(result.service.dnsName).toMatch(/^inventory-v2-/);
    expect(result.listeners).toMatchObject([{ name: 'http-80' }]);
    // the target group moved over, not recreated
    expect(result.targetGroups.map((tg) => [tg.name, tg.created])).toEqual([
      [first.targetGroups[0].name, false],
    ]);
    let old = await retireOld();
    for (let i = 0; i < 100 && !old.done; i++) {
      await new Promise((r) => setTimeout(r, 50));
      old = await retireOld();
    }
    expect(await serviceNames()).toEqual(['inventory-v2']);
  });

  it('never calls the hook when the new service cannot be created', async () => {
    await lattice.send(new CreateServiceCommand({ name: 'taken' }));
    let called = false;
    await expect(
      deployMultiClusterService(lattice, renamed('taken'), {
        authType: 'NONE',
        beforeListeners: async () => {
          called = true;
        },
      }),
    ).rejects.toBeInstanceOf(LatticeServiceConflictError);
    expect(called).toBe(false);
  });
});
