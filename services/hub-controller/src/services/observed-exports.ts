// Observed state of one multi-cluster service: every member cluster of the tenant, and every
// export of (namespace, name) among them as the planners in @trellis/core want it
// (ObservedExport), built from the member-cluster caches. A cluster the hub cannot see right now
// contributes the copy last observed while it was reachable, marked unreachable, so its Lattice
// resources are kept exactly as they are.
import { getCondition, tenantNamespace, WORKLOAD_CLUSTER_CONDITIONS } from '@trellis/core';
import type {
  IpProtocol,
  ObservedEndpoint,
  ObservedExport,
  ObservedService,
  ServiceKind,
} from '@trellis/core';
import { clusterAccount } from '../identity-chains.ts';
import type { WorkloadCluster } from '../resources.ts';
import type { MultiClusterServiceKey } from './mcs-key.ts';
import {
  SERVICE_NAME_LABEL,
  type MemberEndpointSlice,
  type MemberService,
  type ServiceExport,
} from './mcs-resources.ts';
import type { MemberWatch } from './member-watches.ts';

export interface MemberCluster {
  name: string;
  object: WorkloadCluster;
  accountId?: string;
  vpcId?: string;
  /** Connected and its caches synced: what the caches say is the truth */
  reachable: boolean;
  /**
   * Connected, but its caches are not filled yet (just connected, or the hub just started):
   * what it exports is not known, so nothing should be planned until it is.
   */
  pending: boolean;
  /** when it stopped being reachable (the Connected condition's last transition) */
  unreachableSince?: string;
  /**
   * The WorkloadCluster is being deleted: its exports are being unexported (target groups
   * removed, finalizers released), its imports removed; it gets nothing new.
   */
  leaving: boolean;
  watch?: MemberWatch;
}

export interface ObservedMultiClusterService {
  key: MultiClusterServiceKey;
  members: MemberCluster[];
  /** the live exports (not being deleted), reachable clusters' from the caches, others last seen */
  exports: ObservedExport[];
  /**
   * exports being deleted in reachable clusters (held by our finalizer until cleaned up), and
   * the exports of reachable clusters that are leaving the tenant (released the same way)
   */
  deleting: { cluster: string; object: ServiceExport; observed: ObservedExport }[];
  /** the live ServiceExport objects in reachable clusters, to write status and finalizers on */
  liveObjects: Map<string, ServiceExport>;
  /** clusters whose Lattice resources must not be deleted now */
  unreachableClusters: string[];
}

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

export function observedService(service: MemberService): ObservedService {
  const spec = service.spec ?? {};
  const family = spec.ipFamilies?.[0];
  return {
    type: (spec.type ?? 'ClusterIP') as ServiceKind,
    headless: spec.clusterIP === 'None',
    ports: (spec.ports ?? []).map((p) => ({
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
      port: p.port,
      ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
      protocol: (PROTOCOLS.includes(p.protocol ?? 'TCP')
        ? (p.protocol ?? 'TCP')
        : 'TCP') as IpProtocol,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    })),
    ...(spec.sessionAffinity !== undefined ? { sessionAffinity: spec.sessionAffinity } : {}),
    ...(family === 'IPv4' || family === 'IPv6' ? { ipFamily: family } : {}),
    annotations: service.metadata?.annotations ?? {},
  };
}

/** One entry per (address, slice port): the resolved port and the endpoint's conditions. */
export function observedEndpoints(slices: readonly MemberEndpointSlice[]): ObservedEndpoint[] {
  const out: ObservedEndpoint[] = [];
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue; // FQDN: no IP target
    for (const endpoint of slice.endpoints ?? []) {
      const c = endpoint.conditions ?? {};
      for (const port of slice.ports ?? []) {
        if (port.port === undefined) continue;
        for (const ip of endpoint.addresses) {
          out.push({
            ip,
            port: port.port,
            portName: port.name ?? '',
            // absent means ready, as in Kubernetes
            ready: c.ready ?? true,
            ...(c.serving !== undefined ? { serving: c.serving } : {}),
            ...(c.terminating !== undefined ? { terminating: c.terminating } : {}),
          });
        }
      }
    }
  }
  return out;
}

function memberOf(cluster: WorkloadCluster, watch: MemberWatch | undefined): MemberCluster {
  const connected = getCondition(cluster.status?.conditions, WORKLOAD_CLUSTER_CONDITIONS.connected);
  const reachable = connected?.status === 'True' && watch?.synced === true;
  const accountId = cluster.status?.accountId ?? clusterAccount(cluster)?.accountId;
  const vpcId = cluster.status?.vpcId ?? cluster.spec.vpcId;
  const leaving = cluster.metadata?.deletionTimestamp !== undefined;
  return {
    name: cluster.metadata?.name ?? '',
    object: cluster,
    ...(accountId !== undefined ? { accountId } : {}),
    ...(vpcId !== undefined ? { vpcId } : {}),
    reachable,
    leaving,
    // a leaving cluster without watches (the hub cannot reach it) is not waited for
    pending:
      connected?.status === 'True' && watch?.synced !== true && (!leaving || watch !== undefined),
    ...(!reachable && connected?.status === 'False'
      ? { unreachableSince: connected.lastTransitionTime }
      : {}),
    ...(watch !== undefined ? { watch } : {}),
  };
}

