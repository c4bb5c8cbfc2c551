// The executor of ClusterMigrations: the loop of docs/migrations.md ("Running it on BullMQ").
// Read the object → nextAction → persist newState (optimistic, resourceVersion) → perform the
// action → feed what it observed back in, until the machine waits or has nothing to do. One run
// per migration at a time (a per-key lock; the hub-controller is leader-elected, so one process).
import { isDeepStrictEqual } from 'node:util';
import {
  nextAction,
  RequeueAfter,
  resolveMigrationSpec,
  validateMigration,
  type ClusterMigrationStatus,
  type MigrationControllerAction,
  type MigrationObservation,
  type MigrationPhase,
  type ServiceRef,
} from '@trellis/core';
import { isConflict, isNotFound, ServiceExports, type WatchedCollection } from '@trellis/kube';
import type { Logger } from 'pino';
import type { HubContext } from '../hub-context.ts';
import { clusterKey } from '../clusters/cluster-phases.ts';
import { KeyedLock } from '../runtime/keyed-lock.ts';
import { parseKey } from '../runtime/object-key.ts';
import { mcsKey } from '../services/mcs-key.ts';
import type { MultiClusterServiceController } from '../services/mcs-controller.ts';
import type { MigrationMetrics } from './migration-metrics.ts';
import { measureGate, tenantOf, validationInput } from './migration-observe.ts';
import {
  CLUSTER_MIGRATIONS,
  type ClusterMigration,
  type MigrationJobData,
} from './migration-resources.ts';

export interface MigrationExecutorOptions {
  hub: HubContext;
  mcs: MultiClusterServiceController;
  /** the informer cache of ClusterMigrations (other migrations, for validation) */
  migrations: WatchedCollection<ClusterMigration>;
  /** enqueue a delayed wake-up job (an existing id is a no-op) */
  wake: (jobId: string, data: MigrationJobData, delayMs: number) => Promise<void>;
  metrics: MigrationMetrics;
  /** told of every status this executor wrote, before it acts on it (read-your-writes) */
  statusWritten?: (object: ClusterMigration) => void;
  /**
   * told before the executor persists (when it has to) and then applies `object`'s split to
   * `services` with `reconcileNow`
   */
  applyingSplit?: (object: ClusterMigration, services: readonly ServiceRef[]) => void;
}

/** Waits this short are slept in place rather than put on the queue (a wake-up a bit early). */
const SLEEP_IN_PLACE_MS = 1_000;
/** Decisions per run before handing back to the queue (a run normally needs fewer than 10). */
const MAX_ROUNDS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function eventTypeOf(phase: MigrationPhase): 'Normal' | 'Warning' {
  return phase === 'Failed' || phase === 'RollingBack' || phase === 'Rejected'
    ? 'Warning'
    : 'Normal';
}

export class MigrationExecutor {
  private readonly options: MigrationExecutorOptions;
  private readonly locks = new KeyedLock();

  constructor(options: MigrationExecutorOptions) {
    this.options = options;
  }

  /** Tick the migration `key` (`tenant-<t>/<name>`): decide and act until it waits or idles. */
  async run(key: string, reason: string, log: Logger): Promise<void> {
    await this.locks.run(key, () => this.loop(key, reason, log.child({ migration: key })));
  }

