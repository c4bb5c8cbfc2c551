// Multi-cluster services at scale (issue #6): N member clusters of one tenant on the emulators,
// the hub-controller in-process, M ServiceExports spread round-robin over the clusters.
//   npm run bench -- mcs [--clusters 5] [--exports 50] [--resync-ms 10000]
// Prints: export→import propagation latency (export created → ServiceImport seen by a watch in
// every member cluster), AWS calls per export, mutating AWS calls over one resync period at
// steady state, controller+emulators heap after GC. Figures only, no assertions.
// Everything runs in one process (emulators, controller, the watches measuring): the figures are
// an upper bound of what the controller alone would need.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { CallRecord, Seed } from '@trellis/aws-emulator';
import { ControllerManager, TENANTS, WORKLOAD_CLUSTERS } from '@trellis/hub-controller';
import {
  CoreResources,
  kubeConfigFromYaml,
  ResourceClient,
  ServiceExports,
  ServiceImports,
  WatchedCollection,
} from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, startWorld } from '@trellis/testbed';
import { getRedis } from '@trellis/testkit';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '5' },
    exports: { type: 'string', default: '50' },
    'resync-ms': { type: 'string', default: '10000' },
  },
});
const N = Number(values.clusters);
const M = Number(values.exports);
const RESYNC_MS = Number(values['resync-ms']);
const TENANT = 'bench';
const NS = 'bench';

const clusterName = (i: number) => `m${String(i).padStart(4, '0')}`;
const vpcId = (i: number) => `vpc-${String(i).padStart(17, '0')}`;
const names = Array.from({ length: N }, (_, i) => clusterName(i));

/** demoSeed's accounts and roles, with N EKS clusters (each in its own VPC) in the cluster account. */
function seed(): Seed {
  const trust = (externalId: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow' as const,
        Principal: { AWS: `arn:aws:iam::${DEMO.hubAccount}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  });
  return {
    accounts: [
      {
        id: DEMO.hubAccount,
        name: 'trellis-hub',
        users: [{ name: 'trellis-hub', accessKeys: [{ ...DEMO.hubAccessKey }] }],
      },
      {
        id: DEMO.networkAccount,
        name: 'bench-network',
        roles: [{ name: 'TrellisNetworkAdmin', trustPolicy: trust(DEMO.networkExternalId) }],
      },
      {
        id: DEMO.clusterAccount,
        name: 'bench-clusters',
        roles: [{ name: 'TrellisClusterAdmin', trustPolicy: trust(DEMO.clusterExternalId) }],
        vpcs: names.map((_, i) => ({ id: vpcId(i), region: DEMO.region })),
        eksClusters: names.map((name, i) => ({
          name,
          region: DEMO.region,
          version: '1.31',
          vpcId: vpcId(i),
          kubeCluster: name,
          accessEntries: [
            {
              principalArn: DEMO.clusterRoleArn,
              username: 'trellis-hub',
              kubernetesGroups: ['system:masters'],
            },
          ],
        })),
      },
    ],
  };
}

type Conditioned = KubernetesObject & {
  status?: { conditions?: { type: string; status: string }[] };
};
const ready = (o: Conditioned | undefined) =>
  o?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
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

const t0 = performance.now();
const phase = (what: string) =>
  console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${what}`);

const heapBase = heap();
// Lattice's default quotas (500 target groups per region, 500 services per service network)
// are adjustable: a tenant exporting more has them raised, and so does the benchmark.
const quotas = {
  targetGroupsPerRegion: Math.max(500, M + 10),
  serviceAssociationsPerServiceNetwork: Math.max(500, M + 10),
  servicesPerRegion: Math.max(2000, M + 10),
};
const world = await startWorld({ clusters: ['mgmt', ...names], seed: seed(), lattice: { quotas } });
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
const snapshot = () => ({ ...counts, ops: new Map(byOperation) });
const heapWorld = heap();
phase(
  `world: ${N} member clusters + mgmt; heap ${mb(heapWorld - heapBase)}; Lattice quotas ${JSON.stringify(quotas)}`,
);

const redis = await getRedis();
const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
const mgmt = new ResourceClient(kubeConfig, 'bench');
const member = names.map(
  (n) => new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, n), 'bench'),
);
const manager = new ControllerManager({
  settings: {
    hubId: `bench-${randomUUID().slice(0, 8)}`,
    region: DEMO.region,
    awsEndpoint: world.aws.endpoint,
    resyncIntervalMs: RESYNC_MS,
    pollIntervalMs: 200,
  },
  kubeConfig,
  redis: redisConnectionOptions(redis.url),
  baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
  leaseNamespace: 'default',
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
phase('tenant Ready');
await inBatches(names, 20, (name) =>
  mgmt.create(WORKLOAD_CLUSTERS, {
    metadata: { name, namespace: `tenant-${TENANT}` },
    spec: {
      eks: {
        accountId: DEMO.clusterAccount,
        roleArn: DEMO.clusterRoleArn,
        externalId: DEMO.clusterExternalId,
        clusterName: name,
        region: DEMO.region,
      },
    },
  }),
);
await until(
  async () =>
    (
      await mgmt.list<Conditioned>(WORKLOAD_CLUSTERS, { namespace: `tenant-${TENANT}` })
    ).items.filter(ready).length === N,
  `${N} clusters Ready`,
  30 * 60_000,
);
phase(`${N} WorkloadClusters Ready`);
await inBatches(member, 20, (c) => c.create(CoreResources.namespaces, { metadata: { name: NS } }));

// one watch of ServiceImports per member cluster: when each import first appears
const firstSeen = new Map<string, number>(); // `${cluster}/${name}` → ms
const importedIn = new Map<string, number>(); // name → clusters seen in
const complete = new Map<string, number>(); // name → ms when seen in all N clusters
let onComplete: (() => void) | undefined;
const watches = names.map((cluster) => {
  const w = new WatchedCollection<KubernetesObject>(
    kubeConfigFromYaml(world.kube.kubeconfig, cluster),
    ServiceImports,
    { namespace: NS },
  );
  w.on((type, o) => {
    if (type === 'delete') return;
    const name = o.metadata?.name ?? '';
    const key = `${cluster}/${name}`;
    if (firstSeen.has(key)) return;
    const now = performance.now();
    firstSeen.set(key, now);
    const seen = (importedIn.get(name) ?? 0) + 1;
    importedIn.set(name, seen);
    if (seen === N) {
      complete.set(name, now);
      if (complete.size === M) onComplete?.();
    }
  });
  return w;
});
await Promise.all(
  watches.map(async (w) => {
    await w.start();
    await w.synced();
  }),
);
phase(`${N} ServiceImport watches synced`);

const before = snapshot();
const heapBefore = heap();
const created = new Map<string, number>();
const allImported = new Promise<void>((resolve) => (onComplete = resolve));
const exportsStarted = performance.now();
await inBatches(
  Array.from({ length: M }, (_, i) => i),
  20,
  async (i) => {
    const client = member[i % N];
    const name = `svc-${String(i).padStart(5, '0')}`;
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
          addresses: [`10.0.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`],
          conditions: { ready: true },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    } as KubernetesObject);
    created.set(name, performance.now());
    await client.create(ServiceExports, { metadata: at });
  },
);
phase(`${M} exports created in ${((performance.now() - exportsStarted) / 1000).toFixed(1)} s`);
const progress = setInterval(
  () =>
    phase(
      `imported everywhere: ${complete.size}/${M}; AWS calls so far ${counts.all - before.all}`,
    ),
  30_000,
);
await allImported;
clearInterval(progress);
const allDone = performance.now();
phase(`all ${M} imports in all ${N} clusters`);
const after = snapshot();