function observeOne(
  member: MemberCluster,
  key: MultiClusterServiceKey,
  object: ServiceExport,
  watch: MemberWatch,
): ObservedExport {
  const { namespace, name } = key;
  const service = watch.services.get(name, namespace);
  const slices = watch.endpointSlices
    .list(namespace)
    .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name);
  return {
    cluster: member.name,
    clusterAccountId: member.accountId ?? '',
    clusterVpcId: member.vpcId ?? '',
    namespace,
    name,
    createdAt: object.metadata?.creationTimestamp
      ? new Date(object.metadata.creationTimestamp).toISOString()
      : '',
    ...(service !== undefined ? { service: observedService(service) } : {}),
    endpoints: observedEndpoints(slices),
    annotations: object.metadata?.annotations ?? {},
    clusterReachable: true,
    ...(object.metadata?.generation !== undefined
      ? { generation: object.metadata.generation }
      : {}),
  };
}

/**
 * The last export observed per (service key, cluster), kept for clusters that become unreachable.
 * Persisted in the MultiClusterService read model's status (lastSeenExports) and restored from
 * it when the controller starts, so a restarted hub keeps an unreachable cluster's exports in the
 * plan (mcs-read-model.ts).
 */
export class LastSeenExports {
  private readonly byKey = new Map<string, Map<string, ObservedExport>>();

  remember(key: string, e: ObservedExport): void {
    let clusters = this.byKey.get(key);
    if (clusters === undefined) this.byKey.set(key, (clusters = new Map<string, ObservedExport>()));
    clusters.set(e.cluster, e);
  }

  forget(key: string, cluster: string): void {
    const clusters = this.byKey.get(key);
    clusters?.delete(cluster);
    if (clusters?.size === 0) this.byKey.delete(key);
  }

  get(key: string, cluster: string): ObservedExport | undefined {
    return this.byKey.get(key)?.get(cluster);
  }

  /** every cluster's last-seen export of the service, sorted by cluster */
  of(key: string): ObservedExport[] {
    return [...(this.byKey.get(key)?.values() ?? [])].sort((a, b) =>
      a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0,
    );
  }

  /** whether any service still holds a last-seen export of `cluster` of `tenant` */
  holdsCluster(tenant: string, cluster: string): boolean {
    for (const [key, clusters] of this.byKey)
      if (key.startsWith(`${tenant}/`) && clusters.has(cluster)) return true;
    return false;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }
}

export function observeMultiClusterService(input: {
  key: MultiClusterServiceKey;
  keyString: string;
  clusters: readonly WorkloadCluster[];
  watchOf: (cluster: string) => MemberWatch | undefined;
  lastSeen: LastSeenExports;
}): ObservedMultiClusterService {
  const { key, keyString, lastSeen } = input;
  const members = input.clusters
    .filter((c) => c.metadata?.namespace === tenantNamespace(key.tenant))
    .map((c) => memberOf(c, input.watchOf(c.metadata?.name ?? '')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // clusters gone from the tenant altogether have nothing left to keep
  const memberNames = new Set(members.map((m) => m.name));
  for (const seen of lastSeen.of(keyString))
    if (!memberNames.has(seen.cluster)) lastSeen.forget(keyString, seen.cluster);
  const observed: ObservedMultiClusterService = {
    key,
    members,
    exports: [],
    deleting: [],
    liveObjects: new Map(),
    unreachableClusters: [],
  };
  for (const member of members) {
    const watch = member.watch;
    if (member.leaving) {
      // Its membership is being deleted: whatever it exported leaves the plan (so its target
      // groups are removed, reachable or not) and, if the hub sees it, its export is released.
      lastSeen.forget(keyString, member.name);
      const object = member.reachable ? watch?.exports.get(key.name, key.namespace) : undefined;
      if (object !== undefined && watch !== undefined)
        observed.deleting.push({
          cluster: member.name,
          object,
          observed: observeOne(member, key, object, watch),
        });
      continue;
    }
    // Not observable (unreachable, caches not filled, or not registered yet): keep what was seen.
    if (
      !member.reachable ||
      watch === undefined ||
      member.vpcId === undefined ||
      member.accountId === undefined
    ) {
      observed.unreachableClusters.push(member.name);
      const seen = lastSeen.get(keyString, member.name);
      if (seen !== undefined) {
        observed.exports.push({
          ...seen,
          clusterReachable: false,
          ...(member.unreachableSince !== undefined
            ? { unreachableSince: member.unreachableSince }
            : {}),
        });
      }
      continue;
    }
    const object = watch.exports.get(key.name, key.namespace);
    if (object === undefined) {
      lastSeen.forget(keyString, member.name);
      continue;
    }
    const e = observeOne(member, key, object, watch);
    if (object.metadata?.deletionTimestamp) {
      lastSeen.forget(keyString, member.name);
      observed.deleting.push({ cluster: member.name, object, observed: e });
      continue;
    }
    lastSeen.remember(keyString, e);
    observed.exports.push(e);
    observed.liveObjects.set(member.name, object);
  }
  return observed;
}
