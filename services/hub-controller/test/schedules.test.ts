// The UpgradeSchedule controller against the emulators: ticks driven with an injectable clock,
// a real per-second BullMQ job scheduler, suspend, skips, window-edge pausing, and a Redis flush.
import type { KubernetesObject } from '@kubernetes/client-node';
import { Queue } from 'bullmq';
import { SCHEDULE_LABEL, type UpgradeScheduleSpec } from '@trellis/core';
import { CoreResources } from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOAD_CLUSTERS, TENANTS, type WorkloadCluster } from '../src/index.ts';
import {
  CLUSTER_MIGRATIONS,
  UPGRADE_SCHEDULES,
  type ScheduledClusterMigration,
  type UpgradeSchedule,
} from '../src/schedules/schedule-resources.ts';
import {
  condition,
  demoCluster,
  demoTenant,
  startHarness,
  waitFor,
  type Harness,
} from './support.ts';

const NS = 'tenant-acme';
const clock = { now: new Date('2026-06-01T10:30:00Z') }; // a Monday

function schedule(name: string, spec: Partial<UpgradeScheduleSpec>): UpgradeSchedule {
  return {
    metadata: { name, namespace: NS },
    spec: {
      cron: '0 0 1 1 *',
      timeZone: 'UTC',
      migrationTemplate: {
        spec: { fromCluster: 'blue', toCluster: 'green', services: { all: true } },
      },
      ...spec,
    },
  };
}

