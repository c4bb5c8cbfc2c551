import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATION_STEPS, resolveMigrationSpec } from './cluster-migration.ts';
import { CLUSTER_MIGRATION_CRD, TRELLIS_CRDS, UPGRADE_SCHEDULE_CRD } from './resources.ts';

type Schema = Record<string, unknown>;

function forbiddenKeywords(schema: Schema, path = ''): string[] {
  const found = ['$id', 'const', 'patternProperties', 'anyOf', 'allOf', 'oneOf']
    .filter((k) => schema[k] !== undefined)
    .map((k) => `${path}: ${k}`);
  if (schema.type === undefined) found.push(`${path}: no type`);
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    found.push(...forbiddenKeywords(v, `${path}.${k}`));
  }
  if (schema.items !== undefined)
    found.push(...forbiddenKeywords(schema.items as Schema, `${path}[]`));
  if (typeof schema.additionalProperties === 'object') {
    found.push(...forbiddenKeywords(schema.additionalProperties as Schema, `${path}{}`));
  }
  return found;
}

interface Version {
  schema: { openAPIV3Schema: Schema };
  additionalPrinterColumns: { name: string; jsonPath: string }[];
}

describe('ClusterMigration and UpgradeSchedule CRDs', () => {
  it('are registered, structural and namespaced, with their printer columns', () => {
    expect(TRELLIS_CRDS).toContain(CLUSTER_MIGRATION_CRD);
    expect(TRELLIS_CRDS).toContain(UPGRADE_SCHEDULE_CRD);
    for (const crd of [CLUSTER_MIGRATION_CRD, UPGRADE_SCHEDULE_CRD]) {
      const spec = crd.spec as { scope: string; versions: Version[] };
      expect(spec.scope).toBe('Namespaced');
      expect(forbiddenKeywords(spec.versions[0]?.schema.openAPIV3Schema ?? {})).toEqual([]);
    }
    const columns = (CLUSTER_MIGRATION_CRD.spec as { versions: Version[] }).versions[0]
      ?.additionalPrinterColumns;
    expect(columns?.map((c) => c.name)).toEqual([
      'Phase',
      'Step',
      'From',
      'To',
      'Ready',
      'Reason',
      'Age',
    ]);
  });

  it('resolves the documented defaults', () => {
    const resolved = resolveMigrationSpec({
      fromCluster: 'a',
      toCluster: 'b',
      services: { all: true },
    });
    expect(resolved.steps.map((s) => [s.weightPercent, s.pauseSeconds])).toEqual([
      [10, 300],
      [25, 600],
      [50, 600],
      [100, 0],
    ]);
    expect(resolved).toMatchObject({
      failurePolicy: 'Rollback',
      finish: 'ZeroWeight',
      paused: false,
    });
    expect(resolved.healthGate).toEqual({
      minHealthyTargetRatio: 1,
      holdSeconds: 30,
      timeoutSeconds: 600,
      intervalSeconds: 15,
    });
    // The defaults are copied, not shared.
    resolved.steps[0].weightPercent = 1;
    expect(DEFAULT_MIGRATION_STEPS[0]?.weightPercent).toBe(10);
  });
});
