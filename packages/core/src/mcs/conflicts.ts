// MCS conflict resolution (KEP-1645, "Constraints and Conflict Resolution") for all exports of
// one (namespace, name) across a tenant's clusters, plus the Trellis account constraint.
//
// - Precedence: the oldest ServiceExport (creationTimestamp) wins; equal timestamps fall back to
//   the cluster name, so every hub instance and every reconcile picks the same winner.
// - Service-wide properties (headless or not, session affinity) come from the winner. An export
//   that disagrees is excluded: its endpoints get no traffic, its Valid stays True and it gets
//   Conflict=True, so its owner sees why.
// - Ports are merged, not voted: the service exposes the union of the exports' ports, merged by
//   name, then by (protocol, port). A port that collides with an older export's (same name but a
//   different port/protocol/appProtocol, or same protocol/port under another name) is not served
//   by the newer cluster; every other port is. Traffic to a port goes only to clusters that
//   expose it. Whenever the exports' port sets differ, every export gets PortConflict, as the KEP
//   asks ("set on all ServiceExports for the conflicted service").
// - Target groups behind one Lattice service must live in the service's account, so exports from
//   another account than the winner's are invalid (Valid=False, AccountMismatch).
import { validateExport } from './export-validity.ts';
import type { InvalidReason } from './export-validity.ts';
import type {
  ClusterSetPort,
  ClusterSetType,
  ObservedExport,
  ObservedServicePort,
} from './types.ts';

export type ConflictReason = 'PortConflict' | 'TypeConflict' | 'SessionAffinityConflict';

export interface ConflictInfo {
  /** in a fixed order; the condition reason joins them with commas, as mcs-api allows */
  reasons: ConflictReason[];
  message: string;
}

export type ExportOutcome =
  /** Valid=False: contributes nothing */
  | { kind: 'invalid'; reason: InvalidReason; message: string }
  /** Valid=True, Conflict=True: a service-wide property differs from the winner's; no traffic */
  | { kind: 'excluded'; conflict: ConflictInfo }
  /** Valid=True; serves `servedPorts` (names of ClusterSetPorts); conflict set when ports differ */
  | { kind: 'included'; servedPorts: string[]; conflict?: ConflictInfo };

export interface ClusterSetService {
  /** the cluster whose export decided the service-wide properties */
  winner: string;
  /** the account all target groups (and the Lattice service) live in */
  accountId: string;
  type: ClusterSetType;
  sessionAffinity: 'None' | 'ClientIP';
  /** the union of the included exports' ports, the winner's first, in their Service order */
  ports: ClusterSetPort[];
}

export interface ConflictResolution {
  /** undefined when no valid export remains */
  service: ClusterSetService | undefined;
  perExport: Map<string, ExportOutcome>;
}

/** Oldest first; cluster name breaks ties. Unparseable timestamps sort as newest. */
export function byExportPrecedence(a: ObservedExport, b: ObservedExport): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  const na = Number.isNaN(ta) ? Number.POSITIVE_INFINITY : ta;
  const nb = Number.isNaN(tb) ? Number.POSITIVE_INFINITY : tb;
  if (na !== nb) return na < nb ? -1 : 1;
  return a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0;
}

function typeOf(e: ObservedExport): ClusterSetType {
  return e.service?.headless === true ? 'Headless' : 'ClusterSetIP';
}

function affinityOf(e: ObservedExport): 'None' | 'ClientIP' {
  return e.service?.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None';
}

function toClusterSetPort(p: ObservedServicePort): ClusterSetPort {
  return {
    name: p.name ?? '',
    port: p.port,
    protocol: p.protocol,
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
  };
}

export function describePort(p: ClusterSetPort): string {
  const app = p.appProtocol !== undefined ? ` appProtocol ${p.appProtocol}` : '';
  return `${p.name === '' ? '(unnamed)' : `"${p.name}"`} ${p.port}/${p.protocol}${app}`;
}

function samePort(a: ClusterSetPort, b: ClusterSetPort): boolean {
  return (
    a.name === b.name &&
    a.port === b.port &&
    a.protocol === b.protocol &&
    (a.appProtocol ?? '') === (b.appProtocol ?? '')
  );
}

interface MergedPort {
  port: ClusterSetPort;
  /** the cluster that first declared it: the oldest export exposing it */
  from: string;
}

/** Why `candidate` cannot join the merged ports, or undefined if it can (or already has). */
function portCollision(merged: MergedPort[], candidate: ClusterSetPort): string | undefined {
  const byName = merged.find((m) => m.port.name === candidate.name);
  if (byName !== undefined) {
    return samePort(byName.port, candidate)
      ? undefined
      : `port ${describePort(candidate)} differs from ${describePort(byName.port)} in cluster ${byName.from}, whose export is older`;
  }
  const byNumber = merged.find(
    (m) => m.port.port === candidate.port && m.port.protocol === candidate.protocol,
  );
  if (byNumber !== undefined) {
    return `port ${describePort(candidate)} reuses ${candidate.port}/${candidate.protocol}, which cluster ${byNumber.from} (older export) names ${describePort(byNumber.port)}`;
  }
  const unnamed = merged.find((m) => m.port.name === '');
  if (unnamed !== undefined || (candidate.name === '' && merged.length > 0)) {
    return `port ${describePort(candidate)} cannot join the other clusters' ports: an unnamed port is only allowed when the service has a single port; name the ports`;
  }
  return undefined;
}

/**
 * Resolve the exports of one (namespace, name). The result depends only on the set of exports,
 * never on their order in the input.
 */
