import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { DependencyError, isKnownError, RequeueAfter } from '@trellis/core';
import { Gauge, type Registry } from 'prom-client';
import pino, { type Logger } from 'pino';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { reconcileMetrics, type ReconcileMetrics } from './reconcile-metrics.ts';

export interface ReconcileContext {
  /** the object's key, e.g. `tenant-acme/blue` or `acme` */
  key: string;
  /** why this reconcile was queued (event, resync, requeue, retry) — for logs only */
  reason: string;
  /** retries so far for this key since its last success or event (0 on first try) */
  attempt: number;
  log: Logger;
}

/** A reconcile either converges (void) or asks to come back later. Errors mean "retry with backoff". */
export type ReconcileOutcome = void | { requeueAfterMs: number };
export type ReconcileFn = (context: ReconcileContext) => Promise<ReconcileOutcome>;

export interface ReconcileQueueOptions {
  /** the controller's name, e.g. `tenant`; also the queue name */
  name: string;
  connection: ConnectionOptions;
  /** Redis key prefix: one per hub instance (default `trellis`) */
  prefix?: string;
  backoff?: BackoffPolicy;
  concurrency?: number;
  logger?: Logger;
  registry?: Registry;
}

interface ReconcileJobData {
  key: string;
  reason: string;
}

/** Retries never run out: a controller keeps trying, with backoff capped at `capMs`. */
const UNLIMITED_ATTEMPTS = 1_000_000_000;

/**
 * A work queue with controller-runtime's guarantees, on BullMQ: at most one pending and one
 * running reconcile per key (deduplication with keepLastIfActive), an event replaces a delayed
 * retry or requeue so changes are never held back by a backoff, and failures retry with
 * exponential backoff and jitter. Redis holds only the queue: losing it loses nothing, the next
 * resync re-enqueues every object.
 */
export class ReconcileQueue {
  readonly name: string;
  private readonly queue: Queue<ReconcileJobData>;
  private readonly options: ReconcileQueueOptions;
  private readonly log: Logger;
  private readonly metrics: ReconcileMetrics | undefined;
  private worker: Worker<ReconcileJobData> | undefined;

