// kubectl apply --server-side: creation, managedFields, conflicts with another manager and
// --force-conflicts; kubectl explain from the served OpenAPI; the Warning header kubectl prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/test-emulator.ts';
import type { TestEmulator } from './support/test-emulator.ts';

let t: TestEmulator;

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
    await t.k(['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: deployment(3) });
    expect(await t.k(['get', 'deployment', 'ssa', '-o', 'jsonpath={.spec.replicas}'])).toBe('3');
  });
});

describe('kubectl explain', () => {
  it('explains built-in fields from the served OpenAPI', async () => {
    const out = await t.k(['explain', 'deployment.spec.replicas']);
    expect(out).toContain('KIND:       Deployment');
    expect(out).toContain('FIELD: replicas <integer>');
  });
});
