// Which endpoints become Lattice IP targets, and the register/deregister calls that move a target
// group from what it has to what it should have.
import type { ClusterSetPort, ObservedEndpoint } from './types.ts';

export interface Target {
  /** an IP address (target groups of type IP) */
  id: string;
  port: number;
}

/** Lattice's RegisterTargets and DeregisterTargets accept 1-100 targets per call. */
export const LATTICE_TARGETS_PER_CALL = 100;

function endpointIsIpv6(ip: string): boolean {
  return ip.includes(':');
}

function byTarget(a: Target, b: Target): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.port - b.port;
}

function targetKey(t: Target): string {
  return `${t.id}|${t.port}`;
}

/**
 * The targets of one cluster for one exported port: endpoints of that Service port that are ready
 * and not terminating. Terminating endpoints are left out, so they are deregistered and Lattice
 * drains them (in-flight requests finish, no new ones arrive) while the pod still serves. Only
 * when a cluster has no ready endpoint at all for the port are its serving terminating endpoints
 * used, the rule kube-proxy follows (KEP-1669), so a cluster being scaled down or fully rolled
 * does not turn its share of the traffic into errors. Sorted and de-duplicated.
 */
export function selectTargets(
  endpoints: readonly ObservedEndpoint[],
  port: ClusterSetPort,
  ipFamily: 'IPv4' | 'IPv6' = 'IPv4',
): Target[] {
  const mine = endpoints.filter(
    (e) => (e.portName ?? '') === port.name && endpointIsIpv6(e.ip) === (ipFamily === 'IPv6'),
  );
  const ready = mine.filter((e) => e.ready && e.terminating !== true);
  const chosen =
    ready.length > 0 ? ready : mine.filter((e) => e.terminating === true && (e.serving ?? e.ready));
  const unique = new Map<string, Target>();
  for (const e of chosen) {
    const t = { id: e.ip, port: e.port };
    unique.set(targetKey(t), t);
  }
  return [...unique.values()].sort(byTarget);
}

/** Split into Lattice-sized calls (at most 100 targets each). */
export function targetBatches<T>(items: readonly T[], size = LATTICE_TARGETS_PER_CALL): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface TargetDiff {
  register: Target[];
  deregister: Target[];
  /** `register` in calls of at most 100; apply these before the deregistrations */
  registerBatches: Target[][];
  deregisterBatches: Target[][];
}

/**
 * What to register and deregister so `current` becomes `desired`. A rolling update that replaces
 * 100 pods is one RegisterTargets and one DeregisterTargets call, not 200 calls. Registering first
 * keeps capacity from dipping while old pods drain.
 */
export function diffTargets(current: readonly Target[], desired: readonly Target[]): TargetDiff {
  const have = new Set(current.map(targetKey));
  const want = new Set(desired.map(targetKey));
  const dedupe = (list: readonly Target[]) => [
    ...new Map(list.map((t) => [targetKey(t), { id: t.id, port: t.port }])).values(),
  ];
  const register = dedupe(desired.filter((t) => !have.has(targetKey(t)))).sort(byTarget);
  const deregister = dedupe(current.filter((t) => !want.has(targetKey(t)))).sort(byTarget);
  return {
    register,
    deregister,
    registerBatches: targetBatches(register),
    deregisterBatches: targetBatches(deregister),
  };
}
