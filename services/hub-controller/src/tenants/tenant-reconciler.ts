import { deleteOwnedResourceShare, deleteOwnedServiceNetwork } from '@trellis/aws';
import { isConditionTrue, RequeueAfter, TENANT_CONDITIONS, tenantNamespace } from '@trellis/core';
import { CoreResources, removeFinalizer, type ObjectKey } from '@trellis/kube';
import type { ReconcileContext, ReconcileOutcome } from '@trellis/queue';
import type { HubContext } from '../hub-context.ts';
import { networkAccountChain } from '../identity-chains.ts';
import {
  TENANT_FINALIZER,
  TENANTS,
  WORKLOAD_CLUSTERS,
  type Tenant,
  type WorkloadCluster,
} from '../resources.ts';
import {
  reconcileObject,
  reportDeletionFailure,
  type ObjectReconciler,
} from '../runtime/reconcile-object.ts';
import { ReconcileScope } from '../runtime/reconcile-scope.ts';
import {
  ownershipOf,
  serviceNetworkNameOf,
  TENANT_PHASES,
  TENANT_READY_DEPENDS_ON,
  type TenantScope,
} from './tenant-phases.ts';

/** Tenant reconcile: the shared reconcile shape with the tenant's phases and clean-up. */
export class TenantReconciler {
  private readonly hub: HubContext;
  private readonly spec: ObjectReconciler<Tenant, TenantScope>;

  constructor(hub: HubContext) {
    this.hub = hub;
    this.spec = {
      ref: TENANTS,
      finalizer: TENANT_FINALIZER,
      phases: TENANT_PHASES,
      readyDependsOn: TENANT_READY_DEPENDS_ON,
      reconcileDelete: (tenant, context) => this.reconcileDelete(tenant, context),
    };
  }

  reconcile(key: ObjectKey, context: ReconcileContext): Promise<ReconcileOutcome> {
    return reconcileObject(this.hub, this.spec, key, context);
  }

  /** Refuse while clusters remain; then remove only what carries this hub's tags. */
  private async reconcileDelete(
    tenant: Tenant,
    context: ReconcileContext,
  ): Promise<ReconcileOutcome> {
    const name = tenant.metadata?.name ?? '';
    const namespace = tenantNamespace(name);
    const scope = new ReconcileScope(tenant, this.hub.now());
    try {
      const remaining = (
        await this.hub.mgmt.list<WorkloadCluster>(WORKLOAD_CLUSTERS, { namespace })
      ).items;
      if (remaining.length > 0) {
        const names = remaining.map((c) => c.metadata?.name).join(', ');
        scope.setCondition({
          type: 'Deleting',
          status: 'False',
          reason: 'ClustersRemain',
          message: `${remaining.length} workload cluster(s) remain in ${namespace} (${names}); delete them first`,
        });
        throw new RequeueAfter(5_000, 'waiting for workload clusters to be deleted');
      }
      if (neverReachedAws(tenant)) {
        // Waiting for a role that never worked would hold the finalizer forever.
        this.hub.events.record(
          tenant,
          'Normal',
          'NothingToCleanUp',
          'Trellis never reached the network account and recorded no AWS resources: nothing to delete there',
        );
      } else {
        await this.deleteAwsResources(tenant, context);
      }
      await this.hub.mgmt.delete(CoreResources.namespaces, { name: namespace });
      await removeFinalizer(this.hub.mgmt, TENANTS, tenant, TENANT_FINALIZER);
      this.hub.events.record(tenant, 'Normal', 'Deleted', 'tenant resources removed');
    } catch (error) {
      return reportDeletionFailure(this.hub, TENANTS, scope, error);
    }
  }

  private async deleteAwsResources(tenant: Tenant, context: ReconcileContext): Promise<void> {
    const name = tenant.metadata?.name ?? '';
    const { lattice, ram } = this.hub.aws.clientsFor(
      networkAccountChain(tenant),
      tenant.spec.networkAccount.region,
    );
    const { isOwned } = ownershipOf(this.hub, name);
    const share = await deleteOwnedResourceShare(ram, `trellis-${name}`, isOwned);
    const network = await deleteOwnedServiceNetwork(
      lattice,
      tenant.spec.networkAccount.accountId,
      serviceNetworkNameOf(tenant),
      isOwned,
    );
    context.log.info({ tenant: name, share, network }, 'tenant AWS resources cleaned up');
    if (network === 'not-owned') {
      this.hub.events.record(
        tenant,
        'Normal',
        'ServiceNetworkKept',
        'the service network was adopted, not created by Trellis: left in place',
      );
    }
  }
}

/**
 * True when the tenant's credentials never worked and its status records no AWS resource: then
 * nothing of ours can exist there (every create happens after a successful AssumeRole and is
 * recorded in status by the same reconcile).
 */
function neverReachedAws(tenant: Tenant): boolean {
  const status = tenant.status;
  return (
    status?.serviceNetwork === undefined &&
    status?.resourceShareArn === undefined &&
    !isConditionTrue(status?.conditions, TENANT_CONDITIONS.credentials)
  );
}
