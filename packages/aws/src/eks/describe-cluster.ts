import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { awsCall } from '../clients/aws-errors.ts';

export interface EksClusterInfo {
  name: string;
  arn: string;
  endpoint: string;
  /** base64 PEM, as kubeconfigs carry it */
  caData: string;
  vpcId: string;
  kubernetesVersion: string;
  status: string;
}

/** What it takes to connect to an EKS cluster and place it in the network, from DescribeCluster. */
export async function describeEksCluster(eks: EKSClient, name: string): Promise<EksClusterInfo> {
  const { cluster } = await awsCall('DescribeCluster', () =>
    eks.send(new DescribeClusterCommand({ name })),
  );
  if (cluster?.endpoint === undefined || cluster.certificateAuthority?.data === undefined) {
    throw new Error(
      `EKS cluster ${name} has no endpoint or CA yet (status ${cluster?.status ?? 'unknown'})`,
    );
  }
  return {
    name,
    arn: cluster.arn ?? '',
    endpoint: cluster.endpoint,
    caData: cluster.certificateAuthority.data,
    vpcId: cluster.resourcesVpcConfig?.vpcId ?? '',
    kubernetesVersion: cluster.version ?? '',
    status: cluster.status ?? 'UNKNOWN',
  };
}
