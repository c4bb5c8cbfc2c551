import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { deleteObject } from '../gc/delete-object.ts';
import { resourceKeyOf } from '../resources/registry.ts';
import type { ResourceType } from '../resources/types.ts';
import { metadataOf } from '../store/object-meta.ts';
import { ClusterState } from './cluster-state.ts';
import { builtinType } from './internal-create.ts';
import { prepareCreate, prepareUpdate } from './object-prep.ts';

const configmaps = builtinType('', 'configmaps');
const deployments = builtinType('apps', 'deployments');
const namespaces = builtinType('', 'namespaces');

function create(state: ClusterState, type: ResourceType, obj: JsonObject, ns = 'default'): JsonObject {
  return state.insert(type, prepareCreate(state, type, obj, { namespace: ns, manager: 'test' }));
}

function update(state: ClusterState, type: ResourceType, live: JsonObject, next: JsonObject): JsonObject {
  return state.replace(type, live, prepareUpdate(state, type, live, next, { namespace: 'default', manager: 'test' }));
}

describe('a fresh cluster', () => {
  it('has the standard namespaces, each with a default ServiceAccount', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const names = state.store.list(resourceKeyOf(namespaces)).map((n) => metadataOf(n).name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const ns of names) expect(state.store.get('/serviceaccounts', ns ?? '', 'default')).toBeDefined();
  });
});

describe('generation', () => {
  it('bumps on spec changes only for kinds with a status subresource', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const d = create(state, deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: {} },
    });
    expect(metadataOf(d).generation).toBe(1);
    const labelled = update(state, deployments, d, { ...d, metadata: { ...(d.metadata as JsonObject), labels: { a: 'b' } } });
    expect(metadataOf(labelled).generation).toBe(1);
    const scaled = update(state, deployments, labelled, { ...labelled, spec: { ...(labelled.spec as JsonObject), replicas: 3 } });
    expect(metadataOf(scaled).generation).toBe(2);
    // status changes through the main resource are ignored
    const withStatus = update(state, deployments, scaled, { ...scaled, status: { replicas: 3 } });
    expect(withStatus.status).toBeUndefined();
  });

  it('bumps on any non-metadata change for kinds without a status subresource', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const c = create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } });
    const c2 = update(state, configmaps, c, { ...c, data: { a: '2' } });
    expect(metadataOf(c2).generation).toBe(2);
  });

  it('rejects a stale resourceVersion with the real Conflict message', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const c = create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    update(state, configmaps, c, { ...c, data: { a: '1' } });
    expect(() => update(state, configmaps, state.get(configmaps, 'default', 'x') as JsonObject, c)).toThrow(
      'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    );
  });
});

describe('deletion', () => {
  it('marks objects with finalizers and removes them when the last finalizer goes', () => {
    const state = new ClusterState('c', { historySize: 100 });
    create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f', finalizers: ['x/y'] } });
    const result = deleteObject(state, configmaps, 'default', 'f', {});
    expect(result.deleted).toBe(false);
    const marked = state.get(configmaps, 'default', 'f') as JsonObject;
    expect(metadataOf(marked).deletionTimestamp).toBeTruthy();
    const copy = structuredClone(marked);
    (copy.metadata as JsonObject).finalizers = [];
    update(state, configmaps, marked, copy);
    expect(state.get(configmaps, 'default', 'f')).toBeUndefined();
  });

  it('collects dependents in the background and keeps them with propagationPolicy Orphan', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const owner = create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: metadataOf(owner).uid ?? '' };
    create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [ref] } });
    deleteObject(state, configmaps, 'default', 'owner', { propagationPolicy: 'Background' });
    expect(state.get(configmaps, 'default', 'child')).toBeUndefined();

    const owner2 = create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner2' } });
    const ref2 = { ...ref, name: 'owner2', uid: metadataOf(owner2).uid ?? '' };
    create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orphan', ownerReferences: [ref2] } });
    const res = deleteObject(state, configmaps, 'default', 'owner2', { propagationPolicy: 'Orphan' });
    expect(res.deleted).toBe(true);
    const orphan = state.get(configmaps, 'default', 'orphan') as JsonObject;
    expect(metadataOf(orphan).ownerReferences).toBeUndefined();
  });

  it('foreground deletion waits for dependents held by finalizers', () => {
    const state = new ClusterState('c', { historySize: 100 });
    const owner = create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: metadataOf(owner).uid ?? '', blockOwnerDeletion: true };
    create(state, configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'child', ownerReferences: [ref], finalizers: ['hold'] },
    });
    const res = deleteObject(state, configmaps, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(res.deleted).toBe(false);
    expect(metadataOf(state.get(configmaps, 'default', 'owner') as JsonObject).finalizers).toEqual(['foregroundDeletion']);
    const child = state.get(configmaps, 'default', 'child') as JsonObject;
    const released = structuredClone(child);
    delete (released.metadata as JsonObject).finalizers;
    update(state, configmaps, child, released);
    expect(state.get(configmaps, 'default', 'child')).toBeUndefined();
    expect(state.get(configmaps, 'default', 'owner')).toBeUndefined();
  });

  it('terminates a namespace: Terminating while contents have finalizers, gone once empty', () => {
    const state = new ClusterState('c', { historySize: 100 });
    create(state, namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, '');
    create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } }, 'team');
    create(state, configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['hold'] } }, 'team');
    deleteObject(state, namespaces, '', 'team', {});
    const ns = state.get(namespaces, '', 'team') as JsonObject;
    expect((ns.status as JsonObject).phase).toBe('Terminating');
    expect(state.get(configmaps, 'team', 'plain')).toBeUndefined();
    const held = state.get(configmaps, 'team', 'held') as JsonObject;
    const released = structuredClone(held);
    delete (released.metadata as JsonObject).finalizers;
    update(state, configmaps, held, released);
    expect(state.get(namespaces, '', 'team')).toBeUndefined();
  });
});
