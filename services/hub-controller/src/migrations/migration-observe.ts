// What the executor observes for the state machine: the inputs of validateMigration (clusters,
// exports from the member-cluster caches, other migrations) and the health gate (green's Lattice
// target health, plus an optional HTTP probe through the Lattice data plane).
import { request } from 'node:http';
import { listOwnedTargetGroups, listTargets } from '@trellis/aws';
import {
  EXPORT_CONDITIONS,
  getCondition,
  isConditionTrue,
  isOwnedBy,
  RequeueAfter,
  resolveMigrationSpec,
  SERVICE_IMPORT_ANNOTATIONS,
  tenantOfNamespace,
  WORKLOAD_CLUSTER_CONDITIONS,
  type ExportedServiceObservation,
  type GateMeasurement,
  type MigrationValidationInput,
  type ServiceRef,
} from '@trellis/core';
import { ServiceImports } from '@trellis/kube';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { HubContext } from '../hub-context.ts';
import { clusterKey } from '../clusters/cluster-phases.ts';
import { clusterAccount } from '../identity-chains.ts';
import type { WorkloadCluster } from '../resources.ts';
import type { MultiClusterServiceController } from '../services/mcs-controller.ts';
import type { ClusterMigration } from './migration-resources.ts';

/** Target states that take traffic: healthy, or health checks off for the group. */
const SERVING = new Set(['HEALTHY', 'UNAVAILABLE']);

export function tenantOf(migration: ClusterMigration): string {
  const tenant = tenantOfNamespace(migration.metadata?.namespace ?? '');
  if (tenant === undefined)
    throw new Error(`ClusterMigration ${migration.metadata?.name} is not in a tenant namespace`);
  return tenant;
}

/**
 * Everything validateMigration needs. Throws RequeueAfter while a connected side's caches are
 * still filling (its exports are not known yet, so "not exported" would be a wrong verdict).
 */
export function validationInput(
  hub: HubContext,
  mcs: MultiClusterServiceController,
  migration: ClusterMigration,
  others: readonly ClusterMigration[],
): MigrationValidationInput {
  const namespace = migration.metadata?.namespace ?? '';
  const tenant = tenantOf(migration);
  const spec = migration.spec;
  const clusters = hub.clusters.list().map((c) => {
    const connected = getCondition(c.status?.conditions, WORKLOAD_CLUSTER_CONDITIONS.connected);
    return {
      name: c.metadata?.name ?? '',
      namespace: c.metadata?.namespace ?? '',
      connected: connected?.status === 'True',
      ...(connected?.status !== 'True' && connected?.message ? { message: connected.message } : {}),
    };
  });
  const exports: Record<string, ExportedServiceObservation[]> = {};
  for (const cluster of [spec.fromCluster, spec.toCluster]) {
    const known = clusters.find((c) => c.name === cluster && c.namespace === namespace);
    const watch = mcs.memberWatch(tenant, cluster);
    if (known?.connected === true && watch?.synced !== true)
      throw new RequeueAfter(hub.settings.pollIntervalMs, `the caches of ${cluster} are filling`);
    exports[cluster] = (watch?.exports.list() ?? [])
      .filter((e) => !e.metadata?.deletionTimestamp)
      .map((e) => {
        const name = e.metadata?.name ?? '';
        const ns = e.metadata?.namespace ?? '';
        const service = watch?.services.get(name, ns);
        const conditions = e.status?.conditions ?? [];
        const valid = getCondition(conditions, EXPORT_CONDITIONS.valid);
        const conflict = isConditionTrue(conditions, EXPORT_CONDITIONS.conflict);
        const invalid = valid?.status === 'False' || conflict;
        return {
          namespace: ns,
          name,
          labels: e.metadata?.labels ?? {},
          ports: (service?.spec?.ports ?? []).map((p) => ({
            ...(p.name ? { name: p.name } : {}),
            port: p.port,
            protocol: p.protocol ?? 'TCP',
          })),
          ...(invalid
            ? {
                valid: false,
                invalidReason: conflict
                  ? `Conflict: ${getCondition(conditions, EXPORT_CONDITIONS.conflict)?.message ?? ''}`
                  : `${valid?.reason ?? 'Invalid'}: ${valid?.message ?? ''}`,
              }
            : {}),
        };
      });
  }
  return {
    namespace,
    name: migration.metadata?.name ?? '',
    spec,
    clusters,
    exports,
    otherMigrations: others
      .filter((m) => m.metadata?.uid !== migration.metadata?.uid)
      .map((m) => ({
        name: m.metadata?.name ?? '',
        phase: m.status?.phase ?? 'Pending',
        services: m.status?.services ?? m.spec.services.list ?? [],
      })),
  };
}

