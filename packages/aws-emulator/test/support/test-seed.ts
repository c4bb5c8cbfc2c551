// A small world for scenario tests: a hub account whose user assumes a hub role, which assumes
// a tenant network role (with ExternalId) and a cluster-account role (no ExternalId).
import type { Seed } from '../../src/index.ts';

export const HUB = '111111111111';
export const NETWORK = '222222222222';
export const CLUSTERS = '333333333333';

export const HUB_USER_KEY = { accessKeyId: 'AKIAHUB0000000000001', secretAccessKey: 'hub-user-secret' };
export const NETWORK_ROOT_KEY = { accessKeyId: 'AKIANETROOT000000001', secretAccessKey: 'network-root-secret' };
export const HUB_ROLE_ARN = `arn:aws:iam::${HUB}:role/TrellisHub`;
export const NETWORK_ROLE_ARN = `arn:aws:iam::${NETWORK}:role/trellis/TrellisNetwork`;
export const CLUSTER_ROLE_ARN = `arn:aws:iam::${CLUSTERS}:role/TrellisClusterAccess`;
export const EXTERNAL_ID = 'tenant-a:ext-7f3c';

export const testSeed: Seed = {
  accounts: [
    {
      id: HUB,
      name: 'hub',
      users: [{ name: 'trellis-hub', accessKeys: [HUB_USER_KEY] }],
      roles: [
        {
          name: 'TrellisHub',
          maxSessionDuration: 7200,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${HUB}:user/trellis-hub` }, Action: 'sts:AssumeRole' }],
          },
        },
      ],
    },
    {
      id: NETWORK,
      name: 'tenant-a-network',
      rootAccessKeys: [NETWORK_ROOT_KEY],
      roles: [
        {
          name: 'TrellisNetwork',
          path: '/trellis/',
          maxSessionDuration: 14400,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: HUB_ROLE_ARN },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
                Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
              },
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${HUB}:user/trellis-hub` },
                Action: 'sts:AssumeRole',
                Condition: { StringLike: { 'sts:ExternalId': 'tenant-a:*' } },
              },
            ],
          },
        },
      ],
      vpcs: [{ id: 'vpc-0a1b2c3d4e5f60718', region: 'us-west-2' }],
    },
    {
      id: CLUSTERS,
      name: 'tenant-a-clusters',
      roles: [
        {
          name: 'TrellisClusterAccess',
          trustPolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: HUB }, Action: 'sts:AssumeRole' }],
          }),
        },
      ],
      vpcs: [
        { id: 'vpc-0b1b2c3d4e5f60718', region: 'us-west-2' },
        { id: 'vpc-0c1b2c3d', region: 'us-west-2' },
      ],
      eksClusters: [
        {
          name: 'blue',
          region: 'us-west-2',
          version: '1.31',
          vpcId: 'vpc-0b1b2c3d4e5f60718',
          subnetIds: ['subnet-0a1b2c3d4e5f60718'],
          securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
          kubeCluster: 'tenant-a-blue',
          accessEntries: [{ principalArn: HUB_ROLE_ARN, username: 'trellis-hub', kubernetesGroups: ['trellis:admins'] }],
        },
        { name: 'green', region: 'us-west-2', version: '1.32', vpcId: 'vpc-0b1b2c3d4e5f60718' },
        { name: 'canary-1', region: 'us-west-2', vpcId: 'vpc-0c1b2c3d' },
        { name: 'canary-2', region: 'us-west-2', vpcId: 'vpc-0c1b2c3d' },
        { name: 'canary-3', region: 'us-west-2', vpcId: 'vpc-0c1b2c3d' },
        { name: 'elsewhere', region: 'eu-west-1', vpcId: 'vpc-0c1b2c3d' },
      ],
    },
  ],
  organizations: [{ id: 'o-tenanta0001', accounts: [NETWORK, CLUSTERS], ramSharingEnabled: true }],
};