  constructor(options: ReconcileQueueOptions) {
    this.name = options.name;
    this.options = options;
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ controller: options.name });
    this.queue = new Queue<ReconcileJobData>(options.name, {
      connection: options.connection,
      prefix: options.prefix ?? 'trellis',
    });
    this.metrics = options.registry ? reconcileMetrics(options.registry) : undefined;
    if (options.registry) this.registerDepthGauge(options.registry);
  }

  /** Queue a reconcile of `key` (idempotent while one is pending). */
  async enqueue(key: string, reason = 'event'): Promise<void> {
    await this.queue.add(
      'reconcile',
      { key, reason },
      {
        deduplication: { id: key, keepLastIfActive: true, replace: true },
        attempts: UNLIMITED_ATTEMPTS,
        backoff: { type: 'reconcile' },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  async enqueueAll(keys: Iterable<string>, reason: string): Promise<void> {
    for (const key of keys) await this.enqueue(key, reason);
  }

  /**
   * Hand back the jobs a dead worker left `active` (a leader killed with SIGKILL, a lost node):
   * move them to `wait` so this replica's worker runs them at once. Without this, BullMQ's
   * stalled-job check frees them only after their lock expires and two check intervals pass
   * (a minute or more by default), and deduplication holds every new event for those keys
   * behind them. Call it on the new leader before `start()`: leader election means no other
   * replica's worker is running. (A deposed leader still finishing a reconcile may then run
   * alongside ours once; its completion is refused, since it no longer holds the job's lock.)
   * Returns the keys handed back.
   */
  async releaseOrphans(): Promise<string[]> {
    if (this.worker !== undefined) throw new Error(`queue ${this.name} is running`);
    const released: string[] = [];
    for (const job of await this.queue.getJobs(['active'])) {
      // token "0": move without checking the lock, which belongs to the dead worker
      await job.moveToWait('0');
      released.push(job.data.key);
    }
    if (released.length > 0)
      this.log.info({ keys: released }, 'released reconciles a dead worker left active');
    return released;
  }

  /** Start processing (call on the leader only). */
  start(reconcile: ReconcileFn): void {
    if (this.worker !== undefined) throw new Error(`queue ${this.name} is already started`);
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    this.worker = new Worker<ReconcileJobData>(
      this.name,
      (job, token) => this.process(job, token, reconcile),
      {
        connection: this.options.connection,
        prefix: this.options.prefix ?? 'trellis',
        concurrency: this.options.concurrency ?? 4,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) => {
            const delay = backoffDelay(attemptsMade, backoff);
            const retryAfterMs =
              error instanceof DependencyError && error.retryAfterSeconds !== undefined
                ? error.retryAfterSeconds * 1000
                : 0;
            return Math.max(delay, retryAfterMs);
          },
        },
      },
    );
    this.worker.on('error', (error) => this.log.error({ err: error }, 'queue worker error'));
  }

  private async process(
    job: Job<ReconcileJobData>,
    token: string | undefined,
    reconcile: ReconcileFn,
  ): Promise<void> {
    const { key, reason } = job.data;
    const log = this.log.child({ key });
    const attempt = job.attemptsMade;
    log.debug({ reason: attempt > 0 ? 'retry' : reason, attempt }, 'reconciling');
    const stopTimer = this.metrics?.duration.startTimer({ controller: this.name });
    let result = 'success';
    let requeueAfterMs = 0;
    try {
      const outcome = await reconcile({
        key,
        reason: attempt > 0 ? 'retry' : reason,
        attempt,
        log,
      });
      requeueAfterMs = outcome?.requeueAfterMs ?? 0;
    } catch (error) {
      if (error instanceof RequeueAfter) {
        requeueAfterMs = error.delayMs;
      } else if (isKnownError(error) && error.kind === 'validation') {
        // Repeating cannot help; the reconciler has recorded it in status. Wait for an edit.
        result = 'invalid';
        log.info({ err: error }, 'reconcile rejected invalid input; not retrying');
      } else {
        result = 'error';
        log.warn({ err: error, attempt }, 'reconcile failed; will retry with backoff');
        throw error;
      }
    } finally {
      if (requeueAfterMs > 0) result = 'requeue';
      stopTimer?.();
      this.metrics?.reconciles.inc({ controller: this.name, result });
    }
    if (requeueAfterMs > 0) await this.delay(job, token, requeueAfterMs);
  }

  /** Move the job back to delayed without counting a failure (BullMQ's DelayedError contract). */
  private async delay(
    job: Job<ReconcileJobData>,
    token: string | undefined,
    ms: number,
  ): Promise<never> {
    await job.updateData({ key: job.data.key, reason: 'requeue' });
    await job.moveToDelayed(Date.now() + ms, token);
    throw new DelayedError();
  }

  /** Jobs per state, for metrics and the API. */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  }

  /**
   * Stop processing: wait up to `graceMs` for in-flight reconciles to finish; after that, force
   * the worker closed so its jobs become stalled and another replica picks them up.
   */
  async stop(graceMs = 30_000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const result = await Promise.race([worker.close().then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') {
        this.log.warn({ graceMs }, 'in-flight reconciles did not finish; handing them back');
        await worker.close(true);
      }
    }
  }

  /** Stop processing and release the queue's Redis connection. */
  async close(graceMs?: number): Promise<void> {
    await this.stop(graceMs);
    await this.queue.close();
  }

  private registerDepthGauge(registry: Registry): void {
    const name = 'trellis_queue_depth';
    const existing = registry.getSingleMetric(name) as Gauge<'queue' | 'state'> | undefined;
    const queues = existing ? depthSources.get(existing) : undefined;
    if (existing && queues) {
      queues.add(this);
      return;
    }
    const sources = new Set<ReconcileQueue>([this]);
    const gauge = new Gauge<'queue' | 'state'>({
      name,
      help: 'Jobs per reconcile queue and state.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const queue of sources) {
          const counts = await queue.counts().catch(() => undefined);
          for (const [state, count] of Object.entries(counts ?? {})) {
            this.set({ queue: queue.name, state }, count);
          }
        }
      },
    });
    depthSources.set(gauge, sources);
  }
}

const depthSources = new WeakMap<Gauge<'queue' | 'state'>, Set<ReconcileQueue>>();
