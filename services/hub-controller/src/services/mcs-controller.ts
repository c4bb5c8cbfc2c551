// Wiring of the multi-cluster service controller: member-cluster watches and a resync feed the
// `multiclusterservice` queue with `<tenant>/<namespace>/<name>` keys; cluster and tenant changes
// re-queue the tenant's services (reachability, VPC, service network). Runs only on the leader.
import { listOwnedTargetGroups } from '@trellis/aws';
import { isOwnedBy, MANAGED_BY_VALUE, MCS_LABELS, tenantOfNamespace } from '@trellis/core';
import { CoreResources, ServiceImports } from '@trellis/kube';
import { ReconcileQueue, ResyncLoop, type ReconcileQueueOptions } from '@trellis/queue';
import type { Logger } from 'pino';
import { clusterKey } from '../clusters/cluster-phases.ts';
import type { HubContext } from '../hub-context.ts';
import { clusterAccount } from '../identity-chains.ts';
import type { WorkloadCluster } from '../resources.ts';
import { KeyedLock } from '../runtime/keyed-lock.ts';
import { MultiClusterServiceReconciler, type WeightsOverrideSource } from './mcs-reconciler.ts';
import { mcsKey, parseMcsKey } from './mcs-key.ts';
import { keyOfReadModel, restoreLastSeenExports } from './mcs-read-model.ts';
import { SERVICE_EXPORT_FINALIZER } from './mcs-resources.ts';
import type { MultiClusterServiceScope } from './mcs-scope.ts';
import { MemberWatches, type MemberWatch } from './member-watches.ts';
import { LastSeenExports } from './observed-exports.ts';

export const MCS_CONTROLLER_NAME = 'multiclusterservice';

export interface MultiClusterServiceControllerOptions {
  queue: Omit<ReconcileQueueOptions, 'name' | 'logger'>;
  resyncIntervalMs: number;
  logger: Logger;
  /** ClusterMigrations' weights per service (the planner's override) */
  weightsFor?: WeightsOverrideSource;
}

export class MultiClusterServiceController {
  readonly name = MCS_CONTROLLER_NAME;
  private readonly hub: HubContext;
  private readonly log: Logger;
  private readonly queue: ReconcileQueue;
  private readonly resync: ResyncLoop;
  private readonly watches: MemberWatches;
  private readonly lastSeen = new LastSeenExports();
  /** one reconcile per key at a time, from the queue or from reconcileNow */
  private readonly locks = new KeyedLock();
  private readonly reconciler: MultiClusterServiceReconciler;
  private started = false;

  constructor(hub: HubContext, options: MultiClusterServiceControllerOptions) {
    this.hub = hub;
    this.log = options.logger;
    this.watches = new MemberWatches({
      logger: options.logger,
      hubId: hub.settings.hubId,
      onChange: (key, reason) => this.enqueue(key, reason),
    });
    this.queue = new ReconcileQueue({
      ...options.queue,
      name: MCS_CONTROLLER_NAME,
      logger: options.logger,
    });
    const reconciler = new MultiClusterServiceReconciler(
      hub,
      this.watches,
      this.lastSeen,
      options.weightsFor,
    );
    this.reconciler = reconciler;
    this.resync = new ResyncLoop({
      intervalMs: options.resyncIntervalMs,
      listKeys: () => {
        // also the safety net for watches: a connection made without a status change starts them
        this.syncWatches();
        return new Set(this.knownKeys());
      },
      enqueue: (key, reason) => this.queue.enqueue(key, reason),
      logger: options.logger,
    });
    this.reconcile = (context) =>
      this.locks.run(context.key, () => reconciler.reconcile(context.key, context));
    hub.clusters.on((_type, cluster) => {
      if (!this.started) return;
      this.syncWatches();
      const tenant = tenantOfNamespace(cluster.metadata?.namespace ?? '');
      if (tenant !== undefined) this.enqueueTenant(tenant, 'cluster-changed');
    });
    hub.tenants.on((_type, tenant) => {
      if (this.started) this.enqueueTenant(tenant.metadata?.name ?? '', 'tenant-changed');
    });
  }

  private readonly reconcile: Parameters<ReconcileQueue['start']>[0];

  enqueue(key: string, reason: string): void {
    if (!this.started) return;
    this.queue
      .enqueue(key, reason)
      .catch((error: unknown) => this.log.warn({ err: error, key }, 'could not enqueue'));
  }

  /**
   * Reconcile `key` now, outside the queue but never overlapping its reconcile of the same key.
   * Returns the scope (what was planned and applied), or undefined when the reconcile stopped
   * before planning (no service network yet, member caches filling). Throws what it throws.
   */
  async reconcileNow(
    key: string,
    context: Parameters<MultiClusterServiceReconciler['reconcile']>[1],
  ): Promise<MultiClusterServiceScope | undefined> {
    let scope: MultiClusterServiceScope | undefined;
    await this.locks.run(key, () =>
      this.reconciler.reconcile(key, context, (s) => {
        scope = s;
      }),
    );
    return scope;
  }

