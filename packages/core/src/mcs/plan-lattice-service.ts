// planLatticeService: all exports of one (namespace, name) in a tenant → the Lattice resources
// that should exist for it (build, then deploy: packages/aws diffs this against AWS and applies).
//
// One Lattice service (in the account of the winning export), associated with the tenant's
// service network; one IP target group per (cluster, exported port) in that cluster's VPC; one
// listener per exported port forwarding to the target groups of the clusters serving that port,
// weighted per cluster. Returns undefined when nothing valid is left to serve: delete everything.
import { listenerName, latticeServiceName, targetGroupName } from '../naming/names.ts';
import { ownershipTags } from '../naming/tags.ts';
import { parseExportSettings } from './annotations.ts';
import type { ProtocolVersion } from './annotations.ts';
import { byExportPrecedence, resolveExportConflicts } from './conflicts.ts';
import type { ClusterSetService, ExportOutcome } from './conflicts.ts';
import { healthCheckFor } from './health-check.ts';
import type { HealthCheckConfig } from './health-check.ts';
import { latticeProtocolOf } from './lattice-protocol.ts';
import type { ListenerProtocol, TargetGroupProtocol } from './lattice-protocol.ts';
import { selectTargets } from './plan-targets.ts';
import type { Target } from './plan-targets.ts';
import { clusterWeights } from './weights.ts';
import type { ClusterSetPort, ObservedExport, ObservedServicePort } from './types.ts';

/** Lattice forward actions take 1-10 target groups. */
export const LATTICE_MAX_FORWARD_TARGET_GROUPS = 10;

export interface PlanLatticeServiceInput {
  tenant: string;
  namespace: string;
  name: string;
  /** every cluster's observed export of this (namespace, name), in any order */
  exports: readonly ObservedExport[];
  hubId: string;
  serviceNetworkArn: string;
  /** a running ClusterMigration's split, percent per cluster */
  weightsOverride?: Readonly<Record<string, number>>;
  /**
   * After this long unreachable, a cluster's target groups leave the forward actions (they are
   * kept, never deleted, while the cluster is unreachable). Absent: they stay in forever.
   */
  unreachableGracePeriodMs?: number;
  now: Date;
}

export interface DesiredTargetGroup {
  name: string;
  cluster: string;
  /** the ClusterSetPort (by name) this group serves */
  portName: string;
  servicePort: number;
  type: 'IP';
  config: {
    /** default target port; every target is registered with its own port anyway */
    port: number;
    protocol: TargetGroupProtocol;
    protocolVersion?: ProtocolVersion;
    ipAddressType: 'IPV4' | 'IPV6';
    vpcIdentifier: string;
    healthCheck: HealthCheckConfig;
  };
  /**
   * Lattice cannot change type, port, protocol, protocol version, IP type or VPC of a target
   * group; when this key differs from the existing group's, it must be replaced.
   */
  immutableKey: string;
  tags: Record<string, string>;
  targets: Target[];
  /**
   * 'exact': make the registered targets equal `targets` (diffTargets). 'unchanged': the cluster
   * is unreachable, `targets` is only what was last observed; leave the registered targets alone.
   */
  targetSync: 'exact' | 'unchanged';
  /** false only for unreachable clusters past the grace period: kept, but not forwarded to */
  inForward: boolean;
}

export interface WeightedTargetGroup {
  targetGroupName: string;
  weight: number;
}

export interface DesiredListener {
  name: string;
  protocol: ListenerProtocol;
  port: number;
  portName: string;
  defaultAction: { forward: { targetGroups: WeightedTargetGroup[] } };
  tags: Record<string, string>;
}

export interface DesiredClusterState {
  cluster: string;
  outcome: ExportOutcome;
  reachable: boolean;
  /** the cluster's Lattice weight (0-999); absent when it has no target group in any forward */
  weight?: number;
  /** served port names with no target (Ready needs every served port to have one) */
  portsWithoutTargets: string[];
}

export type DegradedReason =
  | 'ClusterUnreachable'
  | 'AllServingClustersUnreachable'
  | 'ForwardLimitExceeded'
  | 'MigrationSplitUnusable'
  | 'AllWeightsZero';

export interface DesiredMultiClusterService {
  tenant: string;
  namespace: string;
  name: string;
  hubId: string;
  /** the account of the Lattice service and all its target groups (the winner's cluster account) */
  accountId: string;
  clusterSet: ClusterSetService;
  service: { name: string; tags: Record<string, string> };
  serviceNetworkAssociation: { serviceNetworkArn: string; tags: Record<string, string> };
  /** sorted by name */
  targetGroups: DesiredTargetGroup[];
  /** sorted by port */
  listeners: DesiredListener[];
  /** one entry per observed export, sorted by cluster */
  clusters: DesiredClusterState[];
  weightSource: 'annotations' | 'migration';
  /** set when some cluster is unreachable, forwards were cut to 10 groups, or weights fell back */
  degraded?: { reasons: DegradedReason[]; message: string };
}

