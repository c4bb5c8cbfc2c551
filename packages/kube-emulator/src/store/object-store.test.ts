import { describe, expect, it } from 'vitest';
import { ObjectStore } from './object-store.ts';
import type { StoreEvent } from './store-event.ts';

const cm = (ns: string, name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
});

describe('ObjectStore', () => {
  it('stamps monotonically increasing resourceVersions and lists sorted by namespace/name', () => {
    const store = new ObjectStore(10);
    const b = store.create('/configmaps', cm('ns1', 'b'));
    const a = store.create('/configmaps', cm('ns1', 'a'));
    const c = store.create('/configmaps', cm('ns0', 'z'));
    expect([b, a, c].map((o) => (o.metadata as { resourceVersion: string }).resourceVersion)).toEqual(['1', '2', '3']);
    expect(store.list('/configmaps').map((o) => (o.metadata as { name: string }).name)).toEqual(['z', 'a', 'b']);
    expect(store.list('/configmaps', 'ns1')).toHaveLength(2);
    expect(store.resourceVersion).toBe(3);
  });

  it('emits ADDED, MODIFIED (with the previous object) and DELETED (with a new resourceVersion)', () => {
    const store = new ObjectStore(10);
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    store.create('/configmaps', cm('ns', 'x', { a: '1' }));
    store.update('/configmaps', cm('ns', 'x', { a: '2' }));
    const last = store.delete('/configmaps', 'ns', 'x');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[1]?.previous?.data).toEqual({ a: '1' });
    expect((last?.metadata as { resourceVersion: string }).resourceVersion).toBe('3');
    expect(store.get('/configmaps', 'ns', 'x')).toBeUndefined();
  });
});

describe('EventHistory window', () => {
  it('replays events after a resourceVersion inside the window and reports older ones as expired', () => {
    const store = new ObjectStore(3);
    for (let i = 0; i < 5; i++) store.create('/configmaps', cm('ns', `c${i}`));
    // events 3,4,5 are kept; 1 and 2 were compacted
    expect(store.history.since(2)?.map((e) => e.rv)).toEqual([3, 4, 5]);
    expect(store.history.since(4)?.map((e) => e.rv)).toEqual([5]);
    expect(store.history.since(1)).toBeUndefined();
    store.history.compact(store.resourceVersion);
    expect(store.history.since(4)).toBeUndefined();
    expect(store.history.since(5)).toEqual([]);
  });
});
