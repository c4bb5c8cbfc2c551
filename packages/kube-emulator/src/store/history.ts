// A bounded window of recent changes of one cluster, so a watch started from a recent
// resourceVersion replays what it missed. Older versions are "compacted" as etcd would.
import type { StoreEvent } from './store-event.ts';

export class EventHistory {
  readonly #capacity: number;
  // ring buffer, allocated lazily: most of 1,000 clusters see few writes
  #buffer: StoreEvent[] = [];
  #start = 0;
  /** the highest resourceVersion whose change is no longer replayable */
  #compactedRv = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  get compactedRevision(): number {
    return this.#compactedRv;
  }

  push(event: StoreEvent): void {
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(event);
      return;
    }
    const evicted = this.#buffer[this.#start];
    if (evicted) this.#compactedRv = evicted.rv;
    this.#buffer[this.#start] = event;
    this.#start = (this.#start + 1) % this.#capacity;
  }

  /** Events strictly after `rv`, oldest first; undefined when `rv` is older than the window. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.#compactedRv) return undefined;
    const out: StoreEvent[] = [];
    const n = this.#buffer.length;
    for (let i = 0; i < n; i++) {
      const e = this.#buffer[(this.#start + i) % n];
      if (e && e.rv > rv) out.push(e);
    }
    return out;
  }

  /** Forget everything up to `currentRv`, as an etcd compaction would (used by fault injection). */
  compact(currentRv: number): void {
    this.#buffer = [];
    this.#start = 0;
    this.#compactedRv = currentRv;
  }
}
