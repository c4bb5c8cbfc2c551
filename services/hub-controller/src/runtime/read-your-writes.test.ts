import type { KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ReadYourWrites } from './read-your-writes.ts';

type Obj = KubernetesObject & { status?: { step: number } };

const obj = (uid: string, rv: string, step: number, extra: Partial<Obj['metadata']> = {}): Obj => ({
  metadata: { name: uid, namespace: 'ns', uid, resourceVersion: rv, ...extra },
  status: { step },
});

describe('ReadYourWrites', () => {
  it('lays a write over the older cached version until the informer delivers it', () => {
    const ryw = new ReadYourWrites<Obj>();
    const cached = [obj('a', '1', 0), obj('b', '2', 0)];
    ryw.wrote(obj('a', '5', 1));
    expect(ryw.overlay(cached).map((o) => o.status?.step)).toEqual([1, 0]);

    ryw.observed('update', obj('a', '4', 0)); // an older version in flight: keep the write
    expect(ryw.overlay([obj('a', '4', 0)])[0]?.status?.step).toBe(1);

    ryw.observed('update', obj('a', '5', 1)); // the informer caught up: the cache is the truth
    expect(ryw.size).toBe(0);
    expect(ryw.overlay([obj('a', '5', 1)])[0]?.metadata?.resourceVersion).toBe('5');
  });

  it('a later write replaces an earlier one', () => {
    const ryw = new ReadYourWrites<Obj>();
    ryw.wrote(obj('a', '5', 1));
    ryw.wrote(obj('a', '7', 2));
    ryw.observed('update', obj('a', '5', 1));
    expect(ryw.overlay([obj('a', '5', 1)])[0]?.status?.step).toBe(2);
  });

  it('a deletion wins: seen as an event, as a deletionTimestamp, or as absence from the cache', () => {
    const ryw = new ReadYourWrites<Obj>();
    ryw.wrote(obj('a', '5', 1));
    const deleting = obj('a', '6', 1, { deletionTimestamp: new Date() });
    expect(ryw.overlay([deleting])[0]).toBe(deleting);
    expect(ryw.overlay([])).toEqual([]);
    ryw.observed('delete', deleting);
    expect(ryw.size).toBe(0);
  });

  it('ignores objects without uid or resourceVersion, and clear forgets everything', () => {
    const ryw = new ReadYourWrites<Obj>();
    ryw.wrote({ metadata: { name: 'x' } });
    expect(ryw.size).toBe(0);
    ryw.wrote(obj('a', '5', 1));
    ryw.clear();
    expect(ryw.overlay([obj('a', '1', 0)])[0]?.status?.step).toBe(0);
  });
});
