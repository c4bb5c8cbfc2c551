import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { ApplyConflictError } from './apply-conflict-error.ts';
import { builtinMergeSchema } from './builtin-merge-schema.ts';
import type { ManagedFieldsEntry } from './managed-fields-entry.ts';
import { recordUpdate } from './managed-fields.ts';
import { PatchError } from './patch-error.ts';
import { serverSideApply } from './server-side-apply.ts';

const schema = builtinMergeSchema('apps', 'v1', 'Deployment');
const T1 = '2026-11-23T10:00:00Z';
const T2 = '2026-11-23T11:00:00Z';
const T3 = '2026-11-23T12:00:00Z';

function config(overrides: { replicas?: number; image?: string; labels?: JsonObject } = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: overrides.labels ?? { app: 'web' } },
    spec: {
      ...(overrides.replicas === undefined ? {} : { replicas: overrides.replicas }),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: overrides.image ?? 'nginx:1.25' }] },
      },
    },
  };
}

const managedFields = (obj: JsonObject): ManagedFieldsEntry[] =>
  (obj['metadata'] as unknown as { managedFields: ManagedFieldsEntry[] }).managedFields;

const at = (obj: JsonObject, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], obj);

function applyAs(live: JsonObject | undefined, applied: JsonObject, manager: string, now: string, force = false): JsonObject {
  return serverSideApply({ live, applied, manager, force, schema, now });
}

function conflictOf(fn: () => unknown): ApplyConflictError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApplyConflictError) return err;
    throw err;
  }
  throw new Error('expected an ApplyConflictError');
}

