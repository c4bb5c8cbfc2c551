// The upstream MCS API CRDs end to end: CRD accepted, ServiceImports validated, defaulted and pruned
// as a real apiserver would, printer columns evaluated.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { loadCrd, versionSchema } from './fixtures/mcs-api.ts';
import {
  applyDefaults,
  evaluateJsonPath,
  formatInvalidMessage,
  formatPrinterValue,
  mergeSchemaFromOpenApi,
  pruneUnknownFieldsReport,
  toStatusCause,
  validateCustomResourceDefinition,
  validateObject,
  validateStatusSubresource,
} from './index.ts';

const importsCrd = loadCrd('serviceimports');
const exportsCrd = loadCrd('serviceexports');
const importSchema = versionSchema(importsCrd, 'v1beta1');
const exportSchema = versionSchema(exportsCrd, 'v1beta1');

function serviceImport(spec: JsonObject, status?: JsonObject): JsonObject {
  return {
    apiVersion: 'multicluster.x-k8s.io/v1beta1',
    kind: 'ServiceImport',
    metadata: { name: 'frontend', namespace: 'shop', creationTimestamp: '2026-11-23T10:00:00Z' },
    spec,
    ...(status === undefined ? {} : { status }),
  };
}

const goodSpec: JsonObject = {
  type: 'ClusterSetIP',
  ips: ['10.42.0.7'],
  ports: [{ name: 'http', protocol: 'TCP', port: 80, appProtocol: 'http' }],
  sessionAffinity: 'None',
};

