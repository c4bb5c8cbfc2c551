// One multi-cluster service, `<tenant>/<namespace>/<name>`, across the tenant's member clusters:
// observe (caches) → finalizers → plan → apply Lattice → ServiceImports → export statuses →
// release deleted exports; or, with nothing valid exported, remove the Lattice resources and the
// imports. Statuses are written in a `finally`, so a failed apply shows on the exports.
import { RequeueAfter } from '@trellis/core';
import { isNotFound } from '@trellis/kube';
import type { ReconcileContext, ReconcileOutcome } from '@trellis/queue';
import type { HubContext } from '../hub-context.ts';
import { MULTI_CLUSTER_SERVICES } from '../resources.ts';
import { describeFailure } from '../runtime/failures.ts';
import { parseMcsKey, type MultiClusterServiceKey } from './mcs-key.ts';
import {
  applyLattice,
  applyServiceImports,
  ensureExportFinalizers,
  planService,
  releaseDeletedExports,
  removeLattice,
  removeServiceImports,
  retireLatticeServices,
} from './mcs-phases.ts';
import { readModelRef, writeReadModel } from './mcs-read-model.ts';
import type { MultiClusterServiceScope } from './mcs-scope.ts';
import { writeExportStatuses } from './mcs-status.ts';
import { observeMultiClusterService, type LastSeenExports } from './observed-exports.ts';
import type { MemberWatches } from './member-watches.ts';

/** The split ClusterMigrations hold a service at (percent per cluster); undefined: none. */
export type WeightsOverrideSource = (
  key: MultiClusterServiceKey,
) => Promise<Readonly<Record<string, number>> | undefined>;

export class MultiClusterServiceReconciler {
  private readonly hub: HubContext;
  private readonly watches: MemberWatches;
  private readonly lastSeen: LastSeenExports;
  private readonly weightsFor: WeightsOverrideSource | undefined;

  constructor(
    hub: HubContext,
    watches: MemberWatches,
    lastSeen: LastSeenExports,
    weightsFor?: WeightsOverrideSource,
  ) {
    this.hub = hub;
    this.watches = watches;
    this.lastSeen = lastSeen;
    this.weightsFor = weightsFor;
  }

  /** `report` receives the scope once it is built (a caller's way to see what was applied). */
  async reconcile(
    keyString: string,
    context: ReconcileContext,
    report?: (scope: MultiClusterServiceScope) => void,
  ): Promise<ReconcileOutcome> {
    const key = parseMcsKey(keyString);
    if (key === undefined) return;
    const hub = this.hub;
    const observed = observeMultiClusterService({
      key,
      keyString,
      clusters: hub.clusters.list(),
      watchOf: (cluster) => this.watches.get(key.tenant, cluster),
      lastSeen: this.lastSeen,
    });
    const tenant = hub.tenants.get(key.tenant);
    const serviceNetworkArn = tenant?.status?.serviceNetwork?.arn;
    const log = context.log.child({ tenant: key.tenant, namespace: key.namespace, name: key.name });
    if (tenant === undefined || serviceNetworkArn === undefined) {
      if (observed.exports.length === 0 && observed.deleting.length === 0) {
        await this.removeStaleReadModel(keyString, log);
        return;
      }
      log.info('tenant has no service network yet; waiting');
      return { requeueAfterMs: hub.settings.pollIntervalMs * 5 };
    }
    // Planning without a connected cluster's exports would take its traffic away for nothing.
    const pending = observed.members.filter((m) => m.pending).map((m) => m.name);
    if (pending.length > 0) {
      log.debug({ pending }, 'waiting for member cluster caches');
      return { requeueAfterMs: hub.settings.pollIntervalMs };
    }
    const weightsOverride = await this.weightsFor?.(key);
    const scope: MultiClusterServiceScope = {
      observed,
      tenant,
      serviceNetworkArn,
      now: hub.now(),
      log,
      ...(weightsOverride !== undefined ? { weightsOverride } : {}),
    };
    report?.(scope);
    await ensureExportFinalizers(hub, scope);
    await planService(hub, scope);
    try {
      if (scope.desired === undefined) {
        await removeLattice(hub, scope);
        await removeServiceImports(hub, scope);
      } else {
        await applyLattice(hub, scope);
        await applyServiceImports(hub, scope);
        await retireLatticeServices(hub, scope);
      }
      await releaseDeletedExports(hub, scope);
      scope.completed = true;
    } catch (error) {
      if (error instanceof RequeueAfter) throw error;
      const failure = describeFailure(error);
      log.warn({ reason: failure.reason }, failure.message);
      throw failure.next;
    } finally {
      const conditions = await writeExportStatuses(hub, scope);
      await writeReadModel(hub, scope, conditions, this.lastSeen.of(keyString));
    }
    if ((scope.deployed !== undefined && !scope.deployed.ready) || (scope.retired ?? []).length > 0)
      return { requeueAfterMs: hub.settings.pollIntervalMs };
  }

  /** A read model left behind (its tenant's network gone, say) with nothing exported. */
  private async removeStaleReadModel(keyString: string, log: ReconcileContext['log']) {
    const key = parseMcsKey(keyString);
    if (key === undefined || this.lastSeen.of(keyString).length > 0) return;
    const ref = readModelRef(key);
    if (this.hub.multiClusterServices.get(ref.name, ref.namespace) === undefined) return;
    await this.hub.mgmt.delete(MULTI_CLUSTER_SERVICES, ref).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    log.info('MultiClusterService removed (nothing exported)');
  }
}
