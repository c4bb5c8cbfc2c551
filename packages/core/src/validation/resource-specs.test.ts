import { describe, expect, it } from 'vitest';
import { checkTenant, checkWorkloadCluster } from './resource-specs.ts';

const networkAccount = {
  accountId: '111122223333',
  roleArn: 'arn:aws:iam::111122223333:role/trellis-network',
  externalId: 'acme-7f3a',
  region: 'us-west-2',
};

describe('checkTenant', () => {
  it('accepts a well-formed tenant', () => {
    expect(checkTenant('acme', { networkAccount })).toEqual([]);
  });

  it('lists every problem with its field', () => {
    const problems = checkTenant('Acme', {
      networkAccount: {
        ...networkAccount,
        roleArn: 'arn:aws:iam::444455556666:role/x',
        region: 'mars-1',
      },
      serviceNetwork: { name: 'sn-bad', authPolicy: { Statement: [] } },
    });
    expect(problems.map((p) => p.field)).toEqual([
      'metadata.name',
      'spec.networkAccount.roleArn',
      'spec.networkAccount.region',
      'spec.serviceNetwork.name',
      'spec.serviceNetwork.authPolicy',
    ]);
  });
});

describe('checkWorkloadCluster', () => {
  const eks = { ...networkAccount, clusterName: 'blue', accountId: '111122223333' };

  it('accepts an EKS cluster', () => {
    expect(checkWorkloadCluster('blue', { eks })).toEqual([]);
  });

  it('requires exactly one way to reach the cluster', () => {
    expect(checkWorkloadCluster('blue', {})[0]?.message).toMatch(/exactly one/);
    expect(
      checkWorkloadCluster('blue', { eks, kubeconfigSecretRef: { name: 'kc' } }).map(
        (p) => p.field,
      ),
    ).toContain('spec');
  });

  it('requires a VPC and its account for kubeconfig clusters', () => {
    expect(checkWorkloadCluster('edge', { kubeconfigSecretRef: { name: 'kc' } })).toEqual([
      {
        field: 'spec.vpcId',
        message: expect.stringMatching(/vpcId and spec.vpcAccount/) as string,
      },
    ]);
  });
});