  /** The member-cluster caches of a tenant's cluster, while the hub watches it. */
  memberWatch(tenant: string, cluster: string): MemberWatch | undefined {
    return this.watches.get(tenant, cluster);
  }

  /** Every service this controller knows of: exported now, last seen, or with a read model. */
  private knownKeys(): string[] {
    const readModels = this.hub.multiClusterServices.list().map(keyOfReadModel);
    return [
      ...new Set([
        ...this.watches.exportedKeys(),
        ...this.lastSeen.keys(),
        ...readModels.filter((k): k is string => k !== undefined),
      ]),
    ];
  }

  private enqueueTenant(tenant: string, reason: string): void {
    for (const key of this.knownKeys()) {
      if (parseMcsKey(key)?.tenant === tenant) this.enqueue(key, reason);
    }
  }

  /**
   * For the WorkloadCluster reconciler, while a cluster is being deleted: true once this
   * controller has let go of it — no ServiceExport there still carries our finalizer, no
   * ServiceImport or ExternalName Service of this hub is left there (both only when `reachable`:
   * what cannot be reached is not waited for), and no Lattice target group of this hub is tagged
   * with it. Until
   * then it asks for the tenant's services to be reconciled (which does that cleanup).
   */
  async clusterServicesReleased(cluster: WorkloadCluster, reachable: boolean): Promise<boolean> {
    const tenant = tenantOfNamespace(cluster.metadata?.namespace ?? '');
    const name = cluster.metadata?.name ?? '';
    if (tenant === undefined) return true;
    if (!this.started) return false;
    this.syncWatches();
    this.enqueueTenant(tenant, 'cluster-leaving');
    const log = this.log.child({ tenant, cluster: name });
    const watch = reachable ? this.watches.get(tenant, name) : undefined;
    if (reachable && watch?.synced !== true) return false; // its watches start and fill first
    if (watch !== undefined) {
      const held = watch.exports
        .list()
        .filter((e) => e.metadata?.finalizers?.includes(SERVICE_EXPORT_FINALIZER));
      if (held.length > 0) {
        log.debug({ exports: held.length }, 'waiting for the exports to be released');
        return false;
      }
      const client = this.hub.connections.get(clusterKey(cluster))?.client;
      if (client !== undefined) {
        const selector = [
          `${MCS_LABELS.managedBy}=${MANAGED_BY_VALUE}`,
          `${MCS_LABELS.hubId}=${this.hub.settings.hubId}`,
          `${MCS_LABELS.tenant}=${tenant}`,
        ].join(',');
        const imports = await client.list(ServiceImports, { labelSelector: selector });
        const services = await client.list(CoreResources.services, { labelSelector: selector });
        const left = [...imports.items, ...services.items];
        if (left.length > 0) {
          // their keys may be known nowhere else (nothing exported any more)
          for (const o of left) {
            const service = o.metadata?.labels?.[MCS_LABELS.serviceName] ?? o.metadata?.name;
            if (o.metadata?.namespace && service)
              this.enqueue(
                mcsKey({ tenant, namespace: o.metadata.namespace, name: service }),
                'cluster-leaving',
              );
          }
          log.debug({ objects: left.length }, 'waiting for the imports to be removed');
          return false;
        }
      }
    }
    if (this.lastSeen.holdsCluster(tenant, name)) return false;
    const account = clusterAccount(cluster);
    if (account === undefined) return true;
    const region =
      cluster.spec.eks?.region ?? this.hub.tenants.get(tenant)?.spec.networkAccount.region;
    if (region === undefined) return true;
    const { lattice } = this.hub.aws.clientsFor(account.chain, region);
    const owned = await listOwnedTargetGroups(lattice, (tags) =>
      isOwnedBy(tags, { hubId: this.hub.settings.hubId, tenant, cluster: name }),
    );
    if (owned.length > 0) {
      log.debug({ targetGroups: owned.map((tg) => tg.name) }, 'waiting for target groups to go');
      return false;
    }
    return true;
  }

  private syncWatches(): void {
    this.watches.sync(this.hub.clusters.list(), this.hub.connections);
  }

  async start(): Promise<void> {
    // what unreachable clusters exported, as the read models recorded it before a restart
    await this.hub.multiClusterServices.synced();
    const restored = restoreLastSeenExports(this.hub, this.lastSeen);
    if (restored.length > 0)
      this.log.info({ services: restored.length }, 'last-seen exports restored from read models');
    this.started = true;
    this.syncWatches();
    await this.queue.releaseOrphans(); // left active by a leader that died
    this.queue.start(this.reconcile);
    this.resync.start();
  }

  async stop(graceMs?: number): Promise<void> {
    this.started = false;
    await this.resync.stop();
    await this.queue.close(graceMs);
    this.watches.stopAll();
  }

  counts(): Promise<Record<string, number>> {
    return this.queue.counts();
  }
}
