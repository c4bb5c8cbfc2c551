// What AWS held, write by write: after every successful Lattice listener or rule write the
// emulator answers (its call log's onRecord fires after the state changed, before the answer is
// sent), read the forward weights of one service's listeners from the data-plane view and record
// them per cluster. The call log itself says which operations ran; this adds what they wrote.
import { targetGroupName } from '@trellis/core';
import type { World } from '@trellis/testbed';

const WEIGHT_WRITES = new Set(['CreateListener', 'UpdateListener', 'CreateRule', 'UpdateRule']);

export interface WeightWrite {
  /** Date.now() when the call was logged */
  at: number;
  operation: string;
  /** Lattice weight per cluster across the service's forward actions (absent: not forwarded to) */
  weights: Record<string, number>;
}

export interface ServiceCoordinates {
  namespace: string;
  name: string;
  port: number;
  /** the clusters whose target groups may be in the forward actions */
  clusters: string[];
}

export class WeightLog {
  readonly writes: WeightWrite[] = [];
  private readonly world: World;
  private readonly clusterOfGroupName: Map<string, string>;
  private unsubscribe: (() => void) | undefined;
  private dnsName: string | undefined;
  /** moves whenever the weights in force change (not on a rewrite of the same weights) */
  private version = 0;

  constructor(world: World, service: ServiceCoordinates) {
    this.world = world;
    this.clusterOfGroupName = new Map(
      service.clusters.map((c) => [
        targetGroupName(c, service.namespace, service.name, service.port),
        c,
      ]),
    );
  }

  /** Start recording; `dnsName` is the service's Lattice DNS name. */
  start(dnsName: string): void {
    this.dnsName = dnsName;
    this.unsubscribe ??= this.world.aws.calls.onRecord((record) => {
      if (record.service !== 'vpc-lattice' || record.status >= 300) return;
      if (record.operation === undefined || !WEIGHT_WRITES.has(record.operation)) return;
      const weights = this.current();
      if (weights === undefined) return;
      const previous = this.writes.at(-1)?.weights;
      if (previous === undefined || !sameWeights(previous, weights)) this.version += 1;
      this.writes.push({ at: Date.now(), operation: record.operation, weights });
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The weights in force now, per cluster (undefined: no such service). */
  current(): Record<string, number> | undefined {
    if (this.dnsName === undefined) return undefined;
    const view = this.world.aws.lattice.dataPlane;
    const service = view.findServiceByHost(this.dnsName);
    if (service === undefined) return undefined;
    const weights: Record<string, number> = {};
    for (const listener of view.listenersOf(service.id))
      for (const rule of listener.rules) {
        if (rule.action.type !== 'forward') continue;
        for (const group of rule.action.targetGroups) {
          const name = view.targetGroup(group.targetGroupId)?.name;
          const cluster = name === undefined ? undefined : this.clusterOfGroupName.get(name);
          if (cluster !== undefined) weights[cluster] = group.weight;
        }
      }
    return weights;
  }

  /** The share (percent) of `cluster` in the weights in force now. */
  percentNow(cluster: string): number | undefined {
    const weights = this.current();
    return weights === undefined ? undefined : percentOf(weights, cluster);
  }

  /** A number that changes whenever the weights in force change. */
  changeVersion(): number {
    return this.version;
  }

  /** Every recorded write since `since` (Date.now()), as `cluster`'s percent. */
  percents(cluster: string, since = 0): number[] {
    return this.writes.filter((w) => w.at >= since).map((w) => percentOf(w.weights, cluster));
  }
}

export function percentOf(weights: Record<string, number>, cluster: string): number {
  const total = Object.values(weights).reduce((s, w) => s + w, 0);
  return total === 0 ? 0 : Math.round(((weights[cluster] ?? 0) / total) * 1000) / 10;
}

function sameWeights(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** Consecutive repeats collapsed: [50, 10, 10, 50] → [50, 10, 50]. */
export function distinctRuns<T>(values: T[]): T[] {
  return values.filter((v, i) => i === 0 || values[i - 1] !== v);
}
