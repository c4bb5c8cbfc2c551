// A WatchedCollection plus "wait until the cache shows my write", so a client that creates a
// resource and reads it back through this replica sees it (read-your-writes), while every read
// is still served from the cache.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchedCollection } from '@trellis/kube';

export class CacheView<T extends KubernetesObject> {
  readonly collection: WatchedCollection<T>;
  private readonly waiters = new Set<() => void>();

  constructor(collection: WatchedCollection<T>) {
    this.collection = collection;
    collection.on(() => {
      // The handler may run before or after the cache stores the object; look on the next turn.
      setImmediate(() => {
        for (const waiter of [...this.waiters]) waiter();
      });
    });
  }

  get(name: string, namespace?: string): T | undefined {
    return this.collection.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.collection.list(namespace);
  }

  /**
   * Resolves true once `check` holds, false after `timeoutMs` (the write still happened).
   * Checked on every watch event, and on a slow poll for states no event announces (a watch
   * that broke, a relist that replaced the cache).
   */
  until(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
        resolve(result);
      };
      const waiter = () => {
        if (check()) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const poll = setInterval(waiter, 100);
      this.waiters.add(waiter);
    });
  }

  /** Wait until the cache holds `written` (its resourceVersion or a later one). */
  untilObserved(written: KubernetesObject): Promise<boolean> {
    const name = written.metadata?.name ?? '';
    const namespace = written.metadata?.namespace;
    const version = written.metadata?.resourceVersion;
    return this.until(() => {
      const cached = this.get(name, namespace)?.metadata?.resourceVersion;
      if (cached === undefined || version === undefined) return false;
      return cached === version || isLater(cached, version);
    });
  }

  /** Wait until the object is gone or marked for deletion. */
  untilDeleting(name: string, namespace?: string): Promise<boolean> {
    return this.until(() => {
      const cached = this.get(name, namespace);
      return cached === undefined || cached.metadata?.deletionTimestamp !== undefined;
    });
  }
}

/**
 * resourceVersions are opaque, but etcd's (and the emulator's) are increasing integers; when
 * both parse as integers a larger one means a later write already reached the cache.
 */
function isLater(cached: string, written: string): boolean {
  if (!/^\d+$/.test(cached) || !/^\d+$/.test(written)) return false;
  return BigInt(cached) > BigInt(written);
}
