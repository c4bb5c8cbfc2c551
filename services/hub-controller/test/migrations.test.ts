// ClusterMigrations end to end on the emulators: blue and green export shop/inventory (pods that
// answer with their cluster's name, health-checked by the Lattice data plane); migrations move
// its traffic in steps, and the Lattice listener weights, read through the AWS SDK, follow.
import {
  GetListenerCommand,
  ListListenersCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  SERVICE_IMPORT_ANNOTATIONS,
  targetGroupName,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
} from '@trellis/core';
import {
  CoreResources,
  kubeConfigFromYaml,
  ResourceClient,
  ServiceExports,
  ServiceImports,
} from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import {
  DEMO,
  demoSeed,
  startDemoApp,
  startWorld,
  type DemoApp,
  type World,
} from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ControllerManager,
  TENANTS,
  WORKLOAD_CLUSTERS,
  type WorkloadCluster,
} from '../src/index.ts';
import { CLUSTER_MIGRATIONS } from '../src/migrations/migration-resources.ts';
import { condition, demoCluster, demoTenant, latticeAs, waitFor } from './support.ts';

type Migration = KubernetesObject & { spec: ClusterMigrationSpec; status?: ClusterMigrationStatus };
type Conditioned = KubernetesObject & {
  status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
};
type KubeEvent = KubernetesObject & {
  type: string;
  reason: string;
  message: string;
  involvedObject: { name: string; kind: string };
};

const NS = 'tenant-acme';
const at = { namespace: 'shop', name: 'inventory' };

