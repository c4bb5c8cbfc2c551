// Wiring of the ClusterMigration controller: an informer on the management cluster's
// ClusterMigrations and a resync feed the `clustermigration` reconcile queue; `Wait` actions put
// delayed wake-ups on the `clustermigration-steps` queue (job id = migrationJobId). Both run the
// same executor, serialised per migration. Migration changes re-queue the multi-cluster services
// they hold, whose reconcile applies the migration's weights. Runs only on the leader.
import {
  serviceWeightOverride,
  tenantNamespace,
  tenantOfNamespace,
  type ServiceRef,
} from '@trellis/core';
import { WatchedCollection } from '@trellis/kube';
import { JobQueue, type ReconcileQueueOptions } from '@trellis/queue';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { HubContext } from '../hub-context.ts';
import { Controller } from '../runtime/controller.ts';
import type { MultiClusterServiceKey } from '../services/mcs-key.ts';
import { mcsKey } from '../services/mcs-key.ts';
import type { MultiClusterServiceController } from '../services/mcs-controller.ts';
import { MigrationExecutor } from './migration-executor.ts';
import { migrationMetrics } from './migration-metrics.ts';
import {
  CLUSTER_MIGRATIONS,
  MIGRATION_CONTROLLER_NAME,
  MIGRATION_STEP_QUEUE,
  type ClusterMigration,
  type MigrationJobData,
} from './migration-resources.ts';

export interface MigrationControllerOptions {
  queue: Omit<ReconcileQueueOptions, 'name' | 'logger'>;
  resyncIntervalMs: number;
  logger: Logger;
  registry: Registry;
}

export class MigrationController {
  readonly name = MIGRATION_CONTROLLER_NAME;
  readonly migrations: WatchedCollection<ClusterMigration>;
  private readonly hub: HubContext;
  private readonly mcs: MultiClusterServiceController;
  private readonly controller: Controller<ClusterMigration>;
  private readonly steps: JobQueue<MigrationJobData>;
  private readonly executor: MigrationExecutor;
  /** the split last asked of each (migration, service), to re-queue a service when it changes */
  private readonly lastWeights = new Map<string, Map<string, string>>();
  private started = false;

  constructor(
    hub: HubContext,
    mcs: MultiClusterServiceController,
    options: MigrationControllerOptions,
  ) {
    this.hub = hub;
    this.mcs = mcs;
    this.migrations = new WatchedCollection<ClusterMigration>(
      hub.mgmt.kubeConfig,
      CLUSTER_MIGRATIONS,
      { logger: options.logger.child({ watch: 'clustermigrations' }) },
    );
    this.steps = new JobQueue<MigrationJobData>({
      name: MIGRATION_STEP_QUEUE,
      connection: options.queue.connection,
      ...(options.queue.prefix !== undefined ? { prefix: options.queue.prefix } : {}),
      ...(options.queue.backoff !== undefined ? { backoff: options.queue.backoff } : {}),
      ...(options.queue.concurrency !== undefined
        ? { concurrency: options.queue.concurrency }
        : {}),
      logger: options.logger,
    });
    this.executor = new MigrationExecutor({
      hub,
      mcs,
      migrations: this.migrations,
      wake: (jobId, data, delayMs) => this.steps.add(jobId, data, delayMs),
      metrics: migrationMetrics(options.registry, () =>
        this.migrations.list().map((m) => m.status?.phase ?? 'Pending'),
      ),
    });
    this.controller = new Controller<ClusterMigration>({
      name: MIGRATION_CONTROLLER_NAME,
      collection: this.migrations,
      queue: options.queue,
      reconcile: (key, context) =>
        this.executor.run(`${key.namespace}/${key.name}`, context.reason, context.log),
      resyncIntervalMs: options.resyncIntervalMs,
      logger: options.logger,
    });
    this.migrations.on((type, migration) => {
      if (this.started) this.requeueServices(type === 'delete', migration);
    });
  }

  /**
   * The override the multi-cluster service planner applies to `key`. Read from the API server,
   * not the cache, when the tenant has migrations: the executor persists an intent and then
   * reconciles the service at once, before the informer may have seen the intent. The cache
   * only says "no migrations" once it has listed: a new leader starts the service reconciles
   * before this informer, and an empty cache then would plan the export weights mid-migration.
   */
  async weightsFor(key: MultiClusterServiceKey): Promise<Record<string, number> | undefined> {
    const namespace = tenantNamespace(key.tenant);
    if (this.migrations.hasSynced && this.migrations.list(namespace).length === 0) return undefined;
    const live = await this.hub.mgmt.list<ClusterMigration>(CLUSTER_MIGRATIONS, { namespace });
    const sources = live.items
      .filter((m) => !m.metadata?.deletionTimestamp)
      .map((m) => ({
        name: m.metadata?.name ?? '',
        spec: m.spec,
        ...(m.status !== undefined ? { status: m.status } : {}),
      }));
    return serviceWeightOverride(sources, { namespace: key.namespace, name: key.name });
  }

  /** Re-queue the multi-cluster services whose migration split changed (or was released). */
  private requeueServices(deleted: boolean, migration: ClusterMigration): void {
    const uid = migration.metadata?.uid ?? '';
    const tenant = tenantOfNamespace(migration.metadata?.namespace ?? '');
    if (tenant === undefined) return;
    const services: ServiceRef[] = migration.status?.services ?? [];
    const previous = this.lastWeights.get(uid) ?? new Map<string, string>();
    const current = new Map<string, string>();
    if (!deleted) {
      for (const s of services) {
        const split = serviceWeightOverride(
          [
            {
              name: migration.metadata?.name ?? '',
              spec: migration.spec,
              status: migration.status ?? {},
            },
          ],
          s,
        );
        current.set(mcsKey({ tenant, ...s }), JSON.stringify(split ?? null));
      }
    }
    for (const key of new Set([...previous.keys(), ...current.keys()])) {
      if (previous.get(key) !== current.get(key))
        this.mcs.enqueue(key, deleted ? 'migration-deleted' : 'migration-changed');
    }
    if (deleted) this.lastWeights.delete(uid);
    else this.lastWeights.set(uid, current);
  }

  async start(): Promise<void> {
    await this.migrations.start();
    await this.controller.start();
    this.started = true;
    this.steps.start((job) => this.executor.run(job.data.key, `wake ${job.id}`, job.log));
  }

  async stop(graceMs?: number): Promise<void> {
    this.started = false;
    await Promise.all([this.controller.stop(graceMs), this.steps.close(graceMs)]);
    await this.migrations.stop();
  }

  counts(): Promise<Record<string, number>> {
    return this.controller.counts();
  }

  /** Jobs of the step queue per state. */
  stepCounts(): Promise<Record<string, number>> {
    return this.steps.counts();
  }
}