function latticeOf(hub: HubContext, cluster: WorkloadCluster | undefined, fallbackRegion: string) {
  const account = cluster && clusterAccount(cluster);
  if (cluster === undefined || account === undefined) return undefined;
  const region = cluster.spec.eks?.region ?? fallbackRegion;
  const { lattice, latticeInventory } = hub.aws.clientsFor(account.chain, region);
  return { accountId: account.accountId, lattice, inventory: latticeInventory };
}

/**
 * The gate of one step: the share of toCluster's registered targets (across the services' target
 * groups this hub owns, not draining) that take traffic, and the probe if the gate has one.
 * The target groups live in the account of the service (the oldest export's cluster), so both
 * clusters' accounts are searched.
 */
export async function measureGate(
  hub: HubContext,
  migration: ClusterMigration,
  step: number,
): Promise<GateMeasurement> {
  const namespace = migration.metadata?.namespace ?? '';
  const tenant = tenantOf(migration);
  const spec = resolveMigrationSpec(migration.spec);
  const services = migration.status?.services ?? [];
  const tenantObject = hub.tenants.get(tenant);
  const region = tenantObject?.spec.networkAccount.region ?? hub.settings.region;
  const clients = new Map<string, NonNullable<ReturnType<typeof latticeOf>>>();
  for (const name of [spec.toCluster, spec.fromCluster]) {
    const found = latticeOf(hub, hub.clusters.get(name, namespace), region);
    if (found !== undefined && !clients.has(found.accountId)) clients.set(found.accountId, found);
  }
  let registered = 0;
  let serving = 0;
  const seen = new Set<string>();
  const owned = (tags: Record<string, string> | undefined) =>
    services.some((s) =>
      isOwnedBy(tags, {
        hubId: hub.settings.hubId,
        tenant,
        namespace: s.namespace,
        service: s.name,
        cluster: spec.toCluster,
      }),
    );
  for (const { lattice, inventory } of clients.values()) {
    // only groups some service forwards to can be a live service's (the inventory keeps the tags)
    const used = (g: { serviceArns: string[] }) => g.serviceArns.length > 0;
    for (const tg of await listOwnedTargetGroups(lattice, owned, used, inventory)) {
      if (seen.has(tg.arn)) continue;
      seen.add(tg.arn);
      for (const target of await listTargets(lattice, tg.id)) {
        if (target.status === 'DRAINING') continue;
        registered += 1;
        if (SERVING.has(target.status)) serving += 1;
      }
    }
  }
  const healthyRatio = registered === 0 ? 0 : serving / registered;
  const probe = spec.healthGate.probe;
  if (probe === undefined) return { step, healthyRatio };
  return { step, healthyRatio, probe: await probeServices(hub, migration, services, probe) };
}

/** The probe of every service through its Lattice DNS name: ok only when all answer as expected. */
async function probeServices(
  hub: HubContext,
  migration: ClusterMigration,
  services: readonly ServiceRef[],
  probe: { path: string; expectedStatus: number; host?: string },
): Promise<{ ok: boolean; status?: number; message?: string }> {
  const namespace = migration.metadata?.namespace ?? '';
  const toCluster = hub.clusters.get(migration.spec.toCluster, namespace);
  const client = toCluster && hub.connections.get(clusterKey(toCluster))?.client;
  let last: number | undefined;
  for (const s of services) {
    const imported = await client?.get<KubernetesObject>(ServiceImports, s);
    const dns = imported?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns];
    if (dns === undefined)
      return { ok: false, message: `${s.namespace}/${s.name}: no Lattice DNS name known yet` };
    let status: number;
    try {
      status = await httpStatus(hub.settings.dataPlaneProxyUrl, dns, probe.path, probe.host ?? dns);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        message: `${s.namespace}/${s.name}: GET ${probe.path} failed: ${reason}`,
      };
    }
    last = status;
    if (status !== probe.expectedStatus) {
      return {
        ok: false,
        status,
        message: `${s.namespace}/${s.name}: GET ${probe.path} answered ${status}, expected ${probe.expectedStatus}`,
      };
    }
  }
  return { ok: true, ...(last !== undefined ? { status: last } : {}) };
}

const PROBE_TIMEOUT_MS = 5_000;

/**
 * GET `path` on the service: directly (`http://<dns>:80`, as a client in an associated VPC) or,
 * with a data-plane proxy URL (the emulator's), to the proxy with `Host: <host>`.
 */
function httpStatus(
  proxyUrl: string | undefined,
  dns: string,
  path: string,
  host: string,
): Promise<number> {
  const target = new URL(proxyUrl ?? `http://${dns}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port || 80,
        path,
        headers: { host },
        agent: false,
        timeout: PROBE_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}