const latencies = [...complete]
  .map(([name, t]) => t - (created.get(name) ?? t))
  .sort((a, b) => a - b);
const perCluster = [...firstSeen]
  .map(([key, t]) => t - (created.get(key.split('/')[1] ?? '') ?? t))
  .sort((a, b) => a - b);

// steady state: let the controller settle for one resync period, then count over the next one
await new Promise((r) => setTimeout(r, RESYNC_MS));
const steadyFrom = snapshot();
await new Promise((r) => setTimeout(r, RESYNC_MS + 1_000));
const steadyTo = snapshot();
const heapAfter = heap();

const ops = [...after.ops]
  .map(([op, n]) => [op, n - (before.ops.get(op) ?? 0)] as const)
  .filter(([, n]) => n > 0)
  .sort((a, b) => b[1] - a[1]);
const steadyOps = [...steadyTo.ops]
  .map(([op, n]) => [op, n - (steadyFrom.ops.get(op) ?? 0)] as const)
  .filter(([, n]) => n > 0)
  .sort((a, b) => b[1] - a[1]);
const steadyMutating = steadyOps.filter(([op]) => op.endsWith('*'));

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `\nmulti-cluster services, ${N} clusters × ${M} exports (1 tenant, resync ${RESYNC_MS} ms)`,
);
console.log(
  `  export → imported in all clusters: p50 ${s(pct(latencies, 50))}  p99 ${s(pct(latencies, 99))}  max ${s(latencies.at(-1) ?? NaN)}`,
);
console.log(
  `  export → imported in one cluster:  p50 ${s(pct(perCluster, 50))}  p99 ${s(pct(perCluster, 99))}`,
);
console.log(`  first export created → last import: ${s(allDone - exportsStarted)}`);
console.log(
  `  AWS calls for the exports: ${after.all - before.all} (${((after.all - before.all) / M).toFixed(1)}/export), mutating ${after.mutating - before.mutating} (${((after.mutating - before.mutating) / M).toFixed(1)}/export)`,
);
console.log(`    by operation (* = mutating): ${ops.map(([op, n]) => `${op} ${n}`).join(', ')}`);
console.log(
  `  steady state, one resync period (${RESYNC_MS} ms): ${steadyTo.all - steadyFrom.all} AWS calls, ${steadyTo.mutating - steadyFrom.mutating} mutating${steadyMutating.length > 0 ? ` (${steadyMutating.map(([op, n]) => `${op} ${n}`).join(', ')})` : ''}`,
);
console.log(`    by operation: ${steadyOps.map(([op, n]) => `${op} ${n}`).join(', ')}`);
console.log(
  `  heap after GC: emulators with ${N} clusters ${mb(heapWorld - heapBase)}; +exports, controller, watches ${mb(heapAfter - heapWorld)} (${((heapAfter - heapBefore) / 1024 / M).toFixed(1)} KB/export incl. emulator objects); total ${mb(heapAfter)}`,
);

// the controller's share: what the heap gives back once it stops (its caches, queues, clients)
await manager.stop();
await new Promise((r) => setTimeout(r, 1_000));
const heapWithoutController = heap();
console.log(
  `  controller heap (freed when it stops): ${mb(heapAfter - heapWithoutController)} (${((heapAfter - heapWithoutController) / 1024 / M).toFixed(1)} KB/export); rss ${mb(process.memoryUsage().rss)} for the whole process`,
);
for (const w of watches) await w.stop();
await redis.stop();
await world.stop();
process.exit(0);
