// The hub's BullMQ queues as the board sees them: a fixed list when configured, else every queue
// that has a `<prefix>:<name>:meta` key in Redis (BullMQ writes it when a Queue or Worker first
// connects), so queues that controllers add later appear without a hub-api change.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Matches the controllers' prefix (services/hub-controller/src/controller-manager.ts). */
export function queuePrefix(hubId: string): string {
  return `trellis:${hubId}`;
}

export class HubQueues {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly fixed: readonly string[] | undefined;
  private readonly queues = new Map<string, Queue>();
  private readonly onError: (error: Error) => void;

  constructor(
    redis: Redis,
    hubId: string,
    fixed: readonly string[] | undefined,
    onError: (error: Error) => void,
  ) {
    this.redis = redis;
    this.onError = onError;
    this.prefix = queuePrefix(hubId);
    this.fixed = fixed !== undefined && fixed.length > 0 ? [...fixed] : undefined;
  }

  /** The queues now, creating a Queue handle for each new name (sorted by name). */
  async current(): Promise<Queue[]> {
    const names = this.fixed ?? (await this.discover());
    for (const name of names) {
      if (!this.queues.has(name)) {
        // skipMetasUpdate: the board only reads; it never creates a queue's meta key itself.
        const queue = new Queue(name, {
          connection: this.redis,
          prefix: this.prefix,
          skipMetasUpdate: true,
        });
        queue.on('error', (error) => this.onError(error));
        this.queues.set(name, queue);
      }
    }
    return [...names].sort().map((name) => this.queues.get(name) as Queue);
  }

  /** Queue names from `<prefix>:*:meta` keys, found with SCAN (never KEYS). */
  async discover(): Promise<string[]> {
    const head = `${this.prefix}:`;
    const names = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${head}*:meta`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const name = key.slice(head.length, -':meta'.length);
        // BullMQ queue names cannot contain ':'; anything else is a job's key, not a queue's.
        if (name !== '' && !name.includes(':')) names.add(name);
      }
    } while (cursor !== '0');
    return [...names];
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
