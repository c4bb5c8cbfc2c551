export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
export { redactRedisUrl, redisConnectionOptions } from './redis-connection.ts';
export { reconcileMetrics, type ReconcileMetrics } from './reconcile-metrics.ts';
export {
  ReconcileQueue,
  type ReconcileContext,
  type ReconcileFn,
  type ReconcileOutcome,
  type ReconcileQueueOptions,
} from './reconcile-queue.ts';
export { ResyncLoop, type ResyncLoopOptions } from './resync-loop.ts';
export { JobQueue, type JobContext, type JobQueueOptions } from './job-queue.ts';
export {
  JobSchedulers,
  tickOf,
  type JobSchedulerSpec,
  type JobSchedulersOptions,
  type ScheduledTick,
  type TickHandler,
} from './job-schedulers.ts';
