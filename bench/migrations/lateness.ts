// ClusterMigrations at scale (issue #7): how late steps are applied after they are due, with N
// migrations running at once. One tenant, clusters blue and green on the emulators, N services
// exported from both, the hub-controller in-process; then N ClusterMigrations blue → green, one
// service each (a service can be in only one running migration), all created together.
//   npm run bench -- migrations [--migrations 100] [--steps 10,50,100] [--pause-ms 5000]
//     [--concurrency 4] [--poll-ms 2000] [--resync-ms 60000] [--timeout-s 1800] [--cpu-prof FILE]
// A step is due when the previous one has been applied and held for its pause
// (stepStates[i-1].appliedAt + pauseSeconds); its lateness is stepStates[i].appliedAt − due, split
// into wake (due → the previous step's finishedAt: the delayed job and the queue), gate (→ the
// step's intendedAt: the health-gate measurement) and write (→ appliedAt: the weights reaching
// Lattice through the multi-cluster service reconcile). Step 0 has no due time: it is reported
// from the migration's creation. Prints figures; exits 1 if a migration does not succeed.
// Everything shares one process and event loop (emulators, controller, the measuring loop).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { CallRecord } from '@trellis/aws-emulator';
import {
  CLUSTER_MIGRATION_RESOURCE,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
} from '@trellis/core';
import { ControllerManager, TENANTS, WORKLOAD_CLUSTERS } from '@trellis/hub-controller';
import {
  CoreResources,
  kubeConfigFromYaml,
  ResourceClient,
  ServiceExports,
  WatchedCollection,
} from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed, startWorld } from '@trellis/testbed';
import { getRedis } from '@trellis/testkit';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';

const { values } = parseArgs({
  options: {
    migrations: { type: 'string', default: '100' },
    steps: { type: 'string', default: '10,50,100' },
    'pause-ms': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '4' },
    'poll-ms': { type: 'string', default: '2000' },
    'resync-ms': { type: 'string', default: '60000' },
    'timeout-s': { type: 'string', default: '1800' },
    /** write a V8 CPU profile of the migration phase (open in Chrome DevTools) */
    'cpu-prof': { type: 'string' },
  },
});
const N = Number(values.migrations);
const WEIGHTS = values.steps.split(',').map(Number);
const PAUSE_MS = Number(values['pause-ms']);
const CONCURRENCY = Number(values.concurrency);
const POLL_MS = Number(values['poll-ms']);
const RESYNC_MS = Number(values['resync-ms']);
const TIMEOUT_MS = Number(values['timeout-s']) * 1000;
if (!Number.isInteger(N) || N < 1) throw new Error('--migrations: a positive integer');
if (WEIGHTS.some((w) => !Number.isInteger(w) || w < 0 || w > 100) || WEIGHTS.at(-1) !== 100)
  throw new Error('--steps: comma-separated percentages ending at 100, e.g. 10,50,100');
// pauseSeconds is an integer in the API
if (!Number.isInteger(PAUSE_MS / 1000) || PAUSE_MS < 0)
  throw new Error('--pause-ms: a whole number of seconds in ms, e.g. 5000');

const TENANT = 'bench';
const TENANT_NS = `tenant-${TENANT}`;
const NS = 'bench';
const CLUSTERS = ['blue', 'green'] as const;
const serviceName = (i: number) => `svc-${String(i).padStart(4, '0')}`;
const migrationName = (i: number) => `mig-${String(i).padStart(4, '0')}`;

type Conditioned = KubernetesObject & {
  status?: { conditions?: { type: string; status: string }[] };
};
type Migration = KubernetesObject & { spec: ClusterMigrationSpec; status?: ClusterMigrationStatus };
const ready = (o: Conditioned | undefined) =>
  o?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const pct = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const dist = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return `p50 ${s(pct(v, 50))}  p95 ${s(pct(v, 95))}  p99 ${s(pct(v, 99))}  max ${s(v.at(-1) ?? NaN)}  (n=${v.length})`;
};

