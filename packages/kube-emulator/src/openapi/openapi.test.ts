import { describe, expect, it } from 'vitest';
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { SERVICE_EXPORT_V1ALPHA1, TEST_TYPES } from '../discovery/test-resource-types.ts';
import {
  openApiV2,
  openApiV3Document,
  openApiV3DocumentWithHash,
  openApiV3Paths,
} from './index.ts';

function refsIn(value: JsonValue | undefined, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else refsIn(v, into);
    }
  }
  return into;
}

const o = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
const schemasOf = (doc: JsonObject | undefined) => o(o(doc?.components).schemas);

describe('openApiV3Paths', () => {
  it('lists every served group version with a content hash', () => {
    const paths = o(openApiV3Paths(TEST_TYPES).paths);
    expect(Object.keys(paths)).toEqual([
      'api/v1',
      'apis/apiextensions.k8s.io/v1',
      'apis/apps/v1',
      'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1',
      'apis/events.k8s.io/v1',
      'apis/example.com/v1',
      'apis/example.com/v1alpha1',
      'apis/example.com/v1beta1',
      'apis/multicluster.x-k8s.io/v1alpha1',
      'apis/rbac.authorization.k8s.io/v1',
    ]);
    expect(o(paths['api/v1']).serverRelativeURL).toMatch(
      /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/,
    );
  });

  it('keeps the hash while the types are the same and changes it with a CRD schema', () => {
    const url = (types: typeof TEST_TYPES) =>
      o(o(openApiV3Paths(types).paths)['apis/multicluster.x-k8s.io/v1alpha1']).serverRelativeURL;
    const before = url(TEST_TYPES);
    expect(url(TEST_TYPES.map((t) => ({ ...t })))).toBe(before);
    const changed = TEST_TYPES.map((t) =>
      t === SERVICE_EXPORT_V1ALPHA1
        ? { ...t, schema: { type: 'object', properties: { spec: { type: 'object' } } } }
        : t,
    );
    expect(url(changed)).not.toBe(before);
    expect(o(o(openApiV3Paths(changed).paths)['api/v1']).serverRelativeURL).toBe(
      o(o(openApiV3Paths(TEST_TYPES).paths)['api/v1']).serverRelativeURL,
    );
  });
});