describe('UpgradeSchedule controller', () => {
  let h: Harness;
  let queue: Queue;

  const getSchedule = (name: string) =>
    h.mgmt.get<UpgradeSchedule>(UPGRADE_SCHEDULES, { name, namespace: NS });
  const getMigration = (name: string) =>
    h.mgmt.get<ScheduledClusterMigration>(CLUSTER_MIGRATIONS, { name, namespace: NS });
  const migrationsOf = async (name: string) =>
    (
      await h.mgmt.list<ScheduledClusterMigration>(CLUSTER_MIGRATIONS, {
        namespace: NS,
        labelSelector: `${SCHEDULE_LABEL}=${name}`,
      })
    ).items;

  beforeAll(async () => {
    h = await startHarness({ schedulesNow: () => clock.now });
    queue = new Queue('upgrade-schedule', {
      connection: redisConnectionOptions(h.redis.url),
      prefix: `trellis:${h.hubId}`,
    });
    await h.mgmt.create(TENANTS, demoTenant('acme'));
    await waitFor(() => h.mgmt.get(CoreResources.namespaces, { name: NS }), 20_000, 'namespace');
    for (const name of ['blue', 'green']) {
      await h.mgmt.create(WORKLOAD_CLUSTERS, demoCluster('acme', name));
    }
    for (const name of ['blue', 'green']) {
      await waitFor(
        async () => {
          const c = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, { name, namespace: NS });
          return condition(c, 'Ready')?.status === 'True' ? c : undefined;
        },
        45_000,
        `${name} Ready`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await queue?.close();
    await h?.stop();
  });

  it('with a one-minute cron and a window: skips a tick outside the window, creates at one inside', async () => {
    await h.mgmt.create(
      UPGRADE_SCHEDULES,
      schedule('nightly', {
        cron: '* * * * *',
        window: { days: ['Mon'], start: '10:00', end: '11:00' },
      }),
    );
    const scheduler = await waitFor(
      () => queue.getJobScheduler(`${NS}/nightly`),
      10_000,
      'job scheduler',
    );
    expect(scheduler).toMatchObject({ pattern: '* * * * *', tz: 'UTC' });

    clock.now = new Date('2026-06-01T11:15:00Z');
    const outside = await h.manager.schedules.tick(
      { namespace: NS, name: 'nightly' },
      new Date('2026-06-01T11:15:00Z'),
    );
    expect(outside.decision).toMatchObject({ create: false, reason: 'OutsideWindow' });
    expect(await getMigration('nightly-202606011115')).toBeUndefined();
    expect((await getSchedule('nightly'))?.status?.lastDecision).toMatchObject({
      created: false,
      reason: 'OutsideWindow',
    });

    clock.now = new Date('2026-06-01T10:30:00Z');
    const inside = await h.manager.schedules.tick(
      { namespace: NS, name: 'nightly' },
      new Date('2026-06-01T10:30:00Z'),
    );
    expect(inside.decision).toMatchObject({ create: true, name: 'nightly-202606011030' });
    const created = await getMigration('nightly-202606011030');
    const owner = await getSchedule('nightly');
    expect(created?.metadata?.labels?.[SCHEDULE_LABEL]).toBe('nightly');
    expect(created?.metadata?.annotations?.['trellis.dev/scheduled-at']).toBe(
      '2026-06-01T10:30:00.000Z',
    );
    expect(created?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'UpgradeSchedule',
      name: 'nightly',
      uid: owner?.metadata?.uid,
    });
    expect(owner?.status?.lastCreatedMigration).toBe('nightly-202606011030');

    const events = await waitFor(async () => {
      const list = await h.mgmt.list<
        KubernetesObject & { reason?: string; involvedObject?: { name?: string } }
      >(CoreResources.events, { namespace: NS });
      const reasons = list.items
        .filter((e) => e.involvedObject?.name === 'nightly')
        .map((e) => e.reason);
      return reasons.includes('OutsideWindow') && reasons.includes('MigrationCreated')
        ? reasons
        : undefined;
    }, 10_000);
    expect(events).toContain('OutsideWindow');
  }, 60_000);

  it('skips with MigrationRunning while a migration of the schedule runs, and PreconditionFailed for a missing cluster', async () => {
    await h.mgmt.create(UPGRADE_SCHEDULES, schedule('busy', {}));
    await h.mgmt.create(CLUSTER_MIGRATIONS, {
      metadata: { name: 'busy-manual', namespace: NS, labels: { [SCHEDULE_LABEL]: 'busy' } },
      spec: { fromCluster: 'blue', toCluster: 'green', services: { all: true }, paused: true },
    });
    const busy = await h.manager.schedules.tick({ namespace: NS, name: 'busy' }, clock.now);
    expect(busy.decision).toMatchObject({ create: false, reason: 'MigrationRunning' });

    await h.mgmt.create(
      UPGRADE_SCHEDULES,
      schedule('to-nowhere', {
        migrationTemplate: {
          spec: { fromCluster: 'blue', toCluster: 'nope', services: { all: true } },
        },
      }),
    );
    const nowhere = await h.manager.schedules.tick(
      { namespace: NS, name: 'to-nowhere' },
      clock.now,
    );
    expect(nowhere.decision).toMatchObject({ create: false, reason: 'PreconditionFailed' });
    expect(nowhere.decision && !nowhere.decision.create && nowhere.decision.message).toContain(
      'no WorkloadCluster nope',
    );
  }, 30_000);

  it('fires a per-second job scheduler through BullMQ, then stops ticking when suspended', async () => {
    await h.mgmt.create(UPGRADE_SCHEDULES, schedule('every-second', { cron: '* * * * * *' }));
    const [migration] = await waitFor(
      async () => {
        const items = await migrationsOf('every-second');
        return items.length > 0 ? items : undefined;
      },
      20_000,
      'a migration from a real tick',
    );
    expect(migration?.metadata?.name).toMatch(/^every-second-\d{12}$/);
    // the tick's time is the job scheduler's slot: a whole second
    expect(migration?.metadata?.annotations?.['trellis.dev/scheduled-at']).toMatch(/:\d\d\.000Z$/);
    expect(
      await h.manager.registry.getSingleMetricAsString('trellis_schedule_ticks_total'),
    ).toMatch(/decision="Created"/);

    await h.mgmt.mergePatch(
      UPGRADE_SCHEDULES,
      { name: 'every-second', namespace: NS },
      { spec: { suspend: true } },
    );
    await waitFor(
      async () => ((await queue.getJobScheduler(`${NS}/every-second`)) ? undefined : true),
      10_000,
      'job scheduler removed',
    );
    const suspended = await h.manager.schedules.tick(
      { namespace: NS, name: 'every-second' },
      clock.now,
    );
    expect(suspended.decision).toMatchObject({ create: false, reason: 'Suspended' });
    const status = await waitFor(async () => {
      const s = await getSchedule('every-second');
      return condition(s, 'Ready')?.reason === 'Suspended' ? s : undefined;
    }, 10_000);
    expect(condition(status, 'Ready')?.status).toBe('False');
  }, 60_000);

  it('pauses its migration when the window closes and resumes it when it reopens', async () => {
    clock.now = new Date('2026-06-01T10:30:00Z');
    await h.mgmt.create(
      UPGRADE_SCHEDULES,
      schedule('windowed', {
        window: { days: ['Mon'], start: '10:00', end: '11:00' },
        pauseWhenWindowCloses: true,
      }),
    );
    const created = await h.manager.schedules.tick(
      { namespace: NS, name: 'windowed' },
      new Date('2026-06-01T10:30:00Z'),
    );
    expect(created.decision).toMatchObject({ create: true, name: 'windowed-202606011030' });

    clock.now = new Date('2026-06-01T11:05:00Z');
    await h.manager.schedules.resyncNow();
    await waitFor(
      async () =>
        (await getMigration('windowed-202606011030'))?.spec.paused === true ? true : undefined,
      10_000,
      'paused',
    );
    expect((await getSchedule('windowed'))?.status?.migrationsHeld).toBe(true);

    // The ClusterMigration controller runs too: with nothing exported it may reject the
    // migration meanwhile, and a finished migration is never touched again — then the schedule
    // must leave it as it is.
    const before = await getMigration('windowed-202606011030');
    const phase = (before as { status?: { phase?: string } } | undefined)?.status?.phase;
    clock.now = new Date('2026-06-08T10:05:00Z');
    await h.manager.schedules.resyncNow();
    await waitFor(
      async () =>
        (await getSchedule('windowed'))?.status?.migrationsHeld === false ? true : undefined,
      10_000,
      'window reopened',
    );
    const terminal = ['Rejected', 'Succeeded', 'Failed', 'Aborted'];
    const after = await getMigration('windowed-202606011030');
    const phaseAfter = (after as { status?: { phase?: string } } | undefined)?.status?.phase;
    if (terminal.includes(phase ?? '') || terminal.includes(phaseAfter ?? '')) return;
    await waitFor(
      async () =>
        (await getMigration('windowed-202606011030'))?.spec.paused === false ? true : undefined,
      10_000,
      'resumed',
    );
  }, 30_000);

  it('rebuilds its job schedulers from the CRs after Redis lost them, and drops ones with no CR', async () => {
    await h.mgmt.create(UPGRADE_SCHEDULES, schedule('flushme', { cron: '0 3 * * *' }));
    await waitFor(() => queue.getJobScheduler(`${NS}/flushme`), 10_000, 'job scheduler');
    await queue.upsertJobScheduler(`${NS}/ghost`, { pattern: '0 4 * * *' }, { name: 'tick' });
    // "flush": every key of the queue goes (the test's Redis may be shared: only this queue)
    await queue.obliterate({ force: true });
    expect(await queue.getJobScheduler(`${NS}/flushme`)).toBeUndefined();
    await queue.upsertJobScheduler(`${NS}/ghost`, { pattern: '0 4 * * *' }, { name: 'tick' });
    const rebuilt = await waitFor(
      () => queue.getJobScheduler(`${NS}/flushme`),
      15_000,
      'job scheduler rebuilt by the resync',
    );
    expect(rebuilt).toMatchObject({ pattern: '0 3 * * *', tz: 'UTC' });
    await waitFor(
      async () => ((await queue.getJobScheduler(`${NS}/ghost`)) ? undefined : true),
      15_000,
      'orphan scheduler removed',
    );
  }, 45_000);
});
