/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire-level assertions walk untyped JSON bodies */
// kubectl apply --server-side: creation, managedFields, conflicts with another manager and
// --force-conflicts; kubectl explain from the served OpenAPI; the Warning header kubectl prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestEmulator } from './support/test-emulator.ts';
import type { TestEmulator } from './support/test-emulator.ts';
import { ApiClient } from './support/api-client.ts';

let t: TestEmulator;
const api = (): ApiClient => new ApiClient(t.emulator, 'ssa');
const yamlToJson = (text: string): unknown => parse(text);

const deployment = (replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ssa}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ssa}}
  template:
    metadata: {labels: {app: ssa}}
    spec:
      containers: [{name: app, image: nginx:1.25}]
`;

beforeAll(async () => {
  t = await startTestEmulator(['ssa']);
});
afterAll(async () => {
  await t.stop();
});

describe('kubectl apply --server-side', () => {
  it('creates the object and records the manager in managedFields', async () => {
    expect(await t.k(['apply', '--server-side', '-f', '-'], { input: deployment(2) })).toContain('deployment.apps/ssa serverside-applied');
    const managers = await t.k(['get', 'deployment', 'ssa', '-o', 'jsonpath={.metadata.managedFields[*].manager}/{.metadata.managedFields[*].operation}']);
    expect(managers).toBe('kubectl/Apply');
  });

  it('reports a conflict with another manager, and takes the field over with --force-conflicts', async () => {
    await t.k(['scale', 'deployment', 'ssa', '--replicas=4']);
    const conflict = await t.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment(3) });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict');
    expect(conflict.stderr).toContain('.spec.replicas');
    const status = await api().request('PATCH', '/apis/apps/v1/namespaces/default/deployments/ssa?fieldManager=kubectl', yamlToJson(deployment(3)), {
      'Content-Type': 'application/apply-patch+yaml',
    });
    expect(status.status).toBe(409);
    expect(status.body.details.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" using apps/v1', field: '.spec.replicas' },
    ]);
    await t.k(['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: deployment(3) });
    expect(await t.k(['get', 'deployment', 'ssa', '-o', 'jsonpath={.spec.replicas}'])).toBe('3');
  });
});

describe('status on apply', () => {
  it('ignores an applied status on the main resource and everything else on /status', async () => {
    const withStatus = `${deployment(3).replace('name: ssa', 'name: ssa-status')}status: {replicas: 9}\n`;
    await t.k(['apply', '--server-side', '-f', '-'], { input: withStatus });
    const fields = await t.k(['get', 'deployment', 'ssa-status', '-o', 'jsonpath={.status.replicas}/{.metadata.managedFields[*].fieldsV1}']);
    expect(fields.startsWith('/')).toBe(true);
    expect(fields).not.toContain('f:status');
    const statusApply = await api().request(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/ssa-status/status?fieldManager=status-writer',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa-status', labels: { x: 'y' } }, spec: { replicas: 1 }, status: { replicas: 5 } },
      { 'Content-Type': 'application/apply-patch+yaml' },
    );
    expect(statusApply.status).toBe(200);
    expect(statusApply.body.status.replicas).toBe(5);
    expect(statusApply.body.spec.replicas).toBe(3);
    expect(statusApply.body.metadata.labels).toBeUndefined();
    const entry = (statusApply.body.metadata.managedFields as { manager: string; fieldsV1: object }[]).find((e) => e.manager === 'status-writer');
    expect(Object.keys(entry?.fieldsV1 ?? {})).toEqual(['f:status']);
  });
});

describe('kubectl explain', () => {
  it('explains built-in fields from the served OpenAPI', async () => {
    const out = await t.k(['explain', 'deployment.spec.replicas']);
    expect(out).toContain('KIND:       Deployment');
    expect(out).toContain('FIELD: replicas <integer>');
  });
});
