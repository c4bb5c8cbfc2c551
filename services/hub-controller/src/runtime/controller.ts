import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectKey, WatchedCollection } from '@trellis/kube';
import {
  ReconcileQueue,
  ResyncLoop,
  type ReconcileContext,
  type ReconcileOutcome,
  type ReconcileQueueOptions,
} from '@trellis/queue';
import type { Logger } from 'pino';
import { keyOf, parseKey } from './object-key.ts';

export interface ControllerOptions<T extends KubernetesObject> {
  name: string;
  collection: WatchedCollection<T>;
  queue: Omit<ReconcileQueueOptions, 'name' | 'logger'>;
  reconcile: (key: ObjectKey, context: ReconcileContext) => Promise<ReconcileOutcome>;
  resyncIntervalMs: number;
  logger: Logger;
}

/**
 * One controller: watch events and a periodic resync put object keys on the queue; the queue
 * runs the reconciler, one key at a time per object. Events only decide when to reconcile —
 * the reconciler reads current state every time (level-triggered).
 */
export class Controller<T extends KubernetesObject> {
  readonly name: string;
  private readonly options: ControllerOptions<T>;
  private readonly queue: ReconcileQueue;
  private readonly resync: ResyncLoop;
  private started = false;

  constructor(options: ControllerOptions<T>) {
    this.name = options.name;
    this.options = options;
    this.queue = new ReconcileQueue({
      ...options.queue,
      name: options.name,
      logger: options.logger,
    });
    this.resync = new ResyncLoop({
      intervalMs: options.resyncIntervalMs,
      listKeys: () => options.collection.list().map(keyOf),
      enqueue: (key, reason) => this.queue.enqueue(key, reason),
      logger: options.logger,
    });
    options.collection.on((type, object) => {
      if (!this.started) return;
      this.enqueue(keyOf(object), `watch-${type}`);
    });
  }

  /** Queue a reconcile (also used by other controllers whose objects affect this one). */
  enqueue(key: string, reason: string): void {
    this.queue
      .enqueue(key, reason)
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, key }, 'could not enqueue'),
      );
  }

  async start(): Promise<void> {
    await this.options.collection.synced();
    this.started = true;
    await this.queue.releaseOrphans(); // left active by a leader that died
    this.queue.start((context) => this.options.reconcile(parseKey(context.key), context));
    this.resync.start();
  }

  async stop(graceMs?: number): Promise<void> {
    this.started = false;
    await this.resync.stop();
    await this.queue.close(graceMs);
  }

  counts(): Promise<Record<string, number>> {
    return this.queue.counts();
  }
}
