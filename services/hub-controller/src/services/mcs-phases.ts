// The steps of a multi-cluster service reconcile: plan, then apply to Lattice in the exporting
// clusters' account, then ServiceImports in every member cluster; or, when nothing is left to
// serve, remove what this hub created for the service (by tags only) and the imports.
import {
  deleteMultiClusterService,
  deployMultiClusterService,
  type DeleteMultiClusterServiceResult,
} from '@trellis/aws';
import {
  externalNameServiceName,
  latticeServiceName,
  MCS_LABELS,
  MANAGED_BY_VALUE,
  planLatticeService,
  planServiceImports,
  RequeueAfter,
} from '@trellis/core';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  CoreResources,
  ensureFinalizer,
  removeFinalizer,
  ServiceExports,
  ServiceImports,
  type ResourceClient,
} from '@trellis/kube';
import { isDeepStrictEqual } from 'node:util';
import type { HubContext } from '../hub-context.ts';
import { clusterAccount } from '../identity-chains.ts';
import { containsDesired } from '../runtime/contains-desired.ts';
import { readModelOf } from './mcs-read-model.ts';
import { SERVICE_EXPORT_FINALIZER } from './mcs-resources.ts';
import { latticeIn, memberClient, type MultiClusterServiceScope } from './mcs-scope.ts';
import type { MemberWatch } from './member-watches.ts';

export type MultiClusterServicePhase = (
  hub: HubContext,
  scope: MultiClusterServiceScope,
) => Promise<void>;

function memberByName(scope: MultiClusterServiceScope, cluster: string) {
  return scope.observed.members.find((m) => m.name === cluster);
}

/** Live exports carry our finalizer, so their deletion waits for the cleanup (across restarts). */
export const ensureExportFinalizers: MultiClusterServicePhase = async (hub, scope) => {
  for (const [cluster, object] of scope.observed.liveObjects) {
    const member = memberByName(scope, cluster);
    const client = member && memberClient(hub, member);
    if (client === undefined) continue;
    const updated = await ensureFinalizer(client, ServiceExports, object, SERVICE_EXPORT_FINALIZER);
    scope.observed.liveObjects.set(cluster, updated);
  }
};

export const planService: MultiClusterServicePhase = async (hub, scope) => {
  const { key } = scope.observed;
  const grace = hub.settings.unreachableGracePeriodMs;
  const desired = planLatticeService({
    tenant: key.tenant,
    namespace: key.namespace,
    name: key.name,
    exports: scope.observed.exports,
    hubId: hub.settings.hubId,
    serviceNetworkArn: scope.serviceNetworkArn,
    ...(grace !== undefined ? { unreachableGracePeriodMs: grace } : {}),
    ...(scope.weightsOverride !== undefined ? { weightsOverride: scope.weightsOverride } : {}),
    now: scope.now,
  });
  if (desired !== undefined) scope.desired = desired;
  if (desired?.degraded !== undefined)
    scope.log.warn({ reasons: desired.degraded.reasons }, desired.degraded.message);
};

/** Apply the desired service; a failure is recorded (LatticeApplyFailed) and then retried. */
export const applyLattice: MultiClusterServicePhase = async (hub, scope) => {
  const desired = scope.desired;
  if (desired === undefined) return;
  const lattice = latticeIn(hub, scope, desired.accountId);
  if (lattice === undefined) {
    scope.apply = {
      ok: false,
      message: `no member cluster of tenant ${desired.tenant} gives a role in account ${desired.accountId}`,
    };
    return;
  }
  try {
    scope.deployed = await deployMultiClusterService(lattice.lattice, desired, {
      authType: scope.tenant.spec.serviceNetwork?.authType ?? 'NONE',
      unreachableClusters: scope.observed.unreachableClusters,
      inventory: lattice.inventory,
      beforeListeners: () => retireRenamedLatticeServices(hub, scope),
    });
    scope.apply = { ok: true };
    for (const tg of scope.deployed.removedTargetGroups)
      scope.log.info({ targetGroup: tg.name, result: tg.result }, 'target group removed');
  } catch (error) {
    scope.apply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    throw error;
  }
};

function serviceScope(hub: HubContext, scope: MultiClusterServiceScope) {
  const { key } = scope.observed;
  return {
    hubId: hub.settings.hubId,
    tenant: key.tenant,
    namespace: key.namespace,
    service: key.name,
  };
}

/**
 * Lattice services this export had before, in another account (the oldest export, which decides
 * the account, went away and the new winner lives elsewhere) or under another name (the name
 * annotation changed), are removed by their tags. The read model remembers them
 * (status.latticeService, status.retiredLatticeServices) across restarts.
 *
 * One in another account is removed once the current one is applied (make before break). One in
 * the same account (a rename) is removed during the apply, after the new service is created and
 * before its listeners are: the old listeners forward to the very target groups the new service
 * is to use, and Lattice lets a target group serve one service only.
 */