describe('openApiV3Document', () => {
  const core = openApiV3Document(TEST_TYPES, 'api/v1');

  it('answers only served group versions, with or without the URL decorations', () => {
    expect(openApiV3Document(TEST_TYPES, 'apis/example.com/v2alpha1')).toBeUndefined();
    expect(openApiV3Document(TEST_TYPES, 'apis/nope/v1')).toBeUndefined();
    const built = openApiV3DocumentWithHash(TEST_TYPES, '/openapi/v3/api/v1?hash=abc');
    expect(built?.document).toEqual(core);
    expect(o(o(openApiV3Paths(TEST_TYPES).paths)['api/v1']).serverRelativeURL).toContain(
      built?.hash ?? 'missing',
    );
  });

  it('describes kinds with their group-version-kind and patch strategies', () => {
    const schemas = schemasOf(core);
    expect(core?.openapi).toBe('3.0.0');
    expect(o(schemas['io.k8s.api.core.v1.Pod'])['x-kubernetes-group-version-kind']).toEqual([
      { group: '', version: 'v1', kind: 'Pod' },
    ]);
    expect(o(schemas['io.k8s.api.core.v1.PodList'])['x-kubernetes-group-version-kind']).toEqual([
      { group: '', version: 'v1', kind: 'PodList' },
    ]);
    const containers = o(o(o(schemas['io.k8s.api.core.v1.PodSpec']).properties).containers);
    expect(containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(o(schemas['io.k8s.api.core.v1.Container']).required).toEqual(['name']);
    expect(
      o(o(o(schemas['io.k8s.api.core.v1.Container']).properties).ports)[
        'x-kubernetes-list-map-keys'
      ],
    ).toEqual(['containerPort', 'protocol']);
    // a reference with a description is wrapped in allOf, as the real server does
    const podMetadata = o(o(o(schemas['io.k8s.api.core.v1.Pod']).properties).metadata);
    expect(Object.keys(podMetadata).sort()).toEqual(['allOf', 'description']);
    expect(podMetadata.allOf).toEqual([
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
    ]);
    expect(podMetadata.description).toMatch(/^Standard object's metadata/);
    expect(o(o(o(schemas['io.k8s.api.core.v1.ServicePort']).properties).targetPort).allOf).toEqual([
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
    ]);
  });

  it('is self-contained: every reference resolves inside the document', () => {
    for (const path of Object.keys(o(openApiV3Paths(TEST_TYPES).paths))) {
      const doc = openApiV3Document(TEST_TYPES, path);
      const schemas = schemasOf(doc);
      for (const ref of refsIn(doc)) {
        expect(ref.startsWith('#/components/schemas/'), `${path}: ${ref}`).toBe(true);
        expect(schemas[ref.slice('#/components/schemas/'.length)], `${path}: ${ref}`).toBeDefined();
      }
    }
  });

  it('advertises fieldValidation on PATCH, and strategic merge patch for built-ins only', () => {
    const podPatch = o(o(o(core?.paths)['/api/v1/namespaces/{namespace}/pods/{name}']).patch);
    expect(podPatch['x-kubernetes-group-version-kind']).toEqual({
      group: '',
      version: 'v1',
      kind: 'Pod',
    });
    expect(podPatch['x-kubernetes-action']).toBe('patch');
    expect(podPatch.parameters).toContainEqual({
      name: 'fieldValidation',
      in: 'query',
      schema: { type: 'string', uniqueItems: true },
    });
    expect(Object.keys(o(o(podPatch.requestBody).content))).toContain(
      'application/strategic-merge-patch+json',
    );
    const se = openApiV3Document(TEST_TYPES, 'apis/multicluster.x-k8s.io/v1alpha1');
    const sePatch = o(
      o(
        o(se?.paths)[
          '/apis/multicluster.x-k8s.io/v1alpha1/namespaces/{namespace}/serviceexports/{name}'
        ],
      ).patch,
    );
    expect(sePatch.operationId).toBe('patchMulticlusterXK8sIoV1alpha1NamespacedServiceExport');
    expect(Object.keys(o(o(sePatch.requestBody).content)).sort()).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    expect(Object.keys(o(se?.paths))).toEqual([
      '/apis/multicluster.x-k8s.io/v1alpha1/namespaces/{namespace}/serviceexports',
      '/apis/multicluster.x-k8s.io/v1alpha1/namespaces/{namespace}/serviceexports/{name}',
      '/apis/multicluster.x-k8s.io/v1alpha1/namespaces/{namespace}/serviceexports/{name}/status',
      '/apis/multicluster.x-k8s.io/v1alpha1/serviceexports',
    ]);
    const apps = openApiV3Document(TEST_TYPES, 'apis/apps/v1');
    const scale = o(
      o(o(apps?.paths)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']).get,
    );
    expect(scale['x-kubernetes-group-version-kind']).toEqual({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
    expect(schemasOf(apps)['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
    // cluster-scoped kinds have no namespace segment
    const crds = openApiV3Document(TEST_TYPES, 'apis/apiextensions.k8s.io/v1');
    expect(Object.keys(o(crds?.paths))).toContain(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}',
    );
  });

  it('publishes CRD schemas under the reversed group with apiVersion, kind and metadata', () => {
    const se = schemasOf(openApiV3Document(TEST_TYPES, 'apis/multicluster.x-k8s.io/v1alpha1'));
    const def = o(se['io.x-k8s.multicluster.v1alpha1.ServiceExport']);
    expect(def['x-kubernetes-group-version-kind']).toEqual([
      { group: 'multicluster.x-k8s.io', version: 'v1alpha1', kind: 'ServiceExport' },
    ]);
    expect(Object.keys(o(def.properties))).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ]);
    expect(o(o(def.properties).spec)).toMatchObject({
      type: 'object',
      properties: { weight: { type: 'integer', format: 'int64' } },
    });
    // nullable survives in v3
    expect(JSON.stringify(def)).toContain('"nullable":true');
    expect(se['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    expect(se['io.k8s.api.core.v1.Pod']).toBeUndefined();
    // the source ResourceType is not mutated
    expect(Object.keys(o(SERVICE_EXPORT_V1ALPHA1.schema?.properties))).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ]);
    expect(o(SERVICE_EXPORT_V1ALPHA1.schema?.properties).metadata).toEqual({ type: 'object' });
  });
});

describe('openApiV2', () => {
  const doc = openApiV2(TEST_TYPES);
  const definitions = o(doc.definitions);

  it('is a Swagger 2.0 document whose references all resolve', () => {
    expect(doc.swagger).toBe('2.0');
    for (const ref of refsIn(doc)) {
      expect(ref.startsWith('#/definitions/'), ref).toBe(true);
      expect(definitions[ref.slice('#/definitions/'.length)], ref).toBeDefined();
    }
  });

  it('has the built-in kinds the emulator serves, with extensions', () => {
    for (const name of [
      'io.k8s.api.core.v1.Pod',
      'io.k8s.api.core.v1.Service',
      'io.k8s.api.core.v1.Secret',
      'io.k8s.api.core.v1.ConfigMap',
      'io.k8s.api.core.v1.Namespace',
      'io.k8s.api.core.v1.ServiceAccount',
      'io.k8s.api.core.v1.Endpoints',
      'io.k8s.api.core.v1.Event',
      'io.k8s.api.events.v1.Event',
      'io.k8s.api.discovery.v1.EndpointSlice',
      'io.k8s.api.coordination.v1.Lease',
      'io.k8s.api.rbac.v1.Role',
      'io.k8s.api.rbac.v1.ClusterRole',
      'io.k8s.api.rbac.v1.RoleBinding',
      'io.k8s.api.rbac.v1.ClusterRoleBinding',
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    ]) {
      expect(o(definitions[name])['x-kubernetes-group-version-kind'], name).toBeDefined();
    }
    const podMetadata = o(o(o(definitions['io.k8s.api.core.v1.Pod']).properties).metadata);
    expect(podMetadata.$ref).toBe('#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(podMetadata.description).toMatch(/^Standard object's metadata/);
    expect(o(o(o(definitions['io.k8s.api.core.v1.ServiceSpec']).properties).ports)).toMatchObject({
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'port',
    });
    expect(
      o(o(o(definitions['io.k8s.api.apps.v1.DeploymentSpec']).properties).strategy)[
        'x-kubernetes-patch-strategy'
      ],
    ).toBe('retainKeys');
    expect(
      o(definitions['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'])['x-kubernetes-map-type'],
    ).toBe('atomic');
  });

  it('drops what Swagger 2.0 cannot say from CRD schemas, and covers every served CRD version', () => {
    const se = JSON.stringify(definitions['io.x-k8s.multicluster.v1alpha1.ServiceExport']);
    expect(se).not.toContain('nullable');
    expect(se).toContain('x-kubernetes-list-map-keys');
    expect(Object.keys(definitions).filter((k) => k.startsWith('com.example.'))).toEqual([
      'com.example.v1.Widget',
      'com.example.v1.WidgetList',
      'com.example.v1alpha1.Widget',
      'com.example.v1alpha1.WidgetList',
      'com.example.v1beta1.Widget',
      'com.example.v1beta1.WidgetList',
    ]);
    const patch = o(
      o(o(doc.paths)['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']).patch,
    );
    expect(patch.parameters).toContainEqual({
      name: 'fieldValidation',
      in: 'query',
      type: 'string',
      uniqueItems: true,
    });
    expect(patch.consumes).not.toContain('application/strategic-merge-patch+json');
  });
});
