import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { CredentialBroker } from '@trellis/aws';
import { tenantNamespace, tenantOfNamespace, TRELLIS_CRDS } from '@trellis/core';
import { CoreResources, LeaseElector, ResourceClient, WatchedCollection } from '@trellis/kube';
import type { ConnectionOptions } from 'bullmq';
import type { BackoffPolicy } from '@trellis/queue';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AwsAccess } from './aws-access.ts';
import { ClusterConnections } from './clusters/cluster-connections.ts';
import { ChangeFilter } from './runtime/change-filter.ts';
import { WorkloadClusterReconciler } from './clusters/cluster-reconciler.ts';
import type { HubContext, HubSettings } from './hub-context.ts';
import {
  MULTI_CLUSTER_SERVICES,
  TENANTS,
  WORKLOAD_CLUSTERS,
  type MultiClusterService,
  type Tenant,
  type WorkloadCluster,
} from './resources.ts';
import { Controller } from './runtime/controller.ts';
import { EventRecorder } from './runtime/event-recorder.ts';
import { MigrationController } from './migrations/migration-controller.ts';
import { UpgradeScheduleController } from './schedules/schedule-controller.ts';
import { MultiClusterServiceController } from './services/mcs-controller.ts';
import { TenantReconciler } from './tenants/tenant-reconciler.ts';

export interface ControllerManagerOptions {
  settings: HubSettings;
  /** the management cluster */
  kubeConfig: KubeConfig;
  redis: ConnectionOptions;
  /** the hub's own AWS identity (default provider chain in production) */
  baseCredentials: AwsCredentialIdentityProvider;
  /** where the leader Lease lives */
  leaseNamespace: string;
  /**
   * how long the leader Lease lasts without renewal (default 15 s); the renew deadline and retry
   * period scale with it as in client-go (10 s and 2 s of 15 s)
   */
  leaseDurationMs?: number;
  identity?: string;
  /** install/refresh the Trellis CRDs at start (off when the Helm chart owns them) */
  installCrds?: boolean;
  logger: Logger;
  registry?: Registry;
  now?: () => Date;
  /** the UpgradeSchedule controller's clock (window checks, tick decisions); default `now` */
  schedulesNow?: () => Date;
  /** reconciles in flight per controller */
  concurrency?: number;
  /** retry backoff for failed reconciles (default: 0.5 s doubling to 5 min) */
  backoff?: BackoffPolicy;
}

/**
 * The hub-controller process: informers on the management cluster's Trellis objects, one queue
 * per controller, started only while this replica holds the leader Lease.
 */
export class ControllerManager {
  readonly registry: Registry;
  readonly hub: HubContext;
  private readonly options: ControllerManagerOptions;
  private readonly elector: LeaseElector;
  private readonly controllers: Controller<Tenant | WorkloadCluster>[];
  private readonly tenantController: Controller<Tenant>;
  private readonly clusterController: Controller<WorkloadCluster>;
  private readonly mcsController: MultiClusterServiceController;
  readonly migrationController: MigrationController;
  readonly schedules: UpgradeScheduleController;
  private readonly aws: AwsAccess;
  private leading = false;

