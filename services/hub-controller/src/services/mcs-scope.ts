// What one multi-cluster service reconcile has loaded and decided, shared by its phases.
import type { DeployResult } from '@trellis/aws';
import type { ApplyResult, DesiredMultiClusterService } from '@trellis/core';
import type { ResourceClient } from '@trellis/kube';
import type { Logger } from 'pino';
import type { HubContext } from '../hub-context.ts';
import { clusterKey } from '../clusters/cluster-phases.ts';
import { clusterAccount } from '../identity-chains.ts';
import type { Tenant } from '../resources.ts';
import type { MemberCluster, ObservedMultiClusterService } from './observed-exports.ts';

export interface MultiClusterServiceScope {
  observed: ObservedMultiClusterService;
  tenant: Tenant;
  serviceNetworkArn: string;
  now: Date;
  log: Logger;
  /** the split a ClusterMigration holds this service at (percent per cluster), if any */
  weightsOverride?: Readonly<Record<string, number>>;
  desired?: DesiredMultiClusterService;
  deployed?: DeployResult;
  /** the outcome of applying the Lattice resources; absent: not applied (yet) */
  apply?: ApplyResult;
  /** older Lattice services of this export (another account or name) not yet removed */
  retired?: { accountId: string; name: string }[];
  /** every phase ran without error */
  completed?: boolean;
}

/** The member cluster's client, only while the hub can see it. */
export function memberClient(hub: HubContext, member: MemberCluster): ResourceClient | undefined {
  if (!member.reachable) return undefined;
  return hub.connections.get(clusterKey(member.object))?.client;
}

/**
 * Lattice in `accountId` (the client and the account's inventory), through the role of a member
 * cluster in that account.
 */
export function latticeIn(hub: HubContext, scope: MultiClusterServiceScope, accountId: string) {
  for (const member of scope.observed.members) {
    const account = clusterAccount(member.object);
    if (account?.accountId !== accountId) continue;
    const region = member.object.spec.eks?.region ?? scope.tenant.spec.networkAccount.region;
    const { lattice, latticeInventory } = hub.aws.clientsFor(account.chain, region);
    return { lattice, inventory: latticeInventory };
  }
  return undefined;
}
