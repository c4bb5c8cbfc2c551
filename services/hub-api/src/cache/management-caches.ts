// The informer caches every read is served from: tenants, workload clusters and the Secrets
// holding tenant-token hashes, ClusterMigrations, UpgradeSchedules and MultiClusterServices, each one list+watch on the management cluster.
import type { KubeConfig } from '@kubernetes/client-node';
import { CoreResources, WatchedCollection } from '@trellis/kube';
import type { Logger } from 'pino';
import {
  CLUSTER_MIGRATIONS,
  MULTI_CLUSTER_SERVICES,
  TENANTS,
  UPGRADE_SCHEDULES,
  WORKLOAD_CLUSTERS,
  type Secret,
  type ClusterMigration,
  type MultiClusterService,
  type Tenant,
  type UpgradeSchedule,
  type WorkloadCluster,
} from '../resources.ts';
import { CacheView } from './cache-view.ts';

export const TOKEN_LABEL = 'trellis.dev/tenant-token';

export class ManagementCaches {
  readonly tenants: CacheView<Tenant>;
  readonly clusters: CacheView<WorkloadCluster>;
  readonly tokens: CacheView<Secret>;
  readonly migrations: CacheView<ClusterMigration>;
  readonly schedules: CacheView<UpgradeSchedule>;
  readonly services: CacheView<MultiClusterService>;
  private readonly syncedFlags: boolean[] = [false, false, false, false, false, false];
  // Heterogeneous caches, only started/stopped/inspected through this list.
  private readonly all: CacheView<Tenant>[];

  constructor(kubeConfig: KubeConfig, logger: Logger) {
    const options = (watch: string) => ({
      logger: logger.child({ watch }),
      maxRestartDelayMs: 5_000,
    });
    this.tenants = new CacheView(
      new WatchedCollection<Tenant>(kubeConfig, TENANTS, options('tenants')),
    );
    this.clusters = new CacheView(
      new WatchedCollection<WorkloadCluster>(
        kubeConfig,
        WORKLOAD_CLUSTERS,
        options('workloadclusters'),
      ),
    );
    this.tokens = new CacheView(
      new WatchedCollection<Secret>(kubeConfig, CoreResources.secrets, {
        ...options('token-secrets'),
        labelSelector: `${TOKEN_LABEL}=true`,
      }),
    );
    this.migrations = new CacheView(
      new WatchedCollection<ClusterMigration>(
        kubeConfig,
        CLUSTER_MIGRATIONS,
        options('clustermigrations'),
      ),
    );
    this.schedules = new CacheView(
      new WatchedCollection<UpgradeSchedule>(
        kubeConfig,
        UPGRADE_SCHEDULES,
        options('upgradeschedules'),
      ),
    );
    this.services = new CacheView(
      new WatchedCollection<MultiClusterService>(
        kubeConfig,
        MULTI_CLUSTER_SERVICES,
        options('multiclusterservices'),
      ),
    );
    this.all = [
      this.tenants,
      this.clusters,
      this.tokens,
      this.migrations,
      this.schedules,
      this.services,
    ] as unknown as CacheView<Tenant>[];
    this.all.forEach((cache, i) => {
      void cache.collection.synced().then(() => {
        this.syncedFlags[i] = true;
      });
    });
  }

  async start(): Promise<void> {
    await Promise.all(this.all.map((c) => c.collection.start()));
  }

  /** Resolves when every cache has listed once (it keeps retrying an unreachable cluster). */
  async synced(): Promise<void> {
    await Promise.all(this.all.map((c) => c.collection.synced()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((c) => c.collection.stop()));
  }

  /** Ready to serve: each cache filled once and its watch currently connected. */
  readiness(): { ready: boolean; caches: Record<string, { synced: boolean; connected: boolean }> } {
    const names = [
      'tenants',
      'workloadclusters',
      'tokens',
      'clustermigrations',
      'upgradeschedules',
      'multiclusterservices',
    ];
    const caches: Record<string, { synced: boolean; connected: boolean }> = {};
    let ready = true;
    this.all.forEach((cache, i) => {
      const synced = this.syncedFlags[i] ?? false;
      const connected = cache.collection.connected;
      caches[names[i] ?? String(i)] = { synced, connected };
      ready &&= synced && connected;
    });
    return { ready, caches };
  }
}
