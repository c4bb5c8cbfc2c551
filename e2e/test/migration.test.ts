// A weighted ClusterMigration with the hub as separate processes: shop/inventory moves from blue
// to green in steps 10% / 50% / 100%, started through POST /v1/tenants/{tenant}/migrations. The
// hub-controller is SIGKILLed the instant AWS holds the first step's weights (the intent is
// persisted, the controller never saw the answer); the restarted one finishes to Succeeded with
// every step applied once, in order. Traffic through the Lattice data plane follows each step.
// A second migration whose health gate fails (green's pods answer 500) rolls back to blue.
import type { KubernetesObject } from '@kubernetes/client-node';
import { ListTargetGroupsCommand, ListTargetsCommand } from '@aws-sdk/client-vpc-lattice';
import {
  CLUSTER_MIGRATION_RESOURCE,
  SERVICE_IMPORT_ANNOTATIONS,
  targetGroupName,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
} from '@trellis/core';
import { ServiceImports } from '@trellis/kube';
import { startDemoApp, type DemoApp } from '@trellis/testbed';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conditionOf, waitFor } from '../src/api-client.ts';
import { startE2e, TENANT, TENANT_NAMESPACE, type E2e } from '../src/harness.ts';
import { BackgroundSampler, sample, withinTolerance } from '../src/sampler.ts';
import { distinctRuns, percentOf, WeightLog } from '../src/weight-log.ts';

type ServiceImport = KubernetesObject & { status?: { clusters?: { cluster: string }[] } };
type Migration = KubernetesObject & { spec: ClusterMigrationSpec; status?: ClusterMigrationStatus };
interface MigrationView {
  name: string;
  status: ClusterMigrationStatus & { conditions: { type: string; status: string }[] };
  progress: { phase: string; toPercent: number };
}

const SERVICE = { namespace: 'shop', name: 'inventory' };
const WEIGHT_WRITES = new Set(['CreateListener', 'UpdateListener', 'CreateRule', 'UpdateRule']);
const TERMINAL = new Set(['Succeeded', 'Failed', 'Aborted', 'Rejected']);

