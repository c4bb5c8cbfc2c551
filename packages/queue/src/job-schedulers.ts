import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { isDeepStrictEqual } from 'node:util';
import pino, { type Logger } from 'pino';

export interface JobSchedulersOptions {
  /** the queue name, e.g. `upgrade-schedule` */
  name: string;
  connection: ConnectionOptions;
  /** Redis key prefix: one per hub instance (default `trellis`) */
  prefix?: string;
  logger?: Logger;
  /** tries per tick when the handler throws (default 5, exponential from 1 s) */
  attempts?: number;
}

/** What one job scheduler should be: a cron pattern in a time zone, and the data of its jobs. */
export interface JobSchedulerSpec<D> {
  /** 5 fields, or 6 with seconds first (cron-parser, as BullMQ reads it) */
  pattern: string;
  /** IANA time zone of the pattern */
  tz: string;
  data: D;
}

export interface ScheduledTick<D> {
  schedulerId: string;
  data: D;
  /** the time the scheduler meant this job for (not when it was created or picked up) */
  tickAt: Date;
  jobId: string;
}

export type TickHandler<D> = (tick: ScheduledTick<D>) => Promise<void>;

/**
 * A set of BullMQ job schedulers on one queue, each kept equal to a desired spec, and one worker
 * for their jobs. Redis holds only derived state: the owner re-`ensure`s every scheduler from its
 * source of truth (e.g. custom resources) on every resync and `remove`s the ones it no longer
 * knows, so a flushed Redis is rebuilt by the next resync.
 */
export class JobSchedulers<D> {
  readonly name: string;
  // Untyped on purpose: BullMQ's name/data type extraction cannot resolve a generic D, so the
  // queue is `Queue` (any data) inside and D is enforced at this class's boundary.
  private readonly queue: Queue;
  private readonly options: JobSchedulersOptions;
  private readonly log: Logger;
  private worker: Worker<D> | undefined;

  constructor(options: JobSchedulersOptions) {
    this.name = options.name;
    this.options = options;
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ queue: options.name });
    this.queue = new Queue(options.name, {
      connection: options.connection,
      prefix: options.prefix ?? 'trellis',
    });
  }

  /**
   * Make scheduler `id` produce jobs on `spec`. Upserts only when it is missing or differs: an
   * upsert replaces the next pending job, so re-upserting an unchanged scheduler at the instant
   * its job is waiting could drop that tick. Returns what it did.
   */
  async ensure(
    id: string,
    spec: JobSchedulerSpec<D>,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const current = await this.queue.getJobScheduler(id);
    if (
      current !== undefined &&
      current.pattern === spec.pattern &&
      current.tz === spec.tz &&
      isDeepStrictEqual(current.template?.data, spec.data)
    ) {
      return 'unchanged';
    }
    await this.queue.upsertJobScheduler(
      id,
      { pattern: spec.pattern, tz: spec.tz },
      {
        name: 'tick',
        data: spec.data,
        opts: {
          attempts: this.options.attempts ?? 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: { count: 100 },
        },
      },
    );
    this.log.debug({ id, pattern: spec.pattern, tz: spec.tz }, 'job scheduler upserted');
    return current === undefined ? 'created' : 'updated';
  }

  /** Remove scheduler `id` and its pending job; false when there was none. */
  async remove(id: string): Promise<boolean> {
    return this.queue.removeJobScheduler(id);
  }

  async get(
    id: string,
  ): Promise<{ pattern?: string; tz?: string; next?: number; data?: D } | undefined> {
    const scheduler = await this.queue.getJobScheduler(id);
    if (scheduler === undefined) return undefined;
    return {
      ...(scheduler.pattern !== undefined ? { pattern: scheduler.pattern } : {}),
      ...(scheduler.tz !== undefined ? { tz: scheduler.tz } : {}),
      ...(scheduler.next !== undefined ? { next: scheduler.next } : {}),
      ...(scheduler.template?.data !== undefined ? { data: scheduler.template.data as D } : {}),
    };
  }

  /** The ids of every scheduler on the queue. */
  async ids(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers.map((s) => s.key);
  }

  /** Start the worker (call on the leader only). `concurrency` 1 keeps ticks serial. */
  start(handler: TickHandler<D>, concurrency = 1): void {
    if (this.worker !== undefined) throw new Error(`queue ${this.name} is already started`);
    this.worker = new Worker<D>(this.name, (job) => handler(tickOf(job)), {
      connection: this.options.connection,
      prefix: this.options.prefix ?? 'trellis',
      concurrency,
    });
    this.worker.on('error', (error) => this.log.error({ err: error }, 'queue worker error'));
    this.worker.on('failed', (job, error) =>
      this.log.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'tick failed'),
    );
  }

  /** Stop the worker (in-flight ticks finish, up to `graceMs`, then are handed back). */
  async stop(graceMs = 30_000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const result = await Promise.race([worker.close().then(() => 'closed' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') await worker.close(true);
  }

  async close(graceMs?: number): Promise<void> {
    await this.stop(graceMs);
    await this.queue.close();
  }
}

/**
 * A job scheduler's job is `repeat:<schedulerId>:<millis>` with `opts.prevMillis` = the millis it
 * was scheduled for; either gives the tick's intended time, independent of queueing delays.
 */
export function tickOf<D>(job: Job<D>): ScheduledTick<D> {
  const jobId = job.id ?? '';
  const fromId = /^repeat:(.+):(\d+)$/.exec(jobId);
  const millis =
    typeof job.opts.prevMillis === 'number'
      ? job.opts.prevMillis
      : fromId?.[2] !== undefined
        ? Number(fromId[2])
        : job.timestamp;
  return {
    schedulerId: job.repeatJobKey ?? fromId?.[1] ?? '',
    data: job.data,
    tickAt: new Date(millis),
    jobId,
  };
}
