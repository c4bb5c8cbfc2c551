// The upstream MCS API CRDs applied with the real kubectl, then custom objects: creation in
// an older served version, storage-version reads, pruning/validation, status subresource,
// `kubectl get -w`, and CRD deletion taking the objects with it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/test-emulator.ts';
import type { TestEmulator } from './support/test-emulator.ts';

const MCS_DIR = join(import.meta.dirname, 'fixtures', 'mcs-api');
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator(['workload']);
});
afterAll(async () => {
  await t.stop();
});

const serviceExport = (name: string, extra = ''): string =>
  `apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceExport\nmetadata: {name: ${name}, namespace: default}\n${extra}`;

describe('MCS API CRDs', () => {
  it('apply with kubectl and become Established', async () => {
    const files = (await readdir(MCS_DIR)).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(2);
    const out = await t.k(['apply', '-f', MCS_DIR]);
    expect(out).toContain('customresourcedefinition.apiextensions.k8s.io/serviceexports.multicluster.x-k8s.io created');
    expect(out).toContain('customresourcedefinition.apiextensions.k8s.io/serviceimports.multicluster.x-k8s.io created');
    await t.k(['wait', '--for=condition=Established', 'crd/serviceexports.multicluster.x-k8s.io', 'crd/serviceimports.multicluster.x-k8s.io', '--timeout=10s']);
    const stored = await t.k(['get', 'crd', 'serviceimports.multicluster.x-k8s.io', '-o', 'jsonpath={.status.storedVersions}']);
    expect(stored).toContain('v1beta1');
  });

  it('serves ServiceExport and ServiceImport objects in every served version', async () => {
    expect(await t.k(['apply', '-f', '-'], { input: serviceExport('web') })).toContain('serviceexport.multicluster.x-k8s.io/web created');
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceImport
metadata: {name: web, namespace: default}
spec:
  type: ClusterSetIP
  ports: [{port: 80, protocol: TCP}]
`,
    });
    expect(await t.k(['get', 'serviceimports.v1alpha1.multicluster.x-k8s.io', 'web', '-o', 'jsonpath={.apiVersion}'])).toBe(
      'multicluster.x-k8s.io/v1alpha1',
    );
    expect(await t.k(['get', 'serviceimports.v1beta1.multicluster.x-k8s.io', 'web', '-o', 'jsonpath={.apiVersion}/{.spec.type}'])).toBe(
      'multicluster.x-k8s.io/v1beta1/ClusterSetIP',
    );
    const table = await t.k(['get', 'serviceimports']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+IP\s+AGE/);
  });

  it('rejects unknown fields with fieldValidation=Strict (kubectl default)', async () => {
    const r = await t.kubectl(['apply', '-f', '-'], { input: serviceExport('bad', 'spec: {color: blue}\n') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ServiceExport in version "v1alpha1" cannot be handled as a ServiceExport: strict decoding error: unknown field "spec.color"');
  });

  it('warns about unknown fields with fieldValidation=Warn (kubectl --validate=warn)', async () => {
    const r = await t.kubectl(['apply', '--validate=warn', '-f', '-'], { input: serviceExport('warned', 'spec: {color: blue}\n') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: unknown field "spec.color"');
    expect(await t.k(['get', 'serviceexport', 'warned', '-o', 'jsonpath={.spec}'])).toBe('{}');
  });

  it('rejects invalid objects with 422 and the field causes', async () => {
    const r = await t.kubectl(['apply', '-f', '-'], {
      input: 'apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceImport\nmetadata: {name: bad}\nspec: {type: Nonsense, ports: []}\n',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is invalid');
    expect(r.stderr).toContain('spec.type');
  });

  it('keeps status apart: the status subresource changes it, the main resource does not', async () => {
    await t.k([
      'patch',
      'serviceexport',
      'web',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"conditions":[{"type":"Valid","status":"True","reason":"OK","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}',
    ]);
    await t.k(['wait', '--for=condition=Valid', 'serviceexport/web', '--timeout=10s']);
    await t.k(['patch', 'serviceexport', 'web', '--type=merge', '-p', '{"status":{"conditions":[]}}']);
    expect(await t.k(['get', 'serviceexport', 'web', '-o', 'jsonpath={.status.conditions[0].type}'])).toBe('Valid');
    expect(await t.k(['get', 'serviceexport', 'web', '-o', 'jsonpath={.metadata.generation}'])).toBe('1');
  });

  it('streams changes to kubectl get -w', async () => {
    const watch = t.spawnKubectl(['get', 'serviceexports', '-w', '--output-watch-events']);
    try {
      await watch.waitFor('web');
      await t.k(['apply', '-f', '-'], { input: serviceExport('watched') });
      await watch.waitFor(/ADDED\s+watched/);
      await t.k(['delete', 'serviceexport', 'watched']);
      await watch.waitFor(/DELETED\s+watched/);
    } finally {
      watch.kill();
      await watch.exited;
    }
  });

  it('deleting a CRD removes its type and objects', async () => {
    await t.k(['delete', 'crd', 'serviceexports.multicluster.x-k8s.io']);
    expect(t.emulator.objects('workload').list('serviceexports.multicluster.x-k8s.io')).toEqual([]);
    const r = await t.kubectl(['get', 'serviceexports.multicluster.x-k8s.io']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("doesn't have a resource type");
  });
});
