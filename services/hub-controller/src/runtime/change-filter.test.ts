import { describe, expect, it } from 'vitest';
import { ChangeFilter } from './change-filter.ts';

const cluster = (status: Record<string, unknown>, resourceVersion = '1') => ({
  metadata: { name: 'blue', namespace: 'tenant-acme', resourceVersion },
  spec: { eks: { clusterName: 'blue' } },
  status,
});

describe('ChangeFilter', () => {
  it('passes adds, deletes and real changes; drops heartbeat-only and version-only updates', () => {
    const filter = new ChangeFilter();
    const connected = { conditions: [{ type: 'Connected', status: 'True' }] };
    expect(filter.changed('add', cluster({ ...connected, lastHeartbeatTime: 't1' }))).toBe(true);
    expect(filter.changed('update', cluster({ ...connected, lastHeartbeatTime: 't2' }, '2'))).toBe(
      false,
    );
    expect(filter.changed('update', cluster({ ...connected, lastHeartbeatTime: 't2' }, '3'))).toBe(
      false,
    );
    const lost = { conditions: [{ type: 'Connected', status: 'False' }] };
    expect(filter.changed('update', cluster({ ...lost, lastHeartbeatTime: 't2' }, '4'))).toBe(true);
    expect(filter.changed('delete', cluster(lost, '5'))).toBe(true);
    // after a delete the object is new again
    expect(filter.changed('update', cluster(lost, '6'))).toBe(true);
  });

  it('notices spec, label and deletion changes', () => {
    const filter = new ChangeFilter();
    const base = cluster({});
    filter.changed('add', base);
    expect(filter.changed('update', { ...base, spec: { eks: { clusterName: 'green' } } })).toBe(
      true,
    );
    const labelled = { ...base, metadata: { ...base.metadata, labels: { tier: 'gold' } } };
    expect(filter.changed('update', labelled)).toBe(true);
    const deleting = {
      ...labelled,
      metadata: { ...labelled.metadata, deletionTimestamp: new Date(0) },
    };
    expect(filter.changed('update', deleting)).toBe(true);
    expect(filter.changed('update', deleting)).toBe(false);
    // deleted and re-created between two list/watch events: the same fields, a new uid
    const recreated = { ...deleting, metadata: { ...deleting.metadata, uid: 'another' } };
    expect(filter.changed('update', recreated)).toBe(true);
  });

  it('with status: false, a status-only update is no change, a metadata one still is', () => {
    const filter = new ChangeFilter({ status: false });
    const ready = { conditions: [{ type: 'Ready', status: 'True', message: 'weight 50' }] };
    filter.changed('add', cluster(ready));
    const reweighted = { conditions: [{ type: 'Ready', status: 'True', message: 'weight 10' }] };
    expect(filter.changed('update', cluster(reweighted, '2'))).toBe(false);
    const base = cluster(reweighted, '3');
    const annotated = { ...base, metadata: { ...base.metadata, annotations: { weight: '10' } } };
    expect(filter.changed('update', annotated)).toBe(true);
  });
});
