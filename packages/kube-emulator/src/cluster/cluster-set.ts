// The virtual clusters one emulator serves, addable and removable at runtime.
import type { ClusterStateOptions } from './cluster-state.ts';
import { VirtualCluster } from './virtual-cluster.ts';

export class ClusterNameError extends Error {
  constructor(name: string) {
    super(`invalid cluster name "${name}": must be a DNS-1123 label`);
    this.name = 'ClusterNameError';
  }
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export class ClusterSet {
  readonly #clusters = new Map<string, VirtualCluster>();
  readonly #stateOptions: (name: string) => ClusterStateOptions;

  constructor(stateOptions: (name: string) => ClusterStateOptions) {
    this.#stateOptions = stateOptions;
  }

  get(name: string): VirtualCluster | undefined {
    return this.#clusters.get(name);
  }

  names(): string[] {
    return [...this.#clusters.keys()];
  }

  get size(): number {
    return this.#clusters.size;
  }

  /** Add a cluster (idempotent); its state is created on first use. */
  add(name: string): VirtualCluster {
    if (!CLUSTER_NAME.test(name) || name.length > 63) throw new ClusterNameError(name);
    let cluster = this.#clusters.get(name);
    if (!cluster) {
      cluster = new VirtualCluster(name, this.#stateOptions(name));
      this.#clusters.set(name, cluster);
    }
    return cluster;
  }

  /** Remove a cluster: its watches are cut and its objects forgotten. */
  remove(name: string): boolean {
    const cluster = this.#clusters.get(name);
    if (!cluster) return false;
    cluster.dropWatches(true);
    this.#clusters.delete(name);
    return true;
  }
}