describe('serverSideApply', () => {
  it('creates a new object and records the applied fields in FieldsV1', () => {
    const out = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    expect(at(out, 'spec', 'replicas')).toBe(2);
    expect(managedFields(out)).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
              },
            },
          },
        },
      },
    ]);
  });

  it('never records server-owned metadata', () => {
    const applied = config();
    (applied['metadata'] as JsonObject)['resourceVersion'] = '5';
    (applied['metadata'] as JsonObject)['namespace'] = 'default';
    const out = applyAs(undefined, applied, 'kubectl', T1);
    expect(managedFields(out)[0]?.fieldsV1['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
  });

  it('reports a conflict when a second applier changes a field the first one owns', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const err = conflictOf(() => applyAs(first, config({ replicas: 5 }), 'ci-bot', T2));
    expect(err.reason).toBe('Conflict');
    expect(err.conflicts).toEqual([
      { manager: 'kubectl', field: '.spec.replicas', message: 'conflict with "kubectl"' },
    ]);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
  });

  it('names Update managers with their apiVersion and lists several conflicts per manager', () => {
    const created = structuredClone(config({ replicas: 2 }));
    (created['metadata'] as JsonObject)['managedFields'] = recordUpdate({
      before: undefined,
      after: created,
      manager: 'kubectl-create',
      now: T1,
      schema,
    }) as unknown as JsonObject[];
    const err = conflictOf(() =>
      applyAs(created, config({ replicas: 3, image: 'nginx:1.26' }), 'kubectl', T2),
    );
    expect(err.conflicts.map((c) => c.field)).toEqual([
      '.spec.replicas',
      '.spec.template.spec.containers[name="nginx"].image',
    ]);
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('shares ownership without conflict when the value does not change', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const second = applyAs(first, config({ replicas: 2 }), 'ci-bot', T2);
    const entries = managedFields(second);
    expect(entries.map((e) => e.manager)).toEqual(['kubectl', 'ci-bot']);
    for (const e of entries) expect(at(e.fieldsV1, 'f:spec', 'f:replicas')).toEqual({});
  });

  it('takes ownership with force (--force-conflicts)', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const forced = applyAs(first, config({ replicas: 5 }), 'ci-bot', T2, true);
    expect(at(forced, 'spec', 'replicas')).toBe(5);
    const [kubectl, bot] = ['kubectl', 'ci-bot'].map((m) => managedFields(forced).find((e) => e.manager === m));
    expect(at(kubectl?.fieldsV1 ?? {}, 'f:spec', 'f:replicas')).toBeUndefined();
    expect(at(bot?.fieldsV1 ?? {}, 'f:spec', 'f:replicas')).toEqual({});
  });

  it('removes a field the manager stops applying', () => {
    const first = applyAs(undefined, config({ replicas: 2, labels: { app: 'web', tier: 'front' } }), 'kubectl', T1);
    const second = applyAs(first, config({ labels: { app: 'web' } }), 'kubectl', T2);
    expect(at(second, 'spec', 'replicas')).toBeUndefined();
    expect(at(second, 'metadata', 'labels')).toEqual({ app: 'web' });
    expect(at(managedFields(second)[0]?.fieldsV1 ?? {}, 'f:spec', 'f:replicas')).toBeUndefined();
    expect(managedFields(second)[0]?.time).toBe(T2);
  });

  it('keeps a field it stops applying when another manager owns it too', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const shared = applyAs(first, config({ replicas: 2 }), 'ci-bot', T2);
    const dropped = applyAs(shared, config(), 'kubectl', T3);
    expect(at(dropped, 'spec', 'replicas')).toBe(2);
  });

  it('keeps fields written by others (an HPA scaling) and removed containers go away', () => {
    const twoContainers = config();
    (at(twoContainers, 'spec', 'template', 'spec', 'containers') as JsonObject[]).push({ name: 'sidecar', image: 'busybox' });
    const first = applyAs(undefined, twoContainers, 'kubectl', T1);
    const scaled = structuredClone(first);
    (scaled['spec'] as JsonObject)['replicas'] = 7;
    (scaled['metadata'] as JsonObject)['managedFields'] = recordUpdate({
      before: first,
      after: scaled,
      manager: 'hpa',
      now: T2,
      schema,
    }) as unknown as JsonObject[];
    const out = applyAs(scaled, config(), 'kubectl', T3);
    expect(at(out, 'spec', 'replicas')).toBe(7);
    expect((at(out, 'spec', 'template', 'spec', 'containers') as JsonObject[]).map((c) => c['name'])).toEqual(['nginx']);
  });

  it('merges list items by key: another manager\'s container survives an apply', () => {
    const first = applyAs(undefined, config(), 'kubectl', T1);
    const injected = structuredClone(first);
    (at(injected, 'spec', 'template', 'spec', 'containers') as JsonObject[]).push({ name: 'istio-proxy', image: 'proxy' });
    (injected['metadata'] as JsonObject)['managedFields'] = recordUpdate({
      before: first,
      after: injected,
      manager: 'injector',
      now: T2,
      schema,
    }) as unknown as JsonObject[];
    const out = applyAs(injected, config({ image: 'nginx:1.26' }), 'kubectl', T3);
    expect(at(out, 'spec', 'template', 'spec', 'containers')).toEqual([
      { name: 'nginx', image: 'nginx:1.26' },
      { name: 'istio-proxy', image: 'proxy' },
    ]);
  });

  it('treats container ports as keyed by containerPort and protocol, defaulting protocol', () => {
    const withPort = config();
    (at(withPort, 'spec', 'template', 'spec', 'containers', 0) as JsonObject)['ports'] = [{ containerPort: 80 }];
    const out = applyAs(undefined, withPort, 'kubectl', T1);
    const containers = at(managedFields(out)[0]?.fieldsV1 ?? {}, 'f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:ports');
    expect(containers).toEqual({
      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
    });
  });

  it('replaces atomic lists and treats label selectors as atomic', () => {
    const first = applyAs(undefined, config(), 'kubectl', T1);
    const next = config();
    (at(next, 'spec', 'template', 'spec', 'containers', 0) as JsonObject)['args'] = ['-v'];
    const out = applyAs(first, next, 'kubectl', T2);
    expect(at(out, 'spec', 'template', 'spec', 'containers', 0, 'args')).toEqual(['-v']);
    expect(at(managedFields(out)[0]?.fieldsV1 ?? {}, 'f:spec', 'f:selector')).toEqual({});
  });

  it('merges finalizers as a set and records v: items', () => {
    const applied = config();
    (applied['metadata'] as JsonObject)['finalizers'] = ['example.com/a'];
    const live = structuredClone(config());
    (live['metadata'] as JsonObject)['finalizers'] = ['example.com/b'];
    (live['metadata'] as JsonObject)['managedFields'] = recordUpdate({ before: undefined, after: live, manager: 'ctrl', now: T1, schema }) as unknown as JsonObject[];
    const out = applyAs(live, applied, 'kubectl', T2);
    expect(at(out, 'metadata', 'finalizers')).toEqual(['example.com/b', 'example.com/a']);
    const mine = managedFields(out).find((e) => e.manager === 'kubectl');
    expect(at(mine?.fieldsV1 ?? {}, 'f:metadata', 'f:finalizers')).toEqual({ 'v:"example.com/a"': {} });
  });

  it('attributes fields of an untracked object to before-first-apply', () => {
    const live = config({ replicas: 2 });
    const err = conflictOf(() => applyAs(live, config({ replicas: 3 }), 'kubectl', T2));
    expect(err.conflicts[0]?.message).toBe('conflict with "before-first-apply" using apps/v1');
  });

  it('sorts Apply entries before Update entries', () => {
    const created = structuredClone(config());
    (created['metadata'] as JsonObject)['managedFields'] = recordUpdate({ before: undefined, after: created, manager: 'kubectl-create', now: T1, schema }) as unknown as JsonObject[];
    const out = applyAs(created, config({ replicas: 1 }), 'kubectl', T2);
    expect(managedFields(out).map((e) => `${e.operation}:${e.manager}`)).toEqual(['Apply:kubectl', 'Update:kubectl-create']);
  });

  it('clears a field set to null in the configuration', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const next = config();
    (next['spec'] as JsonObject)['replicas'] = null;
    const out = applyAs(first, next, 'kubectl', T2);
    expect(at(out, 'spec')).not.toHaveProperty('replicas');
  });

  it('refuses configurations the schema cannot place, and mismatched kinds, with 400', () => {
    const noName = config();
    (at(noName, 'spec', 'template', 'spec') as JsonObject)['containers'] = [{ image: 'x' }];
    const err = (() => {
      try {
        applyAs(undefined, noName, 'kubectl', T1);
      } catch (e) {
        return e as PatchError;
      }
      throw new Error('expected an error');
    })();
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toContain('associative list with keys has an element that omits all key fields ["name"]');
    const live = applyAs(undefined, config(), 'kubectl', T1);
    expect(() => applyAs(live, { ...config(), kind: 'StatefulSet' }, 'kubectl', T2)).toThrow(PatchError);
    const withManaged = config();
    (withManaged['metadata'] as JsonObject)['managedFields'] = [];
    expect(() => applyAs(undefined, withManaged, 'kubectl', T1)).toThrow('metadata.managedFields must be nil');
  });
});

