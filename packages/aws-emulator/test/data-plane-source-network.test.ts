// A service in two service networks: with x-trellis-source-vpc the proxy knows which network the
// request comes through (the one the VPC is associated with), so only that network's auth policy
// applies, and its ARN is the request's vpc-lattice-svcs:ServiceNetworkArn and the one in
// x-amzn-lattice-target.
import {
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  PutAuthPolicyCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod, World } from './data-plane-harness.ts';
import { forwardTo, startWorld, VPC_CLIENT, VPC_OUTSIDE, VPC_TARGETS } from './data-plane-harness.ts';

describe('Lattice data plane: the network a request comes through', () => {
  let world: World;
  let host: string;
  let pod: Pod;
  let open: { id: string; arn: string };
  let guarded: { id: string; arn: string };

  beforeAll(async () => {
    world = await startWorld();
    open = await world.serviceNetwork('open-network'); // VPC_CLIENT joins it
    guarded = await world.serviceNetwork('guarded-network', { authType: 'AWS_IAM', associateVpc: false });
    await world.lattice.send(
      new CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: guarded.id, vpcIdentifier: VPC_OUTSIDE }),
    );
    const svc = await world.service('inventory', open.id);
    await world.lattice.send(
      new CreateServiceNetworkServiceAssociationCommand({ serviceNetworkIdentifier: guarded.id, serviceIdentifier: svc.id }),
    );
    host = svc.dnsName;
    pod = await world.pod('inventory-1');
    const tg = await world.targetGroup('inventory-tg', [pod]);
    await world.listener(svc.id, forwardTo(tg));
    await world.waitForTargets(tg.id, 'HEALTHY');
  });

  afterAll(async () => {
    await world.close();
  });

  const from = (vpcId: string) => world.send(host, '/items', { headers: { 'x-trellis-source-vpc': vpcId } });

  it('through the NONE network, the AWS_IAM network of the same service does not apply', async () => {
    const answer = await from(VPC_CLIENT);
    expect(answer.status).toBe(200);
    expect(pod.lastHeaders?.['x-amzn-lattice-target']).toContain(`ServiceNetworkArn=${open.arn};`);
    expect(pod.lastHeaders?.['x-amzn-lattice-identity']).toBeUndefined();
  });

  it('through the AWS_IAM network, its policy decides, with its own ARN as ServiceNetworkArn', async () => {
    // no auth policy on an AWS_IAM network: everything is denied
    const denied = await from(VPC_OUTSIDE);
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('because no network-based policy allows the vpc-lattice-svcs:Invoke action');

    await world.lattice.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: guarded.id,
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'vpc-lattice-svcs:Invoke',
              Resource: '*',
              Condition: { StringEquals: { 'vpc-lattice-svcs:ServiceNetworkArn': guarded.arn } },
            },
          ],
        }),
      }),
    );
    const allowed = await from(VPC_OUTSIDE);
    expect(allowed.status).toBe(200);
    expect(pod.lastHeaders?.['x-amzn-lattice-target']).toContain(`ServiceNetworkArn=${guarded.arn};`);
  });

  it('a VPC in neither network is refused before any policy', async () => {
    const answer = await from(VPC_TARGETS);
    expect(answer.status).toBe(403);
    expect(answer.headers['x-trellis-data-plane-reason']).toBe('vpc-not-associated');
  });
});
