// The steps of a WorkloadCluster reconcile. An unreachable cluster is marked (Connected=False)
// and never cleaned up; AWS-side phases go on without it.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  acceptShareInvitation,
  clientToken,
  describeEksCluster,
  ensureVpcAssociation,
  VpcAlreadyAssociatedError,
} from '@trellis/aws';
import {
  checkWorkloadCluster,
  RequeueAfter,
  tenantOfNamespace,
  ValidationError,
  WORKLOAD_CLUSTER_CONDITIONS as C,
} from '@trellis/core';
import { CoreResources, mcsCrds } from '@trellis/kube';
import { clusterAccount } from '../identity-chains.ts';
import type { Tenant, WorkloadCluster } from '../resources.ts';
import type { Phase } from '../runtime/reconcile-object.ts';
import type { ReconcileScope } from '../runtime/reconcile-scope.ts';
import { ownershipOf } from '../tenants/tenant-phases.ts';
import type { ClusterAccess } from './cluster-connections.ts';

export interface ClusterScope extends ReconcileScope<WorkloadCluster> {
  tenant?: Tenant;
  access?: ClusterAccess;
  connected?: boolean;
}

export type ClusterPhase = Phase<ClusterScope>['run'];

export function clusterKey(cluster: WorkloadCluster): string {
  return `${cluster.metadata?.namespace}/${cluster.metadata?.name}`;
}

export const validateCluster: ClusterPhase = async (hub, scope) => {
  const cluster = scope.object;
  const problems = checkWorkloadCluster(cluster.metadata?.name ?? '', cluster.spec);
  const tenantName = tenantOfNamespace(cluster.metadata?.namespace ?? '');
  if (tenantName === undefined) {
    problems.push({
      field: 'metadata.namespace',
      message: 'workload clusters live in a tenant namespace (tenant-<name>)',
    });
  }
  if (problems.length > 0) {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    scope.setCondition({ type: C.valid, status: 'False', reason: 'InvalidSpec', message });
    throw new ValidationError(problems, 'the workload cluster is invalid');
  }
  const tenant = hub.tenants.get(tenantName ?? '');
  if (tenant === undefined || tenant.metadata?.deletionTimestamp) {
    scope.setCondition({
      type: C.valid,
      status: 'False',
      reason: 'TenantNotFound',
      message: `tenant ${tenantName} does not exist or is being deleted`,
    });
    throw new RequeueAfter(10_000, 'tenant missing');
  }
  scope.tenant = tenant;
  scope.setCondition({ type: C.valid, status: 'True', reason: 'Valid' });
};

export const resolveAccess: ClusterPhase = async (hub, scope) => {
  const cluster = scope.object;
  const eks = cluster.spec.eks;
  if (eks !== undefined) {
    const chain = clusterAccount(cluster)?.chain ?? [];
    const { eks: eksClient } = hub.aws.clientsFor(chain, eks.region);
    const info = await describeEksCluster(eksClient, eks.clusterName);
    scope.access = {
      kind: 'eks',
      server: info.endpoint,
      caData: info.caData,
      clusterName: eks.clusterName,
      region: eks.region,
      chain,
    };
    Object.assign(scope.status, {
      endpoint: info.endpoint,
      kubernetesVersion: info.kubernetesVersion,
      vpcId: cluster.spec.vpcId ?? info.vpcId,
      accountId: eks.accountId,
    });
    scope.setCondition({
      type: C.credentials,
      status: 'True',
      reason: 'RoleAssumed',
      message: `assumed ${eks.roleArn}; EKS cluster ${info.name} is ${info.status}`,
    });
    return;
  }
  const ref = cluster.spec.kubeconfigSecretRef!;
  const secret = await hub.mgmt.get<KubernetesObject & { data?: Record<string, string> }>(
    CoreResources.secrets,
    {
      name: ref.name,
      namespace: cluster.metadata?.namespace ?? '',
    },
  );
  const data = secret?.data?.[ref.key ?? 'kubeconfig'];
  if (data === undefined) {
    scope.setCondition({
      type: C.credentials,
      status: 'False',
      reason: 'KubeconfigMissing',
      message: `Secret ${ref.name} has no key ${ref.key ?? 'kubeconfig'}`,
    });
    throw new RequeueAfter(15_000, 'kubeconfig secret missing');
  }
  scope.access = { kind: 'kubeconfig', kubeconfig: Buffer.from(data, 'base64').toString('utf8') };
  Object.assign(scope.status, {
    vpcId: cluster.spec.vpcId,
    accountId: cluster.spec.vpcAccount?.accountId,
  });
  scope.setCondition({
    type: C.credentials,
    status: 'True',
    reason: 'KubeconfigLoaded',
    message: `kubeconfig from Secret ${ref.name}`,
  });
};

export const connect: ClusterPhase = async (hub, scope) => {
  const connection = hub.connections.connect(clusterKey(scope.object), scope.access!);
  try {
    const version = await hub.connections.probe(connection);
    scope.connected = true;
    // Refreshed at most once per resync interval: a heartbeat on every reconcile would make
    // every reconcile a status write, whose watch event starts the next reconcile (a hot loop).
    const age =
      scope.now.getTime() -
      Date.parse(
        typeof scope.status.lastHeartbeatTime === 'string' ? scope.status.lastHeartbeatTime : '',
      );
    if (!(age >= 0 && age < hub.settings.resyncIntervalMs / 2))
      scope.status.lastHeartbeatTime = scope.now.toISOString();
    scope.status.kubernetesVersion ??= version.gitVersion;
    if (scope.object.spec.kubeconfigSecretRef) scope.status.kubernetesVersion = version.gitVersion;
    scope.setCondition({
      type: C.connected,
      status: 'True',
      reason: 'Heartbeat',
      message: `API server ${version.gitVersion} answered`,
    });
  } catch (error) {
    scope.connected = false;
    const message = error instanceof Error ? error.message : String(error);
    scope.setCondition({
      type: C.connected,
      status: 'False',
      reason: 'Unreachable',
      message: `the cluster's API server did not answer: ${message}; nothing is cleaned up while it is unreachable`,
    });
  }
};

