// The Lattice module behind the real emulator server: SigV4-signed SDK calls with assumed-role
// credentials, a RAM share inside an organisation, the default asynchronous association delays,
// the call log, and what the data plane sees at the end. This is Trellis's export flow in small.
import { CreateResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import {
  CreateListenerCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  GetServiceNetworkVpcAssociationCommand,
  ListServiceNetworksCommand,
  ListTargetsCommand,
  PutAuthPolicyCommand,
  RegisterTargetsCommand,
  ResourceNotFoundException,
  UpdateListenerCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import { assumeRole, REGION } from './support/sdk.ts';
import type { AwsCredentialIdentity } from './support/sdk.ts';
import {
  CLUSTER_ROLE_ARN,
  CLUSTERS,
  EXTERNAL_ID,
  HUB_USER_KEY,
  NETWORK,
  NETWORK_ROLE_ARN,
  testSeed,
} from './support/test-seed.ts';

const CLUSTER_VPC = 'vpc-0b1b2c3d4e5f60718';

describe('VPC Lattice through the emulator server', () => {
  const clock = new AdjustableClock();
  let emulator: AwsEmulator;
  let network: VPCLatticeClient;
  let clusters: VPCLatticeClient;
  let networkCreds: AwsCredentialIdentity;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed, clock });
    networkCreds = await assumeRole(emulator.endpoint, HUB_USER_KEY, NETWORK_ROLE_ARN, {
      externalId: EXTERNAL_ID,
    });
    const clusterCreds = await assumeRole(emulator.endpoint, HUB_USER_KEY, CLUSTER_ROLE_ARN);
    network = new VPCLatticeClient({
      endpoint: emulator.endpoint,
      region: REGION,
      credentials: networkCreds,
      maxAttempts: 1,
    });
    clusters = new VPCLatticeClient({
      endpoint: emulator.endpoint,
      region: REGION,
      credentials: clusterCreds,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    network.destroy();
    clusters.destroy();
    await emulator.stop();
  });

  it('runs the tenant onboarding and service export flow end to end', async () => {
    // tenant onboarding in the network account
    const sn = await network.send(
      new CreateServiceNetworkCommand({
        name: 'trellis-tenant-a',
        authType: 'AWS_IAM',
        clientToken: 'tenant-a-sn',
        tags: { ManagedBy: 'trellis' },
      }),
    );
    expect(sn.arn).toContain(`:${NETWORK}:servicenetwork/`);
    await network.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: sn.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
        }),
      }),
    );

    // before the share, the cluster account cannot see the network
    await expect(
      clusters.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn.arn,
          vpcIdentifier: CLUSTER_VPC,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    // RAM share within the organisation (sharing enabled: no invitation to accept)
    const ram = new RAMClient({
      endpoint: emulator.endpoint,
      region: REGION,
      credentials: networkCreds,
      maxAttempts: 1,
    });
    await ram.send(
      new CreateResourceShareCommand({
        name: 'trellis-tenant-a',
        resourceArns: [sn.arn!],
        principals: [CLUSTERS],
      }),
    );
    ram.destroy();
    const visible = await clusters.send(new ListServiceNetworksCommand({}));
    expect(visible.items?.map((i) => i.arn)).toContain(sn.arn);

    // cluster registration: associate the cluster VPC with the shared network
    const vpcAssoc = await clusters.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.arn,
        vpcIdentifier: CLUSTER_VPC,
        clientToken: 'blue-vpc',
      }),
    );
    expect(vpcAssoc.status).toBe('CREATE_IN_PROGRESS');

    // export: service, target groups for blue and green, weighted listener, association
    const svc = await clusters.send(
      new CreateServiceCommand({ name: 'checkout-default', clientToken: 'svc-checkout' }),
    );
    const blue = await clusters.send(
      new CreateTargetGroupCommand({
        name: 'checkout-blue',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: CLUSTER_VPC },
      }),
    );
    const green = await clusters.send(
      new CreateTargetGroupCommand({
        name: 'checkout-green',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: CLUSTER_VPC },
      }),
    );
    await clusters.send(
      new RegisterTargetsCommand({
        targetGroupIdentifier: blue.id,
        targets: [{ id: '10.1.0.10' }, { id: '10.1.0.11' }],
      }),
    );
    await clusters.send(
      new RegisterTargetsCommand({
        targetGroupIdentifier: green.id,
        targets: [{ id: '10.2.0.10' }],
      }),
    );
    const listener = await clusters.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http-80',
        protocol: 'HTTP',
        port: 80,
        defaultAction: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: blue.id, weight: 90 },
              { targetGroupIdentifier: green.id, weight: 10 },
            ],
          },
        },
      }),
    );
    const svcAssoc = await clusters.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.arn,
        serviceIdentifier: svc.id,
      }),
    );
    expect(svcAssoc.dnsEntry?.domainName).toBe(svc.dnsEntry?.domainName);

    // associations settle after the default delay
    expect(emulator.lattice.dataPlane.vpcCanReach(CLUSTER_VPC, svc.arn!)).toBe(false);
    clock.advance(2000);
    const settled = await clusters.send(
      new GetServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: vpcAssoc.id,
      }),
    );
    expect(settled.status).toBe('ACTIVE');
    expect(emulator.lattice.dataPlane.vpcCanReach(CLUSTER_VPC, svc.arn!)).toBe(true);

    // the data plane resolves the DNS name and sees the weighted split; then the migration moves it
    const dp = emulator.lattice.dataPlane;
    const found = dp.findServiceByHost(`${svc.dnsEntry!.domainName!}:80`);
    expect(found?.serviceNetworks.map((n) => n.authType)).toEqual(['AWS_IAM']);
    const rule = dp.listenerFor(found!.id, 80)?.rules.at(-1);
    expect(rule?.action).toEqual({
      type: 'forward',
      targetGroups: [
        { targetGroupId: blue.id, weight: 90 },
        { targetGroupId: green.id, weight: 10 },
      ],
    });
    await clusters.send(
      new UpdateListenerCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        defaultAction: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: blue.id, weight: 0 },
              { targetGroupIdentifier: green.id, weight: 100 },
            ],
          },
        },
      }),
    );
    expect(dp.listenerFor(svc.id!, 80)?.rules.at(-1)?.action).toMatchObject({
      targetGroups: [{ weight: 0 }, { weight: 100 }],
    });

    // health reported by the data plane shows up in ListTargets
    dp.setTargetHealth(green.id!, { id: '10.2.0.10' }, 'HEALTHY');
    const targets = await clusters.send(
      new ListTargetsCommand({ targetGroupIdentifier: green.id }),
    );
    expect(targets.items).toEqual([{ id: '10.2.0.10', port: 8080, status: 'HEALTHY' }]);

    // the call log names Lattice operations and whether they changed state
    const calls = emulator.calls.list({ service: 'vpc-lattice' });
    expect(calls.map((c) => c.operation)).toContain('CreateServiceNetworkVpcAssociation');
    expect(calls.find((c) => c.operation === 'ListTargets')?.mutating).toBe(false);
  });

  it('honours an injected consistency delay of zero', async () => {
    emulator.faults.consistencyDelay({
      service: 'vpc-lattice',
      operation: 'CreateServiceNetworkVpcAssociation',
      delayMs: 0,
    });
    const sn = await network.send(new CreateServiceNetworkCommand({ name: 'instant' }));
    const assoc = await network.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: 'vpc-0a1b2c3d4e5f60718',
      }),
    );
    expect(assoc.status).toBe('ACTIVE');
  });
});
