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
import { ReadYourWrites } from '../runtime/read-your-writes.ts';
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
  /**
   * Statuses the executor wrote that the informer has not delivered yet: what `weightsFor` reads
   * over the cache. While this process leads, its executor is the only writer of
   * ClusterMigration status, so a remembered status is never older than the cached one.
   */
  private readonly written = new ReadYourWrites<ClusterMigration>();
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
      statusWritten: (object) => {
        if (this.started) this.written.wrote(object);
      },
      // The executor reconciles each service of the split itself; the informer's delivery of
      // the same status must not queue a second reconcile of each.
      applyingSplit: (object, services) => {
        if (this.started) this.noteSplit(object, services);
      },
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
      this.written.observed(type, migration);
      if (this.started) this.requeueServices(type === 'delete', migration);
    });
  }

  /**
   * The override the multi-cluster service planner applies to `key`: from the informer cache,
   * with the statuses the executor wrote and the informer has not delivered yet laid over it (the
   * executor persists an intent and reconciles the service at once, before the informer may
   * have seen it). Until the cache has listed, from the API server: a new leader starts the
   * service reconciles before this informer, and an empty cache would plan the export weights
   * mid-migration.
   */
  async weightsFor(key: MultiClusterServiceKey): Promise<Record<string, number> | undefined> {
    const namespace = tenantNamespace(key.tenant);
    let migrations: readonly ClusterMigration[];
    if (this.migrations.hasSynced) {
      migrations = this.written.overlay(this.migrations.list(namespace));
      if (migrations.length === 0) return undefined;
    } else {
      migrations = (await this.hub.mgmt.list<ClusterMigration>(CLUSTER_MIGRATIONS, { namespace }))
        .items;
    }
    const sources = migrations
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
    const previous = this.lastWeights.get(uid) ?? new Map<string, string>();
    const current = deleted ? new Map<string, string>() : this.splitOf(migration);
    if (current === undefined) return;
    // absent and "null" (held, no weights decided yet) both leave the export weights in force
    const split = (map: Map<string, string>, key: string) => map.get(key) ?? 'null';
    for (const key of new Set([...previous.keys(), ...current.keys()])) {
      if (split(previous, key) !== split(current, key))
        this.mcs.enqueue(key, deleted ? 'migration-deleted' : 'migration-changed');
    }
    if (deleted) this.lastWeights.delete(uid);
    else this.lastWeights.set(uid, current);
  }

  /** Record `migration`'s split of `services` as asked already: they are being reconciled. */
  private noteSplit(migration: ClusterMigration, services: readonly ServiceRef[]): void {
    const split = this.splitOf(migration, services);
    if (split === undefined) return;
    const uid = migration.metadata?.uid ?? '';
    this.lastWeights.set(uid, new Map([...(this.lastWeights.get(uid) ?? []), ...split]));
  }

  /**
   * The split `migration` asks of each of `services` (default: all it holds), by service key;
   * undefined off-tenant.
   */
  private splitOf(
    migration: ClusterMigration,
    services: readonly ServiceRef[] = migration.status?.services ?? [],
  ): Map<string, string> | undefined {
    const tenant = tenantOfNamespace(migration.metadata?.namespace ?? '');
    if (tenant === undefined) return undefined;
    const source = {
      name: migration.metadata?.name ?? '',
      spec: migration.spec,
      status: migration.status ?? {},
    };
    return new Map(
      services.map((s) => [
        mcsKey({ tenant, ...s }),
        JSON.stringify(serviceWeightOverride([source], s) ?? null),
      ]),
    );
  }

  async start(): Promise<void> {
    await this.migrations.start();
    await this.controller.start();
    this.started = true;
    this.steps.start((job) => this.executor.run(job.data.key, `wake ${job.id}`, job.log));
  }

  async stop(graceMs?: number): Promise<void> {
    this.started = false;
    this.written.clear(); // another leader may write statuses from now on
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
