// The MultiClusterService read model: one object per exported (namespace, name) of a tenant, in
// the tenant namespace, named `<namespace>.<name>`. Each reconcile computes its status and writes
// it only when it changed (observedAt aside), so a steady state writes nothing. The status also
// carries the last-seen copy of every cluster's export, which is how a restarted hub remembers
// an unreachable cluster's targets (restoreLastSeenExports). Deleted once the last export of the
// service has been cleaned up.
import {
  GROUP_VERSION,
  MANAGED_BY_VALUE,
  MCS_LABELS,
  MULTI_CLUSTER_SERVICE_CONDITIONS as C,
  multiClusterServiceName,
  setCondition,
  tenantNamespace,
  tenantOfNamespace,
  type Condition,
  type MultiClusterServiceClusterStatus,
  type MultiClusterServiceStatus,
  type ObservedExport,
  type TargetCounts,
} from '@trellis/core';
import { isNotFound } from '@trellis/kube';
import { isDeepStrictEqual } from 'node:util';
import type { HubContext } from '../hub-context.ts';
import { MULTI_CLUSTER_SERVICES, type MultiClusterService } from '../resources.ts';
import { mcsKey, type MultiClusterServiceKey } from './mcs-key.ts';
import type { MultiClusterServiceScope } from './mcs-scope.ts';
import type { LastSeenExports } from './observed-exports.ts';

type Status = Omit<MultiClusterServiceStatus, 'observedAt'>;

export function readModelRef(key: MultiClusterServiceKey): { name: string; namespace: string } {
  return {
    name: multiClusterServiceName(key.namespace, key.name),
    namespace: tenantNamespace(key.tenant),
  };
}

export function readModelOf(
  hub: HubContext,
  key: MultiClusterServiceKey,
): MultiClusterService | undefined {
  const ref = readModelRef(key);
  return hub.multiClusterServices.get(ref.name, ref.namespace);
}

/** The queue key of a read-model object (undefined for one not in a tenant namespace). */
export function keyOfReadModel(object: MultiClusterService): string | undefined {
  const tenant = tenantOfNamespace(object.metadata?.namespace ?? '');
  const { namespace, name } = object.spec ?? {};
  if (tenant === undefined || !namespace || !name) return undefined;
  return mcsKey({ tenant, namespace, name });
}

/** Only Trellis's own annotations matter to the planners; others (kubectl's) would bloat it. */
function trellisAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(
      ([k]) => k.startsWith('trellis.dev/') || k.startsWith('multicluster.trellis.dev/'),
    ),
  );
}

/** The copy of an export kept in the status: what was observed, not the reachability now. */
export function persistedExport(e: ObservedExport): ObservedExport {
  const { unreachableSince: _since, ...rest } = e;
  return {
    ...rest,
    clusterReachable: true,
    annotations: trellisAnnotations(e.annotations),
    ...(e.service !== undefined
      ? { service: { ...e.service, annotations: trellisAnnotations(e.service.annotations) } }
      : {}),
  };
}

function isObservedExport(value: unknown): value is ObservedExport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ObservedExport>;
  return (
    typeof v.cluster === 'string' &&
    typeof v.clusterAccountId === 'string' &&
    typeof v.clusterVpcId === 'string' &&
    typeof v.createdAt === 'string' &&
    Array.isArray(v.endpoints) &&
    typeof v.annotations === 'object'
  );
}

/**
 * At start: every read model's last-seen exports back into memory (copies this process already
 * holds are fresher and win). Returns the keys of every read model, to be reconciled.
 */
export function restoreLastSeenExports(hub: HubContext, lastSeen: LastSeenExports): string[] {
  const keys: string[] = [];
  for (const object of hub.multiClusterServices.list()) {
    const key = keyOfReadModel(object);
    if (key === undefined) continue;
    keys.push(key);
    for (const e of object.status?.lastSeenExports ?? []) {
      if (!isObservedExport(e) || lastSeen.get(key, e.cluster) !== undefined) continue;
      lastSeen.remember(key, e);
    }
  }
  return keys;
}

const ZERO: TargetCounts = {
  total: 0,
  healthy: 0,
  unhealthy: 0,
  initial: 0,
  draining: 0,
  unavailable: 0,
  unused: 0,
};

