import { HttpMethod, RequestContext, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeEmulator } from '@trellis/kube-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceClient, WatchedCollection, type WatchEventType } from '../src/index.ts';
import { kubeConfigOf, startEmulator, waitFor } from './support.ts';

const configMaps = {
  group: '',
  version: 'v1',
  plural: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
};

describe('WatchedCollection on the kube emulator', () => {
  let kube: KubeEmulator;
  let client: ResourceClient;

  beforeAll(async () => {
    kube = await startEmulator(['alpha']);
    client = new ResourceClient(kubeConfigOf(kube, 'alpha'));
  });
  afterAll(async () => {
    await kube.stop();
  });

  it('lists, then follows adds, updates and deletes; survives dropped watches, 410 and a partition', async () => {
    await client.create(configMaps, {
      metadata: { name: 'before', namespace: 'default' },
      data: { a: '1' },
    } as KubernetesObject);
    const events: string[] = [];
    const collection = new WatchedCollection<KubernetesObject>(
      kubeConfigOf(kube, 'alpha'),
      configMaps,
      {
        namespace: 'default',
        minRestartDelayMs: 20,
        maxRestartDelayMs: 100,
      },
    );
    collection.on((type: WatchEventType, o) => events.push(`${type}:${o.metadata?.name}`));
    await collection.start();
    await collection.synced();
    expect(collection.list().map((o) => o.metadata?.name)).toContain('before');

    await client.create(configMaps, {
      metadata: { name: 'one', namespace: 'default' },
    });
    await waitFor(() => events.includes('add:one'));

    kube.faults('alpha').dropWatches({ abrupt: true });
    await client.mergePatch(
      configMaps,
      { name: 'one', namespace: 'default' },
      { data: { b: '2' } },
    );
    await waitFor(() => events.includes('update:one'));
    // cached without managedFields, from the list and from watch events alike
    const stored = await client.get(configMaps, { name: 'one', namespace: 'default' });
    expect(stored?.metadata?.managedFields?.length).toBeGreaterThan(0);
    expect(collection.get('one', 'default')?.metadata?.managedFields).toBeUndefined();
    expect(collection.get('before', 'default')?.metadata?.managedFields).toBeUndefined();

    kube.faults('alpha').expireHistory();
    kube.faults('alpha').dropWatches();
    await client.delete(configMaps, { name: 'before', namespace: 'default' });
    await waitFor(() => events.includes('delete:before'));

    kube.faults('alpha').partition();
    await waitFor(() => !collection.connected);
    kube.faults('alpha').heal();
    await client.create(configMaps, {
      metadata: { name: 'after-heal', namespace: 'default' },
    });
    await waitFor(() => collection.get('after-heal', 'default') !== undefined, 15_000);
    expect(collection.connected).toBe(true);
    await collection.stop();
  });

  it('watch reconnects share one dispatcher (keep-alive connections) per cluster and user', async () => {
    const kc = kubeConfigOf(kube, 'alpha');
    const contexts = [
      new RequestContext('https://x/a', HttpMethod.GET),
      new RequestContext('https://x/b', HttpMethod.GET),
    ];
    const collection = new WatchedCollection<KubernetesObject>(kc, configMaps, {
      namespace: 'default',
    });
    for (const ctx of contexts) await kc.applySecurityAuthentication(ctx);
    const [first, second] = contexts.map((c) => c.getDispatcher());
    expect(first).toBeDefined();
    expect(second).toBe(first);
    // a second collection on the same KubeConfig shares it too
    new WatchedCollection<KubernetesObject>(kc, configMaps, { namespace: 'kube-system' });
    const third = new RequestContext('https://x/c', HttpMethod.GET);
    await kc.applySecurityAuthentication(third);
    expect(third.getDispatcher()).toBe(first);
    await collection.stop();
  });

  it('synced() and hasSynced say the first list is in the cache, not just fetched', async () => {
    await client.create(configMaps, {
      metadata: { name: 'listed', namespace: 'default' },
    });
    const collection = new WatchedCollection<KubernetesObject>(
      kubeConfigOf(kube, 'alpha'),
      configMaps,
      { namespace: 'default' },
    );
    expect(collection.hasSynced).toBe(false);
    void collection.start(); // not awaited: a caller that only waits for synced()
    await collection.synced();
    expect(collection.hasSynced).toBe(true);
    expect(collection.get('listed', 'default')).toBeDefined();
    await collection.stop();
  });
});
