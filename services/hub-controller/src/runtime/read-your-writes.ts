// Read-your-writes over an informer cache. A controller that writes an object and acts on the
// write at once (the migration executor persists an intent, then reconciles the services that
// read it) cannot wait for the informer to deliver it, and LISTing from the API server on every
// read costs O(objects) per read. This remembers the writer's own latest version of each object
// until the informer catches up.
//
// Sound only while the writer is the single writer of what the readers use (one leader writes
// ClusterMigration status): then a remembered version is never older than the cached one, even
// when the informer coalesces versions after a relist and never delivers the remembered one.
// Forget everything when that stops being true (leadership lost).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchEventType } from '@trellis/kube';

export class ReadYourWrites<T extends KubernetesObject> {
  private readonly written = new Map<string, T>();

  /** The writer wrote `object` (as the API server returned it). */
  wrote(object: T): void {
    const uid = object.metadata?.uid;
    if (uid !== undefined && object.metadata?.resourceVersion !== undefined)
      this.written.set(uid, object);
  }

  /** The informer delivered `object`: a remembered write it has now seen, or one of an object gone, is dropped. */
  observed(type: WatchEventType, object: T): void {
    const uid = object.metadata?.uid ?? '';
    const mine = this.written.get(uid);
    if (mine === undefined) return;
    if (type === 'delete' || mine.metadata?.resourceVersion === object.metadata?.resourceVersion)
      this.written.delete(uid);
  }

  /**
   * `cached` with the remembered writes laid over it, by uid. Only objects the cache holds are
   * read: one it does not hold is not there yet or gone, and a deletion the cache has seen
   * (deletionTimestamp) wins over a write from before it.
   */
  overlay(cached: readonly T[]): T[] {
    return cached.map((object) => {
      const mine = this.written.get(object.metadata?.uid ?? '');
      return mine !== undefined && object.metadata?.deletionTimestamp === undefined ? mine : object;
    });
  }

  /** Forget every write (another writer may write from now on). */
  clear(): void {
    this.written.clear();
  }

  get size(): number {
    return this.written.size;
  }
}
