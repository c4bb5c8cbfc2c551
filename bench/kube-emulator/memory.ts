// kube-emulator at scale: one process, 1,000 virtual clusters. Prints memory per cluster, list
// throughput and watch event throughput. Figures only, no assertions.
//   npx node bench/kube-emulator/memory.ts [clusters=1000] [objectsPerCluster=3]
import { startKubeEmulator } from '@trellis/kube-emulator';

const CLUSTERS = Number(process.argv[2] ?? 1000);
const OBJECTS = Number(process.argv[3] ?? 3);

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function settle(): void {
  // with --expose-gc the figures are steadier; without it they include garbage
  (globalThis as { gc?: () => void }).gc?.();
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const names = Array.from({ length: CLUSTERS }, (_, i) => `c${String(i).padStart(4, '0')}`);
settle();
const before = process.memoryUsage();
const emulator = await startKubeEmulator({ clusters: names, tls: false, logLevel: 'error' });
settle();
const idle = process.memoryUsage();

const auth = (name: string): Record<string, string> => ({
  Authorization: `Bearer ${emulator.adminToken(name)}`,
  'Content-Type': 'application/json',
});

let started = performance.now();
await inBatches(names, 16, async (name) => {
  for (let i = 0; i < OBJECTS; i++) {
    const res = await fetch(`${emulator.clusterUrl(name)}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: auth(name),
      body: JSON.stringify({ metadata: { name: `cm-${i}`, labels: { bench: 'yes' } }, data: { index: String(i) } }),
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  }
});
const createSeconds = (performance.now() - started) / 1000;
settle();
const loaded = process.memoryUsage();

// list throughput: configmaps of random clusters, 16 in flight
const LISTS = 5000;
started = performance.now();
await inBatches(Array.from({ length: LISTS }, (_, i) => names[i % names.length]), 16, async (name) => {
  const res = await fetch(`${emulator.clusterUrl(name)}/api/v1/namespaces/default/configmaps?labelSelector=bench%3Dyes`, {
    headers: auth(name),
  });
  await res.arrayBuffer();
});
const listSeconds = (performance.now() - started) / 1000;

// watch event throughput: one watcher, N sequential writes to the same cluster
const WRITES = 2000;
const target = names[0];
const controller = new AbortController();
const watchRes = await fetch(`${emulator.clusterUrl(target)}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${emulator.objects(target).resourceVersion()}`, {
  headers: auth(target),
  signal: controller.signal,
});
const reader = (watchRes.body as ReadableStream<Uint8Array>).getReader();
let received = 0;
const decoder = new TextDecoder();
const counting = (async () => {
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done) return;
    received += decoder.decode(value).split('\n').filter((l) => l.trim()).length;
    if (received >= WRITES) return;
  }
})();
started = performance.now();
await inBatches(Array.from({ length: WRITES }, (_, i) => i), 8, async (i) => {
  const res = await fetch(`${emulator.clusterUrl(target)}/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: auth(target),
    body: JSON.stringify({ metadata: { name: `w-${i}` } }),
  });
  await res.arrayBuffer();
});
await counting;
const watchSeconds = (performance.now() - started) / 1000;
controller.abort();

await emulator.stop();

const perCluster = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, key: 'heapUsed' | 'rss'): string =>
  `${((b[key] - a[key]) / CLUSTERS / 1024).toFixed(1)} KiB`;

console.log(`kube-emulator memory benchmark — ${CLUSTERS} clusters, ${OBJECTS} ConfigMaps each (node ${process.version})`);
console.log(`  configured, untouched:    heap ${mib(idle.heapUsed)}  rss ${mib(idle.rss)}  (per cluster: heap ${perCluster(before, idle, 'heapUsed')})`);
console.log(`  seeded + ${OBJECTS} objects each: heap ${mib(loaded.heapUsed)}  rss ${mib(loaded.rss)}  (per cluster: heap ${perCluster(before, loaded, 'heapUsed')}, rss ${perCluster(before, loaded, 'rss')})`);
console.log(`  creates:                  ${((CLUSTERS * OBJECTS) / createSeconds).toFixed(0)} req/s (${CLUSTERS * OBJECTS} creates over HTTP, 16 in flight, first request per cluster seeds it)`);
console.log(`  list throughput:          ${(LISTS / listSeconds).toFixed(0)} lists/s (label-selected, ${LISTS} requests, 16 in flight)`);
console.log(`  watch event throughput:   ${(received / watchSeconds).toFixed(0)} events/s (${received} events delivered for ${WRITES} creates, 8 in flight)`);