export const installMcsCrds: ClusterPhase = async (hub, scope) => {
  if (!scope.connected) {
    scope.setCondition({
      type: C.mcsInstalled,
      status: 'Unknown',
      reason: 'Unreachable',
      message: 'waiting for the cluster to answer',
    });
    return;
  }
  const { client } = hub.connections.get(clusterKey(scope.object))!;
  const installed: string[] = [];
  for (const crd of mcsCrds()) {
    const existing = await client.get(CoreResources.customResourceDefinitions, {
      name: crd.metadata?.name ?? '',
    });
    if (existing === undefined) {
      await client.create(CoreResources.customResourceDefinitions, crd);
      installed.push(crd.metadata?.name ?? '');
    }
  }
  if (installed.length > 0)
    hub.events.record(scope.object, 'Normal', 'MCSInstalled', `installed ${installed.join(', ')}`);
  scope.setCondition({
    type: C.mcsInstalled,
    status: 'True',
    reason: 'Installed',
    message: 'ServiceExport and ServiceImport CRDs present',
  });
};

export const joinServiceNetwork: ClusterPhase = async (hub, scope) => {
  const cluster = scope.object;
  const tenant = scope.tenant!;
  const network = tenant.status?.serviceNetwork;
  const account = clusterAccount(cluster);
  const vpcId = scope.status.vpcId as string | undefined;
  if (network === undefined) {
    scope.setCondition({
      type: C.vpcAssociated,
      status: 'False',
      reason: 'WaitingForServiceNetwork',
      message: `tenant ${tenant.metadata?.name} has no service network yet`,
    });
    throw new RequeueAfter(hub.settings.pollIntervalMs, 'waiting for the tenant service network');
  }
  if (account === undefined || vpcId === undefined) return;
  const region = cluster.spec.eks?.region ?? tenant.spec.networkAccount.region;
  const { lattice, ram } = hub.aws.clientsFor(account.chain, region);
  if (account.accountId !== tenant.spec.networkAccount.accountId) {
    const shareArn = tenant.status?.resourceShareArn;
    if (
      shareArn === undefined ||
      !(tenant.status?.sharedWithAccounts ?? []).includes(account.accountId)
    ) {
      scope.setCondition({
        type: C.vpcAssociated,
        status: 'False',
        reason: 'WaitingForShare',
        message: `waiting for the tenant's RAM share to include account ${account.accountId}`,
      });
      hub.enqueueTenant(tenant.metadata?.name ?? '', 'cluster-needs-share');
      throw new RequeueAfter(hub.settings.pollIntervalMs, 'waiting for the RAM share');
    }
    const invitation = await acceptShareInvitation(ram, shareArn);
    if (invitation === 'accepted')
      hub.events.record(
        cluster,
        'Normal',
        'ShareAccepted',
        `accepted the RAM invitation to ${shareArn} in account ${account.accountId}`,
      );
  }
  const name = tenant.metadata?.name ?? '';
  try {
    const association = await ensureVpcAssociation(lattice, {
      serviceNetworkArn: network.arn,
      vpcId,
      tags: { ...ownershipOf(hub, name).tags, 'trellis.dev/cluster': cluster.metadata?.name ?? '' },
      clientToken: clientToken(
        hub.settings.hubId,
        name,
        cluster.metadata?.name ?? '',
        'vpc-association',
        vpcId,
      ),
    });
    if (association.created)
      hub.events.record(
        cluster,
        'Normal',
        'VPCAssociating',
        `associating ${vpcId} with ${network.name}`,
      );
    scope.status.vpcAssociation = {
      id: association.id,
      arn: association.arn,
      status: association.status,
    };
    if (association.status !== 'ACTIVE') {
      scope.setCondition({
        type: C.vpcAssociated,
        status: 'False',
        reason: 'Associating',
        message: `${association.id} is ${association.status}`,
      });
      throw new RequeueAfter(hub.settings.pollIntervalMs, 'association in progress');
    }
    scope.setCondition({
      type: C.vpcAssociated,
      status: 'True',
      reason: 'Associated',
      message: `${vpcId} is associated with ${network.name} (${association.id})`,
    });
  } catch (error) {
    if (error instanceof VpcAlreadyAssociatedError) {
      scope.setCondition({
        type: C.vpcAssociated,
        status: 'False',
        reason: 'VPCInAnotherServiceNetwork',
        message: error.message,
      });
      throw new RequeueAfter(30_000, error.message);
    }
    throw error;
  }
};

export const CLUSTER_PHASES: readonly Phase<ClusterScope>[] = [
  { name: 'validate', condition: C.valid, run: validateCluster },
  { name: 'access', condition: C.credentials, run: resolveAccess },
  { name: 'connect', condition: C.connected, run: connect },
  { name: 'mcs', condition: C.mcsInstalled, run: installMcsCrds },
  { name: 'network', condition: C.vpcAssociated, run: joinServiceNetwork },
];

export const CLUSTER_READY_DEPENDS_ON = [
  C.valid,
  C.credentials,
  C.connected,
  C.mcsInstalled,
  C.vpcAssociated,
];