describe('cluster migrations: blue → green through Lattice weights', () => {
  let world: World;
  let redis: RedisHandle;
  let manager: ControllerManager;
  let mgmt: ResourceClient;
  let app: DemoApp;
  let catalog: DemoApp;
  let dns = '';

  beforeAll(async () => {
    world = await startWorld({
      clusters: ['mgmt', ...DEMO.clusters.map((c) => c.name)],
      seed: demoSeed(),
      dataPlane: { port: 0, healthChecks: { intervalScale: 0.02 } },
    });
    redis = await getRedis();
    const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
    mgmt = new ResourceClient(kubeConfig, 'test');
    manager = new ControllerManager({
      settings: {
        hubId: `test-${randomUUID().slice(0, 8)}`,
        region: DEMO.region,
        awsEndpoint: world.aws.endpoint,
        resyncIntervalMs: 2_000,
        pollIntervalMs: 200,
        dataPlaneProxyUrl: world.aws.proxy!.url,
      },
      kubeConfig,
      redis: redisConnectionOptions(redis.url),
      baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
      leaseNamespace: 'default',
      backoff: { baseMs: 100, capMs: 1_000 },
      logger: pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' }),
    });
    await manager.start();
  }, 60_000);

  afterAll(async () => {
    await manager?.stop();
    await app?.stop();
    await catalog?.stop();
    await redis?.stop();
    await world?.stop();
  });

  // A failed test must not leave its migration's split in force for the next one.
  afterEach(async () => {
    const left = await mgmt.list<Migration>(CLUSTER_MIGRATIONS, { namespace: NS });
    if (left.items.length === 0) return;
    app?.setStatus('green', 200);
    for (const m of left.items)
      await mgmt.delete(CLUSTER_MIGRATIONS, { name: m.metadata!.name!, namespace: NS });
    if (dns !== '') await waitForGreen(50);
  }, 60_000);

  const lattice = () => latticeAs(world, DEMO.clusterAccount);

  /** blue or green, from one of inventory's target group names. */
  const clusterOfGroup = (name: string | undefined) =>
    ['blue', 'green'].find((c) => name?.startsWith(targetGroupName(c, 'shop', 'inventory', 80)));

  /** green's share in percent of the Lattice weights per cluster; undefined when none is set. */
  function greenShare(weights: { blue: number; green: number }): number | undefined {
    const total = weights.blue + weights.green;
    return total === 0 ? undefined : Math.round((weights.green / total) * 100);
  }
  const getMigration = (name: string) =>
    mgmt.get<Migration>(CLUSTER_MIGRATIONS, { name, namespace: NS });

  /** green's share of the listener's forward, in percent (from the Lattice weights). */
  async function greenPercent(): Promise<number | undefined> {
    const service = ((await lattice().send(new ListServicesCommand({}))).items ?? []).find(
      (s) => s.dnsEntry?.domainName === dns,
    );
    if (service === undefined) return undefined;
    const listeners = await lattice().send(
      new ListListenersCommand({ serviceIdentifier: service.id! }),
    );
    const listener = listeners.items?.[0];
    if (listener === undefined) return undefined;
    const detail = await lattice().send(
      new GetListenerCommand({ serviceIdentifier: service.id!, listenerIdentifier: listener.id! }),
    );
    const groups = (await lattice().send(new ListTargetGroupsCommand({}))).items ?? [];
    const weights = { blue: 0, green: 0 };
    for (const tg of detail.defaultAction?.forward?.targetGroups ?? []) {
      const id = tg.targetGroupIdentifier;
      const cluster = clusterOfGroup(groups.find((g) => g.id === id || g.arn === id)?.name);
      if (cluster === 'blue' || cluster === 'green') weights[cluster] += tg.weight ?? 0;
    }
    return greenShare(weights);
  }

  /** green's share in percent as the emulator holds it now (its data-plane view, synchronous). */
  function greenPercentHeld(): number | undefined {
    const view = world.aws.lattice.dataPlane;
    const service = view.findServiceByHost(dns);
    if (service === undefined) return undefined;
    const weights = { blue: 0, green: 0 };
    for (const listener of view.listenersOf(service.id))
      for (const rule of listener.rules) {
        if (rule.action.type !== 'forward') continue;
        for (const group of rule.action.targetGroups) {
          const cluster = clusterOfGroup(view.targetGroup(group.targetGroupId)?.name);
          if (cluster === 'blue' || cluster === 'green') weights[cluster] += group.weight;
        }
      }
    return greenShare(weights);
  }

  /**
   * Green's share after every Lattice listener write the emulator served (its call log fires
   * after the state changed), from now until `stop`: the distinct values in the order written.
   * Exact, unlike sampling, which can miss a short step or the last write on a loaded machine.
   */
  function recordWeights(): { stop: () => number[] } {
    const seen: number[] = [];
    const note = () => {
      const percent = greenPercentHeld();
      if (percent !== undefined && seen.at(-1) !== percent) seen.push(percent);
    };
    note();
    const unsubscribe = world.aws.calls.onRecord((record) => {
      if (record.service === 'vpc-lattice' && record.status < 300) note();
    });
    return {
      stop: () => {
        unsubscribe();
        return seen;
      },
    };
  }

  async function createMigration(name: string, spec: ClusterMigrationSpec): Promise<void> {
    await mgmt.create(CLUSTER_MIGRATIONS, { metadata: { name, namespace: NS }, spec });
  }

  async function waitForPhase(name: string, phase: string, timeoutMs = 40_000) {
    return waitFor(
      async () => {
        const m = await getMigration(name);
        return m?.status?.phase === phase ? m : undefined;
      },
      timeoutMs,
      `${name} ${phase}`,
    );
  }

  async function waitForGreen(percent: number, timeoutMs = 20_000) {
    await waitFor(
      async () => ((await greenPercent()) === percent ? true : undefined),
      timeoutMs,
      `green at ${percent}%`,
    );
  }

  async function patchSpec(name: string, spec: Partial<ClusterMigrationSpec>) {
    await mgmt.mergePatch(CLUSTER_MIGRATIONS, { name, namespace: NS }, { spec });
  }

  /** Deleting a migration releases its split: back to the export weights (equal). */
  async function deleteMigration(name: string) {
    await mgmt.delete(CLUSTER_MIGRATIONS, { name, namespace: NS });
    await waitForGreen(50);
  }

  function appliedInOrder(status: ClusterMigrationStatus | undefined): number[] {
    return (status?.stepStates ?? [])
      .filter((s) => s.appliedAt !== undefined)
      .sort((a, b) => Date.parse(a.appliedAt!) - Date.parse(b.appliedAt!) || a.index - b.index)
      .map((s) => s.index);
  }

  const FAST_GATE = {
    minHealthyTargetRatio: 1,
    holdSeconds: 0,
    intervalSeconds: 1,
    timeoutSeconds: 30,
  };

  it('onboards acme with blue, green and client, and exports inventory from blue and green', async () => {
    await mgmt.create(TENANTS, demoTenant('acme'));
    await waitFor(
      async () =>
        condition(await mgmt.get<Conditioned>(TENANTS, { name: 'acme' }), 'Ready')?.status ===
        'True'
          ? true
          : undefined,
      30_000,
      'tenant Ready',
    );
    for (const c of DEMO.clusters)
      await mgmt.create(WORKLOAD_CLUSTERS, demoCluster('acme', c.name));
    for (const c of DEMO.clusters) {
      await waitFor(
        async () =>
          condition(
            await mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, { name: c.name, namespace: NS }),
            'Ready',
          )?.status === 'True'
            ? true
            : undefined,
        60_000,
        `cluster ${c.name} Ready`,
      );
    }
    app = await startDemoApp({ world, clusters: ['blue', 'green'], consumers: ['client'] });
    await app.exportFrom('blue');
    await app.exportFrom('green');
    const client = new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, 'client'), 'test');
    const imported = await waitFor(
      async () => {
        const si = await client.get<KubernetesObject & { status?: { clusters?: unknown[] } }>(
          ServiceImports,
          at,
        );
        const name = si?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns];
        return si?.status?.clusters?.length === 2 && name ? name : undefined;
      },
      40_000,
      'inventory imported with both clusters',
    );
    dns = imported;
    for (const cluster of ['blue', 'green']) {
      const member = new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, cluster), 'test');
      await waitFor(
        async () =>
          condition(await member.get<Conditioned>(ServiceExports, at), 'Ready')?.status === 'True'
            ? true
            : undefined,
        30_000,
        `${cluster} export Ready`,
      );
    }
    await waitForGreen(50);
  }, 150_000);

  it('runs 10/50/100 to Succeeded; the listener weights follow each step, applied once each in order', async () => {
    const recorder = recordWeights();
    await createMigration('to-green', {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { all: true },
      steps: [
        { weightPercent: 10, pauseSeconds: 1 },
        { weightPercent: 50, pauseSeconds: 1 },
        { weightPercent: 100, pauseSeconds: 0 },
      ],
      healthGate: { ...FAST_GATE, probe: { path: '/', expectedStatus: 200 } },
    });
    const done = await waitForPhase('to-green', 'Succeeded', 60_000);
    await waitForGreen(100);
    const seen = recorder.stop();
    expect(seen).toEqual([50, 10, 50, 100]);

    const status = done.status!;
    expect(status.services).toEqual([at]);
    expect(appliedInOrder(status)).toEqual([0, 1, 2]);
    expect(status.stepStates?.map((s) => s.weightPercent)).toEqual([10, 50, 100]);
    for (const s of status.stepStates ?? []) {
      expect(s.gate?.result).toBe('Passed');
      expect(s.gate?.observedRatio).toBe(1);
      expect(s.skipped).toBeUndefined();
    }
    expect(status.pendingWrite).toBeUndefined();
    expect(status.weightsApplied).toMatchObject([{ ...at, fromPercent: 0, toPercent: 100 }]);
    expect(condition(done as Conditioned, 'Ready')?.status).toBe('True');

    const events = await mgmt.list<KubeEvent>(CoreResources.events, { namespace: NS });
    const reasons = events.items
      .filter(
        (e) => e.involvedObject.name === 'to-green' && e.involvedObject.kind === 'ClusterMigration',
      )
      .map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Validating', 'Progressing', 'Succeeded']));

    const metrics = await manager.registry.metrics();
    expect(metrics).toMatch(
      /trellis_migration_weight_writes_total\{kind="step",result="success"\} 3/,
    );
    expect(metrics).toMatch(/trellis_migrations\{phase="Succeeded"\} 1/);

    // the split stays until the migration is deleted, then the export weights are back
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await greenPercent()).toBe(100);
    await deleteMigration('to-green');
  }, 120_000);

  it('holds while paused, resumes when unpaused, and promote jumps to 100% skipping the rest', async () => {
    await createMigration('pausable', {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { list: [at] },
      steps: [
        { weightPercent: 10, pauseSeconds: 1 },
        { weightPercent: 25, pauseSeconds: 600 },
        { weightPercent: 50, pauseSeconds: 600 },
        { weightPercent: 100, pauseSeconds: 0 },
      ],
      healthGate: FAST_GATE,
    });
    await waitForGreen(10);
    await patchSpec('pausable', { paused: true });
    const paused = await waitForPhase('pausable', 'Paused');
    expect(paused.status?.pause?.reason).toBe('Manual');
    await new Promise((r) => setTimeout(r, 2_500)); // past step 0's hold
    expect(await greenPercent()).toBe(10);
    expect((await getMigration('pausable'))?.status?.phase).toBe('Paused');

    await patchSpec('pausable', { paused: false });
    await waitForGreen(25);
    await waitFor(
      async () => {
        const m = await getMigration('pausable');
        return m?.status?.currentStep === 1 && m.status.stepStates?.[1]?.appliedAt ? m : undefined;
      },
      20_000,
      'step 1 applied',
    );
    await patchSpec('pausable', {
      action: { type: 'Promote', requestedAt: new Date().toISOString() },
    });
    const done = await waitForPhase('pausable', 'Succeeded');
    expect(await greenPercent()).toBe(100);
    expect(appliedInOrder(done.status)).toEqual([0, 1, 3]);
    expect(done.status?.stepStates?.[2]).toMatchObject({
      skipped: true,
      gate: { result: 'Skipped' },
    });
    expect(done.status?.promotedAt).toBeDefined();
    expect(done.status?.lastAction).toMatchObject({ type: 'Promote', result: 'Applied' });
    await deleteMigration('pausable');
  }, 120_000);

  it('abort rolls back to 100/0', async () => {
    await createMigration('aborted', {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { all: true },
      steps: [
        { weightPercent: 30, pauseSeconds: 600 },
        { weightPercent: 100, pauseSeconds: 0 },
      ],
      healthGate: FAST_GATE,
    });
    await waitForGreen(30);
    await patchSpec('aborted', {
      action: { type: 'Abort', requestedAt: new Date().toISOString() },
    });
    const done = await waitForPhase('aborted', 'Aborted');
    await waitForGreen(0);
    expect(done.status?.rollback?.reason).toBe('Aborted');
    expect(done.status?.weightsApplied).toMatchObject([{ ...at, fromPercent: 100, toPercent: 0 }]);
    await deleteMigration('aborted');
  }, 120_000);

  it('a failing health gate with failurePolicy Rollback ends Failed with blue at 100%', async () => {
    await createMigration('unhealthy', {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { all: true },
      steps: [
        // Long enough for the data plane's health checks to mark green unhealthy (about 1.2 s
        // after the 500s start) before the gate of step 1 is measured, on a loaded machine too.
        { weightPercent: 10, pauseSeconds: 8 },
        { weightPercent: 50, pauseSeconds: 1 },
        { weightPercent: 100, pauseSeconds: 0 },
      ],
      healthGate: { ...FAST_GATE, timeoutSeconds: 4 },
      failurePolicy: 'Rollback',
    });
    await waitForGreen(10);
    app.setStatus('green', 500); // the data plane's health checks mark green's pods unhealthy
    try {
      const failed = await waitForPhase('unhealthy', 'Failed', 60_000);
      await waitForGreen(0);
      expect(failed.status?.rollback?.reason).toBe('GateFailed');
      expect(appliedInOrder(failed.status)).toEqual([0]);
      expect(failed.status?.stepStates?.[1]?.gate?.result).toBe('Failed');
      expect(failed.status?.stepStates?.[1]?.gate?.observedRatio).toBeLessThan(1);
      expect(condition(failed as Conditioned, 'Ready')?.status).toBe('False');
    } finally {
      app.setStatus('green', 200);
    }
    await deleteMigration('unhealthy');
  }, 120_000);

  it('rejects a migration of a service green does not export, with the reasons per service', async () => {
    catalog = await startDemoApp({ world, clusters: ['blue'], name: 'catalog' });
    await catalog.exportFrom('blue');
    await createMigration('catalog-too', {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { list: [at, { namespace: 'shop', name: 'catalog' }] },
    });
    const rejected = await waitForPhase('catalog-too', 'Rejected');
    expect(rejected.status?.rejections).toEqual([
      {
        namespace: 'shop',
        name: 'catalog',
        reason: 'NotExported',
        message: 'not exported by green',
      },
    ]);
    expect(condition(rejected as Conditioned, 'Valid')?.status).toBe('False');
    await waitFor(
      async () => {
        const events = await mgmt.list<KubeEvent>(CoreResources.events, { namespace: NS });
        return events.items.find(
          (e) => e.involvedObject.name === 'catalog-too' && e.reason === 'Rejected',
        );
      },
      10_000,
      'Rejected event',
    ).then((event) => {
      expect(event.type).toBe('Warning');
      expect(event.message).toContain('shop/catalog: NotExported: not exported by green');
    });
    // nothing was written: inventory keeps the export weights
    expect(await greenPercent()).toBe(50);
  }, 60_000);
});