describe('e2e: a weighted migration blue → green through a crashing hub-controller', () => {
  let e2e: E2e;
  let app: DemoApp;
  let dns: string;
  let weights: WeightLog;
  let proxyUrl: string;

  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.onboard();
    app = await startDemoApp({
      world: e2e.world,
      clusters: ['blue', 'green'],
      consumers: ['client'],
    });
    await app.exportFrom('blue');
    await app.exportFrom('green');
    proxyUrl = e2e.world.aws.proxy!.url;
    const imported = await waitFor(
      async () => {
        const si = await e2e.member('client').get<ServiceImport>(ServiceImports, SERVICE);
        const name = si?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns];
        return si?.status?.clusters?.length === 2 && name !== undefined ? name : undefined;
      },
      60_000,
      'ServiceImport of inventory in client with blue and green',
    );
    dns = imported;
    weights = new WeightLog(e2e.world, { ...SERVICE, port: 80, clusters: ['blue', 'green'] });
    weights.start(dns);
    await waitFor(
      async () => {
        const t = await sample(proxyUrl, dns, 20);
        return (t.answers.blue ?? 0) > 0 && (t.answers.green ?? 0) > 0;
      },
      30_000,
      'both clusters answering through the data plane (targets healthy)',
    );
  }, 150_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(e2e?.diagnostics());
  });

  afterAll(async () => {
    weights?.stop();
    await app?.stop();
    await e2e?.stop();
  });

  const path = (name?: string) =>
    `/v1/tenants/${TENANT}/migrations${name === undefined ? '' : `/${name}`}`;

  async function view(name: string): Promise<MigrationView> {
    const answer = await e2e.api.request<MigrationView>('GET', path(name));
    if (answer.status !== 200) throw new Error(`GET ${name}: ${answer.status}`);
    return answer.body;
  }

  async function start(name: string, spec: ClusterMigrationSpec): Promise<void> {
    const answer = await e2e.api.request('POST', path(), { name, spec });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  }

  /** Poll the REST view until the migration ends (any terminal phase), or fail. */
  async function finished(name: string, timeoutMs: number): Promise<MigrationView> {
    return waitFor(
      async () => {
        const v = await view(name);
        return TERMINAL.has(v.progress.phase) ? v : undefined;
      },
      timeoutMs,
      `migration ${name} ends`,
      200,
    );
  }

  /** Call `act` (once) in the emulator's call log the instant a weight write gives green `percent`. */
  function onGreenWrite(percent: number, act: () => void): () => void {
    let done = false;
    return e2e.world.aws.calls.onRecord((record) => {
      if (done || record.service !== 'vpc-lattice' || record.status >= 300) return;
      if (record.operation === undefined || !WEIGHT_WRITES.has(record.operation)) return;
      if (weights.percentNow('green') !== percent) return;
      done = true;
      act();
    });
  }

  it('10% / 50% / 100%: traffic follows each step; SIGKILLed after AWS took the 10% write, the restarted hub-controller finishes with every step applied once, in order', async () => {
    // before: the export weights, an equal split
    const baseline = weights.percentNow('green');
    expect(baseline).toBe(50);
    const since = Date.now();
    const sampler = new BackgroundSampler({ proxyUrl, host: dns, weights, cluster: 'green' });
    sampler.start();

    let killed: Promise<void> | undefined;
    const unsubscribe = onGreenWrite(10, () => {
      killed = e2e.controller.kill();
    });
    try {
      await start('inventory-to-green', {
        fromCluster: 'blue',
        toCluster: 'green',
        services: { list: [SERVICE] },
        steps: [
          { weightPercent: 10, pauseSeconds: 4 },
          { weightPercent: 50, pauseSeconds: 4 },
          { weightPercent: 100, pauseSeconds: 0 },
        ],
        healthGate: {
          minHealthyTargetRatio: 1,
          holdSeconds: 1,
          intervalSeconds: 1,
          timeoutSeconds: 30,
          probe: { path: '/', expectedStatus: 200 },
        },
        failurePolicy: 'Rollback',
      });
      await waitFor(() => killed !== undefined, 45_000, 'AWS takes the 10% write');
      await killed;
    } finally {
      unsubscribe();
    }
    expect(e2e.controller.running()).toBe(false);
    // the crash window: the intent of step 0 is persisted, its application is not
    const atCrash = await e2e.mgmt.get<Migration>(CLUSTER_MIGRATION_RESOURCE, {
      namespace: TENANT_NAMESPACE,
      name: 'inventory-to-green',
    });
    expect(atCrash?.status?.phase).toBe('Progressing');
    expect(atCrash?.status?.pendingWrite).toMatchObject({
      kind: 'Step',
      step: 0,
      weightPercent: 10,
    });
    expect(atCrash?.status?.stepStates?.[0]?.intendedAt).toBeDefined();
    expect(atCrash?.status?.stepStates?.[0]?.appliedAt).toBeUndefined();
    expect(weights.percentNow('green')).toBe(10);

    await e2e.crashAndRestart(); // (already dead: starts it and waits for the Lease)
    expect(e2e.controller.starts).toBe(2);

    const done = await finished('inventory-to-green', 60_000);
    await new Promise((r) => setTimeout(r, 500)); // a few answers at 100%
    await sampler.stop();
    expect(done.progress.phase, JSON.stringify(done.status)).toBe('Succeeded');

    // AWS: the equal split, then each planned step exactly once, in order
    const greenWrites = weights.percents('green', since);
    expect(distinctRuns([baseline!, ...greenWrites]), JSON.stringify(greenWrites)).toEqual([
      50, 10, 50, 100,
    ]);
    expect(percentOf(weights.writes.at(-1)!.weights, 'blue')).toBe(0);

    // the status: steps 0, 1, 2, each intended, applied and finished once, in order
    const steps = done.status.stepStates ?? [];
    expect(steps.map((s) => [s.index, s.weightPercent])).toEqual([
      [0, 10],
      [1, 50],
      [2, 100],
    ]);
    let previousApplied = 0;
    for (const s of steps) {
      expect(s.skipped, `step ${s.index}`).toBeUndefined();
      expect(s.gate?.result, `step ${s.index}`).toBe('Passed');
      const intended = Date.parse(s.intendedAt ?? '');
      const applied = Date.parse(s.appliedAt ?? '');
      expect(intended, `step ${s.index} intendedAt`).toBeLessThanOrEqual(applied);
      expect(applied, `step ${s.index} appliedAt`).toBeGreaterThanOrEqual(previousApplied);
      previousApplied = applied;
    }
    expect(done.status.pendingWrite).toBeUndefined();
    expect(done.progress.toPercent).toBe(100);
    expect(conditionOf(done, 'Ready')?.status).toBe('True');

    // traffic: every request answered, by the split AWS held while it ran
    const answers = sampler.answers.map((a) => a.answer);
    expect(answers.filter((a) => a !== 'blue' && a !== 'green')).toEqual([]);
    const at10 = sampler.at(10);
    const at50 = sampler.at(50);
    const at100 = sampler.at(100);
    const detail = JSON.stringify({ at10, at50, at100, straddling: sampler.straddling });
    expect(at10.total, detail).toBeGreaterThanOrEqual(80);
    expect(at50.total, detail).toBeGreaterThanOrEqual(80);
    expect(withinTolerance(at10.answers.green ?? 0, at10.total, 10), detail).toBe(true);
    expect((at10.answers.green ?? 0) / at10.total, detail).toBeLessThan(0.25);
    expect(withinTolerance(at50.answers.green ?? 0, at50.total, 50), detail).toBe(true);
    expect(at100.answers.blue ?? 0, detail).toBe(0);

    const after = await sample(proxyUrl, dns, 200);
    expect(after.answers, JSON.stringify(after)).toEqual({ green: 200 });
  }, 120_000);

  it('a failing health gate (green answers 500 after the 10% step) rolls back to blue 100 / green 0 and ends Failed with the reason', async () => {
    // the finished migration's split is released when it is deleted: the equal split again
    const deleted = await e2e.api.request('DELETE', path('inventory-to-green'));
    expect([202, 204]).toContain(deleted.status);
    await waitFor(() => weights.percentNow('green') === 50, 30_000, 'the equal split again');
    await waitFor(
      async () => (await e2e.api.request('GET', path('inventory-to-green'))).status === 404,
      30_000,
      'the first migration gone',
    );
    const since = Date.now();

    // green fails the instant AWS sends it 10%, long before the next step's gate passes
    const unsubscribe = onGreenWrite(10, () => app.setStatus('green', 500));
    try {
      await start('inventory-unhealthy', {
        fromCluster: 'blue',
        toCluster: 'green',
        services: { list: [SERVICE] },
        steps: [
          { weightPercent: 10, pauseSeconds: 6 },
          { weightPercent: 50, pauseSeconds: 3 },
          { weightPercent: 100, pauseSeconds: 0 },
        ],
        healthGate: {
          minHealthyTargetRatio: 1,
          holdSeconds: 1,
          intervalSeconds: 1,
          timeoutSeconds: 4,
        },
        failurePolicy: 'Rollback',
      });
      const failed = await finished('inventory-unhealthy', 60_000);
      expect(failed.progress.phase, JSON.stringify(failed.status)).toBe('Failed');
      expect(failed.status.rollback?.reason).toBe('GateFailed');
      expect(failed.status.rollback?.message).toMatch(/\S/);
      const steps = failed.status.stepStates ?? [];
      expect(steps[0]?.appliedAt).toBeDefined();
      expect(steps[1]?.gate?.result).toBe('Failed');
      expect(steps[1]?.gate?.observedRatio).toBeLessThan(1);
      expect(steps.slice(1).every((s) => s.appliedAt === undefined)).toBe(true);
      expect(conditionOf(failed, 'Ready')?.status).toBe('False');

      // AWS: the equal split, the first step, then the rollback — and nothing after
      const greenWrites = weights.percents('green', since);
      expect(distinctRuns([50, ...greenWrites]), JSON.stringify(greenWrites)).toEqual([50, 10, 0]);
      expect(percentOf(weights.writes.at(-1)!.weights, 'blue')).toBe(100);
      expect(weights.percentNow('green')).toBe(0);
    } finally {
      unsubscribe();
      app.setStatus('green', 200);
    }

    // with green healthy again, the data plane could send it traffic: the rolled-back weights don't
    await waitFor(greenTargetsHealthy, 30_000, "green's targets healthy again");
    const after = await sample(proxyUrl, dns, 200);
    expect(after.answers, JSON.stringify(after)).toEqual({ blue: 200 });
    expect((await view('inventory-unhealthy')).progress.phase).toBe('Failed');
  }, 90_000);

  /** Every target of green's inventory target group HEALTHY, as the cluster account sees it. */
  async function greenTargetsHealthy(): Promise<boolean> {
    const name = targetGroupName('green', SERVICE.namespace, SERVICE.name, 80);
    const groups = (await e2e.lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
    const group = groups.find((g) => g.name === name);
    if (group?.id === undefined) return false;
    const targets =
      (await e2e.lattice.send(new ListTargetsCommand({ targetGroupIdentifier: group.id }))).items ??
      [];
    return targets.length > 0 && targets.every((t) => t.status === 'HEALTHY');
  }
});