/** The Service port of `e` that is the cluster-set port `p` (same name). */
function servicePortOf(e: ObservedExport, p: ClusterSetPort): ObservedServicePort | undefined {
  return e.service?.ports.find((sp) => (sp.name ?? '') === p.name);
}

/** Listener names allow [a-z0-9-] only; TLS_PASSTHROUGH becomes "tls". */
function listenerNameFor(protocol: ListenerProtocol, port: number): string {
  return listenerName(protocol === 'TLS_PASSTHROUGH' ? 'tls' : protocol, port);
}

function pastGrace(e: ObservedExport, now: Date, graceMs: number | undefined): boolean {
  if (e.clusterReachable || graceMs === undefined || e.unreachableSince === undefined) return false;
  const since = Date.parse(e.unreachableSince);
  return !Number.isNaN(since) && now.getTime() - since > graceMs;
}

export function planLatticeService(
  input: PlanLatticeServiceInput,
): DesiredMultiClusterService | undefined {
  const { tenant, namespace, name, hubId } = input;
  const exports = [...input.exports].sort(byExportPrecedence);
  const resolution = resolveExportConflicts(exports);
  const clusterSet = resolution.service;
  if (clusterSet === undefined) return undefined;

  const serving = exports.filter((e) => {
    const o = resolution.perExport.get(e.cluster);
    return o?.kind === 'included' && o.servedPorts.length > 0;
  });
  if (serving.length === 0) return undefined;

  const settings = new Map(
    serving.map((e) => {
      const parsed = parseExportSettings(e);
      return [e.cluster, parsed.ok ? parsed.settings : { healthCheck: {} }] as const;
    }),
  );
  const winnerExport = exports.find((e) => e.cluster === clusterSet.winner);
  const nameOverride = winnerExport
    ? settings.get(winnerExport.cluster)?.latticeServiceName
    : undefined;
  const serviceTags = ownershipTags({ hubId, tenant, namespace, service: name });
  const degraded: { reason: DegradedReason; message: string }[] = [];

  // Target groups: one per (serving cluster, served port).
  const targetGroups: DesiredTargetGroup[] = [];
  for (const e of serving) {
    const outcome = resolution.perExport.get(e.cluster);
    const served = outcome?.kind === 'included' ? outcome.servedPorts : [];
    const own = settings.get(e.cluster) ?? { healthCheck: {} };
    const ipFamily = e.service?.ipFamily ?? 'IPv4';
    for (const p of clusterSet.ports.filter((cp) => served.includes(cp.name))) {
      const sp = servicePortOf(e, p);
      const protocol = sp ? latticeProtocolOf(sp, own.protocolVersion) : undefined;
      if (sp === undefined || protocol === undefined || !protocol.ok) continue; // validated before
      const config = {
        port: typeof sp.targetPort === 'number' ? sp.targetPort : sp.port,
        protocol: protocol.protocol.targetGroup,
        ...(protocol.protocol.protocolVersion !== undefined
          ? { protocolVersion: protocol.protocol.protocolVersion }
          : {}),
        ipAddressType: ipFamily === 'IPv6' ? ('IPV6' as const) : ('IPV4' as const),
        vpcIdentifier: e.clusterVpcId,
        healthCheck: healthCheckFor(
          protocol.protocol.targetGroup,
          protocol.protocol.protocolVersion,
          own.healthCheck,
        ),
      };
      targetGroups.push({
        name: targetGroupName(e.cluster, namespace, name, p.port),
        cluster: e.cluster,
        portName: p.name,
        servicePort: p.port,
        type: 'IP',
        config,
        immutableKey: [
          'IP',
          config.port,
          config.protocol,
          config.protocolVersion ?? '-',
          config.ipAddressType,
          config.vpcIdentifier,
        ].join('/'),
        tags: ownershipTags({ hubId, tenant, namespace, service: name, cluster: e.cluster }),
        targets: selectTargets(e.endpoints, p, ipFamily),
        targetSync: e.clusterReachable ? 'exact' : 'unchanged',
        inForward: !pastGrace(e, input.now, input.unreachableGracePeriodMs),
      });
    }
  }

  // A port whose every serving cluster is past the grace period keeps them all: sending traffic
  // to targets that may still be alive beats a listener with nothing to forward to.
  for (const p of clusterSet.ports) {
    const groups = targetGroups.filter((tg) => tg.portName === p.name);
    if (groups.length > 0 && groups.every((tg) => !tg.inForward)) {
      for (const tg of groups) tg.inForward = true;
      degraded.push({
        reason: 'AllServingClustersUnreachable',
        message: `every cluster serving port ${p.port} is unreachable past the grace period; keeping them all in the forward`,
      });
    }
  }

  const weighted = clusterWeights({
    clusters: [...new Set(targetGroups.filter((tg) => tg.inForward).map((tg) => tg.cluster))],
    annotated: Object.fromEntries(serving.map((e) => [e.cluster, settings.get(e.cluster)?.weight])),
    ...(input.weightsOverride !== undefined ? { override: input.weightsOverride } : {}),
  });
  if (weighted.note !== undefined)
    degraded.push({ reason: 'MigrationSplitUnusable', message: weighted.note });

  const precedence = new Map(exports.map((e, i) => [e.cluster, i]));
  const listeners: DesiredListener[] = [];
  for (const p of [...clusterSet.ports].sort((a, b) => a.port - b.port)) {
    const groups = targetGroups
      .filter((tg) => tg.portName === p.name && tg.inForward)
      .sort((a, b) => (precedence.get(a.cluster) ?? 0) - (precedence.get(b.cluster) ?? 0));
    if (groups.length > LATTICE_MAX_FORWARD_TARGET_GROUPS) {
      const dropped = groups.slice(LATTICE_MAX_FORWARD_TARGET_GROUPS).map((tg) => tg.cluster);
      degraded.push({
        reason: 'ForwardLimitExceeded',
        message: `port ${p.port}: Lattice forwards to at most ${LATTICE_MAX_FORWARD_TARGET_GROUPS} target groups; the newest exports (${dropped.join(', ')}) get no traffic`,
      });
    }
    const forwarded = groups
      .slice(0, LATTICE_MAX_FORWARD_TARGET_GROUPS)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const winnerPort = winnerExport ? servicePortOf(winnerExport, p) : undefined;
    const first = forwarded[0];
    const protocol = latticeProtocolOf(
      winnerPort ?? {
        name: p.name,
        port: p.port,
        protocol: p.protocol,
        ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
      },
    );
    if (!protocol.ok || first === undefined) continue;
    listeners.push({
      name: listenerNameFor(protocol.protocol.listener, p.port),
      protocol: protocol.protocol.listener,
      port: p.port,
      portName: p.name,
      defaultAction: {
        forward: {
          targetGroups: forwarded.map((tg) => ({
            targetGroupName: tg.name,
            weight: weighted.weights[tg.cluster] ?? 0,
          })),
        },
      },
      tags: serviceTags,
    });
  }
  const forwardedWeights = listeners.flatMap((l) => l.defaultAction.forward.targetGroups);
  if (forwardedWeights.length > 0 && forwardedWeights.every((w) => w.weight === 0)) {
    degraded.push({
      reason: 'AllWeightsZero',
      message: 'every cluster is weighted 0, so the service receives no traffic',
    });
  }

  const unreachable = exports.filter(
    (e) => !e.clusterReachable && resolution.perExport.get(e.cluster)?.kind === 'included',
  );
  for (const e of unreachable) {
    const since = e.unreachableSince !== undefined ? ` since ${e.unreachableSince}` : '';
    degraded.push({
      reason: 'ClusterUnreachable',
      message: pastGrace(e, input.now, input.unreachableGracePeriodMs)
        ? `cluster ${e.cluster} is unreachable${since}, past the grace period: its target groups are kept but get no traffic`
        : `cluster ${e.cluster} is unreachable${since}: its target groups and targets are kept as last observed`,
    });
  }

  const clusters: DesiredClusterState[] = [...exports]
    .sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0))
    .map((e) => {
      const outcome = resolution.perExport.get(e.cluster) ?? {
        kind: 'invalid' as const,
        reason: 'NoService' as const,
        message: 'not resolved',
      };
      const groups = targetGroups.filter((tg) => tg.cluster === e.cluster);
      const inAnyForward = forwardedWeights.some((w) =>
        groups.some((tg) => tg.name === w.targetGroupName),
      );
      const weight = weighted.weights[e.cluster];
      return {
        cluster: e.cluster,
        outcome,
        reachable: e.clusterReachable,
        ...(inAnyForward && weight !== undefined ? { weight } : {}),
        portsWithoutTargets: groups
          .filter((tg) => tg.targets.length === 0)
          .map((tg) => tg.portName),
      };
    });

  targetGroups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    tenant,
    namespace,
    name,
    hubId,
    accountId: clusterSet.accountId,
    clusterSet,
    service: { name: nameOverride ?? latticeServiceName(namespace, name), tags: serviceTags },
    serviceNetworkAssociation: { serviceNetworkArn: input.serviceNetworkArn, tags: serviceTags },
    targetGroups,
    listeners,
    clusters,
    weightSource: weighted.source,
    ...(degraded.length > 0
      ? {
          degraded: {
            reasons: [...new Set(degraded.map((d) => d.reason))],
            message: degraded.map((d) => d.message).join('; '),
          },
        }
      : {}),
  };
}
