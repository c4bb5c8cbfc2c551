import { CredentialBroker, mintEksToken } from '@trellis/aws';
import { CoreResources, kubeConfigForTokenProvider, ResourceClient } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoSeed } from './demo-seed.ts';
import { startWorld, type World } from './world.ts';

describe('startWorld', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ clusters: ['blue', 'green'], seed: demoSeed() });
  });
  afterAll(async () => {
    await world.stop();
  });

  it('lets the hub reach an EKS cluster with a token of the assumed cluster role, and only that cluster', async () => {
    const broker = new CredentialBroker({
      baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
      region: DEMO.region,
      stsEndpoint: world.aws.endpoint,
    });
    const chain = [{ roleArn: DEMO.clusterRoleArn, externalId: DEMO.clusterExternalId }];
    const client = (cluster: string, tokenFor: string) =>
      new ResourceClient(
        kubeConfigForTokenProvider({
          name: cluster,
          server: world.kube.clusterUrl(cluster),
          caData: Buffer.from(world.kube.caPem ?? '').toString('base64'),
          tokenProvider: async () =>
            (
              await mintEksToken({
                credentials: await broker.credentialsFor(chain),
                region: DEMO.region,
                clusterName: tokenFor,
              })
            ).token,
        }),
      );
    expect(
      await client('blue', 'blue').get(CoreResources.namespaces, { name: 'default' }),
    ).toBeDefined();
    await expect(
      client('green', 'blue').get(CoreResources.namespaces, { name: 'default' }),
    ).rejects.toMatchObject({
      statusCode: 401,
    });
  });

  it('serves the EKS clusters at the kube emulator’s URLs', () => {
    const blue = world.aws.eks.clusters.all().find((c) => c.name === 'blue');
    expect(blue).toBeDefined();
    expect(world.kube.clusterUrl('blue')).toContain('/clusters/blue');
  });
});