describe('MCS API CRDs from kubernetes-sigs/mcs-api', () => {
  it('accepts both CRDs as a real apiserver does', () => {
    expect(validateCustomResourceDefinition(importsCrd)).toEqual([]);
    expect(validateCustomResourceDefinition(exportsCrd)).toEqual([]);
  });

  it('accepts a correct ServiceImport with status', () => {
    const obj = serviceImport(goodSpec, {
      clusters: [{ cluster: 'east' }, { cluster: 'west' }],
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Exported',
          message: '',
          lastTransitionTime: '2026-11-23T10:00:00Z',
        },
      ],
    });
    expect(validateObject(importSchema, obj)).toEqual([]);
  });

  it('rejects a port given as a string, with the apiserver message', () => {
    const errors = validateObject(
      importSchema,
      serviceImport({ ...goodSpec, ports: [{ port: '80' }] }),
    );
    expect(errors).toEqual([
      {
        type: 'FieldValueTypeInvalid',
        field: 'spec.ports[0].port',
        message:
          'spec.ports[0].port: Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"',
      },
    ]);
    const [first] = errors;
    if (first === undefined) throw new Error('expected an error');
    expect(toStatusCause(first)).toEqual({
      reason: 'FieldValueTypeInvalid',
      field: 'spec.ports[0].port',
      message:
        'Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"',
    });
  });

  it('rejects missing required fields and an unsupported type', () => {
    const errors = validateObject(
      importSchema,
      serviceImport({ type: 'LoadBalancer', ports: [{ name: 'http' }] }),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'spec.ports[0].port: Required value',
      'spec.type: Unsupported value: "LoadBalancer": supported values: "ClusterSetIP", "Headless"',
    ]);
    expect(formatInvalidMessage('ServiceImport.multicluster.x-k8s.io', 'frontend', errors)).toBe(
      'ServiceImport.multicluster.x-k8s.io "frontend" is invalid: [spec.ports[0].port: Required value, spec.type: Unsupported value: "LoadBalancer": supported values: "ClusterSetIP", "Headless"]',
    );
    const missing = validateObject(importSchema, serviceImport({ ips: [] }));
    expect(missing.map((e) => e.message)).toEqual([
      'spec.ports: Required value',
      'spec.type: Required value',
    ]);
  });

  it('rejects too many IPs, an int32 overflow and duplicate map-list keys', () => {
    const errors = validateObject(
      importSchema,
      serviceImport(
        { ...goodSpec, ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], ports: [{ port: 3000000000 }] },
        { clusters: [{ cluster: 'east' }, { cluster: 'east' }] },
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'spec.ips: Too many: 3: must have at most 2 items',
      '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.ports[0].port',
      'status.clusters[1]: Duplicate value: {"cluster":"east"}',
    ]);
    expect(errors.map((e) => e.type)).toEqual([
      'FieldValueTooMany',
      'FieldValueInvalid',
      'FieldValueDuplicate',
    ]);
  });

  it('validates conditions: pattern, enum, date-time, minimum', () => {
    const errors = validateObject(
      importSchema,
      serviceImport(goodSpec, {
        conditions: [
          {
            type: 'Ready!',
            status: 'Maybe',
            reason: 'ok',
            message: 'm',
            lastTransitionTime: 'yesterday',
            observedGeneration: -1,
          },
        ],
      }),
    );
    expect(errors.map((e) => e.message).sort()).toEqual(
      [
        'status.conditions[0].lastTransitionTime: Invalid value: "yesterday": status.conditions[0].lastTransitionTime in body must be of type date-time: "yesterday"',
        'status.conditions[0].observedGeneration: Invalid value: -1: status.conditions[0].observedGeneration in body should be greater than or equal to 0',
        'status.conditions[0].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown"',
        'status.conditions[0].type: Invalid value: "Ready!": status.conditions[0].type in body should match \'^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$\'',
      ].sort(),
    );
  });

  it('prunes unknown fields and reports their paths', () => {
    const { object, pruned } = pruneUnknownFieldsReport(
      importSchema,
      serviceImport({ ...goodSpec, ports: [{ port: 80, targetPort: 8080 }], color: 'blue' }),
    );
    expect(pruned).toEqual(['spec.color', 'spec.ports[0].targetPort']);
    expect(object['spec']).toEqual({ ...goodSpec, ports: [{ port: 80 }] });
    expect(object['metadata']).toEqual({
      name: 'frontend',
      namespace: 'shop',
      creationTimestamp: '2026-11-23T10:00:00Z',
    });
  });

  it('keeps ServiceExport label maps and rejects non-string values', () => {
    const obj: JsonObject = {
      apiVersion: 'multicluster.x-k8s.io/v1beta1',
      kind: 'ServiceExport',
      metadata: { name: 'frontend' },
      spec: { exportedLabels: { app: 'web', tier: 1 } },
    };
    expect(pruneUnknownFieldsReport(exportSchema, obj).pruned).toEqual([]);
    expect(applyDefaults(exportSchema, obj)).toEqual(obj);
    expect(validateObject(exportSchema, obj).map((e) => e.message)).toEqual([
      'spec.exportedLabels.tier: Invalid value: "integer": spec.exportedLabels.tier in body must be of type string: "integer"',
    ]);
  });

  it('renders the printer columns like the apiserver table', () => {
    const obj = serviceImport(goodSpec);
    expect(formatPrinterValue('string', undefined, evaluateJsonPath(obj, '.spec.type'))).toBe(
      'ClusterSetIP',
    );
    expect(formatPrinterValue('string', undefined, evaluateJsonPath(obj, '.spec.ips'))).toBe(
      '["10.42.0.7"]',
    );
    const now = Date.parse('2026-11-23T10:05:30Z');
    expect(
      formatPrinterValue(
        'date',
        undefined,
        evaluateJsonPath(obj, '.metadata.creationTimestamp'),
        now,
      ),
    ).toBe('5m30s');
  });

  it('derives the merge schema for server-side apply', () => {
    const merge = mergeSchemaFromOpenApi(importSchema);
    expect(merge.listAt(['status', 'conditions'])).toEqual({ listType: 'map', keys: ['type'] });
    expect(merge.listAt(['status', 'clusters'])).toEqual({ listType: 'map', keys: ['cluster'] });
    expect(merge.listAt(['spec', 'ports'])).toEqual({ listType: 'atomic' });
    expect(merge.listAt(['spec', 'ips'])).toEqual({ listType: 'atomic' });
    expect(merge.listAt(['spec', 'type'])).toBeUndefined();
  });
});

describe('status subresource validation', () => {
  it('roots errors at status with paths relative to it in the detail, like the apiserver', () => {
    const obj = serviceImport(goodSpec, {
      clusters: [{ name: 'east' }],
      conditions: [
        { type: 'Ready', status: 'True', reason: 'R', message: '', lastTransitionTime: 'x' },
      ],
    });
    expect(validateStatusSubresource(importSchema, obj).map((e) => e.message)).toEqual([
      'status.clusters[0].cluster: Required value',
      'status.conditions[0].lastTransitionTime: Invalid value: "x": conditions[0].lastTransitionTime in body must be of type date-time: "x"',
    ]);
    // spec problems are not looked at on a status write
    expect(validateStatusSubresource(importSchema, serviceImport({}, { clusters: [] }))).toEqual(
      [],
    );
  });
});
