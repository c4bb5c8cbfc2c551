// The raw object store of one virtual cluster: objects by resource, namespace and name, a
// monotonically increasing resourceVersion, and change notification. Semantics (generation,
// finalizers, garbage collection) live above it, in store/lifecycle.ts.
//
// Stored objects are never mutated in place: writers hand over a fresh object, readers clone
// before changing anything. That lets lists and watches serialize stored objects directly.
import type { JsonObject } from '../json.ts';
import { EventHistory } from './history.ts';
import type { StoreEvent, StoreEventType } from './store-event.ts';
import { metadataOf } from './object-meta.ts';

export type StoreListener = (event: StoreEvent) => void;

export function objectKey(namespace: string, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  #rv = 0;
  readonly #buckets = new Map<string, Map<string, JsonObject>>();
  readonly #listeners = new Set<StoreListener>();
  readonly history: EventHistory;

  constructor(historySize: number) {
    this.history = new EventHistory(historySize);
  }

  get resourceVersion(): number {
    return this.#rv;
  }

  get(resourceKey: string, namespace: string, name: string): JsonObject | undefined {
    return this.#buckets.get(resourceKey)?.get(objectKey(namespace, name));
  }

  /** Objects of a resource sorted by key (namespace/name), as etcd returns them. */
  list(resourceKey: string, namespace?: string): JsonObject[] {
    const bucket = this.#buckets.get(resourceKey);
    if (!bucket) return [];
    const keys = [...bucket.keys()].sort();
    const out: JsonObject[] = [];
    const prefix = namespace ? `${namespace}/` : undefined;
    for (const key of keys) {
      if (prefix && !key.startsWith(prefix)) continue;
      const obj = bucket.get(key);
      if (obj) out.push(obj);
    }
    return out;
  }

  /** Sorted keys and objects, for paginated lists that resume after a key. */
  entries(resourceKey: string, namespace?: string): [string, JsonObject][] {
    const bucket = this.#buckets.get(resourceKey);
    if (!bucket) return [];
    const prefix = namespace ? `${namespace}/` : undefined;
    const out: [string, JsonObject][] = [];
    for (const [key, obj] of bucket) {
      if (prefix && !key.startsWith(prefix)) continue;
      out.push([key, obj]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out;
  }

  count(resourceKey: string): number {
    return this.#buckets.get(resourceKey)?.size ?? 0;
  }

  resourceKeys(): string[] {
    return [...this.#buckets.keys()];
  }

  /** Store a new object; the caller has checked it does not exist. Returns it with its resourceVersion. */
  create(resourceKey: string, obj: JsonObject): JsonObject {
    return this.#write('ADDED', resourceKey, obj, undefined);
  }

  update(resourceKey: string, obj: JsonObject): JsonObject {
    const meta = metadataOf(obj);
    const previous = this.get(resourceKey, meta.namespace ?? '', meta.name ?? '');
    return this.#write('MODIFIED', resourceKey, obj, previous);
  }

  /** Remove an object; returns its last state stamped with the deletion's resourceVersion. */
  delete(resourceKey: string, namespace: string, name: string): JsonObject | undefined {
    const bucket = this.#buckets.get(resourceKey);
    const key = objectKey(namespace, name);
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key);
    if (bucket.size === 0) this.#buckets.delete(resourceKey);
    const rv = ++this.#rv;
    const last = withResourceVersion(previous, rv);
    this.#emit({ type: 'DELETED', resourceKey, namespace, object: last, previous, rv });
    return last;
  }

  /**
   * Compact away all history (fault injection): every resourceVersion handed out so far becomes
   * too old for watches and continue tokens. The revision moves on by one so that a fresh list
   * returns a version that is watchable again.
   */
  compactAll(): void {
    this.#rv++;
    this.history.compact(this.#rv);
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #write(
    type: StoreEventType,
    resourceKey: string,
    obj: JsonObject,
    previous: JsonObject | undefined,
  ): JsonObject {
    const rv = ++this.#rv;
    const stored = withResourceVersion(obj, rv);
    const meta = metadataOf(stored);
    const namespace = meta.namespace ?? '';
    let bucket = this.#buckets.get(resourceKey);
    if (!bucket) {
      bucket = new Map();
      this.#buckets.set(resourceKey, bucket);
    }
    bucket.set(objectKey(namespace, meta.name ?? ''), stored);
    this.#emit({ type, resourceKey, namespace, object: stored, previous, rv });
    return stored;
  }

  #emit(event: StoreEvent): void {
    this.history.push(event);
    for (const listener of this.#listeners) listener(event);
  }
}

function withResourceVersion(obj: JsonObject, rv: number): JsonObject {
  const meta = { ...(obj.metadata as JsonObject), resourceVersion: String(rv) };
  return { ...obj, metadata: meta };
}
