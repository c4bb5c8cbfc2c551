// Informers in every connected member cluster: ServiceExports, Services and EndpointSlices (what
// is exported), Namespaces and this hub's ServiceImports (what is imported, so that a steady
// reconcile compares with the cache instead of writing to every member cluster), one
// WatchedCollection per kind per cluster. Started when a WorkloadCluster is Connected and the hub
// holds a connection to it, restarted when that connection is rebuilt, stopped when the cluster
// is gone (not while it is being deleted: its exports are released through them). While a
// cluster is unreachable its watches keep retrying and their caches keep the last objects seen.
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import {
  isConditionTrue,
  MANAGED_BY_VALUE,
  MCS_LABELS,
  tenantOfNamespace,
  WORKLOAD_CLUSTER_CONDITIONS,
} from '@trellis/core';
import { CoreResources, ServiceExports, ServiceImports, WatchedCollection } from '@trellis/kube';
import type { Logger } from 'pino';
import type { ClusterConnections } from '../clusters/cluster-connections.ts';
import { clusterKey } from '../clusters/cluster-phases.ts';
import { ChangeFilter } from '../runtime/change-filter.ts';
import type { WorkloadCluster } from '../resources.ts';
import { mcsKey } from './mcs-key.ts';
import {
  SERVICE_NAME_LABEL,
  type MemberEndpointSlice,
  type MemberService,
  type ServiceExport,
} from './mcs-resources.ts';

export interface MemberWatch {
  tenant: string;
  cluster: string;
  kubeConfig: KubeConfig;
  exports: WatchedCollection<ServiceExport>;
  services: WatchedCollection<MemberService>;
  endpointSlices: WatchedCollection<MemberEndpointSlice>;
  namespaces: WatchedCollection<KubernetesObject>;
  /** the ServiceImports this hub wrote (by its labels) */
  imports: WatchedCollection<KubernetesObject & { spec?: unknown; status?: unknown }>;
  /** every cache has been filled once: an absent export (or import) really is absent */
  synced: boolean;
}

export interface MemberWatchesOptions {
  logger: Logger;
  /** this hub's id: only ServiceImports carrying it are watched */
  hubId: string;
  /** something that may change the multi-cluster service `key` happened in a member cluster */
  onChange: (key: string, reason: string) => void;
}

export class MemberWatches {
  private readonly options: MemberWatchesOptions;
  /** by `tenant-<t>/<cluster>` (the WorkloadCluster's key) */
  private readonly watches = new Map<string, MemberWatch>();

  constructor(options: MemberWatchesOptions) {
    this.options = options;
  }

  get(tenant: string, cluster: string): MemberWatch | undefined {
    return this.watches.get(`tenant-${tenant}/${cluster}`);
  }

  /** Start, restart or stop watches so they match the connected clusters that still exist. */
  sync(clusters: readonly WorkloadCluster[], connections: ClusterConnections): void {
    const wanted = new Set<string>();
    for (const cluster of clusters) {
      const key = clusterKey(cluster);
      const tenant = tenantOfNamespace(cluster.metadata?.namespace ?? '');
      // A cluster being deleted keeps (or gets) watches until it is gone: its exports are
      // released and its imports removed through them.
      if (tenant === undefined) continue;
      const existing = this.watches.get(key);
      const connection = connections.get(key);
      const connected = isConditionTrue(
        cluster.status?.conditions ?? [],
        WORKLOAD_CLUSTER_CONDITIONS.connected,
      );
      // An unreachable cluster keeps its watches (and their last-seen caches); they retry.
      if (existing !== undefined) wanted.add(key);
      if (connection === undefined || (!connected && existing !== undefined)) continue;
      if (existing?.kubeConfig === connection.kubeConfig) continue;
      if (existing !== undefined) this.stopWatch(key, existing, 'connection rebuilt');
      wanted.add(key);
      this.startWatch(key, tenant, cluster.metadata?.name ?? '', connection.kubeConfig);
    }
    for (const [key, watch] of this.watches) {
      if (!wanted.has(key)) this.stopWatch(key, watch, 'cluster deleted');
    }
  }

  /** Every exported (namespace, name) in every watched cluster, as queue keys. */
  exportedKeys(): string[] {
    const keys = new Set<string>();
    for (const watch of this.watches.values()) {
      for (const e of watch.exports.list()) {
        keys.add(
          mcsKey({
            tenant: watch.tenant,
            namespace: e.metadata?.namespace ?? '',
            name: e.metadata?.name ?? '',
          }),
        );
      }
    }
    return [...keys];
  }

  stopAll(): void {
    for (const [key, watch] of this.watches) this.stopWatch(key, watch, 'stopping');
  }

