// Custom resources over the wire: defaulting from the schema, the scale subresource, strategic
// merge patch refused with 415, server-side apply creating an object, garbage collection of
// custom dependents.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment -- wire-level tests walk untyped JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator } from '../src/index.ts';
import type { KubeEmulator } from '../src/index.ts';
import { ApiClient } from './support/api-client.ts';

let emulator: KubeEmulator;
let api: ApiClient;
const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        selectableFields: [{ jsonPath: '.spec.color' }],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer', minimum: 0, default: 1 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                },
              },
              status: { type: 'object', properties: { replicas: { type: 'integer' } } },
            },
          },
        },
      },
    ],
  },
};

beforeAll(async () => {
  emulator = await startKubeEmulator({ clusters: ['cr'], tls: false, logLevel: 'error' });
  api = new ApiClient(emulator, 'cr');
  const created = await api.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await emulator.stop();
});

describe('custom resources', () => {
  it('stores the CRD with its defaults and words CRD errors as the real server', async () => {
    const got = await api.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
    expect(got.body.spec.conversion).toEqual({ strategy: 'None' });
    const noVersions = await api.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      ...crd,
      metadata: { name: 'gadgets.example.com' },
      spec: { ...crd.spec, names: { plural: 'gadgets', kind: 'Gadget' }, versions: [] },
    });
    expect(noVersions.status).toBe(422);
    const fields = (noVersions.body.details.causes as { field: string; message: string }[]).map((c) => `${c.field}: ${c.message}`);
    expect(fields).toContain('spec.versions: Invalid value: null: must have exactly one version marked as storage version');
    expect(fields.join('\n')).not.toContain('Required value');
  });

  it('drops status on create, and validates only status on /status writes', async () => {
    const created = await api.post(WIDGETS, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'st' },
      spec: {},
      status: { replicas: 3 },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBeUndefined();
    const bad = await api.request('PUT', `${WIDGETS}/st/status`, { ...created.body, status: { replicas: 'many' } });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes.map((c: { field: string }) => c.field)).toEqual(['status.replicas']);
    const ok = await api.request('PUT', `${WIDGETS}/st/status`, { ...created.body, status: { replicas: 2 } });
    expect(ok.status).toBe(200);
    expect(ok.body.status.replicas).toBe(2);
  });

  it('filters lists by the selectable fields of the served version', async () => {
    await api.post(WIDGETS, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'red-one' }, spec: { color: 'red' } });
    const red = await api.get(`${WIDGETS}?fieldSelector=spec.color%3Dred`);
    expect(red.status).toBe(200);
    expect(red.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['red-one']);
    expect((await api.get(`${WIDGETS}?fieldSelector=spec.replicas%3D1`)).status).toBe(400);
  });

  it('reports unknown fields, but not nulls it drops', async () => {
    const r = await api.post(`${WIDGETS}?fieldValidation=Strict`, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'nulls' },
      spec: { color: null, shape: 'round' },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.shape"');
  });

  it('registers the type at once, with Established status', async () => {
    const got = await api.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
    expect(got.body.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'NamesAccepted=True',
      'Established=True',
    ]);
    expect((await api.get('/apis/example.com/v1')).body.resources.map((r: { name: string }) => r.name)).toContain('widgets/scale');
  });

  it('defaults from the schema and validates (422 with causes)', async () => {
    const created = await api.post(WIDGETS, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: {} });
    expect(created.body.spec.replicas).toBe(1);
    const bad = await api.post(WIDGETS, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2' }, spec: { color: 'green' } });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0].field).toBe('spec.color');
  });

  it('reads and writes replicas through the scale subresource', async () => {
    const scale = await api.get(`${WIDGETS}/w1/scale`);
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 } });
    const patched = await api.request('PATCH', `${WIDGETS}/w1/scale`, { spec: { replicas: 4 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.body.spec.replicas).toBe(4);
    const widget = await api.get(`${WIDGETS}/w1`);
    expect(widget.body.spec.replicas).toBe(4);
    expect(widget.body.metadata.generation).toBe(2);
  });

  it('refuses strategic merge patches for custom resources with 415', async () => {
    const r = await api.request('PATCH', `${WIDGETS}/w1`, { spec: { color: 'red' } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(r.status).toBe(415);
    expect(r.body.message).toContain('application/apply-patch+yaml');
  });

  it('creates with server-side apply and requires a fieldManager', async () => {
    const doc = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: applied\nspec:\n  color: blue\n';
    const noManager = await api.request('PATCH', `${WIDGETS}/applied`, doc, { 'Content-Type': 'application/apply-patch+yaml' });
    expect(noManager.status).toBe(422);
    const created = await api.request('PATCH', `${WIDGETS}/applied?fieldManager=tester`, doc, { 'Content-Type': 'application/apply-patch+yaml' });
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields[0]).toMatchObject({ manager: 'tester', operation: 'Apply' });
    const wrongName = await api.request('PATCH', `${WIDGETS}/other?fieldManager=tester`, doc, { 'Content-Type': 'application/apply-patch+yaml' });
    expect(wrongName.status).toBe(400);
  });

  it('garbage-collects dependents of a deleted owner (background) across kinds', async () => {
    const owner = await api.get(`${WIDGETS}/w1`);
    await api.post('/api/v1/namespaces/default/configmaps', {
      metadata: {
        name: 'w1-config',
        ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w1', uid: owner.body.metadata.uid, controller: true }],
      },
    });
    await api.request('DELETE', `${WIDGETS}/w1`);
    expect((await api.get('/api/v1/namespaces/default/configmaps/w1-config')).status).toBe(404);
  });
  it('ends watches on the resource when its CRD is deleted (last test: removes the type)', async () => {
    const events = await api.watch(
      `${WIDGETS}?watch=1`,
      () => false,
      async () => {
        await api.request('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
      },
    );
    expect(events.filter((e) => e.type === 'DELETED').map((e) => e.object.metadata.name as string)).toContain('applied');
    expect((await api.get(WIDGETS)).status).toBe(404);
  });

});