function addCounts(into: TargetCounts, health: Record<string, number>): TargetCounts {
  const out = { ...into };
  for (const [status, n] of Object.entries(health)) {
    out.total += n;
    const k = status.toLowerCase();
    if (k !== 'total' && k in out) out[k as keyof TargetCounts] += n;
  }
  return out;
}

function sumCounts(a: TargetCounts, b: TargetCounts): TargetCounts {
  return {
    total: a.total + b.total,
    healthy: a.healthy + b.healthy,
    unhealthy: a.unhealthy + b.unhealthy,
    initial: a.initial + b.initial,
    draining: a.draining + b.draining,
    unavailable: a.unavailable + b.unavailable,
    unused: a.unused + b.unused,
  };
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function serviceConditions(
  scope: MultiClusterServiceScope,
  clusters: MultiClusterServiceClusterStatus[],
  previous: readonly Condition[],
): Condition[] {
  const { desired, deployed, apply, now } = scope;
  const ready = (): Omit<Condition, 'lastTransitionTime'> => {
    if (desired === undefined)
      return {
        type: C.ready,
        status: 'False',
        reason: 'NoValidExport',
        message: 'no cluster exports this Service validly; see the clusters’ conditions',
      };
    if (apply === undefined)
      return {
        type: C.ready,
        status: 'Unknown',
        reason: 'Pending',
        message: 'the Lattice resources have not been applied yet',
      };
    if (!apply.ok)
      return {
        type: C.ready,
        status: 'False',
        reason: 'LatticeApplyFailed',
        message: apply.message,
      };
    if (deployed !== undefined && !deployed.ready)
      return {
        type: C.ready,
        status: 'False',
        reason: 'AssociationPending',
        message: `the Lattice service's association with the service network is ${deployed.association.status}`,
      };
    const readyClusters = clusters
      .filter((c) => c.conditions.some((x) => x.type === 'Ready' && x.status === 'True'))
      .map((c) => c.name);
    if (readyClusters.length === 0)
      return {
        type: C.ready,
        status: 'False',
        reason: 'NoReadyCluster',
        message: 'no exporting cluster is Ready; see the clusters’ conditions',
      };
    return {
      type: C.ready,
      status: 'True',
      reason: 'Ready',
      message: `served by ${readyClusters.join(', ')} through ${deployed?.service.dnsName ?? desired.service.name}`,
    };
  };
  let conditions = setCondition([...previous], ready(), now);
  conditions = setCondition(
    conditions,
    desired?.degraded !== undefined
      ? {
          type: C.degraded,
          status: 'True',
          reason: desired.degraded.reasons.join(','),
          message: desired.degraded.message,
        }
      : {
          type: C.degraded,
          status: 'False',
          reason: 'AsExpected',
          message:
            desired === undefined
              ? 'nothing is served'
              : 'every serving cluster is reachable and forwarded to',
        },
    now,
  );
  return conditions;
}

/** The status the read model should have after this reconcile (without observedAt). */
export function readModelStatus(
  scope: MultiClusterServiceScope,
  exportConditions: ReadonlyMap<string, Condition[]>,
  lastSeen: readonly ObservedExport[],
  previous: MultiClusterServiceStatus | undefined,
): Status {
  const { desired, deployed, observed } = scope;
  const latticePrevious = previous?.latticeService;
  const health = new Map<string, TargetCounts>();
  for (const tg of deployed?.targetGroups ?? [])
    health.set(tg.cluster, addCounts(health.get(tg.cluster) ?? ZERO, tg.health));
  const clusters: MultiClusterServiceClusterStatus[] = [...observed.exports]
    .sort((a, b) => byName(a.cluster, b.cluster))
    .map((e) => {
      const state = desired?.clusters.find((c) => c.cluster === e.cluster);
      const outcome = state?.outcome;
      const targets = health.get(e.cluster);
      return {
        name: e.cluster,
        ...(e.clusterAccountId !== '' ? { accountId: e.clusterAccountId } : {}),
        reachable: e.clusterReachable,
        ...(e.unreachableSince !== undefined ? { unreachableSince: e.unreachableSince } : {}),
        ...(state?.weight !== undefined ? { weight: state.weight } : {}),
        servedPorts: outcome?.kind === 'included' ? outcome.servedPorts : [],
        ...(targets !== undefined ? { targets } : {}),
        conditions: exportConditions.get(e.cluster) ?? [],
      };
    });
  const serving = clusters.filter((c) => c.servedPorts.length > 0).map((c) => c.name);
  let latticeService: Status['latticeService'];
  if (desired !== undefined) {
    const same =
      latticePrevious?.name === desired.service.name &&
      latticePrevious.accountId === desired.accountId;
    const arn = deployed?.service.arn ?? (same ? latticePrevious?.arn : undefined);
    const dnsName = deployed?.service.dnsName ?? (same ? latticePrevious?.dnsName : undefined);
    latticeService = {
      name: desired.service.name,
      accountId: desired.accountId,
      ...(arn !== undefined ? { arn } : {}),
      ...(dnsName !== undefined ? { dnsName } : {}),
    };
  }
  const unreachable = observed.exports
    .filter((e) => !e.clusterReachable)
    .map((e) => e.cluster)
    .sort(byName);
  const totals = [...health.values()].reduce(sumCounts, ZERO);
  return {
    conditions: serviceConditions(scope, clusters, previous?.conditions ?? []),
    ...(latticeService !== undefined ? { latticeService } : {}),
    ...(desired !== undefined
      ? {
          type: desired.clusterSet.type,
          ports: desired.clusterSet.ports.map((p) => ({
            name: p.name,
            port: p.port,
            protocol: p.protocol,
            ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
          })),
        }
      : {}),
    exportingClusters: serving.join(','),
    clusters,
    ...(deployed !== undefined ? { targets: totals } : {}),
    unreachableClusters: unreachable,
    ...(scope.retired !== undefined && scope.retired.length > 0
      ? { retiredLatticeServices: scope.retired }
      : {}),
    lastSeenExports: lastSeen.map(persistedExport),
  };
}

/** Write the read model: create it, patch its status when it changed, or delete it when done. */
export async function writeReadModel(
  hub: HubContext,
  scope: MultiClusterServiceScope,
  exportConditions: ReadonlyMap<string, Condition[]>,
  lastSeen: readonly ObservedExport[],
): Promise<void> {
  const { key } = scope.observed;
  const ref = readModelRef(key);
  let existing = readModelOf(hub, key);
  const gone =
    scope.completed === true &&
    scope.observed.exports.length === 0 &&
    scope.observed.deleting.length === 0 &&
    (scope.retired ?? []).length === 0;
  if (gone) {
    if (existing !== undefined) {
      try {
        await hub.mgmt.delete(MULTI_CLUSTER_SERVICES, ref);
        scope.log.info('MultiClusterService removed');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return;
  }
  const { observedAt: _at, ...previous } = existing?.status ?? {};
  const status = readModelStatus(scope, exportConditions, lastSeen, existing?.status);
  if (existing !== undefined && isDeepStrictEqual(previous, status)) return;
  if (existing === undefined) {
    try {
      existing = await hub.mgmt.create<MultiClusterService>(MULTI_CLUSTER_SERVICES, {
        apiVersion: GROUP_VERSION,
        kind: 'MultiClusterService',
        metadata: {
          ...ref,
          labels: {
            [MCS_LABELS.managedBy]: MANAGED_BY_VALUE,
            [MCS_LABELS.hubId]: hub.settings.hubId,
            [MCS_LABELS.tenant]: key.tenant,
          },
        },
        spec: { namespace: key.namespace, name: key.name },
      });
    } catch (error) {
      // created meanwhile (the cache lags behind our own writes)
      existing = await hub.mgmt.get<MultiClusterService>(MULTI_CLUSTER_SERVICES, ref);
      if (existing === undefined) throw error;
    }
  }
  const nulls = Object.fromEntries(Object.keys(existing.status ?? {}).map((k) => [k, null]));
  await hub.mgmt.mergePatch(
    MULTI_CLUSTER_SERVICES,
    ref,
    { status: { ...nulls, ...status, observedAt: scope.now.toISOString() } },
    'status',
  );
}
