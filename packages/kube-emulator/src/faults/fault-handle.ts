// The fault-injection handle of one cluster, used by tests and by the admin endpoint.
import type { VirtualCluster } from '../cluster/virtual-cluster.ts';
import type { FailureCode, FailureOptions, PartitionMode } from './cluster-faults.ts';

export interface FaultHandle {
  /** Fail the next `count` matching requests with 429 (Retry-After), 500 or 503. */
  failNext(count: number, code: FailureCode, opts?: FailureOptions): void;
  /** Delay every request of the cluster by `ms` (0 removes the delay). */
  setLatency(ms: number): void;
  /** End every open watch; `abrupt` cuts the connections instead of ending them cleanly. */
  dropWatches(opts?: { abrupt?: boolean }): number;
  /** Make the cluster unreachable: 'reset' destroys connections, 'hang' never answers. */
  partition(mode?: PartitionMode): void;
  heal(): void;
  /** Compact the watch history: watches and continue tokens from earlier versions get 410. */
  expireHistory(): void;
  /** Remove every injected fault. */
  reset(): void;
}

export function faultHandleFor(cluster: VirtualCluster): FaultHandle {
  return {
    failNext: (count, code, opts) => cluster.faults.failNext(count, code, opts),
    setLatency: (ms) => {
      cluster.faults.latencyMs = Math.max(0, ms);
    },
    dropWatches: (opts) => cluster.dropWatches(opts?.abrupt ?? false),
    partition: (mode = 'reset') => {
      cluster.faults.partition = mode;
      cluster.dropWatches(true);
    },
    heal: () => {
      cluster.faults.partition = undefined;
    },
    expireHistory: () => cluster.expireHistory(),
    reset: () => cluster.faults.reset(),
  };
}
