import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { toStructuralSchema } from './crd.ts';
import {
  CLUSTER_MIGRATION_CRD,
  TENANT_CRD,
  UPGRADE_SCHEDULE_CRD,
  WORKLOAD_CLUSTER_CRD,
} from './resources.ts';

/** Every node of a structural schema has a type (or preserves unknown fields) and no forbidden keyword. */
function assertStructural(schema: Record<string, unknown>, path = 'openAPIV3Schema'): void {
  expect(schema.type, `${path} has a type`).toBeDefined();
  for (const forbidden of ['$id', 'const', 'patternProperties', 'anyOf', 'allOf', 'oneOf']) {
    expect(schema[forbidden], `${path} has no ${forbidden}`).toBeUndefined();
  }
  expect(schema.additionalProperties === false, `${path} additionalProperties is not false`).toBe(
    false,
  );
  for (const [k, v] of Object.entries(
    (schema.properties ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    assertStructural(v, `${path}.${k}`);
  }
  if (schema.items) assertStructural(schema.items as Record<string, unknown>, `${path}[]`);
}

describe('CRDs from TypeBox schemas', () => {
  it.each([
    ['tenants', TENANT_CRD],
    ['workloadclusters', WORKLOAD_CLUSTER_CRD],
  ])('%s is a structural, single-version CRD with printer columns', (plural, crd) => {
    interface Version {
      name: string;
      served: boolean;
      storage: boolean;
      subresources: unknown;
      schema: { openAPIV3Schema: Record<string, unknown> };
      additionalPrinterColumns: { name: string }[];
    }
    const spec = crd.spec as { versions: Version[] };
    expect(crd.metadata).toEqual({ name: `${plural}.trellis.dev` });
    expect(spec.versions).toHaveLength(1);
    const version = spec.versions[0];
    expect(version).toMatchObject({
      name: 'v1alpha1',
      served: true,
      storage: true,
      subresources: { status: {} },
    });
    assertStructural(version.schema.openAPIV3Schema);
    expect(version.additionalPrinterColumns.map((c) => c.name)).toContain('Ready');
  });

  it('turns enums into typed enums, maps into additionalProperties and unknowns into preserved fields', () => {
    const schema = toStructuralSchema(
      Type.Object(
        {
          mode: Type.Enum(['A', 'B'], { default: 'A' }),
          labels: Type.Optional(Type.Record(Type.String(), Type.String())),
          policy: Type.Optional(Type.Unknown()),
        },
        { additionalProperties: false },
      ),
    );
    expect(schema).toEqual({
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { type: 'string', enum: ['A', 'B'], default: 'A' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        policy: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    });
  });

  it('keeps CEL rules: a ClusterMigration cannot change clusters once created', () => {
    const versions = (CLUSTER_MIGRATION_CRD.spec as { versions: { schema: unknown }[] }).versions;
    const spec = (
      versions[0]?.schema as {
        openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } };
      }
    ).openAPIV3Schema.properties.spec.properties;
    for (const field of ['fromCluster', 'toCluster'])
      expect(spec[field]).toMatchObject({
        type: 'string',
        'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: `${field} is immutable` }],
      });
    // an UpgradeSchedule's migration template may change its clusters
    expect(JSON.stringify(UPGRADE_SCHEDULE_CRD)).not.toContain('x-kubernetes-validations');
  });
});