  private async loop(key: string, reason: string, log: Logger): Promise<void> {
    const { hub } = this.options;
    let observation: MigrationObservation = { type: 'Tick' };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const read = await hub.mgmt.get<ClusterMigration>(CLUSTER_MIGRATIONS, parseKey(key));
      if (read === undefined || read.metadata?.deletionTimestamp) return;
      const uid = read.metadata?.uid ?? '';
      const before: ClusterMigrationStatus = read.status ?? {};
      const { action, newState } = nextAction(
        { uid, generation: read.metadata?.generation ?? 0, spec: read.spec, status: before },
        observation,
        hub.now(),
      );
      let object = read;
      // Before the write, so that the informer's delivery of it (which may come before the
      // write's answer) finds the split noted. Unwritten after a conflict, it is harmless: the
      // services then keep the split in status, and any later split differs from it or is noted.
      if (action.type === 'ApplyWeights' || action.type === 'Rollback')
        this.options.applyingSplit?.({ ...read, status: newState }, action.services);
      if (!isDeepStrictEqual(before, newState)) {
        // Persist first, with the resourceVersion read: a 409 means decide again on fresh state.
        try {
          object = await hub.mgmt.updateStatus(CLUSTER_MIGRATIONS, { ...read, status: newState });
        } catch (error) {
          if (isConflict(error)) {
            log.debug({ reason }, 'status changed meanwhile; deciding again');
            observation = { type: 'Tick' };
            continue;
          }
          if (isNotFound(error)) return;
          throw error;
        }
        this.options.statusWritten?.(object);
        this.recordTransition(object, before, newState, log);
      }
      const next = await this.perform(object, action, log);
      if (next === undefined) return;
      observation = next;
    }
    throw new RequeueAfter(
      hub.settings.pollIntervalMs,
      `${key}: more than ${MAX_ROUNDS} decisions`,
    );
  }

  /** Do what the machine asked; the observation to feed back, or undefined to stop. */
  private async perform(
    object: ClusterMigration,
    action: MigrationControllerAction,
    log: Logger,
  ): Promise<MigrationObservation | undefined> {
    const { hub, metrics } = this.options;
    if (action.type === 'None') {
      log.debug({ reason: action.reason }, 'nothing to do');
      return undefined;
    }
    if (action.type === 'Wait') {
      const delayMs = Date.parse(action.until) - hub.now().getTime();
      if (delayMs <= SLEEP_IN_PLACE_MS) {
        await sleep(Math.max(0, delayMs));
        return { type: 'Tick' };
      }
      await this.options.wake(
        action.jobId,
        { key: keyOf(object), uid: object.metadata?.uid ?? '' },
        delayMs,
      );
      log.debug({ jobId: action.jobId, until: action.until, reason: action.reason }, 'waiting');
      return undefined;
    }
    if (action.type === 'Reject') {
      const reasons = action.reasons
        .map((r) => `${r.namespace ? `${r.namespace}/${r.name}: ` : ''}${r.reason}: ${r.message}`)
        .join('; ');
      hub.events.record(object, 'Warning', 'Rejected', `migration rejected: ${reasons}`);
      return undefined;
    }
    const stop = metrics.actionDuration.startTimer({ action: action.type });
    try {
      switch (action.type) {
        case 'Validate': {
          const others = this.options.migrations.list(object.metadata?.namespace);
          const result = validateMigration(validationInput(hub, this.options.mcs, object, others));
          return { type: 'Validated', result };
        }
        case 'CheckGate': {
          let measured;
          try {
            measured = await measureGate(hub, object, action.step);
          } catch (error) {
            metrics.gateChecks.inc({ result: 'error' });
            throw error;
          }
          const min = resolveMigrationSpec(object.spec).healthGate.minHealthyTargetRatio;
          const healthy = measured.healthyRatio >= min && measured.probe?.ok !== false;
          metrics.gateChecks.inc({ result: healthy ? 'healthy' : 'unhealthy' });
          log.info(
            { step: action.step, healthyRatio: measured.healthyRatio, probe: measured.probe },
            'gate measured',
          );
          return { type: 'GateMeasured', ...measured };
        }
        case 'ApplyWeights':
        case 'Rollback': {
          const kind = action.type === 'ApplyWeights' ? 'step' : 'rollback';
          try {
            await this.writeWeights(object, action, log);
          } catch (error) {
            metrics.weightWrites.inc({ kind, result: 'error' });
            throw error;
          }
          metrics.weightWrites.inc({ kind, result: 'success' });
          return { type: 'WeightsWritten', jobId: action.jobId };
        }
        case 'Complete':
          if (action.finish === 'RemoveOldExport') await this.removeOldExports(object, action, log);
          return { type: 'Finished', jobId: action.jobId };
      }
    } finally {
      stop();
    }
  }

  /**
   * The weights reach Lattice through the multi-cluster service reconcile of each service (the
   * one writer of listeners): the intent is persisted, so the planner's override source returns
   * exactly `action.weights`; a reconcile that did not plan and apply them is a failure to retry.
   */
  private async writeWeights(
    object: ClusterMigration,
    action: Extract<MigrationControllerAction, { type: 'ApplyWeights' | 'Rollback' }>,
    log: Logger,
  ): Promise<void> {
    const tenant = tenantOf(object);
    for (const service of action.services) {
      const key = mcsKey({ tenant, namespace: service.namespace, name: service.name });
      const scope = await this.options.mcs.reconcileNow(key, {
        key,
        reason: `migration ${object.metadata?.name} ${action.jobId}`,
        attempt: 0,
        log,
      });
      const desired = scope?.desired;
      if (
        action.type === 'Rollback' &&
        scope !== undefined &&
        desired?.weightSource !== 'migration'
      ) {
        // Nothing of fromCluster is left to send traffic to (its export is gone): a rollback
        // cannot do more than the planner's fallback; it is not retried forever.
        log.warn({ service: key }, 'rollback: the service no longer serves from the old cluster');
        continue;
      }
      if (scope === undefined || desired === undefined || scope.apply?.ok !== true)
        throw new RequeueAfter(
          this.options.hub.settings.pollIntervalMs * 5,
          `${key}: weights not applied yet (${scope?.apply?.ok === false ? scope.apply.message : 'the service reconcile did not plan it'})`,
        );
      if (desired.weightSource !== 'migration')
        throw new RequeueAfter(
          this.options.hub.settings.pollIntervalMs * 5,
          `${key}: the migration split is unusable: ${desired.degraded?.message ?? 'no override'}`,
        );
      log.info(
        {
          service: key,
          jobId: action.jobId,
          weights: action.weights,
          lattice: desired.clusters.map((c) => `${c.cluster}=${c.weight ?? '-'}`),
        },
        'weights written',
      );
    }
  }

  /** RemoveOldExport: delete fromCluster's ServiceExports of the migrated services. */
  private async removeOldExports(
    object: ClusterMigration,
    action: Extract<MigrationControllerAction, { type: 'Complete' }>,
    log: Logger,
  ): Promise<void> {
    const { hub } = this.options;
    const cluster = hub.clusters.get(action.fromCluster, object.metadata?.namespace);
    const client = cluster && hub.connections.get(clusterKey(cluster))?.client;
    if (client === undefined)
      throw new RequeueAfter(
        hub.settings.pollIntervalMs * 5,
        `cannot reach ${action.fromCluster} to remove its exports`,
      );
    for (const service of action.services) {
      if (await client.delete(ServiceExports, service))
        log.info({ cluster: action.fromCluster, ...service }, 'old ServiceExport deleted');
    }
  }

  private recordTransition(
    object: ClusterMigration,
    before: ClusterMigrationStatus,
    after: ClusterMigrationStatus,
    log: Logger,
  ): void {
    const { hub, metrics } = this.options;
    for (const step of after.stepStates ?? []) {
      const old = before.stepStates?.find((s) => s.index === step.index);
      if (old?.finishedAt === undefined && step.finishedAt !== undefined && step.intendedAt) {
        const seconds = (Date.parse(step.finishedAt) - Date.parse(step.intendedAt)) / 1000;
        metrics.stepDuration.observe({ step: String(step.index) }, Math.max(0, seconds));
      }
    }
    const from: MigrationPhase = before.phase ?? 'Pending';
    const to: MigrationPhase = after.phase ?? 'Pending';
    if (from === to) return;
    const message = transitionMessage(after, from, to);
    log.info({ from, to, step: after.currentStep }, message);
    // Rejected gets its own Warning (with the reasons) from the Reject action.
    if (to !== 'Rejected') hub.events.record(object, eventTypeOf(to), to, message);
  }
}

function transitionMessage(status: ClusterMigrationStatus, from: string, to: string): string {
  const detail =
    to === 'Progressing'
      ? ` at step ${status.currentStep ?? 0}`
      : to === 'Paused'
        ? `: ${status.pause?.message ?? status.pause?.reason ?? 'paused'}`
        : to === 'RollingBack' || to === 'Failed' || to === 'Aborted'
          ? status.rollback !== undefined
            ? `: ${status.rollback.reason}: ${status.rollback.message}`
            : ''
          : '';
  return `${from} → ${to}${detail}`;
}

function keyOf(object: ClusterMigration): string {
  return `${object.metadata?.namespace}/${object.metadata?.name}`;
}