  private startWatch(key: string, tenant: string, cluster: string, kubeConfig: KubeConfig): void {
    const log = this.options.logger.child({ tenant, cluster });
    const watch: MemberWatch = {
      tenant,
      cluster,
      kubeConfig,
      exports: new WatchedCollection<ServiceExport>(kubeConfig, ServiceExports, {
        logger: log.child({ watch: 'serviceexports' }),
      }),
      services: new WatchedCollection<MemberService>(kubeConfig, CoreResources.services, {
        logger: log.child({ watch: 'services' }),
      }),
      endpointSlices: new WatchedCollection<MemberEndpointSlice>(
        kubeConfig,
        CoreResources.endpointSlices,
        { logger: log.child({ watch: 'endpointslices' }), labelSelector: SERVICE_NAME_LABEL },
      ),
      namespaces: new WatchedCollection<KubernetesObject>(kubeConfig, CoreResources.namespaces, {
        logger: log.child({ watch: 'namespaces' }),
      }),
      imports: new WatchedCollection(kubeConfig, ServiceImports, {
        logger: log.child({ watch: 'serviceimports' }),
        labelSelector: `${MCS_LABELS.managedBy}=${MANAGED_BY_VALUE},${MCS_LABELS.hubId}=${this.options.hubId}`,
      }),
      synced: false,
    };
    this.watches.set(key, watch);
    const changed = (namespace: string | undefined, name: string | undefined, reason: string) => {
      if (namespace === undefined || name === undefined || name === '') return;
      this.options.onChange(mcsKey({ tenant, namespace, name }), reason);
    };
    // Export status is ours (the conditions this controller writes): its echo is not work.
    const exportChanges = new ChangeFilter({ status: false });
    watch.exports.on((type, e) => {
      if (exportChanges.changed(type, e))
        changed(e.metadata?.namespace, e.metadata?.name, `serviceexport-${type}`);
    });
    // A Service or its endpoints matter only where the same cluster exports it.
    const exported = (namespace: string | undefined, name: string | undefined) =>
      name !== undefined && watch.exports.get(name, namespace) !== undefined;
    watch.services.on((type, s) => {
      if (exported(s.metadata?.namespace, s.metadata?.name))
        changed(s.metadata?.namespace, s.metadata?.name, `service-${type}`);
    });
    watch.endpointSlices.on((type, slice) => {
      const service = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
      if (exported(slice.metadata?.namespace, service))
        changed(slice.metadata?.namespace, service, `endpointslice-${type}`);
    });
    // A namespace appearing or changing its labels (the ExternalName opt-in) concerns what any
    // cluster of the tenant exports under that name.
    watch.namespaces.on((_type, ns) => {
      const namespace = ns.metadata?.name;
      for (const other of this.watches.values()) {
        if (other.tenant !== tenant) continue;
        for (const e of other.exports.list(namespace))
          changed(namespace, e.metadata?.name, 'namespace-changed');
      }
    });
    // An import deleted by hand comes back at once; edits are repaired at the next resync (our
    // own writes would otherwise re-queue every service once per member cluster).
    watch.imports.on((type, i) => {
      if (type !== 'delete') return;
      const service = i.metadata?.labels?.[MCS_LABELS.serviceName] ?? i.metadata?.name;
      changed(i.metadata?.namespace, service, 'serviceimport-deleted');
    });
    const caches = [
      watch.exports,
      watch.services,
      watch.endpointSlices,
      watch.namespaces,
      watch.imports,
    ] as const;
    void Promise.all(caches.map((c) => c.start()));
    void Promise.all(caches.map((c) => c.synced())).then(() => {
      if (this.watches.get(key) !== watch) return;
      watch.synced = true;
      log.info('member cluster watches synced');
      // everything exported here is (re)considered now that the caches are complete
      for (const e of watch.exports.list())
        changed(e.metadata?.namespace, e.metadata?.name, 'watch-synced');
    });
    log.info('member cluster watches started');
  }

  private stopWatch(key: string, watch: MemberWatch, why: string): void {
    this.watches.delete(key);
    this.options.logger.info(
      { tenant: watch.tenant, cluster: watch.cluster },
      `member cluster watches stopped: ${why}`,
    );
    // what this cluster exported must be re-planned without it (or with its new connection)
    for (const e of watch.exports.list()) {
      const { namespace, name } = e.metadata ?? {};
      if (namespace !== undefined && name !== undefined)
        this.options.onChange(mcsKey({ tenant: watch.tenant, namespace, name }), why);
    }
    void Promise.all(
      [watch.exports, watch.services, watch.endpointSlices, watch.namespaces, watch.imports].map(
        (c) => c.stop(),
      ),
    );
  }
}