async function retire(
  hub: HubContext,
  scope: MultiClusterServiceScope,
  inDesiredAccount: boolean,
): Promise<void> {
  const desired = scope.desired;
  if (desired === undefined) return;
  const previous = readModelOf(hub, scope.observed.key)?.status;
  const candidates = [...(previous?.retiredLatticeServices ?? [])];
  if (previous?.latticeService !== undefined) candidates.push(previous.latticeService);
  const seen = new Set<string>([`${desired.accountId}/${desired.service.name}`]);
  const retired = (scope.retired ??= []);
  // an apply retried (stale inventory) runs the renamed ones' retirement again
  const keep = (r: { accountId: string; name: string }) => {
    if (!retired.some((x) => x.accountId === r.accountId && x.name === r.name)) retired.push(r);
  };
  for (const { accountId, name } of candidates) {
    if (seen.has(`${accountId}/${name}`)) continue;
    seen.add(`${accountId}/${name}`);
    if ((accountId === desired.accountId) !== inDesiredAccount) continue;
    const lattice = latticeIn(hub, scope, accountId);
    if (lattice === undefined) {
      scope.log.warn(
        { accountId, latticeService: name },
        'no member cluster gives a role in the account of a retired Lattice service; keeping it',
      );
      keep({ accountId, name });
      continue;
    }
    const result = await deleteMultiClusterService(lattice.lattice, {
      accountId,
      serviceName: name,
      scope: serviceScope(hub, scope),
      unreachableClusters: scope.observed.unreachableClusters,
      inventory: lattice.inventory,
      ...(accountId === desired.accountId
        ? { keepTargetGroups: desired.targetGroups.map((tg) => tg.name) }
        : {}),
    });
    scope.log.info({ accountId, latticeService: name, ...result }, 'retired Lattice service');
    if (!result.done) keep({ accountId, name });
  }
}

/**
 * During apply, once the new service exists and before its listeners are made: the export's old
 * Lattice service in the same account (renamed) lets go of the target groups.
 */
export const retireRenamedLatticeServices: MultiClusterServicePhase = (hub, scope) =>
  retire(hub, scope, true);

/** After apply: the export's old Lattice services in other accounts are removed. */
export const retireLatticeServices: MultiClusterServicePhase = async (hub, scope) => {
  if (scope.deployed === undefined) return;
  await retire(hub, scope, false);
};

/** ServiceImport (and the opt-in ExternalName Service) in every reachable member cluster. */
export const applyServiceImports: MultiClusterServicePhase = async (hub, scope) => {
  const desired = scope.desired;
  const service = scope.deployed?.service;
  if (desired === undefined || service === undefined) return;
  const { key } = scope.observed;
  const clients = new Map<string, ResourceClient>();
  const watches = new Map<string, MemberWatch>();
  const namespaceLabels: Record<string, Record<string, string>> = {};
  for (const member of scope.observed.members) {
    const client = memberClient(hub, member);
    if (client === undefined) continue;
    if (member.leaving) {
      await removeImportsIn(hub, scope, member.name, client);
      continue;
    }
    // a reachable member's caches are synced: they answer instead of its API server
    const watch = member.watch?.synced ? member.watch : undefined;
    if (watch !== undefined) watches.set(member.name, watch);
    const namespace =
      watch !== undefined
        ? watch.namespaces.get(key.namespace)
        : await client.get(CoreResources.namespaces, { name: key.namespace });
    if (namespace === undefined) {
      scope.log.info({ cluster: member.name }, `no namespace ${key.namespace}: no ServiceImport`);
      continue;
    }
    clients.set(member.name, client);
    namespaceLabels[member.name] = namespace.metadata?.labels ?? {};
  }
  const planned = planServiceImports(
    desired,
    [...clients.keys()],
    { arn: service.arn, dnsName: service.dnsName },
    namespaceLabels,
  );
  for (const p of planned) {
    const client = clients.get(p.cluster)!;
    const watch = watches.get(p.cluster);
    const { status, ...serviceImport } = p.serviceImport;
    // At steady state the cache already holds exactly this: no request to the member cluster.
    const cached = watch?.imports.get(key.name, key.namespace);
    if (
      cached === undefined ||
      !containsDesired(cached, serviceImport) ||
      !isDeepStrictEqual(cached.status, status)
    ) {
      const applied = await client.apply<KubernetesObject & { status?: unknown }>(
        ServiceImports,
        serviceImport,
      );
      if (!isDeepStrictEqual(applied.status, status)) {
        await client.mergePatch(
          ServiceImports,
          { name: key.name, namespace: key.namespace },
          { status },
          'status',
        );
      }
    }
    const externalName = p.externalNameService;
    if (externalName !== undefined) {
      const current = watch?.services.get(externalName.metadata.name, key.namespace);
      if (current === undefined || !containsDesired(current, externalName))
        await client.apply(CoreResources.services, externalName);
    } else if (
      watch === undefined ||
      watch.services.get(externalNameServiceName(key.name), key.namespace) !== undefined
    ) {
      // the namespace opted out (or never opted in): no ExternalName Service of ours stays behind
      await removeExternalNameServiceIn(hub, scope, p.cluster, client);
    }
  }
};

