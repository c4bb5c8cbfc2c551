/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- wire-level tests walk untyped JSON bodies */
// Wire-level list and watch semantics: pagination and continue tokens, replay from a
// resourceVersion, 410 Expired, selector transitions, bookmarks, sendInitialEvents, timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator } from '../src/index.ts';
import type { KubeEmulator } from '../src/index.ts';
import { ApiClient } from './support/api-client.ts';
import type { WatchEvent } from './support/api-client.ts';

let emulator: KubeEmulator;
let api: ApiClient;
const CM = '/api/v1/namespaces/default/configmaps';

const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

beforeAll(async () => {
  emulator = await startKubeEmulator({ clusters: ['w'], tls: false, logLevel: 'error', bookmarkIntervalSeconds: 0.2, historySize: 50 });
  api = new ApiClient(emulator, 'w');
});
afterAll(async () => {
  await emulator.stop();
});

describe('list', () => {
  it('pages with limit and continue tokens, counting what remains', async () => {
    await api.post('/api/v1/namespaces', { metadata: { name: 'paged' } });
    for (let i = 0; i < 5; i++) await api.post('/api/v1/namespaces/paged/configmaps', cm(`c${i}`));
    const first = await api.get('/api/v1/namespaces/paged/configmaps?limit=2');
    expect(first.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['c0', 'c1']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const second = await api.get(`/api/v1/namespaces/paged/configmaps?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(second.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['c2', 'c3']);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    const last = await api.get(`/api/v1/namespaces/paged/configmaps?limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`);
    expect(last.body.items).toHaveLength(1);
    expect(last.body.metadata.continue).toBeUndefined();
  });

  it('answers 410 Expired for a continue token older than the history window', async () => {
    const first = await api.get('/api/v1/namespaces/paged/configmaps?limit=1');
    emulator.faults('w').expireHistory();
    await api.post('/api/v1/namespaces/paged/configmaps', cm('later'));
    const r = await api.get(`/api/v1/namespaces/paged/configmaps?limit=1&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(r.status).toBe(410);
    expect(r.body.reason).toBe('Expired');
    expect(r.body.message).toContain('The provided continue parameter is too old');
  });

  it('filters by field selectors per kind and rejects unsupported fields', async () => {
    const pod = (name: string, node: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
    });
    await api.post('/api/v1/namespaces/default/pods', pod('p-a', 'node-a'));
    await api.post('/api/v1/namespaces/default/pods', pod('p-b', 'node-b'));
    const r = await api.get('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-b');
    expect(r.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['p-b']);
    const phase = await api.get('/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DPending');
    expect(phase.body.items).toHaveLength(2);
    const bad = await api.get('/api/v1/namespaces/default/pods?fieldSelector=spec.color%3Dblue');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('spec.color');
  });

  it('returns PartialObjectMetadataList when asked', async () => {
    const r = await api.get('/api/v1/namespaces/default/pods', {
      Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
    });
    expect(r.body.kind).toBe('PartialObjectMetadataList');
    expect(r.body.items[0].kind).toBe('PartialObjectMetadata');
    expect(r.body.items[0].spec).toBeUndefined();
    expect(r.body.items[0].metadata.name).toBe('p-a');
  });
});

describe('watch', () => {
  it('replays changes after a recent resourceVersion, as chunked JSON lines', async () => {
    const created = await api.post(CM, cm('replay', {}, { v: '1' }));
    const rv = created.body.metadata.resourceVersion as string;
    await api.request('PUT', `${CM}/replay`, { ...created.body, data: { v: '2' } });
    await api.request('PATCH', `${CM}/replay`, { data: { v: '3' } }, { 'Content-Type': 'application/merge-patch+json' });
    const events = await api.watch(`${CM}?watch=1&resourceVersion=${rv}&fieldSelector=metadata.name%3Dreplay`, (e) => e.length >= 2);
    expect(events.map((e) => [e.type, e.object.data.v])).toEqual([
      ['MODIFIED', '2'],
      ['MODIFIED', '3'],
    ]);
  });

  it('sends a 410 ERROR event for a resourceVersion older than the window', async () => {
    const created = await api.post(CM, cm('old'));
    emulator.faults('w').expireHistory();
    const events = await api.watch(`${CM}?watch=true&resourceVersion=${created.body.metadata.resourceVersion}`, (e) => e.length >= 1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(events[0]?.object.message).toContain('too old resource version');
  });

  it('turns objects leaving the label selector into DELETED and entering into ADDED', async () => {
    await api.post(CM, cm('mover', { team: 'a' }));
    const events = await api.watch(
      `${CM}?watch=1&labelSelector=team%3Da`,
      (e) => e.length >= 3,
      async () => {
        await api.request('PATCH', `${CM}/mover`, { metadata: { labels: { team: 'b' } } }, { 'Content-Type': 'application/merge-patch+json' });
        await api.request('PATCH', `${CM}/mover`, { metadata: { labels: { team: 'a' } } }, { 'Content-Type': 'application/merge-patch+json' });
      },
    );
    expect(events.map((e: WatchEvent) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:mover', 'DELETED:mover', 'ADDED:mover']);
  });

  it('sends initial events then an initial-events-end bookmark (sendInitialEvents)', async () => {
    await api.post('/api/v1/namespaces', { metadata: { name: 'initial' } });
    await api.post('/api/v1/namespaces/initial/configmaps', cm('one'));
    await api.post('/api/v1/namespaces/initial/configmaps', cm('two'));
    const events = await api.watch(
      '/api/v1/namespaces/initial/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan',
      (e) => e.some((x) => x.type === 'BOOKMARK'),
    );
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2]?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    expect(events[2]?.object.kind).toBe('ConfigMap');
  });

  it('sends periodic bookmarks with allowWatchBookmarks', async () => {
    const list = await api.get(CM);
    const events = await api.watch(
      `${CM}?watch=1&allowWatchBookmarks=true&resourceVersion=${list.body.metadata.resourceVersion}`,
      (e) => e.some((x) => x.type === 'BOOKMARK'),
    );
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(Number(bookmark?.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(list.body.metadata.resourceVersion));
  });

  it('ends the stream after timeoutSeconds', async () => {
    const list = await api.get(CM);
    const events = await api.watch(`${CM}?watch=1&timeoutSeconds=1&resourceVersion=${list.body.metadata.resourceVersion}`, () => false);
    expect(events).toEqual([]);
  });

  it('supports the legacy /watch/ path for one object', async () => {
    await api.post(CM, cm('legacy'));
    const events = await api.watch('/api/v1/watch/namespaces/default/configmaps/legacy', (e) => e.length >= 1);
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'legacy' } } });
  });
});
