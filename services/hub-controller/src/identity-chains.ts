import type { RoleHop } from '@trellis/aws';
import type { Tenant, WorkloadCluster } from './resources.ts';

interface AssumedRole {
  accountId: string;
  roleArn: string;
  externalId?: string;
  viaRoleArns?: string[];
}

function chainOf(role: AssumedRole): RoleHop[] {
  return [
    ...(role.viaRoleArns ?? []).map((roleArn) => ({ roleArn })),
    {
      roleArn: role.roleArn,
      ...(role.externalId !== undefined ? { externalId: role.externalId } : {}),
    },
  ];
}

/** Hub identity → (via roles) → the tenant's network-account role. */
export function networkAccountChain(tenant: Tenant): RoleHop[] {
  return chainOf(tenant.spec.networkAccount);
}

/** The role in the cluster's account: the EKS role, or vpcAccount for kubeconfig clusters. */
export function clusterAccount(
  cluster: WorkloadCluster,
): { accountId: string; chain: RoleHop[] } | undefined {
  const role = cluster.spec.eks ?? cluster.spec.vpcAccount;
  return role === undefined ? undefined : { accountId: role.accountId, chain: chainOf(role) };
}