const t0 = performance.now();
const phase = (what: string) =>
  console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${what}`);

const heapBase = heap();
const world = await startWorld({
  clusters: ['mgmt', ...DEMO.clusters.map((c) => c.name)],
  seed: demoSeed(),
  // no data plane runs health checks here: registered targets are healthy, so the gates pass on
  // their first measurement (which is still made, with all its AWS reads)
  lattice: { initialTargetHealth: 'HEALTHY' },
});
// every AWS call, counted (the emulator's own log keeps only the last 10,000)
const counts = { all: 0, mutating: 0 };
const byOperation = new Map<string, number>();
const record = world.aws.calls.record.bind(world.aws.calls);
world.aws.calls.record = (entry: CallRecord) => {
  counts.all++;
  if (entry.mutating) counts.mutating++;
  const key = `${entry.service}:${entry.operation ?? '?'}${entry.mutating ? '*' : ''}`;
  byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
  record(entry);
};
const snapshot = () => ({ ...counts, ops: new Map(byOperation), at: performance.now() });

const redis = await getRedis();
const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
const mgmt = new ResourceClient(kubeConfig, 'bench');
const member = Object.fromEntries(
  CLUSTERS.map((c) => [
    c,
    new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, c), 'bench'),
  ]),
) as Record<(typeof CLUSTERS)[number], ResourceClient>;
const manager = new ControllerManager({
  settings: {
    hubId: `bench-${randomUUID().slice(0, 8)}`,
    region: DEMO.region,
    awsEndpoint: world.aws.endpoint,
    resyncIntervalMs: RESYNC_MS,
    pollIntervalMs: POLL_MS,
  },
  kubeConfig,
  redis: redisConnectionOptions(redis.url),
  baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
  leaseNamespace: 'default',
  concurrency: CONCURRENCY,
  backoff: { baseMs: 100, capMs: 2_000 },
  logger: pino({ level: process.env.TRELLIS_BENCH_LOG ?? 'silent' }),
});
await manager.start();

await mgmt.create(TENANTS, {
  metadata: { name: TENANT },
  spec: {
    networkAccount: {
      accountId: DEMO.networkAccount,
      roleArn: DEMO.networkRoleArn,
      externalId: DEMO.networkExternalId,
      region: DEMO.region,
    },
  },
});
await until(
  async () => ready(await mgmt.get<Conditioned>(TENANTS, { name: TENANT })),
  'tenant Ready',
  120_000,
);
for (const name of CLUSTERS) {
  await mgmt.create(WORKLOAD_CLUSTERS, {
    metadata: { name, namespace: TENANT_NS },
    spec: {
      eks: {
        accountId: DEMO.clusterAccount,
        roleArn: DEMO.clusterRoleArn,
        externalId: DEMO.clusterExternalId,
        clusterName: name,
        region: DEMO.region,
      },
    },
  });
}
await until(
  async () =>
    (await mgmt.list<Conditioned>(WORKLOAD_CLUSTERS, { namespace: TENANT_NS })).items.filter(ready)
      .length === CLUSTERS.length,
  'blue and green Ready',
  300_000,
);
phase('tenant, blue and green Ready');

// N services, each exported from blue and green (the same service, as before a migration)
for (const cluster of CLUSTERS)
  await member[cluster].create(CoreResources.namespaces, { metadata: { name: NS } });
const jobs = CLUSTERS.flatMap((cluster, c) =>
  Array.from({ length: N }, (_, i) => ({ cluster, c, i })),
);
await inBatches(jobs, 20, async ({ cluster, c, i }) => {
  const client = member[cluster];
  const name = serviceName(i);
  const at = { name, namespace: NS };
  await client.create(CoreResources.services, {
    metadata: at,
    spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  } as KubernetesObject);
  await client.create(CoreResources.endpointSlices, {
    metadata: {
      name: `${name}-abc12`,
      namespace: NS,
      labels: { 'kubernetes.io/service-name': name },
    },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: [`10.${c + 1}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`],
        conditions: { ready: true },
      },
    ],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  } as KubernetesObject);
  await client.create(ServiceExports, { metadata: at });
});
const readyExports = async () => {
  let n = 0;
  for (const cluster of CLUSTERS)
    n += (await member[cluster].list<Conditioned>(ServiceExports, { namespace: NS })).items.filter(
      ready,
    ).length;
  return n;
};
const exportProgress = setInterval(
  () => void readyExports().then((n) => phase(`exports Ready: ${n}/${2 * N}`)),
  30_000,
);
await until(async () => (await readyExports()) === 2 * N, `${2 * N} exports Ready`, 60 * 60_000);
clearInterval(exportProgress);
phase(`${N} services exported from blue and green (${2 * N} exports Ready)`);

// background: what the controller does without migrations (resyncs), over one resync period
// after the exports have settled
await new Promise((r) => setTimeout(r, 10_000));
const idleFrom = snapshot();
await new Promise((r) => setTimeout(r, Math.min(RESYNC_MS, 60_000)));
const idleTo = snapshot();
const idleRate = (idleTo.all - idleFrom.all) / ((idleTo.at - idleFrom.at) / 1000);

/** Totals of the controller's own metrics: `<metric>{labels}` → summed value. */
async function metricTotals(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const metric of await manager.registry.getMetricsAsJSON()) {
    if (!metric.name.startsWith('trellis_')) continue;
    for (const v of metric.values as {
      labels: Record<string, string | number>;
      value: number;
      metricName?: string;
    }[]) {
      const name = v.metricName ?? metric.name;
      if (name.endsWith('_bucket')) continue;
      const { le: _le, ...labels } = v.labels;
      const key = `${name}{${Object.entries(labels)
        .map(([k, x]) => `${k}=${x}`)
        .join(',')}}`;
      out.set(key, (out.get(key) ?? 0) + v.value);
    }
  }
  return out;
}
const metricsBefore = await metricTotals();
const heapBefore = heap();
const rssBefore = process.memoryUsage().rss;
const loop = monitorEventLoopDelay({ resolution: 20 });
loop.enable();
// the measuring side watches the migrations (a list every poll would cost as much as the
// controller's own reads)
const migrationWatch = new WatchedCollection<Migration>(kubeConfig, CLUSTER_MIGRATION_RESOURCE, {
  namespace: TENANT_NS,
});
await migrationWatch.start();
await migrationWatch.synced();
const profiler = values['cpu-prof'] === undefined ? undefined : new Session();
if (profiler !== undefined) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const before = snapshot();
const created = new Map<string, number>(); // migration → epoch ms when its create returned
const steps = WEIGHTS.map((weightPercent, i) => ({
  weightPercent,
  pauseSeconds: i === WEIGHTS.length - 1 ? 0 : PAUSE_MS / 1000,
}));
const migrationsStarted = performance.now();
await inBatches(
  Array.from({ length: N }, (_, i) => i),
  20,
  async (i) => {
    const spec: ClusterMigrationSpec = {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { list: [{ namespace: NS, name: serviceName(i) }] },
      steps,
      healthGate: {
        minHealthyTargetRatio: 1,
        holdSeconds: 0,
        intervalSeconds: 1,
        timeoutSeconds: 600,
      },
    };
    await mgmt.create(CLUSTER_MIGRATION_RESOURCE, {
      metadata: { name: migrationName(i), namespace: TENANT_NS },
      spec,
    });
    created.set(migrationName(i), Date.now());
  },
);
phase(
  `${N} ClusterMigrations created in ${s(performance.now() - migrationsStarted)} (steps ${WEIGHTS.join('/')}, pause ${PAUSE_MS / 1000} s)`,
);

const TERMINAL = new Set(['Succeeded', 'Failed', 'Aborted', 'Rejected']);
let final: Migration[];
const listMigrations = () => [...migrationWatch.list(TENANT_NS)];
const summary = (items: Migration[]) => {
  const phases = new Map<string, number>();
  for (const m of items) {
    const p = m.status?.phase ?? 'Pending';
    phases.set(p, (phases.get(p) ?? 0) + 1);
  }
  const applied = items.reduce(
    (n, m) => n + (m.status?.stepStates ?? []).filter((x) => x.appliedAt).length,
    0,
  );
  return `${[...phases].map(([p, n]) => `${p} ${n}`).join(', ')}; steps applied ${applied}/${N * WEIGHTS.length}`;
};
let lastProgress = performance.now();
let timedOut = false;
for (;;) {
  final = listMigrations();
  if (final.length === N && final.every((m) => TERMINAL.has(m.status?.phase ?? ''))) break;
  if (performance.now() - migrationsStarted > TIMEOUT_MS) {
    timedOut = true;
    break;
  }
  if (performance.now() - lastProgress > 15_000) {
    lastProgress = performance.now();
    phase(`${summary(final)}; AWS calls so far ${counts.all - before.all}`);
  }
  await new Promise((r) => setTimeout(r, 500));
}
const allDone = performance.now();
const after = snapshot();
loop.disable();
if (profiler !== undefined && values['cpu-prof'] !== undefined) {
  const { profile } = await profiler.post('Profiler.stop');
  await writeFile(values['cpu-prof'], JSON.stringify(profile));
  profiler.disconnect();
}
phase(
  timedOut ? `timed out after ${s(TIMEOUT_MS)}: ${summary(final)}` : `all ${N} migrations ended`,
);
const heapAfter = heap();
const rssAfter = process.memoryUsage().rss;

// per step, from the statuses
const lateness: number[] = [];
const wake: number[] = [];
const gate: number[] = [];
const write: number[] = [];
const first: number[] = []; // created → step 0 applied
const finish: number[] = []; // last step due (applied + its pause) → completedAt
const byStep = WEIGHTS.map(() => [] as number[]);
const ms = (iso: string | undefined) => (iso === undefined ? NaN : Date.parse(iso));
for (const m of final) {
  const states = [...(m.status?.stepStates ?? [])].sort((a, b) => a.index - b.index);
  const createdAt = created.get(m.metadata?.name ?? '');
  if (states[0]?.appliedAt && createdAt !== undefined)
    first.push(ms(states[0].appliedAt) - createdAt);
  for (let i = 1; i < states.length; i++) {
    const prev = states[i - 1];
    const cur = states[i];
    if (prev?.appliedAt === undefined || cur?.appliedAt === undefined) continue;
    const due = ms(prev.appliedAt) + (prev.pauseSeconds ?? 0) * 1000;
    lateness.push(ms(cur.appliedAt) - due);
    byStep[i]?.push(ms(cur.appliedAt) - due);
    wake.push(ms(prev.finishedAt) - due);
    gate.push(ms(cur.intendedAt) - ms(prev.finishedAt));
    write.push(ms(cur.appliedAt) - ms(cur.intendedAt));
  }
  const last = states.at(-1);
  if (last?.appliedAt !== undefined && m.status?.completedAt !== undefined)
    finish.push(ms(m.status.completedAt) - ms(last.appliedAt) - (last.pauseSeconds ?? 0) * 1000);
}
const totalSteps = final.reduce(
  (n, m) => n + (m.status?.stepStates ?? []).filter((x) => x.appliedAt).length,
  0,
);
const succeeded = final.filter((m) => m.status?.phase === 'Succeeded').length;
const wall = allDone - migrationsStarted;
const calls = after.all - before.all;
const background = (idleRate * wall) / 1000;
const mutating = after.mutating - before.mutating;
const ops = [...after.ops]
  .map(([op, n]) => [op, n - (before.ops.get(op) ?? 0)] as const)
  .filter(([, n]) => n > 0)
  .sort((a, b) => b[1] - a[1]);

console.log(
  `\ncluster migrations, ${N} at once, 1 service each (1 tenant, blue → green; steps ${WEIGHTS.join('/')}, pause ${PAUSE_MS / 1000} s; concurrency ${CONCURRENCY}, poll ${POLL_MS} ms, resync ${RESYNC_MS} ms)`,
);
console.log(
  `  migrations succeeded: ${succeeded}/${N}; steps applied: ${totalSteps}/${N * WEIGHTS.length}`,
);
console.log(
  `  wall time, first create → all ended: ${s(wall)} (ideal ${s((WEIGHTS.length - 1) * PAUSE_MS)} of pauses)`,
);
console.log(`  step lateness (due = previous applied + pause → applied): ${dist(lateness)}`);
for (let i = 1; i < WEIGHTS.length; i++)
  console.log(`    step ${i} (${WEIGHTS[i]}%): ${dist(byStep[i] ?? [])}`);
console.log(`    wake  (due → previous step finished, the delayed job): ${dist(wake)}`);
console.log(`    gate  (→ step intended, the health-gate measurement):  ${dist(gate)}`);
console.log(`    write (→ applied, weights through the MCS reconcile):  ${dist(write)}`);
console.log(`  step 0 (created → applied, incl. validation): ${dist(first)}`);
console.log(`  finish (last step due → Succeeded): ${dist(finish)}`);
console.log(
  `  AWS calls during the migrations: ${calls} (${(calls / Math.max(1, totalSteps)).toFixed(1)}/step), mutating ${mutating} (${(mutating / Math.max(1, totalSteps)).toFixed(2)}/step)`,
);
console.log(
  `    background (resyncs) measured before, without migrations: ${idleRate.toFixed(1)} calls/s, ≈ ${background.toFixed(0)} over the wall time; net of it ${((calls - background) / Math.max(1, totalSteps)).toFixed(1)} calls/step`,
);
console.log(`    by operation (* = mutating): ${ops.map(([op, n]) => `${op} ${n}`).join(', ')}`);
console.log(
  `  event loop delay during the migrations: p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms  p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms  max ${(loop.max / 1e6).toFixed(0)} ms`,
);
console.log(
  `  memory (controller + emulators, one process): heap after GC ${mb(heapBefore - heapBase)} → ${mb(heapAfter - heapBase)} (+${((heapAfter - heapBefore) / 1024 / N).toFixed(1)} KB/migration); RSS ${mb(rssBefore)} → ${mb(rssAfter)}, max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
);

