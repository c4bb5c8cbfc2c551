import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { builtinMergeSchema } from './builtin-merge-schema.ts';
import { PatchError } from './patch-error.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

const deploymentSchema = builtinMergeSchema('apps', 'v1', 'Deployment');
const podSchema = builtinMergeSchema('', 'v1', 'Pod');

function deployment(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', finalizers: ['a', 'b'], labels: { app: 'web' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
            },
            { name: 'sidecar', image: 'busybox', args: ['sleep', '1d'] },
          ],
          tolerations: [{ key: 'x', operator: 'Exists' }],
        },
      },
    },
  };
}

const at = (obj: JsonObject, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], obj);

function rejection(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error('expected a PatchError');
}

describe('applyStrategicMergePatch', () => {
  it('changes one container image as `kubectl set image` sends it, keeping the others', () => {
    const input = deployment();
    const out = applyStrategicMergePatch(
      input,
      { spec: { template: { spec: { containers: [{ image: 'nginx:1.26', name: 'nginx' }] } } } },
      deploymentSchema,
    );
    const containers = at(out, 'spec', 'template', 'spec', 'containers') as JsonObject[];
    expect(containers.map((c) => [c['name'], c['image']])).toEqual([
      ['nginx', 'nginx:1.26'],
      ['sidecar', 'busybox'],
    ]);
    expect(containers[0]?.['env']).toHaveLength(2);
    expect(at(input, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('nginx:1.25');
  });

  it('merges env by name; items new to the live list come first, as apimachinery orders them', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'nginx', env: [{ name: 'C', value: '3' }, { name: 'A', value: '9' }] }],
            },
          },
        },
      },
      deploymentSchema,
    );
    expect(at(out, 'spec', 'template', 'spec', 'containers', 0, 'env')).toEqual([
      { name: 'C', value: '3' },
      { name: 'A', value: '9' },
      { name: 'B', value: '2' },
    ]);
  });

  it('deletes a list item with $patch: delete and orders by $setElementOrder as kubectl apply sends it', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'extra' }],
              containers: [{ $patch: 'delete', name: 'nginx' }, { name: 'extra', image: 'redis' }],
            },
          },
        },
      },
      deploymentSchema,
    );
    expect(at(out, 'spec', 'template', 'spec', 'containers')).toEqual([
      { name: 'sidecar', image: 'busybox', args: ['sleep', '1d'] },
      { name: 'extra', image: 'redis' },
    ]);
  });

  it('reorders live items when $setElementOrder says so', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }] } } } },
      deploymentSchema,
    );
    const names = (at(out, 'spec', 'template', 'spec', 'containers') as JsonObject[]).map((c) => c['name']);
    expect(names).toEqual(['sidecar', 'nginx']);
  });

  it('replaces a whole list with a $patch: replace item', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
      deploymentSchema,
    );
    expect(at(out, 'spec', 'template', 'spec', 'containers')).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('replaces or deletes a map with $patch on the map', () => {
    const replaced = applyStrategicMergePatch(
      deployment(),
      { metadata: { labels: { $patch: 'replace', fresh: 'yes' } } },
      deploymentSchema,
    );
    expect(at(replaced, 'metadata', 'labels')).toEqual({ fresh: 'yes' });
    const deleted = applyStrategicMergePatch(
      deployment(),
      { spec: { strategy: { $patch: 'delete' } } },
      deploymentSchema,
    );
    expect(at(deleted, 'spec', 'strategy')).toEqual({});
  });

  it('refuses an unknown $patch directive on a map with 400', () => {
    const err = rejection(() =>
      applyStrategicMergePatch(deployment(), { metadata: { labels: { $patch: 'merge' } } }, deploymentSchema),
    );
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toContain('unknown patch type: merge');
  });

  it('clears keys outside $retainKeys (Deployment strategy switched to Recreate)', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
      deploymentSchema,
    );
    expect(at(out, 'spec', 'strategy')).toEqual({ type: 'Recreate' });
  });

  it('refuses patch keys missing from $retainKeys with 400', () => {
    const err = rejection(() =>
      applyStrategicMergePatch(
        deployment(),
        { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
        deploymentSchema,
      ),
    );
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('invalid patch format of retainKeys');
  });

  it('merges finalizers as a set and deletes with $deleteFromPrimitiveList', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { metadata: { finalizers: ['c', 'a'], '$deleteFromPrimitiveList/finalizers': ['b'] } },
      deploymentSchema,
    );
    expect(at(out, 'metadata', 'finalizers')).toEqual(['c', 'a']);
    const added = applyStrategicMergePatch(deployment(), { metadata: { finalizers: ['c'] } }, deploymentSchema);
    // apimachinery puts patch items the live list does not know in front of the live ones.
    expect(at(added, 'metadata', 'finalizers')).toEqual(['c', 'a', 'b']);
  });

  it('replaces atomic lists (tolerations, args)', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { spec: { template: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } } } },
      deploymentSchema,
    );
    expect(at(out, 'spec', 'template', 'spec', 'tolerations')).toEqual([{ key: 'y', operator: 'Exists' }]);
  });

  it('deletes fields with null and ignores nulls for absent fields', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { metadata: { labels: { app: null, gone: null } }, spec: { replicas: null } },
      deploymentSchema,
    );
    expect(at(out, 'metadata', 'labels')).toEqual({});
    expect(at(out, 'spec')).not.toHaveProperty('replicas');
  });

  it('merges ports by containerPort and conditions by type on a Pod', () => {
    const pod: JsonObject = {
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 443 }] }] },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] },
    };
    const out = applyStrategicMergePatch(
      pod,
      {
        spec: { containers: [{ name: 'c', ports: [{ containerPort: 443, name: 'https' }] }] },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      },
      podSchema,
    );
    expect(at(out, 'spec', 'containers', 0, 'ports')).toEqual([
      { containerPort: 80 },
      { containerPort: 443, name: 'https' },
    ]);
    expect(at(out, 'status', 'conditions')).toEqual([
      { type: 'Ready', status: 'True' },
      { type: 'Initialized', status: 'True' },
    ]);
  });

  it('merges Service ports by port', () => {
    const svc: JsonObject = { spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    const out = applyStrategicMergePatch(
      svc,
      { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } },
      builtinMergeSchema('', 'v1', 'Service'),
    );
    expect(at(out, 'spec', 'ports')).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
  });

  it('refuses a merge-list item without its merge key with 400, and lists of lists with 422', () => {
    const noKey = rejection(() =>
      applyStrategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, deploymentSchema),
    );
    expect(noKey.reason).toBe('BadRequest');
    expect(noKey.message).toBe('map: map[image:x] does not contain declared merge key: name');
    const listOfLists = rejection(() =>
      applyStrategicMergePatch({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, deploymentSchema),
    );
    expect(listOfLists.reason).toBe('Invalid');
  });

  it('answers a patch that is not an object with 400', () => {
    expect(rejection(() => applyStrategicMergePatch({}, [], deploymentSchema)).reason).toBe('BadRequest');
  });

  it('switches a volume source with $retainKeys inside a list item, as kubectl apply sends it', () => {
    const pod: JsonObject = {
      spec: { volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }] },
    };
    const out = applyStrategicMergePatch(
      pod,
      { spec: { volumes: [{ $retainKeys: ['name', 'secret'], name: 'data', secret: { secretName: 's' } }] } },
      podSchema,
    );
    expect(at(out, 'spec', 'volumes')).toEqual([
      { name: 'data', secret: { secretName: 's' } },
      { name: 'cfg', configMap: { name: 'c' } },
    ]);
  });

  it('orders a primitive merge list by $setElementOrder', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } },
      deploymentSchema,
    );
    expect(at(out, 'metadata', 'finalizers')).toEqual(['b', 'c', 'a']);
  });
});
