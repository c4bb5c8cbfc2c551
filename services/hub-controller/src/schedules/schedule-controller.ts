// The UpgradeSchedule controller: each schedule is a BullMQ job scheduler (pattern = spec.cron,
// tz = spec.timeZone) on the `upgrade-schedule` queue; each of its jobs is a tick, decided by
// decideTick (create a ClusterMigration or skip with a reason). The CRs are the source of truth:
// every event and every resync re-`ensure`s the schedule's job scheduler and removes schedulers
// no CR asks for, so a flushed Redis is rebuilt. pauseWhenWindowCloses is edge-triggered: at a
// window edge (timer) or resync, spec.paused is set on this schedule's own non-terminal
// migrations when scheduleHoldsMigrations changes, recorded in status.migrationsHeld.
// docs/migrations.md, "Schedules and windows". Runs only on the leader.
import {
  checkUpgradeSchedule,
  decideTick,
  GROUP_VERSION,
  isTerminalPhase,
  nextCronTicks,
  scheduleHoldsMigrations,
  SCHEDULE_LABEL,
  setCondition,
  removeCondition,
  UPGRADE_SCHEDULE_CONDITIONS,
  windowContains,
  isValidTimeZone,
  checkWindow,
  type Condition,
  type ConditionUpdate,
  type Precondition,
  type TickDecision,
  type UpgradeScheduleStatus,
} from '@trellis/core';
import type { ResourceClient } from '@trellis/kube';
import { isConflict, statusCodeOf, WatchedCollection } from '@trellis/kube';
import {
  JobSchedulers,
  ResyncLoop,
  type JobSchedulersOptions,
  type ScheduledTick,
} from '@trellis/queue';
import type { ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { isDeepStrictEqual } from 'node:util';
import type { HubContext } from '../hub-context.ts';
import {
  CLUSTER_MIGRATIONS,
  UPGRADE_SCHEDULES,
  type ScheduledClusterMigration,
  type UpgradeSchedule,
} from './schedule-resources.ts';
import { nextWindowEdge } from './window-edges.ts';

export const SCHEDULE_QUEUE_NAME = 'upgrade-schedule';

/** What every tick job carries; the uid tells a tick of a deleted-and-recreated schedule apart. */
export interface TickData {
  namespace: string;
  name: string;
  uid: string;
}

export interface ScheduleRefKey {
  namespace: string;
  name: string;
  /** when set, a schedule with another uid (recreated under the same name) is not ticked */
  uid?: string;
}

export type TickOutcome =
  | { decision: TickDecision; migration?: string; alreadyExisted?: boolean }
  | { decision: undefined; ignored: string };

export interface UpgradeScheduleControllerOptions {
  connection: ConnectionOptions;
  /** Redis key prefix, `trellis:<hubId>` like the reconcile queues */
  prefix: string;
  resyncIntervalMs: number;
  logger: Logger;
  registry?: Registry;
  /** the clock of window checks and decisions (tests inject one); default hub.now */
  now?: () => Date;
}

/** The job scheduler id of a schedule: `<namespace>/<name>` (no `:`, so job ids stay 3-part). */
export function schedulerId(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function parseSchedulerId(id: string): { namespace: string; name: string } | undefined {
  const [namespace, name, ...rest] = id.split('/');
  if (namespace === undefined || name === undefined || rest.length > 0) return undefined;
  return { namespace, name };
}

const MAX_TIMER_MS = 24 * 60 * 60 * 1000;
/** fire a little after the edge so windowContains already reads the new state */
const EDGE_SLACK_MS = 250;

export class UpgradeScheduleController {
  readonly schedules: WatchedCollection<UpgradeSchedule>;
  /** the job schedulers' queue: opened on start, closed on stop (leadership can come back) */
  private jobsQueue: JobSchedulers<TickData> | undefined;
  private readonly queueOptions: JobSchedulersOptions;
  private readonly hub: HubContext;
  private readonly client: ResourceClient;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly resync: ResyncLoop;
  private readonly ticks: Counter<'decision'> | undefined;
  /** per-schedule chain: syncs and ticks of one schedule never interleave */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly edgeTimers = new Map<
    string,
    { at: number; key: string; timer: NodeJS.Timeout }
  >();
  private started = false;
  private resyncStarted = false;

  constructor(hub: HubContext, options: UpgradeScheduleControllerOptions) {
    this.hub = hub;
    this.client = hub.mgmt;
    this.log = options.logger;
    this.now = options.now ?? hub.now;
    this.schedules = new WatchedCollection<UpgradeSchedule>(
      hub.mgmt.kubeConfig,
      UPGRADE_SCHEDULES,
      {
        logger: options.logger.child({ watch: 'upgradeschedules' }),
      },
    );
    this.queueOptions = {
      name: SCHEDULE_QUEUE_NAME,
      connection: options.connection,
      prefix: options.prefix,
      logger: options.logger,
    };
    this.resync = new ResyncLoop({
      intervalMs: options.resyncIntervalMs,
      listKeys: async () => {
        const keys = new Set(this.schedules.list().map((s) => keyOf(s)));
        // schedulers no CR asks for any more (deleted while this replica was not leading)
        for (const id of await this.jobs.ids()) keys.add(id);
        return keys;
      },
      enqueue: (key, reason) => this.sync(key, reason),
      logger: options.logger,
    });
    this.ticks = options.registry ? ticksCounter(options.registry) : undefined;
    this.schedules.on((type, schedule) => {
      if (!this.started) return;
      const key = keyOf(schedule);
      this.sync(key, type).catch((error: unknown) =>
        this.log.warn({ err: error, schedule: key }, 'schedule sync failed; the resync retries'),
      );
    });
  }

  private get jobs(): JobSchedulers<TickData> {
    if (this.jobsQueue === undefined) throw new Error('the UpgradeSchedule controller is stopped');
    return this.jobsQueue;
  }

  async start(): Promise<void> {
    this.started = true;
    this.jobsQueue = new JobSchedulers<TickData>(this.queueOptions);
    this.jobsQueue.start((tick) => this.onTick(tick));
    await this.schedules.start();
    // The resync removes schedulers with no CR: only once the cache holds every CR.
    void this.schedules.synced().then(() => {
      if (!this.started || this.resyncStarted) return;
      this.resyncStarted = true;
      this.resync.start();
    });
  }

  async stop(graceMs?: number): Promise<void> {
    this.started = false;
    this.resyncStarted = false;
    await this.resync.stop();
    for (const { timer } of this.edgeTimers.values()) clearTimeout(timer);
    this.edgeTimers.clear();
    const jobs = this.jobsQueue;
    await jobs?.stop(graceMs); // in-flight ticks finish (or are handed back) first
    await this.schedules.stop();
    await Promise.allSettled([...this.chains.values()]);
    this.jobsQueue = undefined;
    await jobs?.close();
  }

  /** One full resync now (what the periodic resync does): for tests and after a Redis flush. */
  resyncNow(reason = 'resync'): Promise<number> {
    return this.resync.resyncNow(reason);
  }

  private serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return next;
  }

  /**
   * Bring one schedule's job scheduler, held migrations, edge timer and status in line with its
   * CR (`<namespace>/<name>`); a key with no CR loses its scheduler.
   */
  sync(key: string, reason: string): Promise<void> {
    return this.serial(key, () => this.syncNow(key, reason));
  }

  private async syncNow(key: string, reason: string): Promise<void> {
    const ref = parseSchedulerId(key);
    // the cache may lag (our own status writes, a create): read the object itself
    const schedule = ref
      ? await this.client.get<UpgradeSchedule>(UPGRADE_SCHEDULES, ref)
      : undefined;
    if (schedule === undefined || schedule.metadata?.deletionTimestamp !== undefined) {
      if (await this.jobs.remove(key))
        this.log.info({ schedule: key, reason }, 'job scheduler removed');
      this.clearEdgeTimer(key);
      return;
    }
    const spec = schedule.spec;
    const now = this.now();
    const timeZone = spec.timeZone ?? 'UTC';
    const problems = checkUpgradeSchedule(spec);
    const suspended = spec.suspend === true;
    if (problems.length > 0 || suspended) {
      if (await this.jobs.remove(key))
        this.log.info(
          { schedule: key, reason: suspended ? 'suspended' : 'invalid' },
          'job scheduler removed',
        );
    } else {
      const result = await this.jobs.ensure(key, {
        pattern: spec.cron.trim(),
        tz: timeZone,
        data: {
          namespace: schedule.metadata?.namespace ?? '',
          name: schedule.metadata?.name ?? '',
          uid: schedule.metadata?.uid ?? '',
        },
      });
      if (result !== 'unchanged') this.log.info({ schedule: key, result, reason }, 'job scheduler');
    }
    const migrationsHeld = await this.syncHeldMigrations(schedule, now);
    this.armEdgeTimer(key, schedule, now);
    await this.writeStatus(schedule, (status) => {
      const generation = schedule.metadata?.generation;
      let conditions: Condition[] | undefined = status.conditions;
      const set = (update: ConditionUpdate) => {
        conditions = setCondition(
          conditions,
          { ...update, ...(generation ? { observedGeneration: generation } : {}) },
          now,
        );
      };
      set(
        problems.length > 0
          ? {
              type: UPGRADE_SCHEDULE_CONDITIONS.valid,
              status: 'False',
              reason: 'InvalidSchedule',
              message: problems.join('; '),
            }
          : {
              type: UPGRADE_SCHEDULE_CONDITIONS.valid,
              status: 'True',
              reason: 'Valid',
              message: '',
            },
      );
      if (
        spec.window !== undefined &&
        checkWindow(spec.window).length === 0 &&
        isValidTimeZone(timeZone)
      ) {
        const open = windowContains(spec.window, timeZone, now);
        set({
          type: UPGRADE_SCHEDULE_CONDITIONS.windowOpen,
          status: open ? 'True' : 'False',
          reason: open ? 'InsideWindow' : 'OutsideWindow',
          message: '',
        });
      } else {
        conditions = removeCondition(conditions, UPGRADE_SCHEDULE_CONDITIONS.windowOpen);
      }
      set(
        problems.length > 0
          ? {
              type: UPGRADE_SCHEDULE_CONDITIONS.ready,
              status: 'False',
              reason: 'InvalidSchedule',
              message: problems.join('; '),
            }
          : suspended
            ? {
                type: UPGRADE_SCHEDULE_CONDITIONS.ready,
                status: 'False',
                reason: 'Suspended',
                message: 'spec.suspend is true: no ticks',
              }
            : {
                type: UPGRADE_SCHEDULE_CONDITIONS.ready,
                status: 'True',
                reason: 'Scheduled',
                message: `job scheduler ${key} on queue ${SCHEDULE_QUEUE_NAME}`,
              },
      );
      const next: UpgradeScheduleStatus = { ...status, conditions };
      if (generation !== undefined) next.observedGeneration = generation;
      if (migrationsHeld !== undefined) next.migrationsHeld = migrationsHeld;
      if (problems.length > 0 || suspended) delete next.nextTickAt;
      else if (
        status.nextTickAt === undefined ||
        Date.parse(status.nextTickAt) <= now.getTime() ||
        status.observedGeneration !== generation
      ) {
        const [tick] = nextCronTicks(spec.cron, timeZone, now);
        if (tick) next.nextTickAt = tick.toISOString();
      }
      return next;
    });
  }

  /**
   * pauseWhenWindowCloses, edge-triggered: when scheduleHoldsMigrations differs from what was
   * last applied (status.migrationsHeld), set spec.paused on this schedule's own non-terminal
   * migrations. Between edges a person's pause or resume of such a migration is left alone.
   * Returns the value to record (undefined: nothing to record).
   */
  private async syncHeldMigrations(
    schedule: UpgradeSchedule,
    now: Date,
  ): Promise<boolean | undefined> {
    const held = scheduleHoldsMigrations(schedule.spec, now);
    const previous = schedule.status?.migrationsHeld;
    if (previous === held) return held;
    // first look with nothing to hold: record it, touch nothing
    if (previous === undefined && !held) return held;
    const namespace = schedule.metadata?.namespace ?? '';
    const name = schedule.metadata?.name ?? '';
    for (const migration of await this.migrationsOf(schedule)) {
      if (!ownedBy(migration, schedule)) continue;
      if (isTerminalPhase(migration.status?.phase ?? 'Pending')) continue;
      if ((migration.spec.paused ?? false) === held) continue;
      try {
        await this.client.mergePatch(
          CLUSTER_MIGRATIONS,
          { namespace, name: migration.metadata?.name ?? '' },
          { spec: { paused: held } },
        );
      } catch (error) {
        if (statusCodeOf(error) === 404) continue;
        throw error;
      }
      this.hub.events.record(
        withKind(schedule),
        'Normal',
        held ? 'WindowClosed' : 'WindowOpened',
        `${held ? 'paused' : 'resumed'} ClusterMigration ${migration.metadata?.name} (pauseWhenWindowCloses)`,
      );
    }
    this.log.info(
      { schedule: `${namespace}/${name}`, held },
      'window edge: migrations held/released',
    );
    return held;
  }

  private async migrationsOf(schedule: UpgradeSchedule): Promise<ScheduledClusterMigration[]> {
    const list = await this.client.list<ScheduledClusterMigration>(CLUSTER_MIGRATIONS, {
      namespace: schedule.metadata?.namespace ?? '',
      labelSelector: `${SCHEDULE_LABEL}=${schedule.metadata?.name ?? ''}`,
    });
    return list.items;
  }

  private armEdgeTimer(key: string, schedule: UpgradeSchedule, now: Date): void {
    const { spec } = schedule;
    const timeZone = spec.timeZone ?? 'UTC';
    if (
      !this.started ||
      spec.pauseWhenWindowCloses !== true ||
      spec.window === undefined ||
      checkWindow(spec.window).length > 0 ||
      !isValidTimeZone(timeZone)
    ) {
      this.clearEdgeTimer(key);
      return;
    }
    const windowKey = JSON.stringify([spec.window, timeZone]);
    const existing = this.edgeTimers.get(key);
    if (existing && existing.key === windowKey && existing.at > now.getTime()) return;
    this.clearEdgeTimer(key);
    const edge = nextWindowEdge(spec.window, timeZone, now);
    if (edge === undefined) return;
    const delay = Math.min(edge.getTime() - now.getTime() + EDGE_SLACK_MS, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.edgeTimers.delete(key);
      if (!this.started) return;
      this.sync(key, 'window-edge').catch((error: unknown) =>
        this.log.warn({ err: error, schedule: key }, 'window-edge sync failed; the resync retries'),
      );
    }, delay);
    timer.unref();
    this.edgeTimers.set(key, { at: edge.getTime(), key: windowKey, timer });
  }

  private clearEdgeTimer(key: string): void {
    const existing = this.edgeTimers.get(key);
    if (existing) clearTimeout(existing.timer);
    this.edgeTimers.delete(key);
  }

  private async onTick(tick: ScheduledTick<TickData>): Promise<void> {
    const { namespace, name, uid } = tick.data;
    await this.tick({ namespace, name, uid }, tick.tickAt);
  }

  /**
   * One tick of a schedule at its scheduled time `tickAt` (the BullMQ worker passes the job
   * scheduler's time; tests call it directly): decideTick with `now()`, then create the
   * ClusterMigration (AlreadyExists = this tick was already handled) or skip with an event, and
   * record the decision in status.
   */
  tick(ref: ScheduleRefKey, tickAt: Date): Promise<TickOutcome> {
    return this.serial(schedulerId(ref.namespace, ref.name), () => this.tickNow(ref, tickAt));
  }

  private async tickNow(ref: ScheduleRefKey, tickAt: Date): Promise<TickOutcome> {
    const key = schedulerId(ref.namespace, ref.name);
    const schedule = await this.client.get<UpgradeSchedule>(UPGRADE_SCHEDULES, ref);
    const gone =
      schedule === undefined
        ? 'schedule not found'
        : schedule.metadata?.deletionTimestamp !== undefined
          ? 'schedule being deleted'
          : ref.uid !== undefined && ref.uid !== '' && schedule.metadata?.uid !== ref.uid
            ? 'tick of an earlier schedule of the same name'
            : undefined;
    if (schedule === undefined || gone !== undefined) {
      this.log.info({ schedule: key, tickAt, why: gone }, 'tick ignored');
      this.ticks?.inc({ decision: 'Ignored' });
      return { decision: undefined, ignored: gone ?? 'schedule not found' };
    }
    const now = this.now();
    const migrations = await this.migrationsOf(schedule);
    const decision = decideTick({
      schedule: { name: ref.name, namespace: ref.namespace, spec: schedule.spec },
      now,
      tickAt,
      runningMigrations: migrations.map((m) => ({
        name: m.metadata?.name ?? '',
        phase: m.status?.phase ?? 'Pending',
      })),
      preconditions: this.preconditions(schedule),
    });
    const object = withKind(schedule);
    let outcome: TickOutcome = { decision };
    if (decision.create) {
      let alreadyExisted = false;
      try {
        await this.client.create<ScheduledClusterMigration>(CLUSTER_MIGRATIONS, {
          ...decision.migration,
          metadata: {
            ...decision.migration.metadata,
            ownerReferences: [
              {
                apiVersion: GROUP_VERSION,
                kind: 'UpgradeSchedule',
                name: ref.name,
                uid: schedule.metadata?.uid ?? '',
                controller: true,
              },
            ],
          },
        });
      } catch (error) {
        // the same tick delivered twice (retry, duplicate job): the first delivery created it
        if (!isConflict(error)) throw error;
        alreadyExisted = true;
      }
      outcome = { decision, migration: decision.name, alreadyExisted };
      if (!alreadyExisted)
        this.hub.events.record(
          object,
          'Normal',
          'MigrationCreated',
          `created ClusterMigration ${decision.name} for the tick at ${tickAt.toISOString()}`,
        );
      this.ticks?.inc({ decision: alreadyExisted ? 'AlreadyExists' : 'Created' });
    } else {
      this.hub.events.record(
        object,
        'Normal',
        decision.reason,
        `tick at ${tickAt.toISOString()} skipped: ${decision.message}`,
      );
      this.ticks?.inc({ decision: decision.reason });
    }
    this.log.info(
      {
        schedule: key,
        tickAt,
        create: decision.create,
        ...(decision.create ? { migration: decision.name } : { reason: decision.reason }),
      },
      'tick',
    );
    const timeZone = schedule.spec.timeZone ?? 'UTC';
    await this.writeStatus(schedule, (status) => {
      const next: UpgradeScheduleStatus = {
        ...status,
        lastTickAt: tickAt.toISOString(),
        lastDecision: decision.create
          ? { at: now.toISOString(), created: true, migration: decision.name }
          : {
              at: now.toISOString(),
              created: false,
              reason: decision.reason,
              message: decision.message,
            },
      };
      if (decision.create) next.lastCreatedMigration = decision.name;
      if (checkUpgradeSchedule(schedule.spec).length === 0 && schedule.spec.suspend !== true) {
        const [after] = nextCronTicks(
          schedule.spec.cron,
          timeZone,
          new Date(Math.max(tickAt.getTime(), now.getTime())),
        );
        if (after) next.nextTickAt = after.toISOString();
      }
      return next;
    });
    return outcome;
  }

  /** Both clusters of the template exist in the schedule's namespace and are Ready and connected. */
  private preconditions(schedule: UpgradeSchedule): Precondition[] {
    const namespace = schedule.metadata?.namespace ?? '';
    const { fromCluster, toCluster } = schedule.spec.migrationTemplate.spec;
    return [
      ['fromCluster', fromCluster],
      ['toCluster', toCluster],
    ].map(([role, clusterName]) => {
      const name = `${role} ${clusterName}`;
      const cluster = this.hub.clusters.get(clusterName ?? '', namespace);
      if (cluster === undefined)
        return { name, ok: false, message: `no WorkloadCluster ${clusterName} in ${namespace}` };
      const conditions = cluster.status?.conditions ?? [];
      const connected = conditions.find((c) => c.type === 'Connected');
      if (connected?.status !== 'True')
        return {
          name,
          ok: false,
          message: `not connected${connected?.message ? ` (${connected.message})` : ''}`,
        };
      const ready = conditions.find((c) => c.type === 'Ready');
      if (ready?.status !== 'True')
        return { name, ok: false, message: `not Ready${ready ? ` (${ready.reason})` : ''}` };
      return { name, ok: true };
    });
  }

  /** Merge-patch the status fields `update` changes; nothing when it changes nothing. */
  private async writeStatus(
    schedule: UpgradeSchedule,
    update: (status: UpgradeScheduleStatus) => UpgradeScheduleStatus,
  ): Promise<void> {
    const current = schedule.status ?? {};
    const next = update(current);
    if (isDeepStrictEqual(current, next)) return;
    const patch: Record<string, unknown> = {};
    for (const field of new Set([...Object.keys(current), ...Object.keys(next)])) {
      const before = (current as Record<string, unknown>)[field];
      const after = (next as Record<string, unknown>)[field];
      if (!isDeepStrictEqual(before, after)) patch[field] = after ?? null;
    }
    try {
      await this.client.mergePatch(
        UPGRADE_SCHEDULES,
        { namespace: schedule.metadata?.namespace ?? '', name: schedule.metadata?.name ?? '' },
        { status: patch },
        'status',
      );
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  }
}

function keyOf(schedule: UpgradeSchedule): string {
  return schedulerId(schedule.metadata?.namespace ?? '', schedule.metadata?.name ?? '');
}

function withKind(schedule: UpgradeSchedule): UpgradeSchedule {
  return { ...schedule, apiVersion: GROUP_VERSION, kind: 'UpgradeSchedule' };
}

function ownedBy(migration: ScheduledClusterMigration, schedule: UpgradeSchedule): boolean {
  const uid = schedule.metadata?.uid;
  return (migration.metadata?.ownerReferences ?? []).some(
    (o) => o.uid === uid && o.kind === 'UpgradeSchedule',
  );
}

function ticksCounter(registry: Registry): Counter<'decision'> {
  const name = 'trellis_schedule_ticks_total';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'decision'>;
  return new Counter({
    name,
    help: 'UpgradeSchedule ticks by decision: Created, AlreadyExists, Ignored, or the skip reason.',
    labelNames: ['decision'],
    registers: [registry],
  });
}
