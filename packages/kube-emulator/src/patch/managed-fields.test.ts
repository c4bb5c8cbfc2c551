import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { builtinMergeSchema } from './builtin-merge-schema.ts';
import type { ManagedFieldsEntry } from './managed-fields-entry.ts';
import { recordUpdate } from './managed-fields.ts';
import { serverSideApply } from './server-side-apply.ts';

const schema = builtinMergeSchema('', 'v1', 'ConfigMap');
const T1 = '2026-11-23T10:00:00Z';
const T2 = '2026-11-23T11:00:00Z';
const T3 = '2026-11-23T12:00:00Z';

function configMap(data: JsonObject, labels?: JsonObject): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', uid: 'u-1', resourceVersion: '1', ...(labels ? { labels } : {}) },
    data,
  };
}

function withManaged(obj: JsonObject, entries: ManagedFieldsEntry[]): JsonObject {
  const copy = structuredClone(obj);
  (copy['metadata'] as JsonObject)['managedFields'] = entries as unknown as JsonObject[];
  return copy;
}

describe('recordUpdate', () => {
  it('gives a creator every field it wrote, with . on maps it created', () => {
    const entries = recordUpdate({ before: undefined, after: configMap({ a: '1' }, { app: 'x' }), manager: 'kubectl-create', now: T1, schema });
    expect(entries).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:data': { '.': {}, 'f:a': {} },
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        },
      },
    ]);
  });

  it('moves a changed field to the writer and drops managers left with nothing', () => {
    const created = recordUpdate({ before: undefined, after: configMap({ a: '1' }), manager: 'creator', now: T1, schema });
    const before = withManaged(configMap({ a: '1' }), created);
    const after = withManaged(configMap({ a: '2' }), created);
    const entries = recordUpdate({ before, after, manager: 'kubectl-edit', now: T2, schema });
    expect(entries.map((e) => [e.manager, e.time, e.fieldsV1])).toEqual([
      ['creator', T1, { 'f:data': {} }],
      ['kubectl-edit', T2, { 'f:data': { 'f:a': {} } }],
    ]);
    const again = recordUpdate({
      before: withManaged(configMap({ a: '2' }), entries),
      after: withManaged(configMap({}), entries),
      manager: 'kubectl-edit',
      now: T3,
      schema,
    });
    // the key is gone: nobody owns it any more, and kubectl-edit's entry goes with it
    expect(again.map((e) => e.manager)).toEqual(['creator']);
  });

  it('keeps the writer\'s timestamp when the write changed nothing', () => {
    const created = recordUpdate({ before: undefined, after: configMap({ a: '1' }), manager: 'creator', now: T1, schema });
    const obj = withManaged(configMap({ a: '1' }), created);
    expect(recordUpdate({ before: obj, after: obj, manager: 'creator', now: T2, schema })).toEqual(created);
    expect(recordUpdate({ before: obj, after: obj, manager: 'other', now: T2, schema })).toEqual(created);
  });

  it('ignores server-owned metadata changes', () => {
    const before = configMap({ a: '1' });
    const after = structuredClone(before);
    (after['metadata'] as JsonObject)['resourceVersion'] = '2';
    (after['metadata'] as JsonObject)['generation'] = 3;
    expect(recordUpdate({ before, after, manager: 'x', now: T1, schema })).toEqual([]);
  });

  it('resets managedFields when the writer sends [{}]', () => {
    const created = recordUpdate({ before: undefined, after: configMap({ a: '1' }), manager: 'creator', now: T1, schema });
    const before = withManaged(configMap({ a: '1' }), created);
    const after = withManaged(configMap({ a: '1' }), [{}] as unknown as ManagedFieldsEntry[]);
    expect(recordUpdate({ before, after, manager: 'kubectl', now: T2, schema })).toEqual([]);
  });

  it('keeps one Update entry per manager, apiVersion and subresource', () => {
    const created = recordUpdate({ before: undefined, after: configMap({ a: '1' }), manager: 'ctrl', now: T1, schema });
    const before = withManaged(configMap({ a: '1' }), created);
    const after = withManaged(configMap({ a: '1', b: '2' }), created);
    const entries = recordUpdate({ before, after, manager: 'ctrl', now: T2, schema, subresource: 'status' });
    expect(entries.map((e) => [e.manager, e.subresource])).toEqual([
      ['ctrl', undefined],
      ['ctrl', 'status'],
    ]);
  });

  it('takes fields away from an applier too', () => {
    const applied = serverSideApply({ live: undefined, applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } }, manager: 'kubectl', force: false, schema, now: T1 });
    const edited = structuredClone(applied);
    (edited['data'] as JsonObject)['a'] = '2';
    const entries = recordUpdate({ before: applied, after: edited, manager: 'kubectl-edit', now: T2, schema });
    expect(entries.map((e) => `${e.operation}:${e.manager}`)).toEqual(['Update:kubectl-edit']);
  });

  it('uses the built-in merge schema of the object when none is given', () => {
    const pod: JsonObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'app', image: 'a' }] },
    };
    const [entry] = recordUpdate({ before: undefined, after: pod, manager: 'kubectl-run', now: T1 });
    expect(entry?.fieldsV1['f:spec']).toEqual({
      '.': {},
      'f:containers': { '.': {}, 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
    });
  });
});