// where the controller's time went: time per action / per reconcile, from its own metrics
const metricsAfter = await metricTotals();
const delta = (key: string) => (metricsAfter.get(key) ?? 0) - (metricsBefore.get(key) ?? 0);
const timed = (metric: string, label: string) =>
  [...metricsAfter.keys()]
    .filter((k) => k.startsWith(`${metric}_count{`))
    .map((k) => {
      const labels = k.slice(k.indexOf('{'));
      const n = delta(k);
      const sum = delta(`${metric}_sum${labels}`);
      return { what: labels.match(new RegExp(`${label}=([^,}]*)`))?.[1] ?? labels, n, sum };
    })
    .filter((x) => x.n > 0)
    .map((x) => `${x.what} ${x.n}× ${s((x.sum * 1000) / x.n)} avg (${s(x.sum * 1000)} total)`)
    .join(', ');
console.log(`  executor actions: ${timed('trellis_migration_action_duration_seconds', 'action')}`);
console.log(`  reconciles: ${timed('trellis_reconcile_duration_seconds', 'controller')}`);
// What one LIST of the tenant's migrations costs: MigrationController.weightsFor reads them so
// only until its informer has listed (a new leader); before 6489480 it did on every reconcile
const listKb = Buffer.byteLength(JSON.stringify({ items: final })) / 1024;
console.log(
  `  one LIST of the tenant's ${final.length} ClusterMigrations (as they ended): ${listKb.toFixed(0)} KB of JSON`,
);

await migrationWatch.stop();
await manager.stop();
await redis.stop();
await world.stop();
process.exit(succeeded === N && !timedOut ? 0 : 1);
