// @kubernetes/client-node against the emulator over TLS with the generated kubeconfig: typed
// CoreV1Api calls, KubernetesObjectApi, Watch, and an informer that survives dropped watches
// and a 410 (expired history) by relisting.
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  makeInformer,
} from '@kubernetes/client-node';
import type { KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator } from '../src/index.ts';
import type { KubeEmulator } from '../src/index.ts';

let emulator: KubeEmulator;
let kc: KubeConfig;
let core: CoreV1Api;

function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

beforeAll(async () => {
  emulator = await startKubeEmulator({ clusters: ['alpha', 'beta'], logLevel: 'error' });
  kc = new KubeConfig();
  kc.loadFromString(emulator.kubeconfig);
  kc.setCurrentContext('alpha');
  core = kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await emulator.stop();
});

describe('CoreV1Api', () => {
  it('creates, reads, lists and replaces typed objects', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'typed', labels: { app: 'x' } }, data: { a: '1' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await core.readNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    expect(read.data).toEqual({ a: '1' });
    const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app=x' });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['typed']);
    const replaced = await core.replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: { ...read, data: { a: '2' } } });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
  });

  it('surfaces 409 Conflict for a stale resourceVersion and 404 for a missing object', async () => {
    const read = await core.readNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    await core.replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: { ...read, data: { a: '3' } } });
    const stale = core.replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: { ...read, data: { a: '4' } } });
    await expect(stale).rejects.toBeInstanceOf(ApiException);
    await expect(stale).rejects.toMatchObject({ code: 409 });
    await expect(core.readNamespacedSecret({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
  });

  it('creates secrets from stringData as the real server does', async () => {
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 's' }, stringData: { user: 'admin' } } });
    const s = await core.readNamespacedSecret({ name: 's', namespace: 'default' });
    expect(s.data).toEqual({ user: Buffer.from('admin').toString('base64') });
    expect(s.stringData).toBeUndefined();
    expect(s.type).toBe('Opaque');
  });
});

describe('plain HTTP', () => {
  it('works from the generated kubeconfig of an HTTP emulator', async () => {
    const plain = await startKubeEmulator({ clusters: ['plain'], tls: false, logLevel: 'error' });
    try {
      const config = new KubeConfig();
      config.loadFromString(plain.kubeconfig);
      const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
    } finally {
      await plain.stop();
    }
  });
});

describe('KubernetesObjectApi', () => {
  it('creates, patches (merge) and deletes arbitrary objects', async () => {
    const client = KubernetesObjectApi.makeApiClient(kc);
    const lease: KubernetesObject & { spec: Record<string, unknown> } = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'leader', namespace: 'default' },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 15 },
    };
    await client.create(lease);
    const patched = await client.patch(
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'default' }, spec: { holderIdentity: 'b' } },
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    expect((patched as typeof lease).spec.holderIdentity).toBe('b');
    expect((patched as typeof lease).spec.leaseDurationSeconds).toBe(15);
    await client.delete({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'default' } });
    await expect(
      client.read({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'default' } }),
    ).rejects.toMatchObject({ code: 404 });
  });
});

describe('Watch', () => {
  it('streams ADDED/MODIFIED/DELETED for one namespace', async () => {
    const seen: string[] = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { labelSelector: 'watched=yes' },
      (type, obj: V1ConfigMap) => seen.push(`${type}:${obj.metadata?.name}`),
      () => undefined,
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w1', labels: { watched: 'yes' } } } });
    // client-node sends application/json-patch+json by default
    await core.patchNamespacedConfigMap({ name: 'w1', namespace: 'default', body: [{ op: 'add', path: '/data', value: { x: 'y' } }] });
    await core.deleteNamespacedConfigMap({ name: 'w1', namespace: 'default' });
    await until(() => seen.length >= 3, 'three events');
    req.abort();
    expect(seen).toEqual(['ADDED:w1', 'MODIFIED:w1', 'DELETED:w1']);
  });
});

describe('informer', () => {
  it('keeps its cache right across dropped watches, a 410 and a partition', async () => {
    await core.createNamespace({ body: { metadata: { name: 'inf' } } });
    let lists = 0;
    const informer = makeInformer(kc, '/api/v1/namespaces/inf/configmaps', () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'inf' });
    });
    const names = (): string[] => informer.list().map((o) => o.metadata?.name ?? '').sort();
    informer.on('error', () => {
      // the documented client-node pattern: restart after an error (e.g. a cut connection)
      setTimeout(() => void informer.start().catch(() => undefined), 200);
    });
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'a' } } });
      await until(() => names().includes('a'), 'a in cache');

      // a clean drop: the informer re-watches from its last resourceVersion, no relist
      expect(emulator.faults('alpha').dropWatches()).toBeGreaterThan(0);
      await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'b' } } });
      await until(() => names().includes('b'), 'b in cache');
      expect(lists).toBe(1);

      // expired history: the re-watch gets 410, the informer relists
      emulator.faults('alpha').expireHistory();
      emulator.faults('alpha').dropWatches();
      await until(() => lists >= 2, 'a relist after 410');
      await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'c' } } });
      await until(() => names().includes('c'), 'c in cache');

      // a partition cuts the connection; after healing the informer recovers
      emulator.faults('alpha').partition();
      await new Promise((r) => setTimeout(r, 300));
      emulator.faults('alpha').heal();
      await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'd' } } });
      await until(() => names().includes('d'), 'd in cache after heal');
      expect(names()).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      await informer.stop();
    }
  });
});
