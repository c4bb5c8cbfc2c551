import { removeVpcAssociation } from '@trellis/aws';
import { tenantOfNamespace } from '@trellis/core';
import { removeFinalizer, type ObjectKey } from '@trellis/kube';
import type { ReconcileContext, ReconcileOutcome } from '@trellis/queue';
import type { HubContext } from '../hub-context.ts';
import { clusterAccount } from '../identity-chains.ts';
import { CLUSTER_FINALIZER, WORKLOAD_CLUSTERS, type WorkloadCluster } from '../resources.ts';
import {
  reconcileObject,
  reportDeletionFailure,
  type ObjectReconciler,
} from '../runtime/reconcile-object.ts';
import { ReconcileScope } from '../runtime/reconcile-scope.ts';
import { ownershipOf } from '../tenants/tenant-phases.ts';
import {
  CLUSTER_PHASES,
  CLUSTER_READY_DEPENDS_ON,
  clusterKey,
  type ClusterScope,
} from './cluster-phases.ts';

/** WorkloadCluster reconcile: the shared shape; the periodic resync is the heartbeat. */
export class WorkloadClusterReconciler {
  private readonly hub: HubContext;
  private readonly spec: ObjectReconciler<WorkloadCluster, ClusterScope>;

  constructor(hub: HubContext) {
    this.hub = hub;
    this.spec = {
      ref: WORKLOAD_CLUSTERS,
      finalizer: CLUSTER_FINALIZER,
      phases: CLUSTER_PHASES,
      readyDependsOn: CLUSTER_READY_DEPENDS_ON,
      reconcileDelete: (cluster, context) => this.reconcileDelete(cluster, context),
      // Unreachable: keep checking on the poll interval rather than the slow resync.
      afterPhases: (scope) =>
        scope.connected ? undefined : { requeueAfterMs: hub.settings.pollIntervalMs * 5 },
    };
  }

  reconcile(key: ObjectKey, context: ReconcileContext): Promise<ReconcileOutcome> {
    return reconcileObject(this.hub, this.spec, key, context);
  }

  /** Remove the VPC association (if ours); the tenant then drops the account from its share. */
  private async reconcileDelete(
    cluster: WorkloadCluster,
    context: ReconcileContext,
  ): Promise<ReconcileOutcome> {
    const tenantName = tenantOfNamespace(cluster.metadata?.namespace ?? '') ?? '';
    const tenant = this.hub.tenants.get(tenantName);
    const network = tenant?.status?.serviceNetwork;
    const account = clusterAccount(cluster);
    const vpcId = cluster.status?.vpcId ?? cluster.spec.vpcId;
    const scope = new ReconcileScope(cluster, this.hub.now());
    try {
      if (
        tenant !== undefined &&
        network !== undefined &&
        account !== undefined &&
        vpcId !== undefined
      ) {
        const region = cluster.spec.eks?.region ?? tenant.spec.networkAccount.region;
        const { lattice } = this.hub.aws.clientsFor(account.chain, region);
        const result = await removeVpcAssociation(lattice, {
          serviceNetworkArn: network.arn,
          vpcId,
          isOwned: ownershipOf(this.hub, tenantName).isOwned,
        });
        context.log.info({ cluster: cluster.metadata?.name, result }, 'VPC association removed');
      }
      this.hub.connections.forget(clusterKey(cluster));
      await removeFinalizer(this.hub.mgmt, WORKLOAD_CLUSTERS, cluster, CLUSTER_FINALIZER);
      this.hub.enqueueTenant(tenantName, 'cluster-deleted');
    } catch (error) {
      return reportDeletionFailure(this.hub, WORKLOAD_CLUSTERS, scope, error);
    }
  }
}
