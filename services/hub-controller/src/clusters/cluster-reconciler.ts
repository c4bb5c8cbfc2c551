import { removeVpcAssociation } from '@trellis/aws';
import { isKnownError, RequeueAfter, tenantOfNamespace } from '@trellis/core';
import { ensureFinalizer, removeFinalizer, type ObjectKey } from '@trellis/kube';
import type { ReconcileContext, ReconcileOutcome } from '@trellis/queue';
import type { HubContext } from '../hub-context.ts';
import { clusterAccount } from '../identity-chains.ts';
import { CLUSTER_FINALIZER, WORKLOAD_CLUSTERS, type WorkloadCluster } from '../resources.ts';
import { describeFailure } from '../runtime/failures.ts';
import { ReconcileScope } from '../runtime/reconcile-scope.ts';
import { patchStatusIfChanged } from '../runtime/status-writer.ts';
import { ownershipOf } from '../tenants/tenant-phases.ts';
import {
  CLUSTER_PHASES,
  CLUSTER_READY_DEPENDS_ON,
  clusterKey,
  type ClusterScope,
} from './cluster-phases.ts';

/** WorkloadCluster reconcile: same shape as the tenant's; the periodic resync is the heartbeat. */
export class WorkloadClusterReconciler {
  private readonly hub: HubContext;

  constructor(hub: HubContext) {
    this.hub = hub;
  }

  async reconcile(key: ObjectKey, context: ReconcileContext): Promise<ReconcileOutcome> {
    const cluster = await this.hub.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, key);
    if (cluster === undefined) return;
    if (cluster.metadata?.deletionTimestamp) return this.reconcileDelete(cluster, context);
    if (!cluster.metadata?.finalizers?.includes(CLUSTER_FINALIZER)) {
      await ensureFinalizer(this.hub.mgmt, WORKLOAD_CLUSTERS, cluster, CLUSTER_FINALIZER);
      return;
    }
    const scope: ClusterScope = new ReconcileScope(cluster, this.hub.now());
    let completed = false;
    try {
      for (const phase of CLUSTER_PHASES) {
        try {
          await phase.run(this.hub, scope);
        } catch (error) {
          if (error instanceof RequeueAfter || (isKnownError(error) && error.kind === 'validation'))
            throw error;
          const failure = describeFailure(error);
          scope.setCondition({
            type: phase.condition,
            status: 'False',
            reason: failure.reason,
            message: failure.message,
          });
          throw failure.next;
        }
      }
      completed = true;
      // Unreachable: keep checking on the poll interval rather than the slow resync.
      if (!scope.connected) return { requeueAfterMs: this.hub.settings.pollIntervalMs * 5 };
    } finally {
      await patchStatusIfChanged(
        this.hub.mgmt,
        WORKLOAD_CLUSTERS,
        cluster,
        scope.finalStatus(CLUSTER_READY_DEPENDS_ON, completed),
      );
    }
  }

  private async reconcileDelete(
    cluster: WorkloadCluster,
    context: ReconcileContext,
  ): Promise<ReconcileOutcome> {
    if (!cluster.metadata?.finalizers?.includes(CLUSTER_FINALIZER)) return;
    const tenantName = tenantOfNamespace(cluster.metadata.namespace ?? '') ?? '';
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
        context.log.info({ cluster: cluster.metadata.name, result }, 'VPC association removed');
      }
      this.hub.connections.forget(clusterKey(cluster));
      await removeFinalizer(this.hub.mgmt, WORKLOAD_CLUSTERS, cluster, CLUSTER_FINALIZER);
      // the tenant's RAM share no longer needs this account (if no other cluster does)
      this.hub.enqueueTenant(tenantName, 'cluster-deleted');
    } catch (error) {
      const failure = describeFailure(error);
      scope.setCondition({
        type: 'Deleting',
        status: 'False',
        reason: failure.reason,
        message: failure.message,
      });
      await patchStatusIfChanged(
        this.hub.mgmt,
        WORKLOAD_CLUSTERS,
        cluster,
        scope.finalStatus(['Deleting'], false),
      );
      throw failure.next;
    }
  }
}
