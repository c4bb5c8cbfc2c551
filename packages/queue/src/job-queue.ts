import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import pino, { type Logger } from 'pino';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';

export interface JobQueueOptions {
  /** the queue name, e.g. `clustermigration-steps` */
  name: string;
  connection: ConnectionOptions;
  /** Redis key prefix: one per hub instance (default `trellis`) */
  prefix?: string;
  backoff?: BackoffPolicy;
  concurrency?: number;
  /** completed jobs are kept this long, so adding the same id again stays a no-op (default 1 h) */
  keepCompletedSeconds?: number;
  logger?: Logger;
}

export interface JobContext<T> {
  id: string;
  data: T;
  /** failed runs of this job so far */
  attempt: number;
  log: Logger;
}

const UNLIMITED_ATTEMPTS = 1_000_000_000;

/**
 * Jobs with caller-chosen ids, optionally delayed: BullMQ drops an add whose id already exists
 * (waiting, delayed, active or kept completed), so a deterministic id makes "enqueue again after
 * a crash" a no-op. A failed job is retried with the backoff, forever. Unlike ReconcileQueue
 * there is no per-key deduplication: the id is the identity.
 */
export class JobQueue<T extends object> {
  readonly name: string;
  private readonly options: JobQueueOptions;
  private readonly queue: Queue<T>;
  private readonly log: Logger;
  private worker: Worker<T> | undefined;

  constructor(options: JobQueueOptions) {
    this.name = options.name;
    this.options = options;
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ queue: options.name });
    this.queue = new Queue<T>(options.name, {
      connection: options.connection,
      prefix: options.prefix ?? 'trellis',
    });
  }

  /** Add job `id` to run after `delayMs` (0: now). Adding an id that exists does nothing. */
  async add(id: string, data: T, delayMs = 0): Promise<void> {
    // T is plain job data, so bullmq's conditional name/data types resolve to string and T; the
    // compiler cannot see through them on a generic T (bullmq does not export the helpers)
    await this.queue.add(this.name as never, data as never, {
      jobId: id,
      delay: Math.max(0, Math.round(delayMs)),
      attempts: UNLIMITED_ATTEMPTS,
      backoff: { type: 'job-queue' },
      removeOnComplete: { age: this.options.keepCompletedSeconds ?? 3600 },
      removeOnFail: true,
    });
  }

  /** Start processing (call on the leader only). */
  start(handler: (job: JobContext<T>) => Promise<void>): void {
    if (this.worker !== undefined) throw new Error(`queue ${this.name} is already started`);
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    this.worker = new Worker<T>(this.name, (job) => this.process(job, handler), {
      connection: this.options.connection,
      prefix: this.options.prefix ?? 'trellis',
      concurrency: this.options.concurrency ?? 4,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, backoff) },
    });
    this.worker.on('error', (error) => this.log.error({ err: error }, 'queue worker error'));
  }

  private async process(job: Job<T>, handler: (job: JobContext<T>) => Promise<void>) {
    const id = job.id ?? '';
    const log = this.log.child({ jobId: id });
    try {
      await handler({ id, data: job.data, attempt: job.attemptsMade, log });
    } catch (error) {
      log.warn({ err: error, attempt: job.attemptsMade }, 'job failed; will retry with backoff');
      throw error;
    }
  }

  /** The state of job `id` (`unknown` when there is none). */
  async state(id: string): Promise<string> {
    return this.queue.getJobState(id);
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  }

  /** Stop processing, waiting up to `graceMs` for running jobs, and release the connections. */
  async close(graceMs = 30_000): Promise<void> {
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
        this.log.warn({ graceMs }, 'running jobs did not finish; handing them back');
        await worker.close(true);
      }
    }
    await this.queue.close();
  }
}
