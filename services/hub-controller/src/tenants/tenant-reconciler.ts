import { deleteOwnedResourceShare, deleteOwnedServiceNetwork } from '@trellis/aws';
import { isKnownError, RequeueAfter, tenantNamespace } from '@trellis/core';
import { CoreResources, ensureFinalizer, removeFinalizer, type ObjectKey } from '@trellis/kube';
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
import { describeFailure } from '../runtime/failures.ts';
import { ReconcileScope } from '../runtime/reconcile-scope.ts';
import { patchStatusIfChanged } from '../runtime/status-writer.ts';
import {
  ownershipOf,
  serviceNetworkNameOf,
  TENANT_PHASES,
  TENANT_READY_DEPENDS_ON,
  type TenantScope,
} from './tenant-phases.ts';

/**
 * Tenant reconcile, in Cluster API's shape: get (gone → done) → deleting? clean up → ensure the
 * finalizer → run phases → in `finally`, write conditions and status.
 */
export class TenantReconciler {
  private readonly hub: HubContext;

  constructor(hub: HubContext) {
    this.hub = hub;
  }

  async reconcile(key: ObjectKey, context: ReconcileContext): Promise<ReconcileOutcome> {
    const tenant = await this.hub.mgmt.get<Tenant>(TENANTS, key);
    if (tenant === undefined) return;
    if (tenant.metadata?.deletionTimestamp) return this.reconcileDelete(tenant, context);
    if (!tenant.metadata?.finalizers?.includes(TENANT_FINALIZER)) {
      await ensureFinalizer(this.hub.mgmt, TENANTS, tenant, TENANT_FINALIZER);
      return; // the update event brings us back with the new resourceVersion
    }
    const scope = new ReconcileScope(tenant, this.hub.now());
    let completed = false;
    try {
      await this.runPhases(scope);
      completed = true;
    } finally {
      await patchStatusIfChanged(
        this.hub.mgmt,
        TENANTS,
        tenant,
        scope.finalStatus(TENANT_READY_DEPENDS_ON, completed),
      );
    }
  }

  private async runPhases(scope: TenantScope): Promise<void> {
    for (const phase of TENANT_PHASES) {
      try {
        await phase.run(this.hub, scope);
      } catch (error) {
        if (isKnownError(error) && error.kind === 'validation') throw error;
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
  }

  private async reconcileDelete(
    tenant: Tenant,
    context: ReconcileContext,
  ): Promise<ReconcileOutcome> {
    if (!tenant.metadata?.finalizers?.includes(TENANT_FINALIZER)) return;
    const name = tenant.metadata.name ?? '';
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
      await this.hub.mgmt.delete(CoreResources.namespaces, { name: namespace });
      await removeFinalizer(this.hub.mgmt, TENANTS, tenant, TENANT_FINALIZER);
      this.hub.events.record(tenant, 'Normal', 'Deleted', 'tenant resources removed');
    } catch (error) {
      if (!(error instanceof RequeueAfter)) {
        const failure = describeFailure(error);
        scope.setCondition({
          type: 'Deleting',
          status: 'False',
          reason: failure.reason,
          message: failure.message,
        });
        await patchStatusIfChanged(
          this.hub.mgmt,
          TENANTS,
          tenant,
          scope.finalStatus(['Deleting'], false),
        );
        throw failure.next;
      }
      await patchStatusIfChanged(
        this.hub.mgmt,
        TENANTS,
        tenant,
        scope.finalStatus(['Deleting'], false),
      );
      throw error;
    }
  }
}
