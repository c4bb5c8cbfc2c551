// One virtual cluster as the server sees it: a name, lazily materialized state, its open
// watches, injected faults and EKS access entries.
import type { AccessEntry } from '../auth/index.ts';
import { ClusterFaults } from '../faults/cluster-faults.ts';
import type { WatchSession } from '../watch/watch-session.ts';
import { ClusterState } from './cluster-state.ts';
import type { ClusterStateOptions } from './cluster-state.ts';
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

function crdResourceKey(crd: JsonObject): string {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  return `${typeof spec.group === 'string' ? spec.group : ''}/${typeof names.plural === 'string' ? names.plural : ''}`;
}

export class VirtualCluster {
  readonly name: string;
  readonly faults = new ClusterFaults();
  readonly watches = new Set<WatchSession>();
  accessEntries: AccessEntry[] = [];
  #state: ClusterState | undefined;
  readonly #stateOptions: ClusterStateOptions;

  constructor(name: string, stateOptions: ClusterStateOptions) {
    this.name = name;
    this.#stateOptions = stateOptions;
  }

  /** The cluster's objects; created (and seeded) on first use. */
  get state(): ClusterState {
    if (!this.#state) {
      this.#state = new ClusterState(this.name, this.#stateOptions);
      this.#state.store.subscribe((event) => {
        // the real server ends watches on a resource whose CRD goes away
        if (event.type !== 'DELETED' || event.resourceKey !== CRD_KEY) return;
        const gone = crdResourceKey(event.object);
        // after the CRD's objects are deleted (same tick), so watchers see their DELETED events
        queueMicrotask(() => {
          for (const session of [...this.watches]) if (session.resourceKey === gone) session.end();
        });
      });
    }
    return this.#state;
  }

  get materialized(): boolean {
    return this.#state !== undefined;
  }

  /** End every open watch: cleanly (like a server-side timeout) or by cutting the connection. */
  dropWatches(abrupt = false): number {
    const sessions = [...this.watches];
    for (const s of sessions) {
      if (abrupt) s.destroy();
      else s.end();
    }
    return sessions.length;
  }

  /** Forget the watch history, so watches from any earlier resourceVersion get 410 Gone. */
  expireHistory(): void {
    this.state.store.compactAll();
  }
}
