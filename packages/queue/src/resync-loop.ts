import pino, { type Logger } from 'pino';

export interface ResyncLoopOptions {
  /** how often to re-enqueue every object */
  intervalMs: number;
  /** the keys of every object to reconcile (from an informer cache, not from Redis) */
  listKeys: () => Promise<Iterable<string>> | Iterable<string>;
  enqueue: (key: string, reason: string) => Promise<void>;
  logger?: Logger;
}

/**
 * Level-triggered safety net: every interval (and once at start) every object is queued again,
 * so drift is repaired and a flushed Redis refills itself. Started and stopped by its owner;
 * nothing runs from the constructor.
 */
export class ResyncLoop {
  private readonly options: ResyncLoopOptions;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(options: ResyncLoopOptions) {
    this.options = options;
    this.log = options.logger ?? pino({ level: 'silent' });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  /** Run one full resync now (also used after a Redis reconnect). */
  async resyncNow(reason = 'resync'): Promise<number> {
    let count = 0;
    for (const key of await this.options.listKeys()) {
      await this.options.enqueue(key, reason);
      count += 1;
    }
    return count;
  }

  private tick(): void {
    this.running = this.resyncNow()
      .then((count) => this.log.debug({ count }, 'resync queued objects'))
      .catch((error: unknown) =>
        this.log.warn({ err: error }, 'resync failed; retrying next interval'),
      )
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.options.intervalMs);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