export function resolveExportConflicts(exports: readonly ObservedExport[]): ConflictResolution {
  const ordered = [...exports].sort(byExportPrecedence);
  const perExport = new Map<string, ExportOutcome>();

  const valid: ObservedExport[] = [];
  for (const e of ordered) {
    const validity = validateExport(e);
    if (validity.valid) valid.push(e);
    else
      perExport.set(e.cluster, {
        kind: 'invalid',
        reason: validity.reason,
        message: validity.message,
      });
  }
  const winner = valid[0];
  if (winner === undefined) return { service: undefined, perExport };

  const sameAccount: ObservedExport[] = [];
  for (const e of valid) {
    if (e.clusterAccountId === winner.clusterAccountId) {
      sameAccount.push(e);
      continue;
    }
    perExport.set(e.cluster, {
      kind: 'invalid',
      reason: 'AccountMismatch',
      message:
        `cluster ${e.cluster} is in AWS account ${e.clusterAccountId}, but this service's target groups live in ` +
        `account ${winner.clusterAccountId} (cluster ${winner.cluster}, the oldest export); a Lattice service ` +
        `can only forward to target groups in its own account, so clusters exporting the same service must share one account`,
    });
  }

  const type = typeOf(winner);
  const sessionAffinity = affinityOf(winner);
  const participants: ObservedExport[] = [];
  for (const e of sameAccount) {
    const reasons: ConflictReason[] = [];
    const why: string[] = [];
    if (typeOf(e) !== type) {
      reasons.push('TypeConflict');
      why.push(`the Service is ${typeOf(e)} here but ${type} in cluster ${winner.cluster}`);
    }
    if (affinityOf(e) !== sessionAffinity) {
      reasons.push('SessionAffinityConflict');
      why.push(
        `session affinity is ${affinityOf(e)} here but ${sessionAffinity} in cluster ${winner.cluster}`,
      );
    }
    if (reasons.length === 0) {
      participants.push(e);
      continue;
    }
    perExport.set(e.cluster, {
      kind: 'excluded',
      conflict: {
        reasons,
        message: sentences([
          `${why.join('; ')}, whose export is the oldest and so decides; this cluster's endpoints ` +
            `get no traffic until its Service matches (or the older export is removed)`,
        ]),
      },
    });
  }

  const merged: MergedPort[] = [];
  const served = new Map<string, string[]>();
  const collisions = new Map<string, string[]>();
  for (const e of participants) {
    const names: string[] = [];
    const problems: string[] = [];
    for (const p of (e.service?.ports ?? []).map(toClusterSetPort)) {
      const collision = portCollision(merged, p);
      if (collision !== undefined) {
        problems.push(collision);
        continue;
      }
      if (!merged.some((m) => samePort(m.port, p))) merged.push({ port: p, from: e.cluster });
      names.push(p.name);
    }
    served.set(e.cluster, names);
    collisions.set(e.cluster, problems);
  }
  const ports = merged.map((m) => m.port);

  const missing = (cluster: string) =>
    ports.filter((p) => !(served.get(cluster) ?? []).includes(p.name)).map(describePort);
  const disagreeing = participants.filter((e) => missing(e.cluster).length > 0);
  const excludedClusters = [...perExport.entries()]
    .filter(([, o]) => o.kind === 'excluded')
    .map(([c]) => c);

  for (const e of participants) {
    const servedPorts = served.get(e.cluster) ?? [];
    const own = collisions.get(e.cluster) ?? [];
    const notes: string[] = [...own.map((c) => `${c}; this cluster gets no traffic on it`)];
    if (disagreeing.length > 0) {
      const gaps = disagreeing
        .filter((d) => d.cluster !== e.cluster || own.length === 0)
        .map((d) => `cluster ${d.cluster} lacks ${missing(d.cluster).join(', ')}`);
      notes.push(
        `the clusters' ports differ, so the service exposes their union (${ports.map(describePort).join(', ')}) ` +
          `and sends each port only to clusters exposing it${gaps.length > 0 ? ` (${gaps.join('; ')})` : ''}`,
      );
    }
    if (excludedClusters.length > 0 && e.cluster === winner.cluster) {
      notes.push(
        `cluster(s) ${excludedClusters.join(', ')} disagree on service-wide settings and are excluded; this export is the oldest, so its settings are used`,
      );
    }
    const reasons: ConflictReason[] = [];
    if (own.length > 0 || disagreeing.length > 0) reasons.push('PortConflict');
    if (excludedClusters.length > 0 && e.cluster === winner.cluster) {
      for (const c of excludedClusters) {
        const outcome = perExport.get(c);
        if (outcome?.kind !== 'excluded') continue;
        for (const r of outcome.conflict.reasons) if (!reasons.includes(r)) reasons.push(r);
      }
    }
    perExport.set(
      e.cluster,
      reasons.length === 0
        ? { kind: 'included', servedPorts }
        : {
            kind: 'included',
            servedPorts,
            conflict: { reasons: sortReasons(reasons), message: sentences(notes) },
          },
    );
  }

  return {
    service: {
      winner: winner.cluster,
      accountId: winner.clusterAccountId,
      type,
      sessionAffinity,
      ports,
    },
    perExport,
  };
}

const REASON_ORDER: ConflictReason[] = ['PortConflict', 'TypeConflict', 'SessionAffinityConflict'];

/** Notes as sentences: capitalised, joined, ending with a full stop. */
function sentences(notes: string[]): string {
  return notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}.`).join(' ');
}

function sortReasons(reasons: ConflictReason[]): ConflictReason[] {
  return REASON_ORDER.filter((r) => reasons.includes(r));
}
