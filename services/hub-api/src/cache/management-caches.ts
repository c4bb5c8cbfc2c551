// The informer caches every read is served from: tenants, workload clusters and the Secrets
// holding tenant-token hashes, each one list+watch on the management cluster.
import type { KubeConfig } from '@kubernetes/client-node';
import { CoreResources, WatchedCollection } from '@trellis/kube';
import type { Logger } from 'pino';
import {
  TENANTS,
  WORKLOAD_CLUSTERS,
  type Secret,
  type Tenant,
  type WorkloadCluster,
} from '../resources.ts';
import { CacheView } from './cache-view.ts';

export const TOKEN_LABEL = 'trellis.dev/tenant-token';

export class ManagementCaches {
  readonly tenants: CacheView<Tenant>;
  readonly clusters: CacheView<WorkloadCluster>;
  readonly tokens: CacheView<Secret>;
  private readonly syncedFlags: boolean[] = [false, false, false];
  private readonly all: CacheView<Tenant | WorkloadCluster | Secret>[];

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
    this.all = [this.tenants, this.clusters, this.tokens] as CacheView<
      Tenant | WorkloadCluster | Secret
    >[];
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
    const names = ['tenants', 'workloadclusters', 'tokens'];
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
