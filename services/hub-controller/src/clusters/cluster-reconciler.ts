import { removeVpcAssociation } from '@trellis/aws';
import {
  isConditionTrue,
  setCondition,
  tenantOfNamespace,
  WORKLOAD_CLUSTER_CONDITIONS,
} from '@trellis/core';
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
import { patchStatusIfChanged } from '../runtime/status-writer.ts';
import { ownershipOf } from '../tenants/tenant-phases.ts';
import {
  CLUSTER_PHASES,
  CLUSTER_READY_DEPENDS_ON,
  clusterKey,
  connect,
  resolveAccess,
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

  /**
   * First the multi-cluster service controller lets go of the cluster (its exports released, its
   * imports removed, exactly its target groups deleted); then the VPC association is removed (if
   * ours) and the tenant drops the account from its share.
   */
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
      const reachable = await this.reachableForCleanup(cluster);
      if (!reachable) await this.markUnreachable(cluster);
      if (!(await this.hub.clusterServicesReleased(cluster, reachable))) {
        context.log.info(
          { cluster: cluster.metadata?.name },
          'waiting for the multi-cluster services to let go of the cluster',
        );
        return { requeueAfterMs: this.hub.settings.pollIntervalMs };
      }
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

  /** Connected=False, so the multi-cluster services stop trying to write there. */
  private async markUnreachable(cluster: WorkloadCluster): Promise<void> {
    const conditions = cluster.status?.conditions ?? [];
    if (!isConditionTrue(conditions, WORKLOAD_CLUSTER_CONDITIONS.connected)) return;
    await patchStatusIfChanged(this.hub.mgmt, WORKLOAD_CLUSTERS, cluster, {
      ...(cluster.status ?? {}),
      conditions: setCondition(
        conditions,
        {
          type: WORKLOAD_CLUSTER_CONDITIONS.connected,
          status: 'False',
          reason: 'Unreachable',
          message: 'the cluster did not answer while it was being deleted',
        },
        this.hub.now(),
      ),
    });
  }

  /**
   * Whether the cluster answers now, connecting first if this hub holds no connection to it (it
   * restarted during the deletion), so its exports can be released and imports removed.
   * Unreachable: that part of the cleanup is skipped, never waited for.
   */
  private async reachableForCleanup(cluster: WorkloadCluster): Promise<boolean> {
    const existing = this.hub.connections.get(clusterKey(cluster));
    if (existing !== undefined) {
      try {
        await this.hub.connections.probe(existing);
        return true;
      } catch {
        return false;
      }
    }
    const scope = new ReconcileScope(cluster, this.hub.now()) as ClusterScope;
    try {
      await resolveAccess(this.hub, scope);
      await connect(this.hub, scope);
    } catch {
      // no credentials or no such EKS cluster: nothing in it can be cleaned up
    }
    return scope.connected === true;
  }
}