function ownedByThisHub(hub: HubContext, object: KubernetesObject | undefined): boolean {
  const labels = object?.metadata?.labels ?? {};
  return (
    labels[MCS_LABELS.managedBy] === MANAGED_BY_VALUE &&
    labels[MCS_LABELS.hubId] === hub.settings.hubId
  );
}

/**
 * Nothing valid is exported: delete this service's Lattice resources that carry this hub's tags,
 * in every account a member cluster gives a role in (the service lived in the account of its
 * oldest export, which may be gone), never an unreachable cluster's target groups.
 */
export const removeLattice: MultiClusterServicePhase = async (hub, scope) => {
  const { key } = scope.observed;
  // what the service looked like with the exports being deleted: its account and name
  const previous = planLatticeService({
    tenant: key.tenant,
    namespace: key.namespace,
    name: key.name,
    exports: [...scope.observed.exports, ...scope.observed.deleting.map((d) => d.observed)],
    hubId: hub.settings.hubId,
    serviceNetworkArn: scope.serviceNetworkArn,
    now: scope.now,
  });
  const serviceName = previous?.service.name ?? latticeServiceName(key.namespace, key.name);
  const targets = new Map<string, { accountId: string; serviceName: string }>();
  const add = (accountId: string, name: string) =>
    targets.set(`${accountId}/${name}`, { accountId, serviceName: name });
  if (previous !== undefined) add(previous.accountId, serviceName);
  for (const m of scope.observed.members) {
    const account = clusterAccount(m.object)?.accountId;
    if (account !== undefined) add(account, serviceName);
  }
  // what the read model says was created, even if the exports that made it are gone
  const recorded = readModelOf(hub, key)?.status;
  for (const s of [
    ...(recorded?.latticeService !== undefined ? [recorded.latticeService] : []),
    ...(recorded?.retiredLatticeServices ?? []),
  ])
    add(s.accountId, s.name);
  const results: DeleteMultiClusterServiceResult[] = [];
  for (const { accountId, serviceName: name } of targets.values()) {
    const lattice = latticeIn(hub, scope, accountId);
    if (lattice === undefined) continue;
    const result = await deleteMultiClusterService(lattice.lattice, {
      accountId,
      serviceName: name,
      scope: serviceScope(hub, scope),
      unreachableClusters: scope.observed.unreachableClusters,
      inventory: lattice.inventory,
    });
    if (result.service === 'deleted' || result.deletedTargetGroups.length > 0)
      scope.log.info({ accountId, ...result }, 'Lattice resources of the service removed');
    results.push(result);
  }
  if (results.some((r) => !r.done && r.associations.includes('deleting')))
    throw new RequeueAfter(hub.settings.pollIntervalMs, 'service-network association deleting');
};

async function removeImportsIn(
  hub: HubContext,
  scope: MultiClusterServiceScope,
  cluster: string,
  client: ResourceClient,
): Promise<void> {
  const { key } = scope.observed;
  const at = { name: key.name, namespace: key.namespace };
  if (ownedByThisHub(hub, await client.get(ServiceImports, at))) {
    await client.delete(ServiceImports, at);
    scope.log.info({ cluster }, 'ServiceImport removed');
  }
  await removeExternalNameServiceIn(hub, scope, cluster, client);
}

async function removeExternalNameServiceIn(
  hub: HubContext,
  scope: MultiClusterServiceScope,
  cluster: string,
  client: ResourceClient,
): Promise<void> {
  const { key } = scope.observed;
  const externalName = { name: externalNameServiceName(key.name), namespace: key.namespace };
  if (ownedByThisHub(hub, await client.get(CoreResources.services, externalName))) {
    await client.delete(CoreResources.services, externalName);
    scope.log.info({ cluster, service: externalName.name }, 'ExternalName Service removed');
  }
}

/** The imports (and ExternalName Services) this hub wrote, in every reachable member cluster. */
export const removeServiceImports: MultiClusterServicePhase = async (hub, scope) => {
  for (const member of scope.observed.members) {
    const client = memberClient(hub, member);
    if (client !== undefined) await removeImportsIn(hub, scope, member.name, client);
  }
};

/** Exports being deleted are let go once their resources are gone. */
export const releaseDeletedExports: MultiClusterServicePhase = async (hub, scope) => {
  for (const d of scope.observed.deleting) {
    const member = memberByName(scope, d.cluster);
    const client = member && memberClient(hub, member);
    if (client === undefined) continue;
    await removeFinalizer(client, ServiceExports, d.object, SERVICE_EXPORT_FINALIZER);
    scope.log.info({ cluster: d.cluster }, 'ServiceExport released');
  }
};
