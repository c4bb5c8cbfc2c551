// Semantic checks of Tenant and WorkloadCluster specs beyond what the schema can say; used by
// the REST API (400 with every problem) and by controllers (Valid=False with the same words).
import type { FieldProblem } from '../errors/index.ts';
import type { TenantSpec } from '../api/tenant.ts';
import type { WorkloadClusterSpec } from '../api/workload-cluster.ts';
import { checkExternalId, checkRegion, checkRoleInAccount } from '../identifiers/index.ts';
import { checkClusterName, checkServiceNetworkName, checkTenantName } from '../naming/index.ts';

export function checkTenant(name: string, spec: TenantSpec): FieldProblem[] {
  const problems: FieldProblem[] = checkTenantName(name).map((p) => ({
    field: 'metadata.name',
    message: p.message,
  }));
  const account = spec.networkAccount;
  problems.push(...checkRoleInAccount('spec.networkAccount', account.accountId, account.roleArn));
  problems.push(...checkRegion('spec.networkAccount.region', account.region));
  if (account.externalId !== undefined) {
    problems.push(...checkExternalId('spec.networkAccount.externalId', account.externalId));
  }
  const serviceNetworkName = spec.serviceNetwork?.name;
  if (serviceNetworkName !== undefined) {
    problems.push(
      ...checkServiceNetworkName(serviceNetworkName).map((p) => ({
        field: 'spec.serviceNetwork.name',
        message: p.message,
      })),
    );
  }
  const policy = spec.serviceNetwork?.authPolicy;
  if (
    policy !== undefined &&
    (typeof policy !== 'object' || policy === null || Array.isArray(policy))
  ) {
    problems.push({
      field: 'spec.serviceNetwork.authPolicy',
      message: 'must be a JSON policy document (an object)',
    });
  }
  if (policy !== undefined && spec.serviceNetwork?.authType !== 'AWS_IAM') {
    problems.push({
      field: 'spec.serviceNetwork.authPolicy',
      message: 'is only used with authType AWS_IAM',
    });
  }
  return problems;
}

export function checkWorkloadCluster(name: string, spec: WorkloadClusterSpec): FieldProblem[] {
  const problems: FieldProblem[] = checkClusterName(name).map((p) => ({
    field: 'metadata.name',
    message: p.message,
  }));
  const hasEks = spec.eks !== undefined;
  const hasKubeconfig = spec.kubeconfigSecretRef !== undefined;
  if (hasEks === hasKubeconfig) {
    problems.push({
      field: 'spec',
      message: 'set exactly one of spec.eks (an EKS cluster) or spec.kubeconfigSecretRef',
    });
  }
  if (spec.eks !== undefined) {
    problems.push(...checkRoleInAccount('spec.eks', spec.eks.accountId, spec.eks.roleArn));
    problems.push(...checkRegion('spec.eks.region', spec.eks.region));
    if (spec.eks.externalId !== undefined) {
      problems.push(...checkExternalId('spec.eks.externalId', spec.eks.externalId));
    }
  }
  if (hasKubeconfig && (spec.vpcId === undefined || spec.vpcAccount === undefined)) {
    problems.push({
      field: 'spec.vpcId',
      message:
        'a kubeconfig cluster needs spec.vpcId and spec.vpcAccount to join the service network',
    });
  }
  if (spec.vpcAccount !== undefined) {
    problems.push(
      ...checkRoleInAccount('spec.vpcAccount', spec.vpcAccount.accountId, spec.vpcAccount.roleArn),
    );
  }
  return problems;
}