  constructor(options: ControllerManagerOptions) {
    this.options = options;
    this.registry = options.registry ?? new Registry();
    if (options.registry === undefined) collectDefaultMetrics({ register: this.registry });
    const log = options.logger;
    const mgmt = new ResourceClient(options.kubeConfig, 'trellis-hub-controller');
    const broker = new CredentialBroker({
      baseCredentials: options.baseCredentials,
      region: options.settings.region,
      ...(options.settings.awsEndpoint ? { stsEndpoint: options.settings.awsEndpoint } : {}),
      sessionName: `trellis-${options.settings.hubId}`,
    });
    this.aws = new AwsAccess(broker, {
      ...(options.settings.awsEndpoint ? { endpoint: options.settings.awsEndpoint } : {}),
      registry: this.registry,
    });
    const tenants = new WatchedCollection<Tenant>(options.kubeConfig, TENANTS, {
      logger: log.child({ watch: 'tenants' }),
    });
    const clusters = new WatchedCollection<WorkloadCluster>(options.kubeConfig, WORKLOAD_CLUSTERS, {
      logger: log.child({ watch: 'workloadclusters' }),
    });
    const multiClusterServices = new WatchedCollection<MultiClusterService>(
      options.kubeConfig,
      MULTI_CLUSTER_SERVICES,
      { logger: log.child({ watch: 'multiclusterservices' }) },
    );
    const now = options.now ?? (() => new Date());
    this.hub = {
      settings: options.settings,
      mgmt,
      broker,
      aws: this.aws,
      events: new EventRecorder(mgmt, 'trellis-hub-controller', log),
      tenants,
      clusters,
      multiClusterServices,
      connections: new ClusterConnections(broker, now),
      log,
      now,
      enqueueTenant: (name, reason) => this.tenantController.enqueue(name, reason),
      enqueueCluster: (key, reason) => this.clusterController.enqueue(key, reason),
      clusterServicesReleased: (cluster, reachable) =>
        this.mcsController.clusterServicesReleased(cluster, reachable),
    };
    const queue = {
      connection: options.redis,
      prefix: `trellis:${options.settings.hubId}`,
      registry: this.registry,
      concurrency: options.concurrency ?? 4,
      ...(options.backoff ? { backoff: options.backoff } : {}),
    };
    const tenantReconciler = new TenantReconciler(this.hub);
    const clusterReconciler = new WorkloadClusterReconciler(this.hub);
    this.tenantController = new Controller<Tenant>({
      name: 'tenant',
      collection: tenants,
      queue,
      reconcile: (key, ctx) => tenantReconciler.reconcile(key, ctx),
      resyncIntervalMs: options.settings.resyncIntervalMs,
      logger: log.child({ controller: 'tenant' }),
    });
    this.clusterController = new Controller<WorkloadCluster>({
      name: 'workloadcluster',
      collection: clusters,
      queue,
      reconcile: (key, ctx) => clusterReconciler.reconcile(key, ctx),
      resyncIntervalMs: options.settings.resyncIntervalMs,
      logger: log.child({ controller: 'workloadcluster' }),
    });
    this.mcsController = new MultiClusterServiceController(this.hub, {
      queue,
      resyncIntervalMs: options.settings.resyncIntervalMs,
      logger: log.child({ controller: 'multiclusterservice' }),
      weightsFor: (key) => this.migrationController.weightsFor(key),
    });
    this.migrationController = new MigrationController(this.hub, this.mcsController, {
      queue,
      resyncIntervalMs: options.settings.resyncIntervalMs,
      logger: log.child({ controller: 'clustermigration' }),
      registry: this.registry,
    });
    this.schedules = new UpgradeScheduleController(this.hub, {
      connection: options.redis,
      prefix: queue.prefix,
      registry: this.registry,
      resyncIntervalMs: options.settings.resyncIntervalMs,
      logger: log.child({ controller: 'upgradeschedule' }),
      ...(options.schedulesNow ? { now: options.schedulesNow } : {}),
    });
    this.controllers = [this.tenantController, this.clusterController] as Controller<
      Tenant | WorkloadCluster
    >[];
    // Cross-object triggers: a cluster changes its tenant's share; a tenant change (share,
    // network) concerns all its clusters.
    const clusterChanges = new ChangeFilter();
    clusters.on((type, cluster) => {
      const tenant = tenantOfNamespace(cluster.metadata?.namespace ?? '');
      if (clusterChanges.changed(type, cluster) && this.leading && tenant !== undefined)
        this.tenantController.enqueue(tenant, 'cluster-changed');
    });
    const tenantChanges = new ChangeFilter();
    tenants.on((type, tenant) => {
      if (!tenantChanges.changed(type, tenant) || !this.leading) return;
      for (const cluster of clusters.list(tenantNamespace(tenant.metadata?.name ?? ''))) {
        this.clusterController.enqueue(
          `${cluster.metadata?.namespace}/${cluster.metadata?.name}`,
          'tenant-changed',
        );
      }
    });
    this.elector = new LeaseElector({
      client: mgmt,
      namespace: options.leaseNamespace,
      name: `trellis-hub-controller-${options.settings.hubId}`,
      ...(options.leaseDurationMs !== undefined
        ? {
            leaseDurationMs: options.leaseDurationMs,
            renewDeadlineMs: Math.round((options.leaseDurationMs * 2) / 3),
            retryPeriodMs: Math.max(200, Math.round(options.leaseDurationMs / 7.5)),
          }
        : {}),
      identity:
        options.identity ?? `${process.env.HOSTNAME ?? 'hub'}-${randomBytes(4).toString('hex')}`,
      onStartedLeading: () => this.startLeading(),
      onStoppedLeading: () => this.stopLeading(),
      logger: log,
    });
  }

  get isLeader(): boolean {
    return this.leading;
  }

  async start(): Promise<void> {
    if (this.options.installCrds ?? true) await this.installCrds();
    this.elector.start();
  }

  private async installCrds(): Promise<void> {
    for (const crd of TRELLIS_CRDS)
      await this.hub.mgmt.apply(CoreResources.customResourceDefinitions, crd);
  }

  private async startLeading(): Promise<void> {
    this.options.logger.info('leading: starting informers and queues');
    await Promise.all([
      this.hub.tenants.start(),
      this.hub.clusters.start(),
      this.hub.multiClusterServices.start(),
    ]);
    this.leading = true;
    for (const controller of this.controllers) await controller.start();
    await this.mcsController.start();
    await this.migrationController.start();
    await this.schedules.start();
  }

  private async stopLeading(): Promise<void> {
    this.options.logger.info('lost or released leadership: stopping queues');
    this.leading = false;
    await this.migrationController.stop(); // it drives MCS reconciles: stop it first
    await Promise.all([
      ...this.controllers.map((c) => c.stop()),
      this.mcsController.stop(),
      this.schedules.stop(),
    ]);
    await Promise.all([
      this.hub.tenants.stop(),
      this.hub.clusters.stop(),
      this.hub.multiClusterServices.stop(),
    ]);
  }

  /** Finish or hand back in-flight reconciles, release the Lease, close connections. */
  async stop(): Promise<void> {
    await this.elector.stop();
    if (this.leading) await this.stopLeading();
    this.aws.destroy();
  }
}
