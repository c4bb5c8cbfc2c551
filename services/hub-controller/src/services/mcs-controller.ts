// Wiring of the multi-cluster service controller: member-cluster watches and a resync feed the
// `multiclusterservice` queue with `<tenant>/<namespace>/<name>` keys; cluster and tenant changes
// re-queue the tenant's services (reachability, VPC, service network). Runs only on the leader.
import { tenantOfNamespace } from '@trellis/core';
import { ReconcileQueue, ResyncLoop, type ReconcileQueueOptions } from '@trellis/queue';
import type { Logger } from 'pino';
import type { HubContext } from '../hub-context.ts';
import { MultiClusterServiceReconciler } from './mcs-reconciler.ts';
import { parseMcsKey } from './mcs-key.ts';
import { MemberWatches } from './member-watches.ts';
import { LastSeenExports } from './observed-exports.ts';

export const MCS_CONTROLLER_NAME = 'multiclusterservice';

export interface MultiClusterServiceControllerOptions {
  queue: Omit<ReconcileQueueOptions, 'name' | 'logger'>;
  resyncIntervalMs: number;
  logger: Logger;
}

export class MultiClusterServiceController {
  readonly name = MCS_CONTROLLER_NAME;
  private readonly hub: HubContext;
  private readonly log: Logger;
  private readonly queue: ReconcileQueue;
  private readonly resync: ResyncLoop;
  private readonly watches: MemberWatches;
  private readonly lastSeen = new LastSeenExports();
  private started = false;

  constructor(hub: HubContext, options: MultiClusterServiceControllerOptions) {
    this.hub = hub;
    this.log = options.logger;
    this.watches = new MemberWatches({
      logger: options.logger,
      onChange: (key, reason) => this.enqueue(key, reason),
    });
    this.queue = new ReconcileQueue({
      ...options.queue,
      name: MCS_CONTROLLER_NAME,
      logger: options.logger,
    });
    const reconciler = new MultiClusterServiceReconciler(hub, this.watches, this.lastSeen);
    this.resync = new ResyncLoop({
      intervalMs: options.resyncIntervalMs,
      listKeys: () => {
        // also the safety net for watches: a connection made without a status change starts them
        this.syncWatches();
        return new Set([...this.watches.exportedKeys(), ...this.lastSeen.keys()]);
      },
      enqueue: (key, reason) => this.queue.enqueue(key, reason),
      logger: options.logger,
    });
    this.reconcile = (context) => reconciler.reconcile(context.key, context);
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

  private enqueueTenant(tenant: string, reason: string): void {
    for (const key of [...this.watches.exportedKeys(), ...this.lastSeen.keys()]) {
      if (parseMcsKey(key)?.tenant === tenant) this.enqueue(key, reason);
    }
  }

  private syncWatches(): void {
    this.watches.sync(this.hub.clusters.list(), this.hub.connections);
  }

  async start(): Promise<void> {
    this.started = true;
    this.syncWatches();
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
