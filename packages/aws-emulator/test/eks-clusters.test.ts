import {
  CreateAccessEntryCommand,
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  ListAccessEntriesCommand,
  ListClustersCommand,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { startAwsEmulator } from '../src/index.ts';
import { assumeRole, eksClient, rejectionOf } from './support/sdk.ts';
import { CLUSTER_ROLE_ARN, CLUSTERS, HUB_ROLE_ARN, HUB_USER_KEY, testSeed } from './support/test-seed.ts';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBemulatorCA\n-----END CERTIFICATE-----\n';

describe('EKS control plane through the SDK', () => {
  let emulator: AwsEmulator;
  let creds: Awaited<ReturnType<typeof assumeRole>>;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed, kube: { baseUrl: 'https://127.0.0.1:6443', caPem: CA_PEM } });
    creds = await assumeRole(emulator.endpoint, HUB_USER_KEY, CLUSTER_ROLE_ARN);
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('describes a cluster backed by a kube-emulator cluster', async () => {
    const { cluster } = await eksClient(emulator.endpoint, creds).send(new DescribeClusterCommand({ name: 'blue' }));
    expect(cluster).toMatchObject({
      name: 'blue',
      arn: `arn:aws:eks:us-west-2:${CLUSTERS}:cluster/blue`,
      endpoint: 'https://127.0.0.1:6443/clusters/tenant-a-blue',
      version: '1.31',
      status: 'ACTIVE',
      platformVersion: 'eks.1',
      resourcesVpcConfig: {
        vpcId: 'vpc-0b1b2c3d4e5f60718',
        subnetIds: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      },
      accessConfig: { authenticationMode: 'API' },
    });
    expect(Buffer.from(cluster!.certificateAuthority!.data!, 'base64').toString('utf8')).toBe(CA_PEM);
    expect(cluster!.createdAt).toBeInstanceOf(Date);
  });

  it('answers ResourceNotFoundException for clusters of other accounts or regions', async () => {
    const missing = await rejectionOf(eksClient(emulator.endpoint, creds).send(new DescribeClusterCommand({ name: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe('No cluster found for name: nope.');
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const otherRegion = await rejectionOf(eksClient(emulator.endpoint, creds).send(new DescribeClusterCommand({ name: 'elsewhere' })));
    expect(otherRegion.name).toBe('ResourceNotFoundException');
    const otherAccount = await rejectionOf(eksClient(emulator.endpoint, HUB_USER_KEY).send(new DescribeClusterCommand({ name: 'blue' })));
    expect(otherAccount.name).toBe('ResourceNotFoundException');
  });

  it('lists the account and region clusters with maxResults/nextToken pagination', async () => {
    const client = eksClient(emulator.endpoint, creds);
    const first = await client.send(new ListClustersCommand({ maxResults: 2 }));
    expect(first.clusters).toEqual(['blue', 'canary-1']);
    expect(first.nextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListClusters({ client, pageSize: 2 }, {})) names.push(...(page.clusters ?? []));
    expect(names).toEqual(['blue', 'canary-1', 'canary-2', 'canary-3', 'green']);
    const eu = await eksClient(emulator.endpoint, creds, { region: 'eu-west-1' }).send(new ListClustersCommand({}));
    expect(eu.clusters).toEqual(['elsewhere']);
    const bad = await rejectionOf(client.send(new ListClustersCommand({ maxResults: 101 })));
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('lists, describes and creates access entries', async () => {
    const client = eksClient(emulator.endpoint, creds);
    const listed = await client.send(new ListAccessEntriesCommand({ clusterName: 'blue' }));
    expect(listed.accessEntries).toEqual([HUB_ROLE_ARN]);
    const described = await client.send(new DescribeAccessEntryCommand({ clusterName: 'blue', principalArn: HUB_ROLE_ARN }));
    expect(described.accessEntry).toMatchObject({
      clusterName: 'blue',
      principalArn: HUB_ROLE_ARN,
      username: 'trellis-hub',
      kubernetesGroups: ['trellis:admins'],
      type: 'STANDARD',
    });
    expect(described.accessEntry!.accessEntryArn).toMatch(/^arn:aws:eks:us-west-2:333333333333:access-entry\/blue\/role\/111111111111\/TrellisHub\//);

    const pushed: Array<[string, number]> = [];
    const unsubscribe = emulator.eks.onAccessEntriesChanged((kubeCluster, entries) => pushed.push([kubeCluster, entries.length]));
    const created = await client.send(
      new CreateAccessEntryCommand({ clusterName: 'green', principalArn: CLUSTER_ROLE_ARN, kubernetesGroups: ['viewers'] }),
    );
    expect(created.accessEntry!.username).toBe(`arn:aws:sts::${CLUSTERS}:assumed-role/TrellisClusterAccess/{{SessionName}}`);
    unsubscribe();
    expect(pushed).toEqual([['green', 1]]);
    const again = await rejectionOf(client.send(new CreateAccessEntryCommand({ clusterName: 'green', principalArn: CLUSTER_ROLE_ARN })));
    expect(again.name).toBe('ResourceInUseException');
    expect(emulator.eks.resolveUser('green', { arn: CLUSTER_ROLE_ARN, accountId: CLUSTERS, sessionName: 'ops@corp' })).toEqual({
      username: `arn:aws:sts::${CLUSTERS}:assumed-role/TrellisClusterAccess/ops-corp`,
      groups: ['viewers'],
      principalArn: CLUSTER_ROLE_ARN,
    });
    const missing = await rejectionOf(
      client.send(new DescribeAccessEntryCommand({ clusterName: 'blue', principalArn: CLUSTER_ROLE_ARN })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(emulator.calls.mutating({ service: 'eks' }).map((c) => c.operation)).toEqual(['CreateAccessEntry', 'CreateAccessEntry']);
  });
});