describe('serverSideApply, repeated applies', () => {
  it('lets the same manager change its own fields without conflict', () => {
    const first = applyAs(undefined, config({ replicas: 2 }), 'kubectl', T1);
    const second = applyAs(first, config({ replicas: 4, image: 'nginx:1.26' }), 'kubectl', T2);
    expect(at(second, 'spec', 'replicas')).toBe(4);
    expect(at(second, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('nginx:1.26');
    expect(managedFields(second)).toHaveLength(1);
  });

  it('keeps server-set metadata of the live object', () => {
    const live = applyAs(undefined, config(), 'kubectl', T1);
    Object.assign(live['metadata'] as JsonObject, { uid: 'u-1', resourceVersion: '7', creationTimestamp: T1 });
    const out = applyAs(live, config({ replicas: 1 }), 'kubectl', T2);
    expect(out['metadata']).toMatchObject({ uid: 'u-1', resourceVersion: '7', creationTimestamp: T1 });
  });

  it('removes an empty parent the applier no longer fills', () => {
    const withLimits = config();
    (at(withLimits, 'spec', 'template', 'spec', 'containers', 0) as JsonObject)['resources'] = { limits: { cpu: '1' } };
    const first = applyAs(undefined, withLimits, 'kubectl', T1);
    const out = applyAs(first, config(), 'kubectl', T2);
    expect(at(out, 'spec', 'template', 'spec', 'containers', 0)).toEqual({ name: 'nginx', image: 'nginx:1.25' });
  });
});
