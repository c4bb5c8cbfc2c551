// kube-emulator at scale: one process, 1,000 virtual clusters. Prints memory per cluster, create
// and list throughput and watch event throughput. Figures only, no assertions.
//   npx node --expose-gc bench/kube-emulator/memory.ts [clusters=1000] [objectsPerCluster=3]
// The server runs on the main thread; the HTTP load comes from a worker thread, so client and
// server each get a core (a client on the server's event loop would halve what is measured).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startKubeEmulator } from '@trellis/kube-emulator';

interface LoadPlan {
  urls: string[];
  tokens: string[];
  objects: number;
  lists: number;
  writes: number;
}

type LoadResult =
  | { phase: 'created'; seconds: number }
  | { phase: 'listed'; seconds: number }
  | { phase: 'watched'; seconds: number; received: number };

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function runLoad(plan: LoadPlan, report: (r: LoadResult) => void, proceed: () => Promise<void>): Promise<void> {
  const headers = (i: number): Record<string, string> => ({
    Authorization: `Bearer ${plan.tokens[i] ?? ''}`,
    'Content-Type': 'application/json',
  });
  const indexes = plan.urls.map((_, i) => i);
  let started = performance.now();
  await inBatches(indexes, 16, async (i) => {
    for (let n = 0; n < plan.objects; n++) {
      const res = await fetch(`${plan.urls[i] ?? ''}/api/v1/namespaces/default/configmaps`, {
        method: 'POST',
        headers: headers(i),
        body: JSON.stringify({ metadata: { name: `cm-${n}`, labels: { bench: 'yes' } }, data: { index: String(n) } }),
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    }
  });
  report({ phase: 'created', seconds: (performance.now() - started) / 1000 });
  await proceed();

  started = performance.now();
  await inBatches(
    Array.from({ length: plan.lists }, (_, n) => n % plan.urls.length),
    16,
    async (i) => {
      const res = await fetch(`${plan.urls[i] ?? ''}/api/v1/namespaces/default/configmaps?labelSelector=bench%3Dyes`, {
        headers: headers(i),
      });
      await res.arrayBuffer();
    },
  );
  report({ phase: 'listed', seconds: (performance.now() - started) / 1000 });

  const controller = new AbortController();
  // the seeded ConfigMaps carry bench=yes: selecting the others means no initial events
  const watchUrl = `${plan.urls[0] ?? ''}/api/v1/namespaces/default/configmaps?watch=1&labelSelector=bench%21%3Dyes`;
  const watchRes = await fetch(watchUrl, { headers: headers(0), signal: controller.signal });
  const reader = (watchRes.body as ReadableStream<Uint8Array>).getReader();
  let received = 0;
  const decoder = new TextDecoder();
  const counting = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      received += decoder.decode(value).split('\n').filter((l) => l.trim()).length;
      if (received >= plan.writes) return;
    }
  })();
  started = performance.now();
  await inBatches(
    Array.from({ length: plan.writes }, (_, n) => n),
    8,
    async (n) => {
      const res = await fetch(`${plan.urls[0] ?? ''}/api/v1/namespaces/default/configmaps`, {
        method: 'POST',
        headers: headers(0),
        body: JSON.stringify({ metadata: { name: `w-${n}` } }),
      });
      await res.arrayBuffer();
    },
  );
  await counting;
  report({ phase: 'watched', seconds: (performance.now() - started) / 1000, received });
  controller.abort();
}

if (!isMainThread) {
  const port = parentPort;
  if (!port) throw new Error('no parent port');
  const proceed = (): Promise<void> => new Promise((resolve) => port.once('message', () => resolve()));
  await runLoad(workerData as LoadPlan, (r) => port.postMessage(r), proceed);
} else {
  const CLUSTERS = Number(process.argv[2] ?? 1000);
  const OBJECTS = Number(process.argv[3] ?? 3);
  const LISTS = 5000;
  const WRITES = 2000;
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  // with --expose-gc the figures are steadier; without it they include garbage
  const settle = (): void => (globalThis as { gc?: () => void }).gc?.();

  const names = Array.from({ length: CLUSTERS }, (_, i) => `c${String(i).padStart(4, '0')}`);
  settle();
  const before = process.memoryUsage();
  const emulator = await startKubeEmulator({ clusters: names, tls: false, logLevel: 'error' });
  settle();
  const idle = process.memoryUsage();

  const plan: LoadPlan = {
    urls: names.map((n) => emulator.clusterUrl(n)),
    tokens: names.map((n) => emulator.adminToken(n)),
    objects: OBJECTS,
    lists: LISTS,
    writes: WRITES,
  };
  const worker = new Worker(new URL(import.meta.url), { workerData: plan });
  const results: LoadResult[] = [];
  let loaded = idle;
  await new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', () => resolve());
    worker.on('message', (r: LoadResult) => {
      results.push(r);
      if (r.phase === 'created') {
        settle();
        loaded = process.memoryUsage();
        worker.postMessage('go');
      }
    });
  });
  await emulator.stop();

  const seconds = (phase: LoadResult['phase']): number => results.find((r) => r.phase === phase)?.seconds ?? NaN;
  const watched = results.find((r) => r.phase === 'watched');
  const perCluster = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage): string =>
    `${((b.heapUsed - a.heapUsed) / CLUSTERS / 1024).toFixed(1)} KiB`;

  console.log(`kube-emulator memory benchmark — ${CLUSTERS} clusters, ${OBJECTS} ConfigMaps each (node ${process.version})`);
  console.log(`  configured, untouched:     heap ${mib(idle.heapUsed)}  rss ${mib(idle.rss)}  (per cluster: heap ${perCluster(before, idle)})`);
  console.log(`  seeded + ${OBJECTS} objects each:  heap ${mib(loaded.heapUsed)}  rss ${mib(loaded.rss)} incl. the load worker  (per cluster: heap ${perCluster(before, loaded)})`);
  console.log(`  creates:                   ${((CLUSTERS * OBJECTS) / seconds('created')).toFixed(0)} req/s (${CLUSTERS * OBJECTS} over HTTP, 16 in flight; a cluster's first request seeds it)`);
  console.log(`  list throughput:           ${(LISTS / seconds('listed')).toFixed(0)} lists/s (label-selected, ${LISTS} requests across all clusters, 16 in flight)`);
  console.log(`  watch event throughput:    ${((watched?.received ?? 0) / (watched?.seconds ?? NaN)).toFixed(0)} events/s (${watched?.received ?? 0} events for ${WRITES} creates, 8 in flight)`);
}
