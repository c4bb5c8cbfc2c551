// The sandbox's AWS: a hub account (Trellis's own identity), a tenant network account and a
// tenant cluster account, with the roles and ExternalIds a real deployment sets up, and three
// EKS clusters backed by kube-emulator clusters. docs/iam.md shows the same policies for AWS.
import type { Seed } from '@trellis/aws-emulator';

export const DEMO = {
  region: 'us-west-2',
  hubAccount: '111111111111',
  networkAccount: '222222222222',
  clusterAccount: '333333333333',
  hubAccessKey: { accessKeyId: 'AKIATRELLISHUB000001', secretAccessKey: 'trellis-hub-demo-secret' },
  networkRoleArn: 'arn:aws:iam::222222222222:role/TrellisNetworkAdmin',
  clusterRoleArn: 'arn:aws:iam::333333333333:role/TrellisClusterAdmin',
  networkExternalId: 'acme-network-4f7c1e',
  clusterExternalId: 'acme-clusters-9b2d6a',
  vpcs: {
    blue: 'vpc-0b1e0000000000001',
    green: 'vpc-06ee0000000000002',
    client: 'vpc-0c1e0000000000003',
  },
  clusters: [
    { name: 'blue', version: '1.29' },
    { name: 'green', version: '1.31' },
    { name: 'client', version: '1.31' },
  ],
} as const;

const trustHub = (externalId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow' as const,
      Principal: { AWS: `arn:aws:iam::${DEMO.hubAccount}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': externalId } },
    },
  ],
});

export function demoSeed(): Seed {
  return {
    accounts: [
      {
        id: DEMO.hubAccount,
        name: 'trellis-hub',
        // copies: the AWS SDK annotates credential objects it is given
        users: [{ name: 'trellis-hub', accessKeys: [{ ...DEMO.hubAccessKey }] }],
      },
      {
        id: DEMO.networkAccount,
        name: 'acme-network',
        roles: [{ name: 'TrellisNetworkAdmin', trustPolicy: trustHub(DEMO.networkExternalId) }],
      },
      {
        id: DEMO.clusterAccount,
        name: 'acme-clusters',
        roles: [{ name: 'TrellisClusterAdmin', trustPolicy: trustHub(DEMO.clusterExternalId) }],
        vpcs: Object.values(DEMO.vpcs).map((id) => ({ id, region: DEMO.region })),
        eksClusters: DEMO.clusters.map((c) => ({
          name: c.name,
          region: DEMO.region,
          version: c.version,
          vpcId: DEMO.vpcs[c.name],
          kubeCluster: c.name,
          accessEntries: [
            {
              principalArn: DEMO.clusterRoleArn,
              username: 'trellis-hub',
              kubernetesGroups: ['system:masters'],
            },
          ],
        })),
      },
    ],
  };
}
